"""One partition's work, the same wherever it runs: read, lint or check, and return tables and counts.

:func:`run_partition` is what a local worker process and a Dask worker both call.  The linter (or
checker) is built once per process, from the glossary cache, on the first partition, and kept for
every later one; each output says how many times its process built that linter, so tests can see
that it happens once.

What comes back is small and picklable: the partition's findings and per-document rows as Parquet
bytes, and counts (shaped as :func:`new_tally`) that the run adds up (:func:`merge`) into ``summary.json``.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from ..linter.files import LinterSpec
from .partitions import Partition
from .readers import Document, Fields, read_documents

#: The linters and checkers this process built, with the job each is for: (mode, spec), tool, builds.
#: A Dask worker outlives a run, so it keeps the last few, and a run does not rebuild what it finds here.
_built: list[tuple[tuple[str, LinterSpec], Any, int]] = []
_KEEP = 4
_FORGOTTEN: list[tuple[str, LinterSpec]] = []  # the jobs whose tools were pushed out, to count rebuilds


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
    for known, tool, builds in _built:
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


def run_partition(job: Job, partition: Partition) -> PartitionOutput:
    """Lint or check every document of ``partition``."""
    # As in the linter: a partition's findings all live until its tables are made, so a collection
    # finds nothing to free but walks them all, again and again (a third of the time outside lint).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_partition(job, partition)
    finally:
        if collecting:
            gc.enable()


def _run_partition(job: Job, partition: Partition) -> PartitionOutput:
    from .tables import documents_table, findings_table, to_parquet

    tool, builds = tool_for(job)
    batch = _Batch()
    documents = read_documents(partition, job.fields, bilingual=job.mode == "check")
    if job.mode == "check":
        for document in documents:
            _check_document(tool, document, batch)
    else:
        # The loop the linter's time is measured against: one call per document, the rest in bulk below.
        lint, found_all, owners, lengths = tool.lint, batch.findings, batch.owner, batch.found
        for index, document in enumerate(documents):
            found = lint(document.text)
            batch.documents.append(document)
            lengths.append(len(found))
            if found:
                found_all += found
                owners += [index] * len(found)
    counts = batch.tally()
    counts["bytes"] = partition.size
    return PartitionOutput(partition.number, to_parquet(findings_table(batch.finding_columns(partition.input))),
                           to_parquet(documents_table(batch.document_columns(partition.input))), counts,
                           os.getpid(), builds)


_FIELDS = {name: attrgetter(name) for name in ("rule", "severity", "start", "end", "match", "suggestion", "concept")}


class _Batch:
    """A partition's documents and findings as they are made, turned into columns and counts at the end.

    Per finding only a list extension happens in the loop; the columns and the counts are built in one
    pass each (``map``, ``Counter``), which costs a fraction of counting finding by finding.
    """

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.findings: list[Any] = []
        self.owner: list[int] = []  # for each finding, the index of its document
        self.found: list[int] = []  # for each document, its number of findings
        self.terms_found: list[int | None] = []  # check: for each document
        self.terms_approved: list[int | None] = []
        self.terms: dict[str, list[int]] = {}  # check: concept -> [in the source, approved, wrong, missing]

    def finding_columns(self, where: str) -> dict[str, list[Any]]:
        columns = {name: list(map(getter, self.findings)) for name, getter in _FIELDS.items()}
        ids = [document.id for document in self.documents]
        dates = [document.date for document in self.documents]
        columns["input"] = [where] * len(self.findings)
        columns["document"] = list(map(ids.__getitem__, self.owner))
        columns["date"] = list(map(dates.__getitem__, self.owner))
        return columns

    def document_columns(self, where: str) -> dict[str, list[Any]]:
        by_severity = Counter(zip(self.owner, map(_FIELDS["severity"], self.findings)))
        count = len(self.documents)
        check = bool(self.terms_found)
        return {
            "input": [where] * count, "document": [d.id for d in self.documents],
            "date": [d.date for d in self.documents], "characters": [len(d.text) for d in self.documents],
            "findings": self.found, "errors": [by_severity[i, "error"] for i in range(count)],
            "warnings": [by_severity[i, "warning"] for i in range(count)],
            "terms_found": self.terms_found if check else [None] * count,
            "terms_approved": self.terms_approved if check else [None] * count,
            "accuracy": [a / f if f else None for f, a in zip(self.terms_found, self.terms_approved)] if check
            else [None] * count}

    def tally(self) -> dict[str, Any]:
        counts = new_tally()
        rules = list(map(_FIELDS["rule"], self.findings))
        concepts = list(map(_FIELDS["concept"], self.findings))
        counts.update(
            partitions=1, documents=len(self.documents), characters=sum(len(d.text) for d in self.documents),
            findings=len(self.findings), rules=dict(Counter(rules)),
            severities=dict(Counter(map(_FIELDS["severity"], self.findings))),
            concepts=dict(Counter(c for c in concepts if c)),
            findings_per_document={str(n): k for n, k in Counter(self.found).items()}, terms=self.terms)
        for (concept, rule), n in Counter((c, r) for c, r in zip(concepts, rules) if c).items():
            counts["concept_rules"].setdefault(concept, {})[rule] = n
        found = [f or 0 for f in self.terms_found]
        approved = [a or 0 for a in self.terms_approved]
        counts["terms_found"], counts["terms_approved"] = sum(found), sum(approved)
        counts["accuracy_per_document"] = {str(decile): n for decile, n in Counter(
            min(10, int(10 * a / f)) for f, a in zip(found, approved) if f).items()}
        for index, document in enumerate(self.documents):
            if document.date:
                day = counts["dates"].setdefault(document.date[:10], [0, 0, 0, 0, 0])
                day[0] += 1
                day[1] += self.found[index]
                day[2] += found[index] if found else 0
                day[3] += approved[index] if approved else 0
                day[4] += len(document.text)
        return counts


def _check_document(checker: Any, document: Document, batch: _Batch) -> None:
    result = checker.check(document.source, document.text, segment=document.id)
    found = result.findings
    index = len(batch.documents)
    batch.documents.append(document)
    batch.findings += found
    batch.owner += [index] * len(found)
    batch.found.append(len(found))
    batch.terms_found.append(result.terms_found)
    batch.terms_approved.append(result.terms_approved)
    # Per concept: how often the source named it, and how often the target had it wrong or not at all.
    for concept, _, _ in checker.source_concepts(document.source):
        batch.terms.setdefault(concept.id, [0, 0, 0, 0])[0] += 1
    for finding in found:
        if finding.concept and finding.rule in ("NQP101", "NQP102"):
            batch.terms.setdefault(finding.concept, [0, 0, 0, 0])[2 if finding.rule == "NQP101" else 3] += 1


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
