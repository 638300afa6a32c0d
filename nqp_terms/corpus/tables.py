"""The output tables of a corpus run as Arrow schemas, and Parquet in and out (pyarrow, imported here only).

One row per finding, and one row per document:

- ``findings``: ``input`` (the file), ``document`` (the document or segment id), ``rule``, ``severity``,
  ``start`` and ``end`` (character offsets in the document's text; in the target for ``check``),
  ``match``, ``suggestion``, ``concept``, ``date``;
- ``documents``: ``input``, ``document``, ``date``, ``characters``, ``findings``, ``errors``,
  ``warnings``, and for ``check`` runs ``terms_found``, ``terms_approved`` and ``accuracy``.
"""

from __future__ import annotations

from typing import Any


def _schemas() -> tuple[Any, Any]:
    import pyarrow as pa

    findings = pa.schema([
        ("input", pa.string()), ("document", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()), ("match", pa.string()), ("suggestion", pa.string()),
        ("concept", pa.string()), ("date", pa.string())])
    documents = pa.schema([
        ("input", pa.string()), ("document", pa.string()), ("date", pa.string()), ("characters", pa.int64()),
        ("findings", pa.int32()), ("errors", pa.int32()), ("warnings", pa.int32()), ("terms_found", pa.int32()),
        ("terms_approved", pa.int32()), ("accuracy", pa.float64())])
    return findings, documents


def partition_tables(where: str, findings: dict[str, list[Any]], owners: list[int],
                     documents: dict[str, list[Any]]) -> tuple[Any, Any]:
    """A partition's findings table and documents table, from their columns (``where``: the input).

    ``owners`` gives each finding's document, by its index in ``documents``; a finding's
    ``document`` and ``date`` are taken from there (by ``map`` over the lists, in C: Arrow's ``take``
    would import ``pyarrow.compute``, a third of a second in every worker process).

    >>> found, documents = partition_tables(
    ...     "mt.jsonl", {"rule": ["NQP001"], "severity": ["error"], "start": [3], "end": [9], "match": ["Go out"],
    ...                  "suggestion": ["go global"], "concept": ["zou-chuqu"]}, [1],
    ...     {"document": ["a", "b"], "date": [None, "2025-01-02"], "characters": [5, 12], "findings": [0, 1],
    ...      "errors": [0, 1], "warnings": [0, 0], "terms_found": [None, None], "terms_approved": [None, None],
    ...      "accuracy": [None, None]})
    >>> found.select(["input", "document", "date", "match"]).to_pylist()
    [{'input': 'mt.jsonl', 'document': 'b', 'date': '2025-01-02', 'match': 'Go out'}]
    >>> documents.column("input").to_pylist()
    ['mt.jsonl', 'mt.jsonl']
    """
    import pyarrow as pa

    finding_schema, document_schema = _schemas()
    table_of_documents = pa.Table.from_pydict({"input": pa.repeat(pa.scalar(where, pa.string()), len(documents["document"])),
                                               **documents}, schema=document_schema)
    columns = {**findings, "input": pa.repeat(pa.scalar(where, pa.string()), len(owners)),
               "document": list(map(documents["document"].__getitem__, owners)),
               "date": list(map(documents["date"].__getitem__, owners))}
    return pa.Table.from_pydict(columns, schema=finding_schema), table_of_documents


def to_parquet(table: Any) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue())


def read_table(directory: Any, columns: list[str] | None = None) -> Any:
    """Every part of ``findings/`` or ``documents/`` in partition order, as one table (for tests and reports)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted(directory.glob("part-*.parquet"))
    return pa.concat_tables([pq.read_table(part, columns=columns) for part in parts]) if parts else None
