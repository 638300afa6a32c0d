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
from itertools import chain, repeat
from operator import attrgetter
from typing import Any

from ..linter.files import LinterSpec
from .partitions import Partition
from .readers import DocumentColumns, Fields, read_column_slices

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
    from .tables import partition_tables, to_parquet

    tool, builds = tool_for(job)
    batch = _Batch()
    # A slice of documents at a time: read, linted and let go before the next is read, so that a worker
    # holds a partition's decoded texts a slice at a time, not all at once.
    for documents in read_column_slices(partition, job.fields, bilingual=job.mode == "check",
                                        documents=_TEXTS_AT_ONCE):
        batch.take(documents)
        if job.mode == "check":
            for index in range(len(documents)):
                _check_document(tool, documents, index, batch)
        else:
            _lint_documents(tool, documents.texts, batch)
    counts = batch.tally()
    counts["bytes"] = partition.size
    findings, table_of_documents = partition_tables(partition.input, batch.finding_columns(), batch.owners(),
                                                    batch.document_columns())
    return PartitionOutput(partition.number, to_parquet(findings), to_parquet(table_of_documents), counts,
                           os.getpid(), builds)


#: The fields of a finding that become columns of the findings table, each with its getter.
_FIELDS = {name: attrgetter(name) for name in ("rule", "severity", "start", "end", "match", "suggestion", "concept")}
#: How many findings wait to be copied into the columns: few enough to be still in the processor's cache.
_CHUNK = 4096


#: How many texts are handed to the linter at once (it joins short ones into texts of about 16 KB).
_TEXTS_AT_ONCE = 1024


def _lint_documents(linter: Any, texts: list[str], batch: _Batch) -> None:
    """Lint each text into ``batch``: the loop the linter's own time is measured against.

    The linter lints dozens of short texts in one pass (``Linter.lint_many``), each with its
    own findings.  Per document, only a count; per finding, a list extension.  The findings'
    fields are copied into columns a few thousand findings at a time, while they are fresh, and
    the findings are let go: each is a dictionary of seventeen fields, and a partition's worth of
    them cost more to keep than to copy (they made the process larger, and the linter slower).
    """
    lengths, waiting, add = batch.found, [], batch.add
    for first in range(0, len(texts), _TEXTS_AT_ONCE):
        for found in linter.lint_many(texts[first: first + _TEXTS_AT_ONCE]):
            lengths.append(len(found))
            if found:
                waiting += found
        if len(waiting) >= _CHUNK:
            add(waiting)
            waiting = []
    add(waiting)


class _Batch:
    """A partition's documents (their ids, dates and sizes), and their findings as columns, turned into
    tables and counts at the end.

    Per finding only list extensions happen (``map`` over a field's getter); the counts are made in
    one pass each (``Counter``), which costs a fraction of counting finding by finding.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.dates: list[str | None] = []
        self.characters: list[int] = []
        self.columns: dict[str, list[Any]] = {name: [] for name in _FIELDS}  # the findings, field by field
        self.found: list[int] = []  # for each document, its number of findings
        self.terms_found: list[int | None] = []  # check: for each document
        self.terms_approved: list[int | None] = []
        self.terms: dict[str, list[int]] = {}  # check: concept -> [in the source, approved, wrong, missing]

    def take(self, documents: DocumentColumns) -> None:
        """Note the next documents (their texts are linted next, and not kept)."""
        self.ids += documents.ids
        self.dates += documents.dates
        self.characters += map(len, documents.texts)

    def add(self, findings: list[Any]) -> None:
        """Copy the fields of ``findings`` (of the documents just counted in ``found``) into the columns."""
        for name, getter in _FIELDS.items():
            self.columns[name] += map(getter, findings)

    def owners(self) -> list[int]:
        """For each finding, the index of its document (documents are in order, and so are their findings)."""
        return list(chain.from_iterable(map(repeat, range(len(self.found)), self.found)))

    def finding_columns(self) -> dict[str, list[Any]]:
        return self.columns

    def document_columns(self) -> dict[str, list[Any]]:
        count = len(self.ids)
        errors, warnings = [0] * count, [0] * count
        for (index, severity), n in Counter(zip(self.owners(), self.columns["severity"])).items():
            if severity == "error":
                errors[index] = n
            elif severity == "warning":
                warnings[index] = n
        check = bool(self.terms_found)
        return {
            "document": self.ids, "date": self.dates, "characters": self.characters, "findings": self.found,
            "errors": errors, "warnings": warnings,
            "terms_found": self.terms_found if check else [None] * count,
            "terms_approved": self.terms_approved if check else [None] * count,
            "accuracy": [a / f if f else None for f, a in zip(self.terms_found, self.terms_approved)] if check
            else [None] * count}

    def tally(self) -> dict[str, Any]:
        counts = new_tally()
        rules, concepts = self.columns["rule"], self.columns["concept"]
        characters = self.characters
        counts.update(
            partitions=1, documents=len(self.ids), characters=sum(characters), findings=len(rules),
            rules=dict(Counter(rules)), severities=dict(Counter(self.columns["severity"])),
            concepts=dict(Counter(filter(None, concepts))),
            findings_per_document={str(n): k for n, k in Counter(self.found).items()}, terms=self.terms)
        for (concept, rule), n in Counter(zip(concepts, rules)).items():  # counted in C; findings of no concept dropped
            if concept:
                counts["concept_rules"].setdefault(concept, {})[rule] = n
        found = [f or 0 for f in self.terms_found]  # check only: empty for lint
        approved = [a or 0 for a in self.terms_approved]
        counts["terms_found"], counts["terms_approved"] = sum(found), sum(approved)
        counts["accuracy_per_document"] = {str(decile): n for decile, n in Counter(
            min(10, int(10 * a / f)) for f, a in zip(found, approved) if f).items()}
        days = counts["dates"]
        for date, findings, terms, right, size in zip(self.dates, self.found, found or repeat(0),
                                                      approved or repeat(0), characters):
            if date:
                day = days.setdefault(date[:10], [0, 0, 0, 0, 0])
                day[0] += 1
                day[1] += findings
                day[2] += terms
                day[3] += right
                day[4] += size
        return counts


def _check_document(checker: Any, documents: DocumentColumns, index: int, batch: _Batch) -> None:
    source = documents.sources[index]
    result = checker.check(source, documents.texts[index], segment=documents.ids[index])
    found = result.findings
    batch.add(found)
    batch.found.append(len(found))
    batch.terms_found.append(result.terms_found)
    batch.terms_approved.append(result.terms_approved)
    # Per concept: how often the source named it, and how often the target had it wrong or not at all.
    for concept, _, _ in checker.source_concepts(source):
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
