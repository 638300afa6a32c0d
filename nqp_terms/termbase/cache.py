"""The on-disk cache of validated glossaries.

A glossary that passed validation is written, with whatever the layer above
derived from it (:mod:`nqp_terms.glossary` hands over the lookup tables), under
a key that changes whenever a glossary file, the code that validates it or
the Python version changes.  Reading it back costs one ``marshal.loads``:
records are rebuilt without pydantic (the data was validated before it was
written), and concepts only when first used, so a lookup in a 10,000-concept
glossary builds the one concept it returns.  A cache file that does not fit
the records is discarded and rebuilt.

The file format is :mod:`marshal`, the format of Python's own ``.pyc``
cache: several times faster to read than JSON, and trusted in the same way
(a per-user directory; nothing in it is ever executed).  A CRC-32 of the
payload catches a damaged file before anything is built from it.

``NQP_TERMS_CACHE=off`` turns the cache off; ``NQP_TERMS_CACHE=DIR`` moves it.
"""

from __future__ import annotations

import marshal
import os
import sys
import types
import typing
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any, overload

from .layout import YAML_SUFFIXES
from .model import Concept, GlossaryData, Source, SubjectField


def cache_dir() -> Path | None:
    """Where validated glossaries are cached; ``None`` when caching is off (``NQP_TERMS_CACHE=off``)."""
    setting = os.environ.get("NQP_TERMS_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nqp-terms"


def cache_key(paths: Sequence[Path], base_key: str, code: Sequence[Path]) -> str | None:
    """A key that changes when any glossary file or the code that validates it changes.

    ``code`` lists the source files whose code decides what a valid glossary
    is and what is derived from it: a cache written by other code is not trusted.

    Files are identified by path, size and modification time rather than by a
    hash of their content: on a 10,000-file glossary, reading every file to
    hash it would cost more than loading the cache saves.  ``None`` when a
    path is missing or holds no YAML: the loader then reports the problem.
    """
    import hashlib  # deferred: not needed to import the package

    digest = hashlib.sha256(base_key.encode() + sys.version.encode())  # marshal's format is per version
    for module in code:
        digest.update(module.read_bytes())
    for root in paths:
        stamps = _file_stamps(os.fspath(root))
        if not stamps:
            return None
        digest.update(os.fspath(root.absolute()).encode() + b"\0" + "\0".join(sorted(stamps)).encode() + b"\0")
    return digest.hexdigest()[:32]


def _file_stamps(root: str) -> list[str]:
    """``path size mtime`` of the file ``root`` or of every YAML file under it; empty when there is none."""
    try:
        if not os.path.isdir(root):
            status = os.stat(root)
            return [f"{root} {status.st_size} {status.st_mtime_ns}"]
        stamps, folders = [], [root]
        # os.scandir rather than os.walk and Path: on 10,000 files, building Path objects costs more than stat.
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir():
                        folders.append(entry.path)
                    elif entry.name.endswith(YAML_SUFFIXES):
                        status = entry.stat()
                        stamps.append(f"{entry.path} {status.st_size} {status.st_mtime_ns}")
        return stamps
    except OSError:
        return []


def read_cached(directory: Path, key: str) -> tuple[GlossaryData, Any] | None:
    """The glossary cached under ``key`` and what was derived from it, or ``None`` when there is none or it
    does not fit the records."""
    try:
        content = (directory / f"glossary-{key}.marshal").read_bytes()
        if len(content) < 4 or int.from_bytes(content[:4], "big") != zlib.crc32(content[4:]):
            return None
        document = marshal.loads(content[4:])
        data = GlossaryData(concepts=LazyConcepts(document["concepts"], document["ids"]),
                            sources=tuple(build(Source, s) for s in document["sources"]),
                            subject_fields=tuple(build(SubjectField, f) for f in document["subject_fields"]),
                            spelling_variants=tuple(map(tuple, document["spelling_variants"])))
        return data, document["derived"]
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        return None  # no cache yet, or an unreadable or foreign one: the caller rebuilds it


def write_cached(directory: Path, key: str, data: GlossaryData, derived: Any) -> None:
    """Store a validated glossary and ``derived`` (any marshal-able data) under ``key``.

    A read-only cache directory only costs speed.
    """
    from .validation import as_data

    # Defaults are left out: they are most of every term, and the records restore them.
    # Each concept is marshalled on its own, so that reading the file builds none of them.
    document = {
        "concepts": [marshal.dumps(as_data(c, by_alias=False, exclude_defaults=True)) for c in data.concepts],
        "ids": [c.id for c in data.concepts],
        "sources": [as_data(s, by_alias=False, exclude_defaults=True) for s in data.sources],
        "subject_fields": [as_data(f, by_alias=False) for f in data.subject_fields],
        "spelling_variants": list(data.spelling_variants),
        "derived": derived,
    }
    from ..safe_write import write_file

    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = marshal.dumps(document)
        # A random temporary name, O_EXCL, never through a symlink, renamed atomically.
        write_file(directory / f"glossary-{key}.marshal", zlib.crc32(payload).to_bytes(4, "big") + payload,
                   mode=0o600, follow_symlinks=False)
    except (OSError, ValueError):
        pass


def clear_cache() -> int:
    """Delete every cached glossary; return how many files were removed."""
    directory = cache_dir()
    removed = 0
    if directory is not None and directory.is_dir():
        for file in directory.glob("glossary-*.*"):
            file.unlink(missing_ok=True)
            removed += 1
    return removed


# ----------------------------------------------------- records from data


class LazyConcepts(Sequence[Concept]):
    """The concepts of a cached glossary, each built from its marshalled data on first use.

    >>> data = {"id": "niubizi", "subject_fields": ["set-phrases"], "terms": {}}
    >>> concepts = LazyConcepts([marshal.dumps(data)], ["niubizi"])
    >>> concepts.ids, concepts.built
    (['niubizi'], 0)
    >>> concepts[0].id, concepts.built
    ('niubizi', 1)
    """

    def __init__(self, raw: list[bytes], ids: list[str]):
        if len(raw) != len(ids):
            raise ValueError("a concept id for every concept")
        self._raw = raw
        self._built: list[Concept | None] = [None] * len(raw)
        self.ids = ids

    @property
    def built(self) -> int:
        """How many concepts have been built so far."""
        return sum(concept is not None for concept in self._built)

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> Concept: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Concept]: ...
    def __getitem__(self, index: int | slice) -> Concept | Sequence[Concept]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        concept = self._built[index]
        if concept is None:
            concept = self._built[index] = build(Concept, marshal.loads(self._raw[index]))
        return concept

    def __iter__(self) -> Iterator[Concept]:
        return (self[i] for i in range(len(self)))


