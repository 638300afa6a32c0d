"""One partition's work, the same wherever it runs: read, lint or check, and return tables and counts.

:func:`run_partition` is what a local worker process and a Dask worker both call.  The linter (or
checker) is built once per process, from the glossary cache, on the first partition, and kept for
every later one; each output says how many times its process built that linter, so tests can see
that it happens once.

What comes back is small and picklable: the partition's findings and per-document rows as Parquet
bytes, and a :func:`tally` of counts that the run adds up (:func:`merge`) into ``summary.json``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ..linter.files import LinterSpec
from .partitions import Partition
from .readers import Document, Fields, read_documents

#: The linters and checkers this process built, with the job each is for: (mode, spec), tool, builds.
#: A Dask worker outlives a run, so it keeps the last few, and a run does not rebuild what it finds here.
_built: list[tuple[tuple[str, LinterSpec], Any, int]] = []
_KEEP = 4


@dataclass(frozen=True)
class Job:
    """What every partition of a run is done with: lint or check, the linter, the fields to read."""

    mode: str = "lint"  # "lint" the English text, or "check" source/target pairs
    spec: LinterSpec = field(default_factory=LinterSpec)
    fields: Fields = field(default_factory=Fields)

    def __post_init__(self) -> None:
        if self.mode not in ("lint", "check"):
            raise ValueError(f"mode must be 'lint' or 'check', not {self.mode!r}")


@dataclass
class PartitionOutput:
    """What one partition gave: its number, findings and documents as Parquet, counts, and who did it."""

    number: int
    findings: bytes
    documents: bytes
    tally: dict[str, Any]
    pid: int = 0
    builds: int = 0


def tool_for(job: Job) -> tuple[Any, int]:
    """This process's linter (``lint``) or checker (``check``) for ``job``, built on first use only,
    and how many times this process has built it (1, unless it was pushed out by other jobs)."""
    key = (job.mode, job.spec)
    for index, (known, tool, builds) in enumerate(_built):
        if known == key:  # specs hold a LintConfig with a dict: compared, not hashed
            return tool, builds
    builds = 1 + sum(1 for known in _FORGOTTEN if known == key)
    linter = job.spec.build()
    if job.mode == "check":
        from ..checker.bilingual import Checker

        tool = Checker(linter.glossary, linter.config)
    else:
        tool = linter
    _built.insert(0, (key, tool, builds))
    if len(_built) > _KEEP:
        _FORGOTTEN.append(_built.pop()[0])
    return tool, builds


_FORGOTTEN: list[tuple[str, LinterSpec]] = []


def run_partition(job: Job, partition: Partition) -> PartitionOutput:
    """Lint or check every document of ``partition``."""
    from .tables import documents_table, findings_table, to_parquet

    tool, builds = tool_for(job)
    findings = _columns(FINDING_COLUMNS)
    documents = _columns(DOCUMENT_COLUMNS)
    counts = new_tally()
    check = job.mode == "check"
    for document in read_documents(partition, job.fields, bilingual=check):
        if check:
            _check_document(tool, partition.input, document, findings, documents, counts)
        else:
            _lint_document(tool, partition.input, document, findings, documents, counts)
    counts["bytes"] = partition.size
    counts["partitions"] = 1
    return PartitionOutput(partition.number, to_parquet(findings_table(findings)),
                           to_parquet(documents_table(documents)), counts, os.getpid(), builds)


FINDING_COLUMNS = ("input", "document", "rule", "severity", "start", "end", "match", "suggestion", "concept",
                   "date")
DOCUMENT_COLUMNS = ("input", "document", "date", "characters", "findings", "errors", "warnings",
                    "terms_found", "terms_approved", "accuracy")


def _columns(names: tuple[str, ...]) -> dict[str, list[Any]]:
    return {name: [] for name in names}


def _add_findings(found: list[Any], where: str, document: Document, columns: dict[str, list[Any]]) -> None:
    n = len(found)
    columns["input"] += [where] * n
    columns["document"] += [document.id] * n
    columns["date"] += [document.date] * n
    for name in ("rule", "severity", "start", "end", "match", "suggestion", "concept"):
        columns[name] += [getattr(finding, name) for finding in found]


def _lint_document(linter: Any, where: str, document: Document, findings: dict[str, list[Any]],
                   documents: dict[str, list[Any]], counts: dict[str, Any]) -> None:
    found = linter.lint(document.text)
    _add_findings(found, where, document, findings)
    _add_document(where, document, found, None, None, documents, counts)


def _check_document(checker: Any, where: str, document: Document, findings: dict[str, list[Any]],
                    documents: dict[str, list[Any]], counts: dict[str, Any]) -> None:
    result = checker.check(document.source, document.text, segment=document.id)
    found = result.findings
    _add_findings(found, where, document, findings)
    terms = counts["terms"]
    # Per concept: how often the source named it, and how often the target had it wrong or not at all.
    for concept, _, _ in checker.source_concepts(document.source):
        terms.setdefault(concept.id, [0, 0, 0, 0])[0] += 1
    for finding in found:
        if finding.concept and finding.rule in ("NQP101", "NQP102"):
            terms.setdefault(finding.concept, [0, 0, 0, 0])[2 if finding.rule == "NQP101" else 3] += 1
    _add_document(where, document, found, result.terms_found, result.terms_approved, documents, counts)


def _add_document(where: str, document: Document, found: list[Any], terms_found: int | None,
                  terms_approved: int | None, documents: dict[str, list[Any]], counts: dict[str, Any]) -> None:
    severities = [finding.severity for finding in found]
    accuracy = terms_approved / terms_found if terms_found else None
    row = {"input": where, "document": document.id, "date": document.date, "characters": len(document.text),
           "findings": len(found), "errors": severities.count("error"), "warnings": severities.count("warning"),
           "terms_found": terms_found, "terms_approved": terms_approved, "accuracy": accuracy}
    for name, value in row.items():
        documents[name].append(value)
    counts["documents"] += 1
    counts["characters"] += len(document.text)
    counts["findings"] += len(found)
    _bump(counts["findings_per_document"], str(len(found)))
    for finding in found:
        _bump(counts["rules"], finding.rule)
        _bump(counts["severities"], finding.severity)
        if finding.concept:
            _bump(counts["concepts"], finding.concept)
            _bump(counts["concept_rules"].setdefault(finding.concept, {}), finding.rule)
    if terms_found:
        counts["terms_found"] += terms_found
        counts["terms_approved"] += terms_approved or 0
        _bump(counts["accuracy_per_document"], str(min(10, int((accuracy or 0) * 10))))
    if document.date:
        day = counts["dates"].setdefault(document.date[:10], [0, 0, 0, 0, 0])
        day[0] += 1
        day[1] += len(found)
        day[2] += terms_found or 0
        day[3] += terms_approved or 0
        day[4] += len(document.text)


def _bump(counter: dict[str, int], key: str) -> None:
    counter[key] = counter.get(key, 0) + 1


def new_tally() -> dict[str, Any]:
    """Empty counts: totals, findings by rule, severity and concept, term accuracy, distributions, days.

    ``terms`` maps a concept to [found in the source, approved, wrong, missing] (approved is filled in by
    :func:`finish_tally`); ``dates`` maps a day to [documents, findings, terms found, approved, characters].
    """
    return {"partitions": 0, "documents": 0, "characters": 0, "bytes": 0, "findings": 0, "terms_found": 0,
            "terms_approved": 0, "rules": {}, "severities": {}, "concepts": {}, "concept_rules": {}, "terms": {},
            "findings_per_document": {}, "accuracy_per_document": {}, "dates": {}}


def merge(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """Add the counts of ``part`` into ``total`` (numbers add, lists add element-wise, mappings merge).

    >>> merge({"a": 1, "b": {"x": [1, 2]}}, {"a": 2, "b": {"x": [3, 4], "y": [1, 0]}})
    {'a': 3, 'b': {'x': [4, 6], 'y': [1, 0]}}
    """
    for key, value in part.items():
        if key not in total:
            total[key] = merge({}, value) if isinstance(value, dict) else list(value) if isinstance(value, list) \
                else value
        elif isinstance(value, dict):
            merge(total[key], value)
        elif isinstance(value, list):
            total[key] = [a + b for a, b in zip(total[key], value)]
        else:
            total[key] += value
    return total


def finish_tally(total: dict[str, Any]) -> dict[str, Any]:
    """Fill in what is derived: approved per concept (found less wrong less missing), overall accuracy."""
    for counts in total["terms"].values():
        counts[1] = counts[0] - counts[2] - counts[3]
    total["accuracy"] = total["terms_approved"] / total["terms_found"] if total["terms_found"] else None
    return total
