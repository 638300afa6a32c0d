"""Cut the inputs of a corpus run into partitions: the units of work, of resuming and of output.

A partition is a piece of one input small enough for one worker to read and lint with flat memory,
and its number names its output files, so the output order is the inputs' order whoever ran it:

- **JSONL**: byte ranges of about ``partition_bytes`` ending at a line break (each range knows its
  first line number, so a segment is named by its line without reading what came before); the
  last input's last ranges are smaller, so that the workers finish together;
- **Parquet**: one row group each (its first row number comes from the file's metadata);
- **CSV/TSV, TMX, XLIFF, PO**: one file each (the XML and PO readers parse a whole file);
- **a directory of text or Markdown**: runs of files holding about ``partition_bytes`` together.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.jsonl").write_text('{"text": "one"}\\n' * 3)
>>> _ = (folder / "b.jsonl").write_text('{"text": "two"}\\n' * 12)
>>> [(p.input[-7:], p.start, p.end, p.first_line)
...  for p in plan_partitions([str(folder / "a.jsonl"), str(folder / "b.jsonl")], partition_bytes=40)]
... # doctest: +NORMALIZE_WHITESPACE
[('a.jsonl', 0, 48, 1),
 ('b.jsonl', 0, 48, 1), ('b.jsonl', 48, 96, 4), ('b.jsonl', 96, 128, 7), ('b.jsonl', 128, 160, 9),
 ('b.jsonl', 160, 176, 11), ('b.jsonl', 176, 192, 12)]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..linter.files import TEXT_SUFFIXES

#: Input formats by file suffix.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet", ".csv": "csv",
           ".tsv": "tsv", ".tab": "tsv", ".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff", ".xlf2": "xliff",
           ".po": "po", ".pot": "po", **{suffix: "text" for suffix in TEXT_SUFFIXES}}
#: Bilingual formats: their segments have a source and a target.
BILINGUAL = frozenset({"tmx", "xliff", "po"})
PARTITION_BYTES = 16 * 1024 * 1024


class InputError(ValueError):
    """An input that cannot be read as a corpus; the message names it and says why."""


@dataclass(frozen=True)
class Partition:
    """One unit of work: which input, in which format, and which part of it."""

    number: int
    input: str  # the path as given (directories: the directory)
    format: str
    start: int = 0  # JSONL: byte offset; Parquet: row group; text: index of the first file
    end: int = 0  # JSONL: byte offset past the last line; text: index past the last file
    first_line: int = 1  # JSONL: the line number of the first line; Parquet: the number of the first row
    size: int = 0  # bytes of input, for progress and throughput
    files: tuple[str, ...] = ()  # text: the files, relative to the directory

    @property
    def key(self) -> str:
        return partition_key(self.number)


def partition_key(number: int) -> str:
    """The name of partition ``number`` in the journal and in its files' names (``part-KEY.parquet``)."""
    return f"{number:06d}"


def plan_partitions(inputs: list[str], *, partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """The partitions of ``inputs``, in order; raises :class:`InputError` for a missing or unknown input."""
    return list(iter_partitions(inputs, partition_bytes=partition_bytes))


def iter_partitions(inputs: list[str], *, partition_bytes: int = PARTITION_BYTES) -> Iterator[Partition]:
    """The partitions of ``inputs`` as they are found: a run hands out the first while the rest are planned.

    Planning a JSONL file reads it all (to end partitions at line breaks and number their lines); a
    gigabyte takes a second or more, which the workers would otherwise spend waiting.  Every input is
    checked first (:func:`outline`), so a missing or unknown one stops the run before any work.
    """
    outline(inputs, partition_bytes=partition_bytes)
    number = 0
    for place, name in enumerate(inputs, start=1):
        for partition in _partitions_of(name, partition_bytes, last=place == len(inputs)):
            yield Partition(number, *partition)
            number += 1


def outline(inputs: list[str], *, partition_bytes: int = PARTITION_BYTES) -> tuple[int, int]:
    """The bytes the partitions of ``inputs`` add up to, and how many partitions there are at most, found
    without reading the files (JSONL: from its size); raises :class:`InputError` for a missing or unknown input.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = path.write_text('{"text": "one"}\\n' * 3)
    >>> partitions = plan_partitions([str(path)], partition_bytes=20)
    >>> size, most = outline([str(path)], partition_bytes=20)
    >>> size == sum(p.size for p in partitions), most >= len(partitions)
    (True, True)
    """
    total = count = 0
    for place, name in enumerate(inputs, start=1):
        if not Path(name).is_dir() and Path(name).is_file() and format_of(name) == "jsonl":
            size = Path(name).stat().st_size
            total += size
            # Each partition but the last holds at least as much as it is planned to.
            count += max(1, len(list(_planned_sizes(size, partition_bytes, last=place == len(inputs)))))
        else:
            sizes = [partition[5] for partition in _partitions_of(name, partition_bytes, last=place == len(inputs))]
            total += sum(sizes)
            count += len(sizes)
    return total, count


def _partitions_of(name: str, partition_bytes: int, *, last: bool = False) -> Iterator[tuple]:  # type: ignore[type-arg]
    path = Path(name)
    if path.is_dir():
        yield from _text_partitions(name, partition_bytes)
        return
    if not path.is_file():
        raise InputError(f"{name}: no such file or directory")
    kind = format_of(name)
    size = path.stat().st_size
    if kind == "jsonl":
        for start, end, line in _line_ranges(path, partition_bytes, taper=last):
            yield name, kind, start, end, line, end - start
    elif kind == "parquet":
        yield from _row_groups(name)
    elif kind == "text":
        yield name, kind, 0, 1, 1, size, (path.name,)
    else:
        yield name, kind, 0, 0, 1, size


def format_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{name}: unknown input format {suffix!r}; expected one of {', '.join(sorted(FORMATS))} "
                         "or a directory of text files")
    return FORMATS[suffix]


