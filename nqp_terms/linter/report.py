"""Findings as text for people, JSON for programs, and SARIF 2.1.0 for code-review annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .finding import Finding
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
    results = []
    for f in findings:
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
        results.append(result)
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
