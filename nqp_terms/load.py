"""Find glossary files, parse and validate them, and cache the result.

A glossary directory holds ``concepts/*.yaml``, ``sources/*.yaml``,
``subject-fields.yaml`` and ``spelling-variants.yaml`` (see
``glossary/README.md``).  :func:`read_glossary` validates everything and
raises :class:`~nqp_terms.model.GlossaryError` listing *every* problem with
its file and line; nothing is skipped with a warning.

:func:`load_glossary_data` goes through the cache (:mod:`nqp_terms.cache`):
YAML is parsed and validated (and pydantic imported) only when a glossary
file or the validating code has changed since the last load.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .model import (Concept, Context, Definition, GlossaryData, GlossaryError, LintExamples, MatchOptions, Problem,
                    Source, SubjectField, Term)

if TYPE_CHECKING:
    from .lookup import Tables
    from .checks import Located

#: Files larger than this are refused rather than parsed: a glossary file is
#: hand-edited text, and a 50 MB file is almost certainly a mistake.
MAX_FILE_BYTES = 16 * 1024 * 1024

#: What counts as a glossary file, for discovery and for the cache key alike.
YAML_SUFFIXES = (".yaml", ".yml")


def shipped_glossary_path() -> Path:
    """The glossary that ships with the package.

    In a wheel it is packaged as ``nqp_terms/_glossary``; in a source checkout
    (an editable install) it is the repository's ``glossary/`` folder.
    """
    # A path beside this module rather than importlib.resources: the glossary is
    # read as files (walked, stat'ed for the cache key), which a zipped package
    # could not offer anyway, and importlib.resources costs 15 ms to import.
    packaged = Path(__file__).parent / "_glossary"
    if packaged.is_dir():
        return packaged
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
                if name.endswith(YAML_SUFFIXES)
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
    if path.suffix not in YAML_SUFFIXES:
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

_RECORD_TYPES = (Concept, Term, Definition, MatchOptions, LintExamples, Context, Source, SubjectField)


def _describe(error: Any) -> str:
    """Turn one pydantic error into a sentence that says what was expected."""
    kind, loc, given = error["type"], error["loc"], error.get("input")
    last = loc[-1] if loc else None
    if kind in ("missing", "missing_keyword_only_argument", "missing_argument"):
        return f"missing required field {last!r}"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        import difflib  # deferred: only error messages use it

        from .validation import field_names

        close = difflib.get_close_matches(str(last), field_names(*_RECORD_TYPES), n=1)
        return f"unknown field {last!r}" + (f"; did you mean {close[0]!r}?" if close else "")
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        if last == "[key]":
            return f"unknown language {given!r}; expected {expected}"
        return f"expected {expected}, got {given!r}"
    if kind == "dataclass_type":
        return f"expected a mapping of fields, got {type(given).__name__} {given!r}"
    readable = error["msg"].replace("Input should be", "expected")
    return f"{readable}, got {type(given).__name__} {given!r}" if given is not None else readable


def _validate(model: type, data: Any, document: Any, path: tuple[str | int, ...], problems: list[Problem]) -> Any:
    from .validation import ValidationError, format_errors, validate  # deferred: pydantic only on a cache miss

    concept = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None

    def report(loc: tuple[str | int, ...], message: str, *, key: bool = False) -> None:
        where = path + loc
        problems.append(Problem(file=document.file, line=document.key_line(where) if key else document.line_of(where),
                                concept=concept, field=".".join(str(s) for s in loc) or None, message=message,
                                code="schema"))

    try:
        record: Any = validate(model, data)
    except ValidationError as error:
        details = error.errors()
        for detail in details:
            loc = tuple(step for step in detail["loc"] if step != "[key]")
            report(loc, _describe(detail), key=detail["type"] in ("extra_forbidden", "unexpected_keyword_argument"))
        return _salvage(model, data, details)
    for loc, expected, given in format_errors(record):
        report(loc, f"expected {expected}, got {given!r}")
    return record


def _refused_terms(data: Any, record: Any) -> frozenset[tuple[str, str]]:
    """The ``(language, term)`` pairs written in ``data`` that the salvaged ``record`` left out."""
    if not isinstance(record, Concept) or not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        return frozenset()
    kept = {(language, term.term) for language, terms in record.terms.items() for term in terms}
    written = {(language, item["term"]) for language, items in data["terms"].items() if isinstance(items, list)
               for item in items if isinstance(item, dict) and isinstance(item.get("term"), str)}
    return frozenset(written - kept)


def _salvage(model: type, data: Any, details: list[Any]) -> Any:
    """The record without the terms and optional fields that failed, so the other rules still run on it.

    Without this, one misspelt field would hide every other problem of the
    concept until it was fixed.  Returns ``None`` when nothing sensible is left.
    """
    if model is not Concept or not isinstance(data, dict):
        return None
    required = {"id", "subject_fields", "terms"}
    pruned = dict(data)
    terms = ({lang: list(items) if isinstance(items, list) else [] for lang, items in data["terms"].items()}
             if isinstance(data.get("terms"), dict) else None)
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
    from .validation import ValidationError, validate

    try:
        return validate(Concept, pruned)
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


def _records(document: Any, model: type, problems: list[Problem], *, single_ok: bool) -> list[Located]:
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
            located.append(Located(record, document, path, _refused_terms(item, record)))
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


@dataclass(frozen=True)
class LoadedGlossary:
    data: GlossaryData
    key: str
    tables: Tables | None


def load_glossary_data(paths: Sequence[Path], *, base: GlossaryData | None = None, base_key: str = "",
                       use_cache: bool = True) -> LoadedGlossary:
    """Like :func:`read_glossary`, through the cache (:mod:`nqp_terms.cache`)."""
    from .cache import cache_dir, cache_key, read_cached, write_cached

    directory = cache_dir() if use_cache else None
    if directory is not None:
        from .cache import _secret

        try:
            _secret()
        except OSError:  # no per-user secret can be kept: an unsigned cache would be trusted blindly
            directory = None
    key = cache_key(paths, base_key) if directory is not None else None
    if directory is not None and key is not None:
        gc_was_enabled = gc.isenabled()
        gc.disable()  # as in read_glossary: every object built here stays alive
        try:
            cached = read_cached(directory, key, lambda: read_glossary(paths, base=base).concepts)
        finally:
            if gc_was_enabled:
                gc.enable()
        if cached is not None:
            return LoadedGlossary(cached[0], key, cached[1])
    from .lookup import index_tables

    data = read_glossary(paths, base=base)
    tables = index_tables(data.concepts)
    if directory is not None and key is not None:
        write_cached(directory, key, data, tables)
    return LoadedGlossary(data, key or "", tables)