#: The last input's JSONL partitions shrink over its last this many partition sizes (see _planned_size).
_TAPER = 4
#: ... to no less than this part of a partition.
_SMALLEST = 16


def _planned_size(remaining: int, partition_bytes: int, taper: bool) -> int:
    """How much the next partition holds, with ``remaining`` bytes of the file left from its start.

    The last partitions of a run's last input are smaller, a quarter of what is left, down to a
    sixteenth of a partition: the workers then run out of work within a small partition of each
    other, where with partitions of one size the last one could keep one worker busy alone for a
    whole partition's time while the others had nothing left.

    >>> [_planned_size(left, 16, True) for left in (100, 64, 32, 8, 1)], _planned_size(32, 16, False)
    ([16, 16, 8, 2, 1], 16)
    """
    if not taper:
        return partition_bytes
    return max(1, min(partition_bytes, max(partition_bytes // _SMALLEST, remaining // _TAPER)))


def _planned_sizes(size: int, partition_bytes: int, *, last: bool) -> Iterator[int]:
    """The sizes the partitions of a JSONL file of ``size`` bytes are planned to (each ends at the first line
    break at or after that, so the file has at most as many partitions as this gives)."""
    start = 0
    while start < size:
        planned = _planned_size(size - start, partition_bytes, last)
        yield planned
        start += planned


def _line_ranges(path: Path, partition_bytes: int, *, taper: bool = False) -> Iterator[tuple[int, int, int]]:
    """Byte ranges of about ``partition_bytes`` that end at a line break, each with its first line number
    (with ``taper``, smaller ones at the end: see :func:`_planned_size`).

    One pass over the file in blocks, counting line breaks: memory is one block however large the file.
    """
    size = path.stat().st_size
    start, line, position, lines_to_position = 0, 1, 0, 0
    block_size = 4 * 1024 * 1024
    with path.open("rb") as handle:
        boundary = start + _planned_size(size - start, partition_bytes, taper)
        while True:
            block = handle.read(block_size)
            if not block:
                break
            block_start = position
            offset = 0
            while block_start + len(block) > boundary:
                cut = block.find(b"\n", max(offset, boundary - block_start))
                if cut < 0:
                    break
                end = block_start + cut + 1
                yield start, end, line
                line += lines_to_position + block.count(b"\n", offset, cut + 1)
                lines_to_position = 0
                start, offset = end, cut + 1
                boundary = end + _planned_size(size - end, partition_bytes, taper)
            lines_to_position += block.count(b"\n", offset)
            position += len(block)
    if position > start:
        yield start, position, line


def _row_groups(name: str) -> Iterator[tuple]:  # type: ignore[type-arg]
    import pyarrow.parquet as pq

    metadata = pq.ParquetFile(name).metadata
    first_row = 1
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        yield name, "parquet", group, group + 1, first_row, row_group.total_byte_size
        first_row += row_group.num_rows


def _text_partitions(name: str, partition_bytes: int) -> Iterator[tuple]:  # type: ignore[type-arg]
    files = sorted(os.path.relpath(os.path.join(folder, file), name)
                   for folder, _, names in os.walk(name) for file in names
                   if file.lower().endswith(TEXT_SUFFIXES))
    batch: list[str] = []
    batch_bytes = 0
    first = 0
    for index, file in enumerate(files):
        batch.append(file)
        batch_bytes += os.path.getsize(os.path.join(name, file))
        if batch_bytes >= partition_bytes or len(batch) >= 10_000:
            yield name, "text", first, index + 1, 1, batch_bytes, tuple(batch)
            batch, batch_bytes, first = [], 0, index + 1
    if batch:
        yield name, "text", first, len(files), 1, batch_bytes, tuple(batch)
