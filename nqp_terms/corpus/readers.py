"""Read the documents of one partition, one reader per input format.

A :class:`Document` is what the linter sees once: a JSONL line, a Parquet or CSV row, a TMX, XLIFF
or PO segment, or a text file.  The bilingual readers of :mod:`nqp_terms.formats` are reused for
TMX, XLIFF, PO and header-less two-column TSV; a partition is read lazily, so memory holds one
partition's documents at most (one document at a time for JSONL, Parquet and CSV).

A corpus run takes a partition's documents as columns (:func:`read_columns`): ids, texts, sources
and dates, one list each.  JSON lines of the common shape (one object a line, the fields strings)
are read straight into the columns, a few times faster than a :class:`Document` per line; any
other partition is read document by document, with the same result.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.jsonl").write_text('{"id": "s1", "text": "Go out"}\\n{"text": "new quality productivity"}\\n')
>>> from nqp_terms.corpus.partitions import plan_partitions
>>> (partition,) = plan_partitions([str(folder / "a.jsonl")])
>>> [(d.id, d.text) for d in read_documents(partition, Fields(id="id"))]
[('s1', 'Go out'), ('a.jsonl:2', 'new quality productivity')]
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json.scanner import make_scanner  # type: ignore[attr-defined]  # the scanner json.loads runs, in C
from operator import itemgetter
from pathlib import Path
from typing import Any

from .partitions import BILINGUAL, InputError, Partition


@dataclass(frozen=True)
class Fields:
    """Which fields of a record hold what (JSONL, Parquet, CSV); ``None`` where there is none."""

    text: str = "text"  # lint: the English text
    source: str = "source"  # check: the Chinese source
    target: str = "target"  # check: the English translation
    id: str | None = None  # a document id; default: the file name and line, row or segment
    date: str | None = None  # a date, for change over time


@dataclass(frozen=True)
class Document:
    """One piece of text to lint or one pair to check."""

    id: str
    text: str  # lint: the text; check: the English target
    source: str = ""  # check: the Chinese source
    date: str | None = None


@dataclass
class DocumentColumns:
    """A partition's documents as columns, one entry per document in each (``sources``: check only).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = path.write_text('{"id": 7, "text": "Go out", "day": "2025-03-01"}\\n{"text": "new quality productivity"}\\n')
    >>> from nqp_terms.corpus.partitions import plan_partitions
    >>> columns = read_columns(plan_partitions([str(path)])[0], Fields(id="id", date="day"))
    >>> columns.ids, columns.texts, columns.dates
    (['7', 'a.jsonl:2'], ['Go out', 'new quality productivity'], ['2025-03-01', None])
    """

    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # lint: the text; check: the English target
    sources: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)

    def extend(self, other: DocumentColumns) -> None:
        """Add the documents of ``other`` after these."""
        self.ids += other.ids
        self.texts += other.texts
        self.sources += other.sources
        self.dates += other.dates


def read_columns(partition: Partition, fields: Fields, *, bilingual: bool = False) -> DocumentColumns:
    """The documents of ``partition`` as columns: the same documents :func:`read_documents` gives."""
    if partition.format == "jsonl":
        whole = DocumentColumns()
        for columns in read_column_slices(partition, fields, bilingual=bilingual, documents=None):
            whole.extend(columns)
        return whole
    return _document_columns(read_documents(partition, fields, bilingual=bilingual), bilingual)


def read_column_slices(partition: Partition, fields: Fields, *, bilingual: bool = False,
                       documents: int | None = 1024) -> Iterator[DocumentColumns]:
    """The documents of ``partition`` as columns, a slice of about ``documents`` at a time, in order: together
    the documents :func:`read_columns` gives.

    A corpus run lints each slice before it reads the next: what a partition's decoded lines and texts would
    hold at once (several times the partition's bytes) is held for a thousand lines only.  A JSONL slice
    of the common shape is read straight into columns; any other (a blank or malformed line, Windows line
    ends, a byte order mark) line by line, with the same result.  Other formats come as one slice.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = path.write_text('{"text": "one"}\\n\\n{"text": "two"}\\n{"text": "three"}\\n')
    >>> from nqp_terms.corpus.partitions import plan_partitions
    >>> [columns.ids for columns in read_column_slices(plan_partitions([str(path)])[0], Fields(), documents=2)]
    [['a.jsonl:1'], ['a.jsonl:3', 'a.jsonl:4']]
    """
    if partition.format != "jsonl":
        yield read_columns(partition, fields, bilingual=bilingual)
        return
    lines = _jsonl_bytes(partition).split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the partition ends at a line break
    step = documents or max(1, len(lines))
    for first in range(0, len(lines), step):
        part, first_line = lines[first: first + step], partition.first_line + first
        columns = _jsonl_columns_of(part, first_line, partition, fields, bilingual)
        if columns is None:  # not the common shape: line by line, which gives the same or names the wrong line
            columns = _document_columns(_jsonl_documents(part, first_line, partition, fields, bilingual), bilingual)
        yield columns


def _document_columns(documents: Iterable[Document], bilingual: bool) -> DocumentColumns:
    columns = DocumentColumns()
    for document in documents:
        columns.ids.append(document.id)
        columns.texts.append(document.text)
        columns.dates.append(document.date)
        if bilingual:
            columns.sources.append(document.source)
    return columns


def read_documents(partition: Partition, fields: Fields, *, bilingual: bool = False) -> Iterator[Document]:
    """The documents of ``partition``; with ``bilingual``, each with its source (``check``)."""
    reader = _READERS[partition.format]
    if bilingual and partition.format == "text":
        raise InputError(f"{partition.input}: text files have no source; check needs JSONL, Parquet, CSV/TSV, "
                         "TMX, XLIFF or PO")
    return reader(partition, fields, bilingual)


def _record_document(record: Any, fields: Fields, bilingual: bool, default_id: str, where: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected an object with a {fields.text!r} field")
    wanted = (fields.source, fields.target) if bilingual else (fields.text,)
    missing = [name for name in wanted if name not in record]
    if missing:
        option = {fields.text: "--text-field", fields.source: "--source-field", fields.target: "--target-field"}
        raise InputError(f"{where}: no field {missing[0]!r} (name the field with {option[missing[0]]})")
    identifier = record.get(fields.id) if fields.id else None
    date = record.get(fields.date) if fields.date else None
    text = record[fields.target] if bilingual else record[fields.text]
    return Document(str(identifier) if identifier is not None else default_id, _string(text),
                    _string(record[fields.source]) if bilingual else "",
                    _date_string(date))


def _string(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _date_string(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _read_jsonl(partition: Partition, fields: Fields, bilingual: bool) -> Iterator[Document]:
    return _jsonl_documents(_jsonl_bytes(partition).split(b"\n"), partition.first_line, partition, fields,
                            bilingual)


def _jsonl_documents(lines: list[bytes], first_line: int, partition: Partition, fields: Fields,
                     bilingual: bool) -> Iterator[Document]:
    """The documents of ``lines`` of ``partition``, the first of which is its line ``first_line``."""
    name = Path(partition.input).name
    loads, text_field = json.loads, fields.text
    simple = not bilingual and fields.id is None and fields.date is None
    for line_number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            record = loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise InputError(f"{partition.input}:{line_number}: not a JSON line: {error}") from None
        if simple and type(record) is dict and type(record.get(text_field)) is str:
            yield Document(f"{name}:{line_number}", record[text_field])  # the common case, made short
        else:
            yield _record_document(record, fields, bilingual, f"{name}:{line_number}",
                                   f"{partition.input}:{line_number}")


_scan = make_scanner(json.JSONDecoder())  # (value, end) of the JSON value at an offset: json.loads without its checks
_NO_VALUE = type(None)


def _jsonl_columns(partition: Partition, fields: Fields, bilingual: bool) -> DocumentColumns | None:
    """The columns of a JSONL partition of the common shape, or ``None`` for any other (see below)."""
    lines = _jsonl_bytes(partition).split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the partition ends at a line break
    return _jsonl_columns_of(lines, partition.first_line, partition, fields, bilingual)


def _jsonl_columns_of(lines: list[bytes], first_line: int, partition: Partition, fields: Fields,
                      bilingual: bool) -> DocumentColumns | None:
    """The columns of ``lines`` (of ``partition``, from its line ``first_line``) if they are of the common
    shape, or ``None`` for any other.

    The common shape: UTF-8, no blank lines, each line one JSON object alone (no space before it)
    with the text fields.  Then the lines need no more than the JSON scanner, and each field is
    taken from every object at once (values that are not strings are made strings as the line
    reader makes them).  Anything else, an error included, is left to the reader that goes line by
    line (:func:`_jsonl_documents`), which gives the same documents or says which line is wrong.
    """
    try:
        # Line by line, not the partition at once: a line of ASCII stays a string of one byte a character.
        records = [_object_filling(line.decode("utf-8")) for line in lines]
        texts = list(map(itemgetter(fields.target if bilingual else fields.text), records))
        sources = list(map(itemgetter(fields.source), records)) if bilingual else []
        ids = [record.get(fields.id) for record in records] if fields.id else None
        dates = [record.get(fields.date) for record in records] if fields.date else [None] * len(records)
    except (StopIteration, ValueError, KeyError):
        return None  # not UTF-8, a blank or malformed line, a missing field, or a line that is not an object
    if ids is None:
        name = Path(partition.input).name  # as the line reader names a line without an id: file and line number
        ids = [f"{name}:{number}" for number in range(first_line, first_line + len(lines))]
    elif not set(map(type, ids)) <= {str}:  # numbers as ids, or some missing: as the line reader has them
        ids = [value if type(value) is str else _default_id(partition, number) if value is None else str(value)
               for number, value in enumerate(ids, start=first_line)]
    if not set(map(type, dates)) <= {str, _NO_VALUE}:
        dates = list(map(_date_string, dates))
    return DocumentColumns(ids, _strings(texts), _strings(sources), dates)


def _strings(values: list[Any]) -> list[str]:
    return values if set(map(type, values)) <= {str} else list(map(_string, values))


def _default_id(partition: Partition, line_number: int) -> str:
    """What the line reader names a line without an id: the file name and the line number."""
    return f"{Path(partition.input).name}:{line_number}"


def _object_filling(line: str) -> dict[str, Any]:
    """The JSON object that fills ``line``; ``ValueError`` (or ``StopIteration``) for anything else."""
    value, end = _scan(line, 0)
    if end != len(line) or type(value) is not dict:
        raise ValueError(line)
    return value


def _jsonl_bytes(partition: Partition) -> bytes:
    with open(partition.input, "rb") as handle:
        handle.seek(partition.start)
        return handle.read(partition.end - partition.start)  # one partition: a few megabytes, read at once


def _read_parquet(partition: Partition, fields: Fields, bilingual: bool) -> Iterator[Document]:
    import pyarrow.parquet as pq

    name = Path(partition.input).name
    parquet = pq.ParquetFile(partition.input)
    available = set(parquet.schema_arrow.names)
    wanted = [fields.source, fields.target] if bilingual else [fields.text]
    for column in wanted:
        if column not in available:
            raise InputError(f"{partition.input}: no column {column!r}; columns: {', '.join(sorted(available))}")
    columns = wanted + [c for c in (fields.id, fields.date) if c and c in available]
    row = partition.first_line
    for batch in parquet.iter_batches(batch_size=4096, row_groups=[partition.start], columns=columns):
        for record in batch.to_pylist():
            yield _record_document(record, fields, bilingual, f"{name}:{row}", f"{partition.input}: row {row}")
            row += 1


def _read_delimited(partition: Partition, fields: Fields, bilingual: bool) -> Iterator[Document]:
    """CSV or TSV with a header row naming the fields; a TSV of two columns without one is source, target."""
    name = Path(partition.input).name
    delimiter = "\t" if partition.format == "tsv" else ","
    with open(partition.input, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle, delimiter=delimiter), None)
        wanted = (fields.source, fields.target) if bilingual else (fields.text,)
        if header is not None and not all(field in header for field in wanted):
            if partition.format == "tsv" and len(header) == 2:
                yield from _read_plain_pairs(partition, bilingual)
                return
            raise InputError(f"{partition.input}: the header row has no column {wanted[-1]!r}; "
                             f"columns: {', '.join(header)}")
        if header is None:
            return
        for row_number, row in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
            if not any(cell.strip() for cell in row):
                continue
            record = dict(zip(header, row))
            yield _record_document(record, fields, bilingual, f"{name}:{row_number}",
                                   f"{partition.input}: row {row_number}")


def _read_plain_pairs(partition: Partition, bilingual: bool) -> Iterator[Document]:
    from ..formats.tsv import read_tsv

    with open(partition.input, encoding="utf-8-sig", newline="") as handle:
        segments = read_tsv(handle, partition.input)
    yield from _segment_documents(partition, segments, bilingual)


def _read_bilingual(partition: Partition, fields: Fields, bilingual: bool) -> Iterator[Document]:
    from ..formats.bilingual import SegmentError, read_segments

    try:
        segments = read_segments(Path(partition.input))
    except SegmentError as error:
        raise InputError(str(error)) from None
    yield from _segment_documents(partition, segments, bilingual)


def _segment_documents(partition: Partition, segments: list[Any], bilingual: bool) -> Iterator[Document]:
    for segment in segments:
        yield Document(segment.id, segment.target, segment.source if bilingual else "")


def _read_text(partition: Partition, fields: Fields, bilingual: bool) -> Iterator[Document]:
    folder = partition.input if os.path.isdir(partition.input) else os.path.dirname(partition.input)
    for file in partition.files:
        raw = Path(folder, file).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{os.path.join(folder, file)}: not UTF-8") from None
        yield Document(file, text)


_READERS = {"jsonl": _read_jsonl, "parquet": _read_parquet, "csv": _read_delimited, "tsv": _read_delimited,
            "text": _read_text, **{kind: _read_bilingual for kind in BILINGUAL}}
