"""Benchmark of the lint command line: throughput against a bare scan and textlint, start-up, memory, --jobs.

Run:  python bench/bench_lint.py [--repeat N] [--megabytes 10] [--before DIR] [--only SECTION ...]

Every time is a median of N runs (default 5) in this one invocation, and every ratio compares figures
measured in the same run.  ``--before DIR`` names a copy of the package from before issue 11 (for example
``git archive 6919bba | tar -x -C DIR``); its command line is then measured beside the current one.

Sections (issue 11) and their floors:
- ``throughput``: ``nqp-terms lint --format json`` and ``--format jsonl`` end to end (interpreter start to
  exit) on the seed article repeated to 10 MB (dense with calques) and on official English repeated to
  10 MB with the consistency rule off (no findings), against a bare ahocorasick-rs scan of the same
  lower-cased text with the same patterns: >= 40 % of the bare scan on dense text, >= 70 % on clean text;
- ``textlint``: textlint + textlint-rule-prh with the exported prh dictionary on the dense 10 MB: >= 20x;
- ``jobs``: ``--jobs 2`` against ``--jobs 1`` on 10 files of 4 MB: >= 1.8x;
- ``startup``: warm and cold start-up at 300, 10,000 and 50,000 synthetic concepts (a tiny file linted
  with ``--no-shipped --glossary``), over ``python -c pass``: warm at 10,000 <= 150 ms;
- ``memory``: peak resident memory for one 200 MB file and for 50 files of 4 MB: <= 100 MB each.

The machine the figures in the issue came from is shared: say so when quoting them.
"""

from __future__ import annotations

import argparse
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


def text_of(megabytes: float, source: Path = SEED) -> str:
    seed = source.read_text(encoding="utf-8")
    copies = int(megabytes * 1e6 / len(seed.encode())) + 1
    return (seed + "\n\n") * copies


def synthetic_glossary(count: int):  # type: ignore[no-untyped-def]
    """``count`` concepts whose English renderings are 2-4 word phrases drawn from the seed's vocabulary."""
    import nqp_terms
    from nqp_terms.termbase.model import Concept, GlossaryData, Term

    shipped = nqp_terms.load()
    words = sorted(set(re.findall(r"[a-z]{3,}", SEED.read_text(encoding="utf-8").lower())))
    rng = random.Random(11)
    concepts, seen = [], set()
    while len(concepts) < count:
        good = " ".join(rng.choice(words) for _ in range(rng.randint(2, 4)))
        bad = " ".join(rng.choice(words) for _ in range(rng.randint(2, 4)))
        if good in seen or bad in seen or good == bad:
            continue
        seen |= {good, bad}
        concepts.append(Concept(
            id=f"synthetic-{len(concepts)}", subject_fields=("science-technology",),
            terms={"en": (Term(term=good, status="preferred", unsourced=True),
                          Term(term=bad, status="deprecated", use_instead=good))}))
    data = GlossaryData(concepts=tuple(concepts), sources=(), subject_fields=shipped.data.subject_fields,
                        spelling_variants=shipped.data.spelling_variants)
    return nqp_terms.Glossary(data)


def naive_findings(glossary, text: str) -> int:  # type: ignore[no-untyped-def]
    """The baseline: one compiled regex per deprecated rendering, run over the text one after another."""
    count = 0
    for concept in glossary:
        for term in concept.deprecated("en"):
            words = [re.escape(w) for w in re.findall(r"\w+", term.term)]
            pattern = re.compile(r"\b" + r"[\W_]+".join(words) + r"\b", re.IGNORECASE)
            count += sum(1 for _ in pattern.finditer(text))
    return count


def timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_in_process(repeat: int, megabytes: float) -> None:
    """The linter in-process, both matchers, shipped and 10,000 synthetic concepts, and a naive baseline."""
    import nqp_terms
    from nqp_terms.linter import Linter

    synthetic = synthetic_glossary(10_000)
    text = text_of(megabytes)
    for name, document in (("seed MT", text), ("official English", text_of(megabytes, OFFICIAL))):
        size = len(document.encode()) / 1e6
        for label, glossary in (("10,000 synthetic concepts", synthetic), ("shipped glossary", nqp_terms.load())):
            for engine in ("aho-corasick", "python"):
                linter = Linter(glossary, engine=engine)
                linter.lint("warm up the matcher")  # build the automaton outside the timing
                seconds = timed(lambda: linter.lint(document), repeat if engine == "aho-corasick" else 1)
                findings = len(linter.lint(document[: 200_000]))
                print(f"lint {size:.1f} MB {name:<17} {label:<26} {engine:<13} {size / seconds:7.1f} MB/s"
                      f"   ({findings} findings in the first 200 kB)")
    # The naive baseline is far slower; run it on a slice and compare rates.
    piece = text[: 1_000_000]
    piece_mb = len(piece.encode()) / 1e6
    naive = timed(lambda: naive_findings(synthetic, piece), 1)
    linter = Linter(synthetic)
    fast = timed(lambda: linter.lint(piece), repeat)
    print(f"naive one-regex-per-rendering, 10,000 concepts, {piece_mb:.1f} MB: {piece_mb / naive:7.3f} MB/s;"
          f"  nqp-terms on the same slice {piece_mb / fast:6.1f} MB/s;  ratio {naive / fast:,.0f}x (budget 20x)")


# ------------------------------------------------------------------ helpers for the command line


def cli(*args: str, before: Path | None = None, glossary_cache: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """The command that runs ``nqp-terms`` (the current package, or the one in ``before``), and its environment."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if before is not None:
        env["PYTHONPATH"] = str(before)
    if glossary_cache is not None:
        env["NQP_TERMS_CACHE"] = str(glossary_cache)
    return [sys.executable, "-m", "nqp_terms", *args], env


def run_quiet(command: tuple[list[str], dict[str, str]]) -> None:
    subprocess.run(command[0], env=command[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def wall(command: tuple[list[str], dict[str, str]], repeat: int, setup=None) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of a child process, its output thrown away."""
    samples = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        subprocess.run(command[0], env=command[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bare_scan_seconds(text: str, repeat: int) -> float:
    """A bare ahocorasick-rs scan of the lower-cased text with the shipped glossary's patterns (no padding)."""
    import ahocorasick_rs

    import nqp_terms
    from nqp_terms.linter import Linter

    patterns = sorted({key.strip() for key in Linter(nqp_terms.load()).terms.matcher.patterns})
    automaton = ahocorasick_rs.AhoCorasick(patterns)
    lowered = text.lower()
    return timed(lambda: automaton.find_matches_as_indexes(lowered), repeat)


def clean_text_of(megabytes: float) -> str:
    return text_of(megabytes, OFFICIAL)


# --------------------------------------------------------------------------------------- sections


def bench_throughput(repeat: int, megabytes: float, before: Path | None, scratch: Path) -> None:
    print(f"## CLI throughput, {megabytes:g} MB, end to end (interpreter start to exit), against a bare scan")
    print("| text | bare scan | command | MB/s | share of the bare scan |")
    print("| --- | ---: | --- | ---: | ---: |")
    run_quiet(cli("lint", str(SEED), "--fail-on", "never"))  # fill the caches
    for label, text, extra in (("dense (seed repeated)", text_of(megabytes), ()),
                               ("clean (official English, consistency rule off)", clean_text_of(megabytes),
                                ("--ignore", "NQP006"))):
        path = scratch / "throughput.txt"
        path.write_text(text, encoding="utf-8")
        size = len(text.encode()) / 1e6
        bare = bare_scan_seconds(text, repeat)
        rows = [(f"lint --format {form}", cli("lint", str(path), "--format", form, "--fail-on", "never", *extra))
                for form in ("json", "jsonl")]
        if before is not None:
            rows.insert(0, ("before: lint --format json", cli("lint", str(path), "--format", "json", "--fail-on",
                                                               "never", *extra, before=before)))
            run_quiet(rows[0][1])  # its caches, and its bytecode
        for name, command in rows:
            seconds = wall(command, repeat)
            print(f"| {label} | {size / bare:6.1f} MB/s | {name} | {size / seconds:6.2f} | {bare / seconds:6.1%} |")
    print()


def bench_textlint(repeat: int, megabytes: float, before: Path | None, scratch: Path) -> None:
    """textlint with the exported prh dictionary against nqp-terms lint, both from the command line, same text."""
    import json

    import nqp_terms
    from nqp_terms.formats import export

    print(f"## textlint + textlint-rule-prh, {megabytes:g} MB of the seed repeated, command line wall time")
    directory = textlint_directory()
    if directory is None:
        print("npm not found; set NQP_TERMS_TEXTLINT_DIR\n")
        return
    work = scratch / "textlint"
    work.mkdir(exist_ok=True)
    text = work / "text.md"
    text.write_text(text_of(megabytes), encoding="utf-8")
    (work / "prh.yml").write_text(export(nqp_terms.load(), "prh"), encoding="utf-8")  # type: ignore[arg-type]
    (work / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}}),
                                           encoding="utf-8")
    textlint = [str(directory / "node_modules" / ".bin" / "textlint"), "--config", str(work / ".textlintrc.json"),
                str(text)]
    size = len(text.read_bytes()) / 1e6
    slow = statistics.median(_timed_run(textlint, work) for _ in range(repeat))
    rows = [("lint --format json", cli("lint", str(text), "--format", "json", "--fail-on", "never"))]
    if before is not None:
        rows.insert(0, ("before: lint --format json", cli("lint", str(text), "--format", "json", "--fail-on",
                                                           "never", before=before)))
    print(f"textlint + prh: {slow:6.2f} s ({size / slow:.2f} MB/s)")
    for name, command in rows:
        fast = wall(command, repeat)
        print(f"nqp-terms {name}: {fast:6.2f} s ({size / fast:.2f} MB/s): {slow / fast:5.1f}x faster than textlint")
    print()


