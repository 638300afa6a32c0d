"""Find glossary files, parse and validate them, and cache the result.

A glossary directory holds ``concepts/*.yaml``, ``sources/*.yaml``,
``subject-fields.yaml`` and ``spelling-variants.yaml`` (see
``glossary/README.md``).  :func:`read_glossary` validates everything and
raises :class:`~nqp_terms.model.GlossaryError` listing *every* problem with
its file and line; nothing is skipped with a warning.

A validated glossary is cached as JSON keyed on a hash of its files, so the
next load is a single ``model_validate_json`` (validation stays on, so a
tampered cache still cannot produce invalid records).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel, ConfigDict, ValidationError

from .model import (Concept, Context, Definition, GlossaryData, GlossaryError, LintExamples, MatchOptions, Problem,
                    Source, SubjectField, Term)

if TYPE_CHECKING:
    from .checks import Located

#: Files larger than this are refused rather than parsed: a glossary file is
#: hand-edited text, and a 50 MB file is almost certainly a mistake.
MAX_FILE_BYTES = 16 * 1024 * 1024

_YAML_SUFFIXES = (".yaml", ".yml")


def shipped_glossary_path() -> Path:
    """The glossary that ships with the package.

    In a wheel it is packaged as ``nqp_terms/_glossary``; in a source checkout
    (an editable install) it is the repository's ``glossary/`` folder.
    """
    from importlib import resources  # deferred: needed once per process

    packaged = resources.files("nqp_terms") / "_glossary"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "glossary"


@cache
def shipped_spelling_variants() -> tuple[tuple[str, str], ...]:
    """The British/American pairs of the shipped glossary (``glossary/spelling-variants.yaml``)."""
    from .yamlfile import read_yaml_text

    path = shipped_glossary_path() / "spelling-variants.yaml"
    document = read_yaml_text(path.read_text(encoding="utf-8"), str(path))
    if document.problems:
        raise GlossaryError(document.problems)
    return tuple((british.lower(), american.lower()) for british, american in document.data or ())


# ------------------------------------------------------------ discovery


@dataclass
class GlossaryFiles:
    """The files of one or more glossary directories, sorted by role."""

    concepts: list[Path] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)
    subject_fields: list[Path] = field(default_factory=list)
    spelling_variants: list[Path] = field(default_factory=list)

    def all(self) -> list[Path]:
        return [*self.subject_fields, *self.spelling_variants, *self.sources, *self.concepts]


def find_files(paths: Iterable[Path]) -> tuple[GlossaryFiles, list[Problem]]:
    """Sort the YAML files under ``paths`` by role; a directory without any is a problem."""
    files = GlossaryFiles()
    problems: list[Problem] = []
    for path in paths:
        if path.is_file():
            _classify(path, files)
        elif path.is_dir():
            found = sorted(
                Path(folder, name)
                for folder, _, names in os.walk(path)
                for name in names
                if name.endswith(_YAML_SUFFIXES)
            )
            for file in found:
                _classify(file, files)
            if not found:
                problems.append(Problem(file=str(path), line=None, concept=None, field=None, code="no-glossary-files",
                                        message="no glossary files (*.yaml) in this directory"))
        else:
            problems.append(Problem(file=str(path), line=None, concept=None, field=None, code="file-unreadable",
                                    message="no such file or directory"))
    return files, problems


def _classify(path: Path, files: GlossaryFiles) -> None:
    if path.suffix not in _YAML_SUFFIXES:
        files.concepts.append(path)  # reported as unreadable YAML, not silently ignored
    elif path.stem == "subject-fields":
        files.subject_fields.append(path)
    elif path.stem == "spelling-variants":
        files.spelling_variants.append(path)
    elif path.parent.name == "sources":
        files.sources.append(path)
    else:
        files.concepts.append(path)


def _read_text(path: Path) -> tuple[str | None, Problem | None]:
    def problem(message: str, line: int | None = None) -> Problem:
        return Problem(file=str(path), line=line, concept=None, field=None, code="file-unreadable", message=message)

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, problem(f"the file is {size / 1e6:.1f} MB; glossary files are limited to "
                                 f"{MAX_FILE_BYTES / 1e6:.0f} MB (split it into one file per concept)")
        raw = path.read_bytes()
    except OSError as error:
        return None, problem(f"cannot read the file: {error.strerror or error}")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, problem(f"not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} cannot be decoded; "
                             "expected UTF-8 text", line)


# ----------------------------------------------------------- validation

# Every field name a glossary file may use, for "did you mean" on a misspelt one.
_FIELD_NAMES = sorted({field.alias or name
                       for model in (Concept, Term, Definition, MatchOptions, LintExamples, Context, Source, SubjectField)
                       for name, field in model.model_fields.items()})


def _describe(error: Any) -> str:
    """Turn one pydantic error into a sentence that says what was expected."""
    kind, loc, given = error["type"], error["loc"], error.get("input")
    last = loc[-1] if loc else None
    if kind == "missing":
        return f"missing required field {last!r}"
    if kind == "extra_forbidden":
        import difflib  # deferred: only error messages use it

        close = difflib.get_close_matches(str(last), _FIELD_NAMES, n=1)
        return f"unknown field {last!r}" + (f"; did you mean {close[0]!r}?" if close else "")
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        if last == "[key]":
            return f"unknown language {given!r}; expected {expected}"
        return f"expected {expected}, got {given!r}"
    if kind == "value_error":
        return f"expected {error['ctx']['error']}, got {given!r}"
    if kind == "too_short":
        return f"expected at least {error['ctx']['min_length']} item(s), got none"
    readable = error["msg"].replace("Input should be", "expected")
    return f"{readable}, got {type(given).__name__} {given!r}" if given is not None else readable


def _validate(model: type[BaseModel], data: Any, document: Any, path: tuple[str | int, ...],
              problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        concept = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        details = error.errors()
        for detail in details:
            loc = tuple(step for step in detail["loc"] if step != "[key]")
            where = path + loc
            line = document.key_line(where) if detail["type"] == "extra_forbidden" else document.line_of(where)
            problems.append(Problem(file=document.file, line=line, concept=concept,
                                    field=".".join(str(s) for s in loc) or None,
                                    message=_describe(detail), code="schema"))
        return _salvage(model, data, details)


def _salvage(model: type[BaseModel], data: Any, details: list[Any]) -> Any:
    """The record without the terms and optional fields that failed, so the other rules still run on it.

    Without this, one misspelt field would hide every other problem of the
    concept until it was fixed.  Returns ``None`` when nothing sensible is left.
    """
    if model is not Concept or not isinstance(data, dict):
        return None
    required = {"id", "subject_fields", "terms"}
    pruned = dict(data)
    terms = {lang: list(items) for lang, items in data.get("terms", {}).items()} if isinstance(data.get("terms"), dict) else None
    doomed_terms: set[tuple[Any, Any]] = set()
    for detail in details:
        loc = detail["loc"]
        if len(loc) >= 3 and loc[0] == "terms" and isinstance(loc[2], int):
            doomed_terms.add((loc[1], loc[2]))
        elif loc and loc[0] not in required:
            pruned.pop(loc[0], None)
        elif len(loc) >= 2 and loc[0] == "terms" and terms is not None:
            terms.pop(loc[1], None)
        else:
            return None
    if terms is not None:
        pruned["terms"] = {lang: [t for i, t in enumerate(items) if (lang, i) not in doomed_terms]
                           for lang, items in terms.items()}
    try:
        return Concept.model_validate(pruned)
    except ValidationError:
        return None


def _parse(path: Path, problems: list[Problem]) -> Any:
    from .yamlfile import read_yaml_text  # deferred: importing yaml is needed only on a cache miss

    text, problem = _read_text(path)
    if problem:
        problems.append(problem)
        return None
    document = read_yaml_text(text or "", str(path))
    problems.extend(document.problems)
    if document.node is None and not document.problems:
        problems.append(Problem(file=str(path), line=1, concept=None, field=None, code="schema",
                                message="the file is empty; expected glossary records"))
    # A file with duplicate keys is still checked further; only unparseable YAML stops here.
    return document if document.node is not None else None


def _records(document: Any, model: type[BaseModel], problems: list[Problem], *, single_ok: bool) -> list[Located]:
    """Validate a file holding one record (a mapping, if ``single_ok``) or a list of records."""
    from .checks import Located

    data = document.data
    if single_ok and isinstance(data, dict):
        items: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    elif isinstance(data, list):
        items = [(item, (index,)) for index, item in enumerate(data)]
    else:
        shape = "a mapping (one concept) or a list" if single_ok else "a list"
        problems.append(Problem(file=document.file, line=1, concept=None, field=None, code="schema",
                                message=f"expected {shape} of {model.__name__} records, got {type(data).__name__}"))
        return []
    located: list[Located] = []
    for item, path in items:
        record = _validate(model, item, document, path, problems)
        if record is not None:
            located.append(Located(record, document, path))
    return located


def read_glossary(paths: Sequence[Path], *, base: GlossaryData | None = None) -> GlossaryData:
    """Read and validate the glossary at ``paths``, optionally layered over ``base``.

    Concepts and sources of ``paths`` with the same id as one in ``base``
    replace it; the others extend it.  Raises :class:`GlossaryError` with
    every problem found.
    """
    # Loading builds a great many small objects that all stay alive; generational
    # GC passes over them cost 2.5-4x here and can free nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_glossary(paths, base)
    finally:
        if gc_was_enabled:
            gc.enable()


def _read_glossary(paths: Sequence[Path], base: GlossaryData | None) -> GlossaryData:
    from .checks import Located, check

    files, problems = find_files(paths)
    documents = {p: _parse(p, problems) for p in files.all()}

    subject_fields: dict[str, SubjectField] = {f.id: f for f in base.subject_fields} if base else {}
    own_fields: set[str] = set()
    for path in files.subject_fields:
        if documents[path] is not None:
            for located in _records(documents[path], SubjectField, problems, single_ok=False):
                if located.record.id in own_fields:
                    problems.append(_duplicate(located, "subject field"))
                own_fields.add(located.record.id)
                subject_fields[located.record.id] = cast(SubjectField, located.record)

    if not subject_fields and not files.subject_fields:
        # A house glossary need not repeat the controlled list: it uses the shipped one.
        shipped_fields = shipped_glossary_path() / "subject-fields.yaml"
        if shipped_fields.is_file():
            document = _parse(shipped_fields, problems)
            if document is not None:
                subject_fields = {r.record.id: cast(SubjectField, r.record)
                                  for r in _records(document, SubjectField, problems, single_ok=False)}

    spelling = list(base.spelling_variants) if base else []
    for path in files.spelling_variants:
        document = documents[path]
        if document is None:
            continue
        rows = document.data if isinstance(document.data, list) else None
        for index, row in enumerate(rows if rows is not None else [None]):
            if not (isinstance(row, list) and len(row) == 2 and all(isinstance(w, str) and w for w in row)):
                problems.append(Problem(file=document.file, line=document.line_of((index,)) if rows is not None else 1,
                                        concept=None, field=None, code="schema",
                                        message=f"expected a [British, American] pair of words, got {row!r}"))
            else:
                spelling.append((row[0], row[1]))

    sources: dict[str, Located] = {}
    base_sources = {s.id: s for s in base.sources} if base else {}
    for path in files.sources:
        if documents[path] is not None:
            for located in _records(documents[path], Source, problems, single_ok=False):
                if located.record.id in sources:
                    problems.append(_duplicate(located, "source", sources[located.record.id]))
                sources[located.record.id] = located

    concepts: list[Located] = []
    for path in files.concepts:
        if documents[path] is not None:
            concepts.extend(_records(documents[path], Concept, problems, single_ok=True))

    # Base records take part in reference checks; only this layer's records are checked.
    from .yamlfile import YamlDocument

    shipped_document = YamlDocument("<shipped glossary>")
    resolvable = {sid: Located(s, shipped_document, ()) for sid, s in base_sources.items()} | sources
    own_ids = {c.record.id for c in concepts}
    base_concepts = [Located(c, shipped_document, ()) for c in (base.concepts if base else ()) if c.id not in own_ids]
    problems.extend(p for p in check(base_concepts + concepts, resolvable, set(subject_fields))
                    if p.file != shipped_document.file)

    if not files.all() and not problems:
        problems.append(Problem(file=", ".join(map(str, paths)), line=None, concept=None, field=None,
                                code="no-glossary-files", message="no glossary files found"))
    if problems:
        raise GlossaryError(sorted(problems, key=lambda p: (p.file, p.line or 0)))

    return GlossaryData(
        concepts=tuple(c.record for c in base_concepts + concepts),  # type: ignore[misc]
        sources=tuple(resolvable[sid].record for sid in sorted(resolvable)),  # type: ignore[misc]
        subject_fields=tuple(subject_fields.values()),
        spelling_variants=tuple(spelling),
    )


def _duplicate(located: Any, what: str, first: Any = None) -> Problem:
    where = f" (first in {first.document.file}:{first.document.line_of(first.path + ('id',))})" if first else ""
    return Problem(file=located.document.file, line=located.document.line_of(located.path + ("id",)), concept=None,
                   field="id", code="duplicate-id", message=f"{what} id {located.record.id!r} is used twice{where}")


# ---------------------------------------------------------------- cache


def cache_dir() -> Path | None:
    """Where validated glossaries are cached; ``None`` when caching is off (``NQP_TERMS_CACHE=off``)."""
    setting = os.environ.get("NQP_TERMS_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nqp-terms"


class CachedGlossary(BaseModel):
    """What the cache file holds: the validated data and the lookup keys computed from it."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    data: GlossaryData
    #: (key space, key, concept index, language, term index): see :class:`nqp_terms.lookup.Index`.
    index_keys: tuple[tuple[str, str, int, str, int], ...]


