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


def findings_table(columns: dict[str, list[Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pydict(columns, schema=_schemas()[0])


def documents_table(columns: dict[str, list[Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pydict(columns, schema=_schemas()[1])


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