def build(record_type: type, data: dict[str, Any]) -> Any:
    """A record from the data the cache holds (field names as keys, defaults left out).

    >>> from nqp_terms.termbase.model import Term
    >>> build(Term, {"term": "crux", "status": "preferred", "contexts": [{"text": "t", "source": "s"}]}).contexts
    (Context(text='t', source='s', zh=None, locator=None),)
    """
    converters = _converters(record_type)
    return record_type(**{name: converters[name](value) for name, value in data.items()})


@cache
def _converters(record_type: type) -> dict[str, Callable[[Any], Any]]:
    """How to turn each field's JSON value into its Python value, from the field's type."""
    hints = typing.get_type_hints(record_type)
    return {f.name: _converter(hints[f.name]) for f in fields(record_type)}


def _same(value: Any) -> Any:
    return value


def _converter(annotation: Any) -> Callable[[Any], Any]:
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if is_dataclass(annotation):
        record_type = typing.cast(type, annotation)
        return lambda value: build(record_type, value)
    if origin is types.UnionType or origin is typing.Union:  # X | None
        inner = _converter(next(a for a in arguments if a is not type(None)))
        return _same if inner is _same else (lambda value: None if value is None else inner(value))
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            item = _converter(arguments[0])
            return tuple if item is _same else (lambda value: tuple(map(item, value)))
        return tuple
    if origin is dict:
        item = _converter(arguments[1])
        return _same if item is _same else (lambda value: {k: item(v) for k, v in value.items()})
    return _same  # str, bool, int and Literal values are JSON values already
