"""Check plain data against the records with pydantic, and turn records back into plain data.

The records in :mod:`nqp_terms.termbase.model` are standard-library dataclasses;
pydantic validates glossary files against those same classes, so there is
one definition of every field.  This module is imported only where data
crosses the boundary (reading YAML or TBX, writing exports and the cache),
never by a lookup served from the cache.

>>> from nqp_terms.termbase.model import Term
>>> term = validate(Term, {"term": "crux", "status": "preferred", "unsourced": True})
>>> term
Term('crux', status='preferred')
>>> as_data(term, exclude_defaults=True)
{'term': 'crux', 'status': 'preferred', 'unsourced': True}
>>> validate(Term, {"term": "crux", "status": "best"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Term
...
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .model import CONCEPT_ID, HTTP_URL, PARTIAL_DATE, SOURCE_ID, Concept, Source, yaml_name

__all__ = ["ValidationError", "adapter", "as_data", "field_names", "format_errors", "validate"]

Record = TypeVar("Record")


def adapter(record_type: Any) -> TypeAdapter[Any]:
    """The pydantic adapter for a record type, built once per process."""
    return _adapter(record_type)


@cache
def _adapter(record_type: Any) -> TypeAdapter[Any]:
    return TypeAdapter(record_type)


def validate(record_type: type[Record], data: Any) -> Record:
    """``data`` (parsed YAML, JSON or TBX) as a ``record_type``; raises pydantic's ``ValidationError``.

    Field shapes and types are checked here; the formats of ids, dates and
    URLs by :func:`format_errors`, so that a glossary reports them alongside.
    """
    return adapter(record_type).validate_python(data)  # type: ignore[no-any-return]


def as_data(record: Any, *, by_alias: bool = True, exclude_defaults: bool = False) -> Any:
    """A record as JSON-compatible data: YAML key names (``zh-Hans``) unless ``by_alias`` is false."""
    return adapter(type(record)).dump_python(record, mode="json", by_alias=by_alias,
                                             exclude_defaults=exclude_defaults)


def field_names(*record_types: type) -> list[str]:
    """Every key a glossary file may use in these records, as written in YAML."""
    return sorted({yaml_name(f.name) for record_type in record_types for f in fields(record_type)})


def format_errors(record: Any) -> Iterator[tuple[tuple[str | int, ...], str, object]]:
    """``(field path, what was expected, value)`` for each field of ``record`` whose text has the wrong form.

    >>> from nqp_terms.termbase.model import Source
    >>> source = Source(id="Qiushi 2024", publisher="Qiushi", title="t", date="12 March 2024",
    ...                 url="qstheory.cn", accessed="2026-11-25", kind="official")
    >>> [path for path, _, _ in format_errors(source)]
    [('id',), ('date',), ('url',)]
    """
    if isinstance(record, Source):
        if not SOURCE_ID.match(record.id):
            yield ("id",), "a lower-case slug such as 'qiushi-2024-03-xi-speech'", record.id
        for name in ("date", "accessed"):
            value = getattr(record, name)
            if value is not None and not PARTIAL_DATE.match(value):
                yield (name,), "a date written YYYY, YYYY-MM or YYYY-MM-DD", value
        for name in ("url", "copy_of"):
            value = getattr(record, name)
            if value is not None and not HTTP_URL.match(value):
                yield (name,), "an http:// or https:// URL", value
    elif isinstance(record, Concept):
        if not CONCEPT_ID.match(record.id):
            yield ("id",), "a lower-case ASCII slug such as 'xinzhi-shengchanli'", record.id
        if not record.subject_fields:
            yield ("subject_fields",), "at least one subject field", record.subject_fields
