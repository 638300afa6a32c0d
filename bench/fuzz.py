"""Run the fuzz targets of ``tests/fuzz_targets.py`` for any number of inputs, from a seeded generator.

    python bench/fuzz.py --count 1000000 [--seed 1] [--target lint --target fix ...]

The inputs are spread over the targets by weight (the file targets, which write a file per input, get
fewer); every failure is printed with its input and the run goes on.  Prints inputs and failures per
target, and exits 1 if any failed.  One process: run it niced on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import fuzz_targets as targets  # noqa: E402

# Relative share of the inputs each target gets.
# (Per input, a file target costs about twenty times a text target.)
WEIGHTS = {"lint": 2200, "fix": 600, "check": 2200, "lookup": 1200, "normalize": 1500, "matcher": 2200,
           "validate": 40, "tbx": 15, "xliff": 15, "tmx": 15, "po": 15}


def _runner(name: str, rng: random.Random, scratch: Path):
    """``(make an input, run the target on it)`` for the target ``name``."""
    text = targets.random_text
    if name == "check":
        return (lambda: (text(rng, 8), text(rng))), (lambda pair: targets.target_check(*pair))
    if name in ("lint", "fix", "normalize", "matcher"):
        return (lambda: text(rng)), getattr(targets, f"target_{name}")
    if name == "lookup":
        return (lambda: text(rng, 4)), targets.target_lookup
    if name == "validate":
        return ((lambda: targets.damage_yaml(targets.seed_concept(), rng)),
                (lambda data: targets.target_validate(data, scratch / "glossary")))
    suffix = {"tbx": ".tbx", "xliff": ".xlf", "tmx": ".tmx", "po": ".po"}[name]
    source = targets.seed_files()[suffix]
    return (lambda: targets.damage(source, rng)), (lambda data: targets.target_reader(suffix, data, scratch))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs in all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", action="append", choices=sorted(WEIGHTS), help="only these targets")
    args = parser.parse_args(argv)
    chosen = {name: WEIGHTS[name] for name in (args.target or WEIGHTS)}
    total_weight = sum(chosen.values())
    counts = {name: args.count * weight // total_weight for name, weight in chosen.items()}
    counts[next(iter(counts))] += args.count - sum(counts.values())
    failures = dict.fromkeys(counts, 0)
    with tempfile.TemporaryDirectory() as folder:
        for name, count in counts.items():
            rng = random.Random(f"{args.seed}-{name}")
            make, run = _runner(name, rng, Path(folder))
            started = time.perf_counter()
            for _ in range(count):
                given = make()
                try:
                    run(given)
                except Exception:  # noqa: BLE001 - every failure is reported, the run goes on
                    failures[name] += 1
                    if failures[name] <= 5:
                        print(f"FAIL {name}: {given!r}", file=sys.stderr)
                        traceback.print_exc(limit=4)
            print(f"{name:10s} {count:9,d} inputs {failures[name]:5d} failures "
                  f"{time.perf_counter() - started:8.1f} s", flush=True)
    print(f"{'all':10s} {sum(counts.values()):9,d} inputs {sum(failures.values()):5d} failures")
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
