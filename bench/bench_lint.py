"""Benchmark of the linter: throughput, a naive baseline, CLI wall time, memory on a huge file, --jobs.

Run:  python bench/bench_lint.py [--repeat N] [--megabytes 10] [--huge-megabytes 200]

All figures are medians of N runs in this one invocation.  The text is the
seed article repeated to the requested size (dense with calques: about five
findings per kilobyte, far more than real text).  Budgets (issue 4): >= 20 MB/s
end to end with a 10,000-concept glossary, >= 20x the naive baseline, seed lint
<= 0.3 s wall, memory flat on a 200 MB input.
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


def bench_throughput(repeat: int, megabytes: float) -> None:
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


def bench_cli(repeat: int) -> None:
    command = [sys.executable, "-m", "nqp_terms", "lint", str(SEED), "--fail-on", "never"]
    subprocess.run(command, capture_output=True, check=True)  # fill the glossary cache
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)
    wall = timed(lambda: subprocess.run(command, capture_output=True, check=True), repeat)
    print(f"CLI lint of the seed: {wall * 1000:6.0f} ms wall (budget 300 ms);  python -c pass {bare * 1000:.0f} ms")


def max_rss_of(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(after, before) / 1024


def bench_memory(huge_megabytes: float) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        small, huge = Path(scratch) / "small.txt", Path(scratch) / "huge.txt"
        block = text_of(1)
        with small.open("w", encoding="utf-8") as handle:
            for _ in range(20):
                handle.write(block)
        with huge.open("w", encoding="utf-8") as handle:
            for _ in range(int(huge_megabytes)):
                handle.write(block)
        # Peak memory is measured in separate children so one run does not hide the other.
        results = {}
        for label, path in (("20 MB", small), (f"{huge_megabytes:.0f} MB", huge)):
            code = ("import resource, subprocess, sys;"
                    f"subprocess.run([sys.executable, '-m', 'nqp_terms', 'lint', {str(path)!r}, '--fail-on', 'never',"
                    " '--format', 'json'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
                    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
            start = time.perf_counter()
            output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            results[label] = (float(output), time.perf_counter() - start)
        for label, (rss, seconds) in results.items():
            print(f"lint a {label:>6} file (streamed, JSON out): peak RSS {rss:6.0f} MB, {seconds:5.1f} s")
        first, second = results.values()
        print(f"memory ratio {second[0] / first[0]:.2f} for {huge_megabytes / 20:.0f}x the input (flat = about 1)")


def bench_jobs(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for number in range(8):
            (Path(scratch) / f"{number}.txt").write_text(text_of(2), encoding="utf-8")
        base = [sys.executable, "-m", "nqp_terms", "lint", scratch, "--fail-on", "never", "--format", "json"]
        one = timed(lambda: subprocess.run(base, stdout=subprocess.DEVNULL, check=True), repeat)
        two = timed(lambda: subprocess.run([*base, "--jobs", "2"], stdout=subprocess.DEVNULL, check=True), repeat)
        print(f"8 files x 2 MB: --jobs 1 {one:5.2f} s, --jobs 2 {two:5.2f} s, speed-up {one / two:.2f}x "
              f"({os.cpu_count()} CPUs)")


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


def bench_textlint(repeat: int, megabytes: float) -> None:
    """textlint with the exported prh dictionary against nqp-terms lint, both from the command line, same text."""
    import json

    import nqp_terms
    from nqp_terms.formats import export

    directory = textlint_directory()
    if directory is None:
        print("textlint comparison: npm not found; set NQP_TERMS_TEXTLINT_DIR")
        return
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        text = work / "text.md"
        text.write_text(text_of(megabytes), encoding="utf-8")
        (work / "prh.yml").write_text(export(nqp_terms.load(), "prh"), encoding="utf-8")  # type: ignore[arg-type]
        (work / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}}),
                                               encoding="utf-8")
        textlint = [str(directory / "node_modules" / ".bin" / "textlint"), "--config", str(work / ".textlintrc.json"),
                    str(text)]
        ours = [sys.executable, "-m", "nqp_terms", "lint", str(text), "--fail-on", "never"]
        slow = timed(lambda: subprocess.run(textlint, cwd=work, capture_output=True, check=False), repeat)
        fast = timed(lambda: subprocess.run(ours, capture_output=True, check=True), repeat)
        size = len(text.read_bytes()) / 1e6
        print(f"{size:.1f} MB seed MT, shipped glossary: textlint + textlint-rule-prh {slow:6.2f} s "
              f"({size / slow:.2f} MB/s), nqp-terms lint {fast:5.2f} s ({size / fast:.2f} MB/s): "
              f"nqp-terms {slow / fast:.1f}x faster (CLI wall, both)")


def compile_package() -> None:
    """Write the package's bytecode first, as ``pip install`` does: an installed package imports from .pyc."""
    import compileall

    compileall.compile_dir(str(REPO / "nqp_terms"), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--huge-megabytes", type=float, default=200)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    compile_package()
    print(f"nqp-terms lint benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"median of {args.repeat} runs\n")
    bench_throughput(args.repeat, args.megabytes)
    bench_cli(args.repeat)
    bench_textlint(args.repeat, 1)
    bench_jobs(max(1, args.repeat // 2))
    if not args.skip_memory:
        bench_memory(args.huge_megabytes)


if __name__ == "__main__":
    main()
