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
cache: several times faster to read than JSON.  The cache is checked, not
trusted: each file carries an HMAC-SHA256 of its payload under a per-user
secret kept outside the cache directory (``~/.config/nqp-terms/cache-secret``,
mode 0600; ``NQP_TERMS_CACHE_SECRET=FILE`` moves it), so a file altered or
planted by anyone else (in a shared ``NQP_TERMS_CACHE``) is never read, and
a damaged one never built from.  Only regular files up to
:data:`MAX_CACHE_BYTES` are opened (never a FIFO or a device); any failure
building a record discards the file and rebuilds from the YAML.  The key
is a hash of each glossary file's path and content, so a file replaced by
another of the same size and time is seen; a warm run finds it from the
files' status alone (see :func:`cache_key`).

``NQP_TERMS_CACHE=off`` turns the cache off; ``NQP_TERMS_CACHE=DIR`` moves it.
When no secret can be kept (a read-only home), there is no cache.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import sys
import time
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, is_dataclass
from functools import cache, partial
from operator import attrgetter
from pathlib import Path
from typing import Any, overload

from .layout import YAML_SUFFIXES
from .model import Concept, GlossaryData, Source, SubjectField


#: The largest cache file read; a larger one (or a link to /dev/zero) is not a cache of ours.
MAX_CACHE_BYTES = 512 * 1024 * 1024
_MAGIC = b"NQPC2"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class CacheSecretUnavailable(OSError):
    """No per-user secret could be read or made: the cache is not used."""


def secret_path() -> Path:
    """Where the per-user secret that signs cache files is kept (outside the cache directory)."""
    setting = os.environ.get("NQP_TERMS_CACHE_SECRET")
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "nqp-terms" / "cache-secret"


@cache
def _secret_at(path: str) -> bytes:
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    from ..safe_write import create_new

    os.makedirs(os.path.dirname(path) or ".", mode=0o700, exist_ok=True)
    try:
        create_new(path, os.urandom(32), mode=0o600)
    except FileExistsError:  # another process made it first
        pass
    return _read_secret(path)


def _read_secret(path: str) -> bytes:
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_uid != os.geteuid() or status.st_mode & 0o077:
            raise CacheSecretUnavailable(f"{path}: not a private regular file of this user; the cache is not used")
        secret = os.read(fd, 64)
    finally:
        os.close(fd)
    if len(secret) < 32:
        raise CacheSecretUnavailable(f"{path}: too short; the cache is not used")
    return secret


def _secret() -> bytes:
    return _secret_at(os.fspath(secret_path()))


