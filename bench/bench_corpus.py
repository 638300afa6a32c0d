"""Benchmark of corpus runs: JSONL segments through `nqp-terms corpus lint`, locally and on Dask.

Run:  nice python bench/bench_corpus.py [--size 1000] [--repeat 1] [--keep DIR]

``--size`` is the corpus in MB (default 1000: 1 GB); the memory comparison also runs a corpus a tenth
that size.  The segments are sentences of the seed article (a real machine translation, dense with
calques) and of official English (tests/data/official-english.md), one to three per segment, drawn
with a fixed seed, each with an id and a date.  Figures are medians of ``--repeat`` runs in this one
invocation, wall time and CPU time (user + system of every process of the run) both, with the load
average beside them: on a shared machine the wall time says as much about the neighbours as about
the code.

Floors (issue 15):
- corpus lint (one process) >= 80% of the single-process ``lint`` throughput per core (CPU time per
  text MB).  The baseline is the ``nqp-terms lint`` command the issue names, in one process (``--jobs 1
  --format jsonl``, output to /dev/null) on the same segments' texts written to a text file one per
  paragraph (a blank line between them: the command reads a large file a chunk of about 1 MB at a
  time, cut at a paragraph break; one per line it reads up to 8 MB at a time, and took about 15% more
  CPU time on 9 MB), its start-up included, as a command's is.  The command lints the file as one
  document, a call of the linter per megabyte.  The linter alone is measured too, in this process with
  no reading or writing, two ways: a call of ``Linter.lint`` per segment (where the linter's fixed cost
  per call is most of the time on segments this short), and ``Linter.lint_many``, which joins dozens of
  segments into one pass and gives each its own findings, as a corpus run calls it;
- ``--jobs 2`` >= 1.7x ``--jobs 1`` (wall);
- a Dask LocalCluster of two one-thread worker processes within 1.5x of ``--jobs 2`` (wall);
- peak memory flat (within 20%) from a tenth of the size to the full size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_cc3756e0a130bcc6.txt"
OFFICIAL = REPO / "tests" / "data" / "official-english.md"
CLI = [sys.executable, "-m", "nqp_terms"]


def sentences() -> list[str]:
    found = []
    for source in (SEED, OFFICIAL):
        text = re.sub(r"^#+ .*$", "", source.read_text(encoding="utf-8"), flags=re.MULTILINE)
        found += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.strip()) > 20]
    return found


def generate(path: Path, megabytes: float) -> tuple[int, int]:
    """Write about ``megabytes`` of JSON lines; the number of segments and of text bytes."""
    pool = sentences()
    rng = random.Random(15)
    written = count = text_bytes = 0
    target = megabytes * 1e6
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
            line = json.dumps({"id": f"seg-{count}", "text": text, "date": f"2025-{1 + count % 12:02d}-{1 + count % 28:02d}"},
                              ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode())
            text_bytes += len(text.encode())
            count += 1
    return count, text_bytes


def first_texts(path: Path, megabytes: float) -> tuple[list[str], int]:
    """The texts of the first ``megabytes`` (of text) of segments, and their size in bytes."""
    texts, size = [], 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            texts.append(text)
            size += len(text.encode())
            if size >= megabytes * 1e6:
                break
    return texts, size


def linter_alone(path: Path, megabytes: float, *, together: bool = False) -> tuple[float, float]:
    """The linter's own throughput on the first ``megabytes`` of segments: text MB per CPU second and wall second.

    ``Linter.lint`` on each segment, or with ``together`` ``Linter.lint_many`` on a thousand at a time, as a
    corpus run calls it.
    """
    import gc

    from nqp_terms.corpus.work import Job, tool_for

    linter, _ = tool_for(Job())
    texts, size = first_texts(path, megabytes)
    linter.lint(texts[0])
    gc.disable()  # as the corpus worker does
    cpu, wall = time.process_time(), time.perf_counter()
    if together:
        for first in range(0, len(texts), 1024):
            linter.lint_many(texts[first: first + 1024])
    else:
        for text in texts:
            linter.lint(text)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    gc.enable()
    return size / 1e6 / cpu, size / 1e6 / wall


def lint_command(path: Path, megabytes: float, work: Path) -> dict[str, float]:
    """``nqp-terms lint --jobs 1`` on the texts of the first ``megabytes`` of segments, one per paragraph.

    CPU seconds (start-up included) and text MB; and the CPU seconds of the same command on an empty
    file, the start-up alone, so that a reader can see how much of the figure it is.
    """
    texts, size = first_texts(path, megabytes)
    segments = work / "segments.txt"
    segments.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    empty = work / "empty.txt"
    empty.write_text("", encoding="utf-8")
    command = [*CLI, "lint", "--format", "jsonl", "--jobs", "1", "--fail-on", "never"]
    run = timed_run([*command, str(segments)])
    run["startup"] = timed_run([*command, str(empty)])["cpu"]
    run["megabytes"] = size / 1e6
    segments.unlink()
    return run


def timed_run(command: list[str]) -> dict[str, float]:
    """Run ``command`` under a fresh wrapper process: wall seconds, CPU seconds of its whole tree, peak RSS (MB)."""
    wrapper = ("import resource, subprocess, sys, time\n"
               "start = time.perf_counter()\n"
               "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
               "wall = time.perf_counter() - start\n"
               "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)")
    load = os.getloadavg()[0]
    output = subprocess.run([sys.executable, "-c", wrapper, *command], check=True, capture_output=True,
                            text=True).stdout.split()
    return {"wall": float(output[0]), "cpu": float(output[1]), "rss": float(output[2]), "load": load}


def corpus_run(path: Path, out: Path, jobs: int, repeat: int, partition_megabytes: float) -> dict[str, float]:
    runs = [timed_run([*CLI, "corpus", "lint", str(path), "--out", str(out), "--jobs", str(jobs), "--fresh",
                       "--date-field", "date", "--id-field", "id", "--partition-size", str(partition_megabytes)])
            for _ in range(repeat)]
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def dask_run(path: Path, out: Path, repeat: int, partition_megabytes: float) -> dict[str, float]:
    """The same run on a LocalCluster of two one-thread worker processes (started before the clock)."""
    import psutil
    from distributed import Client, LocalCluster

    from nqp_terms.corpus.readers import Fields
    from nqp_terms.corpus.run import run_corpus

    def tree_cpu(process: psutil.Process) -> float:
        total = 0.0
        for member in [process, *process.children(recursive=True)]:
            try:
                times = member.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    runs = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        me = psutil.Process()
        for _ in range(repeat):
            load = os.getloadavg()[0]
            cpu, wall = tree_cpu(me), time.perf_counter()
            run_corpus([str(path)], out, client=client, fields=Fields(id="id", date="date"), fresh=True,
                       progress=False, partition_bytes=int(partition_megabytes * 1024 * 1024))
            runs.append({"wall": time.perf_counter() - wall, "cpu": tree_cpu(me) - cpu, "load": load})
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=1000, help="corpus size in MB (default 1000)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="keep the corpora and outputs in DIR")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="nqp-terms-bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        big, small = work / "corpus.jsonl", work / "corpus-tenth.jsonl"
        segments, text_bytes = generate(big, args.size)
        generate(small, args.size / 10)
        megabytes = big.stat().st_size / 1e6
        text_megabytes = text_bytes / 1e6
        print(f"corpus: {megabytes:,.0f} MB of JSONL, {segments:,} segments, {text_megabytes:,.0f} MB of text; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")

        alone_cpu, alone_wall = linter_alone(big, min(50.0, text_megabytes))
        print(f"the linter alone, one process, a call per segment: {alone_cpu:.2f} text MB per CPU second "
              f"({alone_wall:.2f} MB/s wall)")
        many_cpu, many_wall = linter_alone(big, min(50.0, text_megabytes), together=True)
        print(f"the linter alone, one process, lint_many (as a corpus run calls it): {many_cpu:.2f} text MB per "
              f"CPU second ({many_wall:.2f} MB/s wall)")
        command = lint_command(big, min(50.0, text_megabytes), work)
        command_cpu = command["megabytes"] / command["cpu"]
        print(f"the lint command, one process (lint --jobs 1 --format jsonl, {command['megabytes']:.0f} MB of the "
              f"texts one per paragraph): {command_cpu:.2f} text MB per CPU second ({command['cpu']:.1f} s CPU, "
              f"of which start-up {command['startup']:.1f} s; {command['megabytes'] / command['wall']:.2f} MB/s "
              f"wall); load {command['load']:.1f}")

        # A worker's memory follows the partition size, so both sizes are cut into partitions of the same size,
        # several even at a tenth (at most 16 MB, the command's default).
        partition = min(16.0, max(0.5, args.size / 40))
        print(f"partitions of {partition:g} MB")
        one = corpus_run(big, work / "out-1", 1, args.repeat, partition)
        two = corpus_run(big, work / "out-2", 2, args.repeat, partition)
        for name, run in (("--jobs 1", one), ("--jobs 2", two)):
            print(f"corpus lint {name}: {run['wall']:7.1f} s wall, {run['cpu']:7.1f} s CPU; "
                  f"{megabytes / run['wall']:6.2f} MB/s and {segments / run['wall']:8,.0f} segments/s wall; "
                  f"{text_megabytes / run['cpu']:.2f} text MB per CPU second; peak RSS {run['rss']:.0f} MB; "
                  f"load {run['load']:.1f}")
        per_core = text_megabytes / one["cpu"]
        print(f"per core (CPU time), against the lint command: {per_core / command_cpu:.0%} (floor 80%); against "
              f"the linter alone, a call per segment: {per_core / alone_cpu:.0%}, lint_many: {per_core / many_cpu:.0%}")
        print(f"--jobs 2 against --jobs 1: {one['wall'] / two['wall']:.2f}x wall (floor 1.7x), "
              f"{one['cpu'] / two['cpu']:.2f}x in CPU time spent")

        if not args.skip_dask:
            on_dask = dask_run(big, work / "out-dask", args.repeat, partition)
            print(f"Dask LocalCluster (2 processes x 1 thread): {on_dask['wall']:7.1f} s wall, "
                  f"{on_dask['cpu']:7.1f} s CPU; {megabytes / on_dask['wall']:.2f} MB/s; load {on_dask['load']:.1f}; "
                  f"{on_dask['wall'] / two['wall']:.2f}x the time of --jobs 2 (floor: within 1.5x)")

        tenth = corpus_run(small, work / "out-tenth", 1, args.repeat, partition)
        print(f"peak memory, --jobs 1: {tenth['rss']:.0f} MB on {megabytes / 10:,.0f} MB, {one['rss']:.0f} MB on "
              f"{megabytes:,.0f} MB ({one['rss'] / tenth['rss'] - 1:+.0%}; floor: within 20%); "
              f"--jobs 2 largest process {two['rss']:.0f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
