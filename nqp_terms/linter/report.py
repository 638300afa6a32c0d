"""Findings as text for people, JSON for programs, and SARIF 2.1.0 for code-review annotations.

The command line writes findings as they are found, file by file or chunk by chunk, through an
:class:`OutputFormat`: text, a JSON array, JSON Lines or SARIF.  A finding becomes JSON without
reflection: what findings of one kind share (rule, severity, suggestion, concept, source...) is
rendered once into the text around the fields that differ, and each finding only fills in its
offsets, match, message and place.  The bytes are those ``json.dumps(finding.as_json(),
ensure_ascii=False)`` gives, which ``tests/test_lint_output.py`` holds them to.

>>> from nqp_terms.linter.finding import Finding
>>> finding = Finding("NQP001", "error", 4, 13, "bull nose", "use crux", suggestion="crux")
>>> print(json_record(finding, 1, 5, '"doc.md"'))  # doctest: +NORMALIZE_WHITESPACE
{"rule": "NQP001", "severity": "error", "start": 4, "end": 13, "match": "bull nose", "message": "use crux",
 "suggestion": "crux", "concept": null, "zh": null, "reason": null, "source": null, "url": null, "line": 1,
 "column": 5, "path": "doc.md", "name": "deprecated-rendering"}
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import fields, replace
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # json.dumps's own, in C
from operator import attrgetter
from typing import Any

from .finding import Finding, positions
from .rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def as_text(findings: Sequence[Finding]) -> str:
    """One line per finding: ``path:line:col: severity code message -> suggestion``."""
    lines = []
    for f in findings:
        line = f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"
        if f.suggestion:
            line += f" -> {f.suggestion}"
        if f.extra.get("not_fixed"):
            line += f" (not fixed: {f.extra['not_fixed']})"
        lines.append(line)
    return "\n".join(lines)


def as_json(findings: Sequence[Finding]) -> str:
    """A JSON array of finding objects (schema: docs/lint-output.md)."""
    return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2)


def as_sarif(findings: Sequence[Finding], version: str) -> str:
    """A SARIF 2.1.0 log with one run, the rules as the tool's rule metadata."""
    used = sorted({f.rule for f in findings} | set(RULES))
    rules: list[dict[str, Any]] = [{
        "id": code,
        "name": RULES[code].name,
        "shortDescription": {"text": RULES[code].summary},
        "fullDescription": {"text": RULES[code].why},
        "help": {"text": f"Use instead: {RULES[code].instead}"},
        "defaultConfiguration": {"level": _SARIF_LEVEL[RULES[code].severity]},
    } for code in used]
    results = [_sarif_result(f, used) for f in findings]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nqp-terms", "version": version, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


# --------------------------------------------------------- records without reflection

# The fields each finding fills in itself; every other field of a Finding is shared by findings of a kind.
_OWN = ("start", "end", "match", "message", "line", "column", "path", "segment")
_FIELDS = tuple(f.name for f in fields(Finding))
_SHARED = tuple(name for name in _FIELDS if name not in _OWN and name != "extra")
_shared_of = attrgetter(*_SHARED)
_own_of = attrgetter("start", "end", "match", "message", "segment", "extra")
_START = attrgetter("start")
# The templates below follow the field order; a Finding whose own fields come in another order, or with
# ``extra`` anywhere but last, is written through as_json (slower, same bytes).
_TEMPLATED = [name for name in _FIELDS if name in _OWN] == list(_OWN) and _FIELDS[-1] == "extra"
_RESERVED = frozenset(_FIELDS) | {"name"}
#: Templates by the values findings of a kind share: those of _SHARED, then any extra fields as (key, value) pairs.
_templates: dict[tuple[Any, ...], tuple[str, ...]] = {}
#: The text from a finding's end offset to its line, by (template identity, match, message): see json_record.
_middles: dict[tuple[int, str, str], str] = {}


def _template(shared: tuple[Any, ...]) -> tuple[str, ...]:
    """The JSON around a finding's own fields, for findings sharing the values ``shared``: nine runs of text.

    Run *i* goes before own field *i* (start, end, match, message, line, column, path); run 7 before the
    optional segment; run 8 after it, the rule's name included.  The closing brace is added per record,
    after any extra fields.
    """
    values = dict(zip(_SHARED, shared if len(_SHARED) > 1 else (shared,)))
    runs, current = [], "{"
    for number, name in enumerate(_FIELDS[:-1]):
        key = ("" if number == 0 else ", ") + json.dumps(name) + ": "
        if name in values:
            current += key + json.dumps(values[name], ensure_ascii=False)
        elif name == "segment":
            runs.append(current)  # the segment's key is written with it, only when there is one
            current = ""
        else:
            runs.append(current + key)
            current = ""
    runs.append(current + ', "name": ' + json.dumps(RULES[values["rule"]].name, ensure_ascii=False))
    return tuple(runs)