def cache_dir() -> Path | None:
    """Where validated glossaries are cached; ``None`` when caching is off (``NQP_TERMS_CACHE=off``)."""
    setting = os.environ.get("NQP_TERMS_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nqp-terms"


def cache_key(paths: Sequence[Path], base_key: str, code: Sequence[Path],
              directory: Path | None = None) -> str | None:
    """A key that changes when any glossary file or the code that validates it changes.

    ``code`` lists the source files whose code decides what a valid glossary
    is and what is derived from it: a cache written by other code is not trusted.

    The key is a hash of every glossary file's path and content (the shipped glossary's 1.4 MB hash in
    about 4 ms, 10,000 files in about 100 ms).  With ``directory``, reading every file is paid only when a
    file's status changed: the key is remembered, signed, under a hash of the files' status (path, size,
    modification and change time, inode), and a warm run only lists and stats the files.  This is why that
    is safe:

    - Any write to a file's content sets its change time (ctime) to the current time, and no user can set
      ctime back (``touch`` and ``os.utime`` set only the access and modification times); a file replaced
      by another (an editor's rename, ``git checkout``) has another inode or ctime too.  So a file whose
      status is unchanged since the key was remembered has unchanged content.
    - Except within one tick of the clock that stamps files (coarse: milliseconds, seconds on some file
      systems): a file written again in the same tick keeps its ctime.  So the key is remembered only when
      every file's modification and change times are :data:`SETTLED_SECONDS` older than the moment they
      were stat'ed; a file written since then has a later ctime.  Until then each run reads and hashes the
      contents (git calls this the "racily clean" case).
    - The status is taken before the contents are read: a file written in between has a new status at
      the next run, which therefore reads it again.

    ``None`` when a path is missing or holds no YAML: the loader then reports the problem.
    """
    # marshal's format is per Python version; the code's content decides what a cache holds.
    digest = hashlib.sha256(base_key.encode() + b"\0" + sys.version.encode())
    for module in code:
        digest.update(module.read_bytes())
    stat_started = time.time()
    stamped: list[tuple[str, list[_Folder]]] = []
    for root in paths:
        folders = _file_stamps(os.fspath(root))
        if not folders:
            return None
        stamped.append((os.fspath(root.absolute()), folders))
    memo = None
    if directory is not None:
        # In the order the directories list their files: another order only means another memo, and the
        # contents read again.
        by_status = digest.copy()
        by_status.update(marshal.dumps(stamped))
        memo = directory / f"key-{by_status.hexdigest()[:32]}"
        remembered = read_signed(memo)
        if remembered is not None and len(remembered) == 32 and bytes(remembered).isalnum():
            return bytes(remembered).decode("ascii")
    for root, folders in stamped:
        digest.update(root.encode() + b"\0")
        for path in sorted(os.path.join(folder, name) for folder, names, _ in folders for name in names):
            content = _content_hash(path)
            if content is None:
                return None
            digest.update(path.encode() + b"\0" + content)
    key = digest.hexdigest()[:32]
    settled = (stat_started - SETTLED_SECONDS) * 1e9
    if memo is not None and all(mtime < settled and ctime < settled for _, folders in stamped
                                for _, _, stamps in folders for _, mtime, ctime, _ in stamps):
        _write_signed(memo, key.encode("ascii"))
    return key


#: How old a glossary file's times must be for its status to stand for its content (see :func:`cache_key`).
SETTLED_SECONDS = 2.0
#: A folder's glossary files: the folder, their names, and each one's size, mtime, ctime and inode.
_Folder = tuple[str, list[str], list[tuple[int, int, int, int]]]
_STATUS = attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino")


def _file_stamps(root: str) -> list[_Folder]:
    """The status of the file ``root`` or of every YAML file under it, by folder; empty when there is none
    (or one cannot be read)."""
    try:
        if not os.path.isdir(root):
            folder, name = os.path.split(root)
            return [(folder, [name], [_STATUS(os.stat(root))])]
        found, folders = [], [root]
        while folders:
            folder, names = folders.pop(), []
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir():
                        folders.append(entry.path)
                    elif entry.name.endswith(YAML_SUFFIXES):
                        names.append(entry.name)
            if names:
                found.append((folder, names, _statuses(folder, names)))
        return found
    except OSError:
        return []


def _statuses(folder: str, names: list[str]) -> list[tuple[int, int, int, int]]:
    """Size, mtime, ctime and inode of each file: stat relative to the open folder, in one ``map`` (on
    10,000 files the system calls are the cost, and the loop stays in C)."""
    if os.stat not in os.supports_dir_fd:
        return list(map(_STATUS, map(os.stat, [os.path.join(folder, name) for name in names])))
    descriptor = os.open(folder, os.O_RDONLY | _DIRECTORY)
    try:
        return list(map(_STATUS, map(partial(os.stat, dir_fd=descriptor), names)))
    finally:
        os.close(descriptor)


def _content_hash(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).digest()
    except OSError:
        return None


def read_cached(directory: Path, key: str, rebuild: Callable[[], Sequence[Concept]] | None = None
                ) -> tuple[GlossaryData, Callable[[], Any]] | None:
    """The glossary cached under ``key`` and a function giving what was derived from it (decoded on its
    first call: a lint never needs the lookup tables), or ``None`` when there is none, it is not ours, or
    it does not fit the records.

    ``rebuild`` gives the concepts afresh should one of them fail to build later (see :class:`LazyConcepts`).
    """
    path = directory / f"glossary-{key}.marshal"
    try:
        payload = read_signed(path)
        if payload is None:
            return None  # damaged, or written without this user's secret: never read
        document = marshal.loads(payload)
        data = GlossaryData(concepts=LazyConcepts(document["concepts"], document["ids"], _discarding(path, rebuild)),
                            sources=tuple(build(Source, s) for s in document["sources"]),
                            subject_fields=tuple(build(SubjectField, f) for f in document["subject_fields"]),
                            spelling_variants=tuple(map(tuple, document["spelling_variants"])))
        return data, cache(partial(marshal.loads, document["derived"]))
    except Exception:  # noqa: BLE001 - whatever fails here, the YAML is read again: never a traceback
        return None


def _discarding(path: Path, rebuild: Callable[[], Sequence[Concept]] | None
                ) -> Callable[[], Sequence[Concept]] | None:
    """``rebuild``, removing the cache file first: a record that would not build means the file is bad."""
    if rebuild is None:
        return None

    def discard_and_rebuild() -> Sequence[Concept]:
        try:
            path.unlink()
        except OSError:
            pass
        return rebuild()

    return discard_and_rebuild


def signed(payload: bytes) -> bytes:
    """``payload`` as a cache file holds it: a magic number and an HMAC under this user's secret first.

    Raises ``OSError`` when no private secret can be kept (then nothing is cached).
    """
    return _MAGIC + _mac(payload) + payload


def read_signed(path: Path) -> memoryview | None:
    """The payload of a cache file this user signed, or ``None`` (missing, foreign, damaged, not a
    regular file, or too large): what another user could have written is never read.

    The payload is a view of the bytes read (marshal reads it as it is): not a copy of megabytes.
    """
    try:
        content = _read_regular(path)
        if content is None or not content.startswith(_MAGIC):
            return None
        view = memoryview(content)
        mac, payload = view[len(_MAGIC):len(_MAGIC) + 32], view[len(_MAGIC) + 32:]
        return payload if hmac.compare_digest(mac, _mac(payload)) else None
    except OSError:
        return None


def _mac(payload: bytes) -> bytes:
    return hmac.new(_secret(), payload, hashlib.sha256).digest()


def _read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (not a link, FIFO or device) of at most MAX_CACHE_BYTES."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_CACHE_BYTES:
            return None
        pieces, remaining = [], status.st_size + 1
        while remaining > 0:
            piece = os.read(fd, min(remaining, 1 << 24))
            if not piece:
                break
            pieces.append(piece)
            remaining -= len(piece)
        content = b"".join(pieces)
        return content if len(content) == status.st_size else None
    finally:
        os.close(fd)


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
    }
    try:
        document["derived"] = marshal.dumps(derived)  # bytes inside the file: decoded only when asked for
        payload = marshal.dumps(document)
    except ValueError:  # not marshal-able: nothing is cached
        return
    _write_signed(directory / f"glossary-{key}.marshal", payload)


