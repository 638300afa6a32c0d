"""Read glossary files into validated records: files in, :class:`~nqp_terms.termbase.model.GlossaryData` out.

Which files make a glossary is :mod:`nqp_terms.termbase.layout`'s business.
:func:`read_glossary` parses and validates everything and raises
:class:`~nqp_terms.termbase.model.GlossaryError` listing *every* problem with
its file and line; nothing is skipped with a warning.  The loader knows
nothing of lookup tables or of the cache: :mod:`nqp_terms.glossary` puts
those together.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .layout import find_files, shipped_glossary_path
from .model import (Concept, Context, Definition, GlossaryData, GlossaryError, LintExamples, MatchOptions, Problem,
                    Publisher,
                    Source, SubjectField, Term)

if TYPE_CHECKING:
    from .checks import Located

#: Files larger than this are refused rather than parsed: a glossary file is
#: hand-edited text, and a 50 MB file is almost certainly a mistake.
MAX_FILE_BYTES = 16 * 1024 * 1024

@cache
def shipped_spelling_variants() -> tuple[tuple[str, str], ...]:
    """The British/American pairs of the shipped glossary (``glossary/spelling-variants.yaml``)."""
    from .yamlfile import read_yaml_text

    path = shipped_glossary_path() / "spelling-variants.yaml"
    document = read_yaml_text(path.read_text(encoding="utf-8"), str(path))
    if document.problems:
        raise GlossaryError(document.problems)
    return tuple((british.lower(), american.lower()) for british, american in document.data or ())


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

_RECORD_TYPES = (Concept, Term, Definition, MatchOptions, LintExamples, Context, Source, SubjectField, Publisher)


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
    if model is Concept:
        data = _with_family_terms(data)

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


def _with_family_terms(data: Any) -> Any:
    """A concept whose family entries (a ``pattern`` and no ``term``) are given their first member as ``term``.

    A pattern that cannot be expanded stands as its own term here; the checks report it.
    """
    terms = data.get("terms") if isinstance(data, dict) else None
    english = terms.get("en") if isinstance(terms, dict) else None
    if not isinstance(english, list) or not any(isinstance(t, dict) and "pattern" in t and "term" not in t
                                                for t in english):
        return data
    from .families import PatternError, members

    filled = []
    for entry in english:
        if isinstance(entry, dict) and isinstance(entry.get("pattern"), str) and "term" not in entry:
            try:
                entry = {"term": members(entry["pattern"])[0], **entry}
            except PatternError:
                entry = {"term": entry["pattern"], **entry}
        filled.append(entry)
    return {**data, "terms": {**terms, "en": filled}}


def _salvage(model: type, data: Any, details: list[Any]) -> Any:
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
    from .provenance import Registry

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

    publishers = _publishers(files.publishers, documents, problems)

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
    problems.extend(p for p in check(base_concepts + concepts, resolvable, set(subject_fields), Registry(publishers),
                                     policy=bool(files.publishers))
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


def _publishers(paths: list[Path], documents: dict[Path, Any], problems: list[Problem]) -> list[Publisher]:
    """The publisher registry: the shipped entries, then this glossary's own (which override by domain)."""
    shipped = shipped_glossary_path() / "publishers.yaml"
    files = ([shipped] if shipped.is_file() and shipped not in paths else []) + list(paths)
    registry: list[Publisher] = []
    for path in files:
        document = documents[path] if path in documents else _parse(path, problems)
        if document is not None:
            registry.extend(cast(Publisher, r.record) for r in _records(document, Publisher, problems,
                                                                          single_ok=False))
    return registry


def _duplicate(located: Any, what: str, first: Any = None) -> Problem:
    where = f" (first in {first.document.file}:{first.document.line_of(first.path + ('id',))})" if first else ""
    return Problem(file=located.document.file, line=located.document.line_of(located.path + ("id",)), concept=None,
                   field="id", code="duplicate-id", message=f"{what} id {located.record.id!r} is used twice{where}")