# json.dumps(value, ensure_ascii=False) builds an encoder on every call; this one is built once and writes
# the same text.
_encode_value = json.JSONEncoder(ensure_ascii=False).encode
_SEGMENT_KEY = ', "segment": '


def json_record(finding: Finding, line: int, column: int, path_json: str, offset: int = 0, end_with: str = "") -> str:
    """``finding`` as the JSON object ``lint --format json`` writes, at ``line`` and ``column`` of the file
    ``path_json`` (the path, JSON-encoded once per file), its offsets moved by ``offset``; ``end_with`` is
    written after it (a line break: one string made instead of two)."""
    start, end, match, message, segment, extra = _own_of(finding)
    if not _TEMPLATED or (extra and not _RESERVED.isdisjoint(extra)):
        located = replace(finding, start=start + offset, end=end + offset, line=line, column=column,
                          path=json.loads(path_json))
        return json.dumps(located.as_json(), ensure_ascii=False) + end_with
    # Extra fields are mostly shared too (the rendering a finding stands for): they are part of the template
    # when they can be a dictionary key; a list among them (the edits of a fix) is written per finding.
    kind: tuple[Any, ...] = _shared_of(finding)
    extras = ""
    if extra:  # with the values' types: True == 1 as a key, but they are written differently
        kind = (kind, *extra.items(), *map(type, extra.values()))
    try:
        runs = _templates.get(kind)
    except TypeError:
        kind = _shared_of(finding)
        runs = _templates.get(kind)
        extras = _extra_fields(extra)
    if runs is None:
        if len(_templates) > 65536:  # a bound, not a real case: one entry per kind of finding
            _templates.clear()
            _middles.clear()  # keyed by the templates' identities
        runs = _template(_shared_of(finding))
        if extra and not extras:
            runs = (*runs[:8], runs[8] + _extra_fields(extra))
        _templates[kind] = runs
    # A document writes a calque the same way again and again: the match and message, with the template's
    # text between them, are made once for each way (keyed by the template, which lives as long as this).
    middle = _middles.get((id(runs), match, message))
    if middle is None:
        if len(_middles) > 65536:
            _middles.clear()
        middle = _middles[id(runs), match, message] = \
            f"{runs[2]}{encode_basestring(match)}{runs[3]}{encode_basestring(message)}{runs[4]}"
    segment_field = "" if segment is None else _SEGMENT_KEY + encode_basestring(segment)
    return (f"{runs[0]}{start + offset}{runs[1]}{end + offset}{middle}{line}{runs[5]}{column}{runs[6]}{path_json}"
            f"{runs[7]}{segment_field}{runs[8]}{extras}}}{end_with}")


def _extra_fields(extra: dict[str, Any]) -> str:
    """The extra fields of a finding as they follow its other fields in its JSON object."""
    # Most values are strings, which json.dumps writes with encode_basestring too.
    return "".join([f", {encode_basestring(key)}: "
                    f"{encode_basestring(value) if type(value) is str else _encode_value(value)}"
                    for key, value in extra.items()])


def text_record(finding: Finding, line: int, column: int, path: str) -> str:
    """One line of ``lint`` text output, as :func:`as_text` writes it."""
    record = f"{path}:{line}:{column}: {finding.severity} {finding.rule} {finding.message}"
    if finding.suggestion:
        record += f" -> {finding.suggestion}"
    if finding.extra and finding.extra.get("not_fixed"):
        record += f" (not fixed: {finding.extra['not_fixed']})"
    return record


# ---------------------------------------------------------------- streamed output


