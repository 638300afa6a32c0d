"""Benchmark of ``nqp-terms check``: 100,000 segment pairs through the command line, JSON against text output.

Run:  python bench/bench_check.py [--pairs N] [--repeat N] [--sets short,sentences]

Two sets of pairs, written as TSV files in a temporary directory:

- **short**: terminology-sized segments built from the shipped glossary, one
  per concept in turn: the Chinese term in a short frame (推动…) and an English
  target with the preferred rendering, or every fifth time a deprecated one,
  or every seventh time none (about 40 characters each side);
- **sentences**: the sentence pairs of ``tests/data/checkpairs/pairs.yaml``
  (official bilingual texts and MT-style targets, about 150 characters of
  English each), repeated.

For each set and each output format (``--format json`` and ``text``) the
command runs ``--repeat`` times; the median wall time, pairs per second and
the CPU time (user + system: steadier than wall time on a loaded machine), and
the peak memory (maximum resident set size of the process) are reported, with
the JSON/text ratio and the in-process throughput of ``Checker.check_many``.
Floors (issue 11): check >= 30,000 pairs/s with JSON output; JSON costs no
more than twice text output.  The machine is shared: run it niced, once.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PAIRS = REPO / "tests" / "data" / "checkpairs" / "pairs.yaml"


def short_pairs(count: int) -> list[tuple[str, str]]:
    import nqp_terms

    concepts = [c for c in nqp_terms.load() if c.zh and c.en]
    pairs = []
    for number, concept in zip(range(count), itertools.cycle(concepts)):
        deprecated = concept.deprecated("en")
        if number % 5 == 0 and deprecated:
            english = deprecated[0].term
        elif number % 7 == 0:
            english = "the work of this year"
        else:
            english = concept.en
        pairs.append((f"推动{concept.zh}", f"Promote {english}."))
    return pairs


def sentence_pairs(count: int) -> list[tuple[str, str]]:
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    clean = [(p["zh"].replace("\t", " ").replace("\n", " "), p["en"].replace("\t", " ").replace("\n", " "))
             for p in pairs]
    return [pair for pair, _ in zip(itertools.cycle(clean), range(count))]


def write_tsv(path: Path, pairs: list[tuple[str, str]]) -> None:
    path.write_text("".join(f"{zh}\t{en}\n" for zh, en in pairs), encoding="utf-8")


_RUN = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, done.returncode)
"""


def run_cli(path: Path, output: str) -> tuple[float, float, float]:
    """Wall time (s), CPU time (s) and peak memory (MiB) of one ``nqp-terms check`` run."""
    command = [sys.executable, "-m", "nqp_terms", "check", str(path), "--format", output, "--fail-on", "never"]
    done = subprocess.run([sys.executable, "-c", _RUN, *command], capture_output=True, text=True, check=True)
    elapsed, cpu, peak_kib, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"check exited {code} on {path}")
    return float(elapsed), float(cpu), int(peak_kib) / 1024


def in_process(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Pairs per second of ``Checker.check_many``, by the wall clock and by CPU time."""
    import nqp_terms
    from nqp_terms.checker.bilingual import Checker

    checker = Checker(nqp_terms.load())
    checker.check_many(pairs[:10])  # build the automata first
    start, cpu = time.perf_counter(), time.process_time()
    checker.check_many(pairs)
    return len(pairs) / (time.perf_counter() - start), len(pairs) / (time.process_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--sets", default="short,sentences")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    makers = {"short": short_pairs, "sentences": sentence_pairs}
    figures: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as directory:
        for name in args.sets.split(","):
            pairs = makers[name](args.pairs)
            path = Path(directory) / f"{name}.tsv"
            write_tsv(path, pairs)
            row: dict[str, object] = {"pairs": len(pairs), "megabytes": round(path.stat().st_size / 2**20, 1)}
            for output in ("text", "json"):
                runs = [run_cli(path, output) for _ in range(args.repeat)]
                seconds = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                row[output] = {"seconds": round(seconds, 2), "pairs_per_second": round(len(pairs) / seconds),
                               "cpu_seconds": round(cpu, 2), "pairs_per_cpu_second": round(len(pairs) / cpu),
                               "peak_mib": round(max(r[2] for r in runs))}
            row["json_over_text"] = round(row["json"]["seconds"] / row["text"]["seconds"], 2)  # type: ignore[index]
            wall, cpu = in_process(pairs)
            row["in_process_pairs_per_second"] = round(wall)
            row["in_process_pairs_per_cpu_second"] = round(cpu)
            figures[name] = row
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"check on {args.pairs:,} pairs, medians of {args.repeat} runs (CPUs: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}: on a shared machine the CPU-time figures are the steadier)")
    for name, row in figures.items():
        print(f"{name}: {row['pairs']:,} pairs, {row['megabytes']} MB")
        for output in ("text", "json"):
            r = row[output]  # type: ignore[index]
            print(f"  --format {output:5} {r['seconds']:7.2f} s  {r['pairs_per_second']:>8,} pairs/s  "
                  f"(CPU {r['cpu_seconds']:.2f} s, {r['pairs_per_cpu_second']:,} pairs per CPU-second)  "
                  f"peak {r['peak_mib']} MiB")
        print(f"  JSON/text {row['json_over_text']}   in-process check_many: "
              f"{row['in_process_pairs_per_second']:,} pairs/s, "
              f"{row['in_process_pairs_per_cpu_second']:,} pairs per CPU-second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