def _cache_key(paths: Sequence[Path], base_key: str) -> str | None:
    """A key that changes when any glossary file or the code that validates it changes.

    Files are identified by path, size and modification time rather than by a
    hash of their content: on a 10,000-file glossary, reading every file to
    hash it would cost more than loading the cache saves.
    """
    import hashlib  # deferred: not needed to import the package

    files, problems = find_files(paths)
    if problems:
        return None
    digest = hashlib.sha256(base_key.encode())
    # The rules are part of the key: a cache written by other code is not trusted.
    package = Path(__file__).parent
    for module in ("model.py", "checks.py", "load.py", "pinyin.py", "hanzi.py", "keys.py", "normalize.py",
                   "lookup.py"):
        digest.update((package / module).read_bytes())
    for root in paths:
        digest.update(str(root.absolute()).encode() + b"\0")
    for file in files.all():
        try:
            status = file.stat()
        except OSError:
            return None
        digest.update(f"{file}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class LoadedGlossary:
    data: GlossaryData
    key: str
    index_keys: tuple[tuple[str, str, int, str, int], ...] | None


def load_glossary_data(paths: Sequence[Path], *, base: GlossaryData | None = None, base_key: str = "",
                       use_cache: bool = True) -> LoadedGlossary:
    """Like :func:`read_glossary`, through the cache."""
    from .lookup import index_keys

    directory = cache_dir() if use_cache else None
    key = _cache_key(paths, base_key) if directory is not None else None
    if directory is not None and key is not None:
        cached = directory / f"glossary-{key}.json"
        gc_was_enabled = gc.isenabled()
        gc.disable()  # as in read_glossary: every object built here stays alive
        try:
            entry = CachedGlossary.model_validate_json(cached.read_bytes())
            return LoadedGlossary(entry.data, key, entry.index_keys)
        except (OSError, ValueError):
            pass  # no cache yet, or an unreadable one: rebuild it
        finally:
            if gc_was_enabled:
                gc.enable()
    data = read_glossary(paths, base=base)
    keys = tuple(index_keys(data.concepts))
    if directory is not None and key is not None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            temporary = directory / f".glossary-{key}.{os.getpid()}.tmp"
            entry = CachedGlossary(data=data, index_keys=keys)
            # Defaults are left out: they are most of every term, and validation restores them.
            temporary.write_text(entry.model_dump_json(by_alias=True, exclude_defaults=True), encoding="utf-8")
            os.replace(temporary, directory / f"glossary-{key}.json")
        except OSError:
            pass  # a read-only home directory only costs speed
    return LoadedGlossary(data, key or "", keys)


def clear_cache() -> int:
    """Delete every cached glossary; return how many files were removed."""
    directory = cache_dir()
    removed = 0
    if directory is not None and directory.is_dir():
        for file in directory.glob("glossary-*.json"):
            file.unlink(missing_ok=True)
            removed += 1
    return removed