class OutputFormat:
    r"""How ``lint`` writes findings as they come: a head, pieces (the findings of a file or chunk), a tail.

    Pieces of the array formats are joined by ``separator``; the others end each record with a line break.
    Instances are small and picklable, so worker processes serialise their files' findings themselves.

    >>> from nqp_terms.linter.finding import Finding
    >>> finding = Finding("NQP005", "warning", 4, 5, "，", "Chinese punctuation")
    >>> print(OutputFormat("text").piece([finding], "doc.md", "ab\nc，"), end="")
    doc.md:2:2: warning NQP005 Chinese punctuation
    >>> print(OutputFormat("jsonl").piece([finding], "doc.md", "ab\nc，")[:49])
    {"rule": "NQP005", "severity": "warning", "start"
    """

    def __init__(self, name: str, *, pretty: bool = False, version: str = ""):
        if name not in ("text", "json", "jsonl", "sarif"):
            raise ValueError(f"unknown output format {name!r}")
        self.name, self.pretty, self.version = name, pretty, version
        self.separator = ",\n" if name in ("json", "sarif") else ""

    def head(self) -> str:
        if self.name == "json":
            return "[\n"
        if self.name == "sarif":
            return _sarif_frame(self.version)[0]
        return ""

    def tail(self) -> str:
        if self.name == "json":
            return "\n]\n"
        if self.name == "sarif":
            return _sarif_frame(self.version)[1]
        return ""

    def empty(self) -> str:
        """The whole output when there are no findings."""
        if self.name == "json":
            return "[]\n" if self.pretty else "[\n\n]\n"
        if self.name == "sarif":
            return as_sarif([], self.version) + "\n"
        return ""

    def piece(self, findings: Sequence[Finding], path: str, text: str | None = None, *, first_line: int = 1,
              offset: int = 0) -> str:
        """The records of ``findings`` (sorted by start) in ``text`` of the file ``path``, as one piece.

        ``text`` is the chunk the findings' offsets refer to, which starts on line ``first_line`` and at
        character ``offset`` of the file; without it, the findings' own line and column are used.
        """
        return self.separator.join(self.pieces(findings, path, text, first_line=first_line, offset=offset))

    def pieces(self, findings: Sequence[Finding], path: str, text: str | None = None, *, first_line: int = 1,
               offset: int = 0, batch: int = 4096, first_column: int = 0) -> Iterator[str]:
        """:meth:`piece` in pieces of at most ``batch`` records, so that no file's output is all in memory.

        ``first_column`` is how many characters of ``text``'s first line came in the chunks before it
        (a line longer than a chunk).
        """
        places: Iterator[tuple[int, int]] = iter(
            positions(text, map(_START, findings), first_line) if text is not None
            else [(f.line, f.column) for f in findings])
        if first_column:
            places = ((line, column + first_column if line == first_line else column) for line, column in places)
        path_json = encode_basestring(path)
        for first in range(0, len(findings), batch):
            some = findings[first:first + batch]
            if self.name == "text":
                yield "".join(text_record(f, line, column, path) + "\n" for f, (line, column) in zip(some, places))
            elif self.name == "sarif":
                yield ",\n".join(_sarif_record(replace(f, start=f.start + offset, end=f.end + offset, line=line,
                                                       column=column, path=path))
                                 for f, (line, column) in zip(some, places))
            elif self.name == "jsonl":
                yield "".join([json_record(f, line, column, path_json, offset, "\n")
                               for f, (line, column) in zip(some, places)])
            elif self.pretty:
                yield ",\n".join(_indented(json.dumps(json.loads(json_record(f, line, column, path_json, offset)),
                                                      ensure_ascii=False, indent=2), "  ")
                                 for f, (line, column) in zip(some, places))
            else:
                yield ",\n".join([json_record(f, line, column, path_json, offset)
                                  for f, (line, column) in zip(some, places)])


def _indented(block: str, margin: str) -> str:
    return "\n".join(margin + line for line in block.split("\n"))


def _sarif_result(f: Finding, used: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": used.index(f.rule),
        "level": _SARIF_LEVEL[f.severity],
        "message": {"text": f.message + (f" -> {f.suggestion}" if f.suggestion else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": f.path},
            "region": {"startLine": f.line, "startColumn": f.column,
                       "charOffset": f.start, "charLength": f.end - f.start,
                       "snippet": {"text": f.match}},
        }}],
    }
    if f.concept:
        result["properties"] = {"concept": f.concept, "zh": f.zh, "url": f.url, "source": f.source}
    return result


def _sarif_record(f: Finding) -> str:
    """One result of the SARIF log, indented as it stands in :func:`as_sarif`'s output."""
    return _indented(json.dumps(_sarif_result(f, sorted(RULES)), ensure_ascii=False, indent=2), " " * 8)


def _sarif_frame(version: str) -> tuple[str, str]:
    """The SARIF log before and after its results, when there are some."""
    whole = as_sarif([], version)
    before, after = whole.split('"results": []', 1)
    return before + '"results": [\n', "\n" + " " * 6 + "]" + after + "\n"