def _timed_run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def bench_jobs(repeat: int, before: Path | None, scratch: Path, files: int = 10, megabytes: float = 4) -> None:
    print(f"## --jobs 2 against --jobs 1, {files} files of {megabytes:g} MB (seed repeated), --format json")
    folder = scratch / "jobs"
    folder.mkdir(exist_ok=True)
    block = text_of(megabytes)
    for number in range(files):
        (folder / f"{number:02d}.txt").write_text(block, encoding="utf-8")
    versions = [("current", None)] + ([("before", before)] if before is not None else [])
    for name, package in versions:
        one = wall(cli("lint", str(folder), "--fail-on", "never", "--format", "json", before=package), repeat)
        two = wall(cli("lint", str(folder), "--fail-on", "never", "--format", "json", "--jobs", "2",
                       before=package), repeat)
        print(f"{name}: --jobs 1 {one:6.2f} s, --jobs 2 {two:6.2f} s, speed-up {one / two:.2f}x "
              f"({os.cpu_count()} CPUs)")
    print()


def write_synthetic_glossary(root: Path, count: int) -> None:
    """bench_core's synthetic glossary, valid under today's rules: the calques are marked anticipated (no
    evidence of use is claimed) and the made-up source is editorial (example.org is no official domain)."""
    sys.path.insert(0, str(REPO / "bench"))
    import bench_core

    bench_core.write_synthetic_glossary(root, count)
    source = root / "sources" / "synthetic.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("kind: official", "kind: editorial"),
                      encoding="utf-8")
    for path in (root / "concepts").iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("      status: deprecated\n", "      status: deprecated\n      anticipated: true\n"),
                        encoding="utf-8")


def bench_startup(repeat: int, before: Path | None, scratch: Path, sizes: tuple[int, ...]) -> None:
    print("## start-up: a tiny file linted with --no-shipped --glossary DIR (synthetic concepts), "
          "wall time over python -c pass")
    tiny = scratch / "tiny.txt"
    tiny.write_text("We must grasp the “Bull nose” of synthetic bad rendering 7.\n", encoding="utf-8")
    bare = wall(([sys.executable, "-c", "pass"], dict(os.environ)), repeat)
    print(f"python -c pass: {bare * 1000:.0f} ms")
    print("| concepts | version | warm | cold |")
    print("| ---: | --- | ---: | ---: |")
    for count in sizes:
        root = scratch / f"glossary-{count}"
        if not root.exists():
            write_synthetic_glossary(root, count)
        versions = [("current", None)] + ([("before", before)] if before is not None else [])
        for name, package in versions:
            cache = scratch / f"cache-{name}-{count}"
            command = cli("--no-shipped", "--glossary", str(root), "lint", str(tiny), "--fail-on", "never",
                          before=package, glossary_cache=cache)
            run_quiet(command)  # fill the caches
            warm = wall(command, repeat)
            if package is not None and count >= 50_000:
                print(f"| {count:,} | {name} | {(warm - bare) * 1000:7.0f} ms | (not run) |")
                continue
            # Cold runs at 50,000 concepts take a minute each: three of them, said so in the table.
            cold_repeat = repeat if count < 50_000 else min(repeat, 3)
            cold = wall(command, cold_repeat, setup=lambda cache=cache: shutil.rmtree(cache, ignore_errors=True))
            print(f"| {count:,} | {name} | {(warm - bare) * 1000:7.0f} ms | {(cold - bare) * 1000:7.0f} ms"
                  f"{'' if cold_repeat == repeat else f' (median of {cold_repeat})'} |")
    print()


