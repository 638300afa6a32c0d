"""The check's output, written as it goes: text for people, JSON and SARIF for programs.

Findings are written as each segment is checked, so memory stays flat in the
number of pairs; what is kept are counts (:class:`~.bilingual.CheckResult`
without findings).  After the findings come, per file and in total, term
accuracy, the approved, wrong, missing and unscored counts, the pairs skipped
by reason, and per-term accuracy.

The JSON document (``--format json``)::

    {"findings": [<finding>, ...],
     "files": [{"path": ..., "segments": n, "checked": n, "skipped": {"fuzzy": 1, ...},
                "accuracy": 0.75, "terms": 4, "approved": 3, "wrong": 1, "missing": 0, "unscored": 0,
                "per_term": [{"concept": ..., "zh": ..., "seen": 2, "approved": 1, "wrong": 1,
                              "missing": 0, "unscored": 0, "accuracy": 0.5}, ...]}, ...],
     "total": {<the same figures over every file>}}

A finding is the object ``lint --format json`` prints, with ``segment``.  The
SARIF log carries the same figures in its run's ``properties``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import IO, Any

from ..glossary import Glossary
from ..linter.finding import Finding
from ..linter.rules import RULES
from .bilingual import CheckResult

_dumps = json.JSONEncoder(ensure_ascii=False).encode


def finding_record(finding: Finding, path: str, line: int) -> dict[str, Any]:
    """The JSON object of a finding, located at ``path`` and ``line`` (column: its offset in the target + 1)."""
    f = finding
    record = {"rule": f.rule, "severity": f.severity, "start": f.start, "end": f.end, "match": f.match,
              "message": f.message, "suggestion": f.suggestion, "concept": f.concept, "zh": f.zh,
              "reason": f.reason, "source": f.source, "url": f.url, "line": line, "column": f.start + 1,
              "path": path}
    if f.segment is not None:
        record["segment"] = f.segment
    record["name"] = RULES[f.rule].name
    if f.extra:
        record.update(f.extra)
    return record


def summary(result: CheckResult, glossary: Glossary, *, path: str | None = None, segments: int = 0,
            skipped: Counter[str] | None = None) -> dict[str, Any]:
    """The figures of one file (with ``path``) or of the whole run."""
    record: dict[str, Any] = {"path": path} if path is not None else {}
    skipped = skipped or Counter()
    record.update(segments=segments, checked=segments - sum(skipped.values()), skipped=dict(sorted(skipped.items())))
    record.update(result.counts())
    record["per_term"] = [
        {"concept": concept_id, "zh": glossary.concepts[concept_id].zh if concept_id in glossary.concepts else None,
         "seen": t.seen, "approved": t.approved, "wrong": t.wrong, "missing": t.missing, "unscored": t.unscored,
         "accuracy": None if t.accuracy is None else round(t.accuracy, 6)}
        for concept_id, t in sorted(result.per_term.items())]
    return record


class JsonWriter:
    """``{"findings": [...], "files": [...], "total": {...}}``, the findings streamed one per line."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.first = True
        self.files: list[dict[str, Any]] = []
        out.write('{"findings": [')

    def findings(self, findings: list[Finding], path: str, line: int) -> None:
        write = self.out.write
        for finding in findings:
            write("\n" if self.first else ",\n")
            self.first = False
            write(_dumps(finding_record(finding, path, line)))

    def file(self, record: dict[str, Any]) -> None:
        self.files.append(record)

    def close(self, total: dict[str, Any]) -> None:
        self.out.write('\n], "files": ' + _dumps(self.files) + ', "total": ' + _dumps(total) + "}\n")


class TextWriter:
    """One line per finding, ``path:line:col: severity code message -> suggestion``; summaries by the caller."""

    def __init__(self, out: IO[str]):
        self.out = out

    def findings(self, findings: list[Finding], path: str, line: int) -> None:
        write = self.out.write
        for f in findings:
            write(f"{path}:{line}:{f.start + 1}: {f.severity} {f.rule} {f.message}"
                  + (f" -> {f.suggestion}\n" if f.suggestion else "\n"))

    def file(self, record: dict[str, Any]) -> None:
        pass

    def close(self, total: dict[str, Any]) -> None:
        pass


class SarifWriter:
    """A SARIF 2.1.0 log, written at the end, with the figures in the run's ``properties``."""

    def __init__(self, out: IO[str], version: str):
        self.out, self.version = out, version
        self.located: list[Finding] = []
        self.files: list[dict[str, Any]] = []

    def findings(self, findings: list[Finding], path: str, line: int) -> None:
        from dataclasses import replace

        self.located += [replace(f, path=path, line=line, column=f.start + 1) for f in findings]

    def file(self, record: dict[str, Any]) -> None:
        self.files.append(record)

    def close(self, total: dict[str, Any]) -> None:
        from ..linter.report import as_sarif

        log = json.loads(as_sarif(self.located, self.version))
        log["runs"][0]["properties"] = {"termAccuracy": {"files": self.files, "total": total}}
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
