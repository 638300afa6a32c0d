"""A corpus run from start to end: plan the partitions, skip the finished ones, run the rest, sum up.

>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> lines = ['{"text": "We will Go out and grasp the Bull nose."}', '{"text": "Nothing to see."}']
>>> _ = (folder / "mt.jsonl").write_text("\\n".join(lines) + "\\n")
>>> summary = run_corpus([str(folder / "mt.jsonl")], folder / "out", jobs=1)
>>> summary["documents"], summary["findings"], summary["rules"]
(2, 2, {'NQP001': 2})
>>> json.loads((folder / "out" / "summary.json").read_text())["findings_per_document"]
{'0': 1, '2': 1}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..linter.files import LinterSpec
from .output import RunDirectory
from .partitions import PARTITION_BYTES, Partition, iter_partitions, outline, partition_key
from .progress import Progress
from .readers import Fields
from .work import Job, PartitionOutput, finish_tally, merge, new_tally, run_partition
from ..linter.workers import default_jobs, run_in_workers


def run_corpus(inputs: list[str], out: str | os.PathLike[str], *, mode: str = "lint", fields: Fields | None = None,
               spec: LinterSpec | None = None, jobs: int | None = None, client: Any = None,
               partition_bytes: int = PARTITION_BYTES, progress: bool | None = None,
               fresh: bool = False) -> dict[str, Any]:
    """Lint or check ``inputs`` into the directory ``out``, resuming a run that was cut short; the summary.

    ``client`` (a ``dask.distributed.Client``) runs the partitions on its cluster; otherwise they run
    in ``jobs`` local processes (default: the CPUs available).  ``progress``: a bar on standard
    error (default: when it is a terminal).
    """
    job = Job(mode, spec or LinterSpec(), fields or Fields())
    inputs = list(inputs)
    # Checks every input first: a missing or unknown one stops the run here.
    total_bytes, most_partitions = outline(inputs, partition_bytes=partition_bytes)
    directory = RunDirectory(Path(out), fingerprint(job, inputs, partition_bytes), fresh=fresh)
    done = dict(directory.done)
    done_bytes = sum(tally.get("bytes", 0) for tally in done.values())
    # Planned as they are handed out: the workers start on the first partition while the parent reads on.
    pending = (p for p in iter_partitions(inputs, partition_bytes=partition_bytes) if p.key not in done)
    bar = Progress(total_bytes, done_bytes, enabled=progress)
    try:
        for output in _outputs(job, pending, max(1, min(jobs or default_jobs(), most_partitions - len(done))),
                               client):
            directory.record(partition_key(output.number), output)
            bar.advance(output.tally)
    finally:
        bar.close()
    summary = summarize(job, inputs, directory.done)
    directory.write_summary(summary)
    return summary


def _partition(partition: Partition, job: Job) -> PartitionOutput:
    return run_partition(job, partition)


def _outputs(job: Job, pending: Iterator[Partition], jobs: int, client: Any) -> Any:
    if client is not None:
        from .cluster import run_on_dask

        return run_on_dask(client, job, list(pending))
    return run_in_workers(_partition, pending, jobs=jobs, args=(job,))


def fingerprint(job: Job, inputs: list[str], partition_bytes: int) -> str:
    """What decides a run's output: the job, the inputs in order with their files' sizes and times, the
    partition size (which, with the files, decides the partitions), the glossary."""
    glossary_roots = list(job.spec.glossary) + ([_shipped_root()] if job.spec.shipped or not job.spec.glossary
                                                else [])
    described = {
        "mode": job.mode, "fields": asdict(job.fields), "engine": job.spec.engine,
        "config": repr(job.spec.config), "glossary": [_stamps(root) for root in glossary_roots],
        "inputs": [_stamps(name) for name in inputs], "partition_bytes": partition_bytes}
    return hashlib.sha256(json.dumps(described, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _shipped_root() -> str:
    from ..termbase.layout import shipped_glossary_path

    return str(shipped_glossary_path())


def _stamps(root: str) -> list[str]:
    """``path size mtime`` of ``root``, or of every file under it."""
    if not os.path.isdir(root):
        status = os.stat(root)
        return [f"{root} {status.st_size} {status.st_mtime_ns}"]
    stamps = []
    for folder, _, names in os.walk(root):
        for name in names:
            status = os.stat(os.path.join(folder, name))
            stamps.append(f"{os.path.join(folder, name)} {status.st_size} {status.st_mtime_ns}")
    return sorted(stamps)


def summarize(job: Job, inputs: list[str], done: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The counts of every finished partition added up, with what a report needs to label them."""
    from ..linter.config import LintConfig
    from ..linter.rules import RULES

    total = new_tally()
    for key in sorted(done):
        merge(total, done[key])
    finish_tally(total)
    glossary = job.spec.build().glossary
    labels = {}
    for concept_id in sorted(set(total["concepts"]) | set(total["terms"])):
        if concept_id in glossary:
            concept = glossary.concept(concept_id)
            labels[concept_id] = {"zh": concept.zh, "en": concept.en}
    config = job.spec.config if isinstance(job.spec.config, LintConfig) else LintConfig()
    return {**total, "mode": job.mode, "inputs": list(inputs), "fields": asdict(job.fields),
            "site_url": config.site_url, "labels": labels,
            "rule_names": {code: rule.name for code, rule in RULES.items()}}