def _write_signed(path: Path, payload: bytes) -> None:
    """Store ``payload`` signed; a cache directory that cannot be written only costs speed."""
    from ..safe_write import write_file

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # A random temporary name, O_EXCL, never through a symlink, renamed atomically.
        write_file(path, signed(payload), mode=0o600, follow_symlinks=False)
    except (OSError, ValueError):
        pass


def clear_cache() -> int:
    """Delete every cached glossary; return how many files were removed."""
    directory = cache_dir()
    removed = 0
    if directory is not None and directory.is_dir():
        for pattern in ("glossary-*.*", "key-*"):  # the glossaries and plans, and the keys remembered for them
            for file in directory.glob(pattern):
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

    A record that fails to build (a field the records do not have) is never a traceback: with
    ``rebuild``, every concept is taken from it instead (the loader reads the YAML again).

    >>> bad = LazyConcepts([marshal.dumps({"id": "x", "no_such_field": 1})], ["x"], rebuild=lambda: ["fresh"])
    >>> bad[0]
    'fresh'
    """

    def __init__(self, raw: list[bytes], ids: list[str], rebuild: Callable[[], Sequence[Concept]] | None = None):
        if len(raw) != len(ids):
            raise ValueError("a concept id for every concept")
        self._raw = raw
        self._built: list[Concept | None] = [None] * len(raw)
        self.ids = ids
        self._rebuild = rebuild

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
            try:
                concept = self._built[index] = build(Concept, marshal.loads(self._raw[index]))
            except Exception:  # noqa: BLE001 - a bad record: discard the cache, rebuild from the YAML
                if self._rebuild is None:
                    raise
                fresh = list(self._rebuild())
                if len(fresh) != len(self._raw):
                    raise
                self._built = list(fresh)
                concept = self._built[index]
                assert concept is not None
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