def peak_rss_mb(command: tuple[list[str], dict[str, str]]) -> tuple[float, float]:
    """Peak resident memory (MB) and wall seconds of a child, measured in a wrapper so runs do not mix."""
    code = ("import resource, subprocess, sys, json;"
            f"subprocess.run({command[0]!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    start = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", code], env=command[1], capture_output=True, text=True,
                            check=True).stdout
    return float(output), time.perf_counter() - start


def bench_memory(huge_megabytes: float, scratch: Path) -> None:
    print("## peak memory, lint --format json (one run each)")
    huge, folder = scratch / "huge.txt", scratch / "many"
    folder.mkdir(exist_ok=True)
    block = text_of(4)
    with huge.open("w", encoding="utf-8") as handle:
        for _ in range(int(huge_megabytes / 4)):
            handle.write(block)
    for number in range(50):
        (folder / f"{number:02d}.txt").write_text(block, encoding="utf-8")
    for label, target in ((f"one {huge_megabytes:.0f} MB file", huge), ("50 files of 4 MB", folder)):
        rss, seconds = peak_rss_mb(cli("lint", str(target), "--fail-on", "never", "--format", "json"))
        print(f"{label}: peak RSS {rss:6.0f} MB ({seconds:5.1f} s)")
    huge.unlink()
    print()


def bench_cli(repeat: int) -> None:
    command = [sys.executable, "-m", "nqp_terms", "lint", str(SEED), "--fail-on", "never"]
    subprocess.run(command, capture_output=True, check=True)  # fill the glossary cache
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)
    wall_seconds = timed(lambda: subprocess.run(command, capture_output=True, check=True), repeat)
    print(f"CLI lint of the seed: {wall_seconds * 1000:6.0f} ms wall (budget 300 ms);  python -c pass {bare * 1000:.0f} ms")


def textlint_directory() -> Path | None:
    """textlint + textlint-rule-prh: NQP_TERMS_TEXTLINT_DIR, or installed now from the npm registry."""
    given = os.environ.get("NQP_TERMS_TEXTLINT_DIR")
    if given:
        return Path(given)
    if not shutil.which("npm"):
        return None
    directory = Path(tempfile.mkdtemp(prefix="nqp-textlint-"))
    subprocess.run(["npm", "install", "--prefix", str(directory), "--no-audit", "--no-fund", "--silent",
                    "textlint@15", "textlint-rule-prh@6"], check=True, capture_output=True, timeout=600)
    return directory


def compile_package() -> None:
    """Write the package's bytecode first, as ``pip install`` does: an installed package imports from .pyc."""
    import compileall

    compileall.compile_dir(str(REPO / "nqp_terms"), quiet=1)


SECTIONS = ("throughput", "textlint", "jobs", "startup", "memory", "in-process", "seed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--huge-megabytes", type=float, default=200)
    parser.add_argument("--before", type=Path, help="a copy of the package from before issue 11, measured beside")
    parser.add_argument("--concepts", type=int, nargs="+", default=[300, 10_000, 50_000])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS[:5]))
    args = parser.parse_args()
    compile_package()
    print(f"nqp-terms lint benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"median of {args.repeat} runs, load average {os.getloadavg()[0]:.1f} at the start\n")
    with tempfile.TemporaryDirectory(prefix="nqp-bench-") as directory:
        scratch = Path(directory)
        if "throughput" in args.only:
            bench_throughput(args.repeat, args.megabytes, args.before, scratch)
        if "textlint" in args.only:
            bench_textlint(args.repeat, args.megabytes, args.before, scratch)
        if "jobs" in args.only:
            bench_jobs(args.repeat, args.before, scratch)
        if "startup" in args.only:
            bench_startup(args.repeat, args.before, scratch, tuple(args.concepts))
        if "memory" in args.only:
            bench_memory(args.huge_megabytes, scratch)
        if "in-process" in args.only:
            bench_in_process(args.repeat, args.megabytes)
        if "seed" in args.only:
            bench_cli(args.repeat)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
