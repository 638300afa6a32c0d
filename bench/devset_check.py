"""Verdict accuracy of the bilingual check on Chinese–English sentence pairs.

Run:  python bench/devset_check.py [--json] [--glossary DIR] [--fail-on error|warning|info] [--min-accuracy X]

The pairs are ``tests/data/checkpairs/pairs.yaml``: real pairs from official
bilingual texts (which pass), machine-translation style targets with recorded
calques and targets that leave a term out (which fail), and correct targets that
inflect or reorder a rendering, render a metaphor by sense, or paraphrase (which
pass).  Each has the verdict a careful reviewer gives.

**The gate rule.**  ``nqp_terms.check(zh, en)`` fails a pair when

1. it has a finding at or above ``--fail-on`` (default ``error``, as
   ``nqp-terms check`` exits 1 by default), or
2. its term accuracy is below ``--min-accuracy`` (default 1.0: every glossary
   term found in the source needs an approved rendering in the target).

A pair whose source has no glossary term (accuracy ``None``) is judged on its
findings alone.  A checker that lets a translator render a metaphor by sense,
or accepts an inflected rendering, must count that term as rendered in its
accuracy, or lower its severity and leave the accuracy alone: either way this
rule measures what a QA gate built on ``check`` would decide.

Figures: verdict accuracy overall and by kind; pass pairs wrongly failed and
fail pairs wrongly passed; the share of targets containing a recorded calque
that fail, and the share whose calque is named in a finding.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

import nqp_terms

REPO = Path(__file__).resolve().parent.parent
PAIRS = REPO / "tests" / "data" / "checkpairs" / "pairs.yaml"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Judged:
    zh: str
    en: str
    kind: str
    expected: str
    predicted: str
    accuracy: float | None
    terms_found: int
    terms_approved: int
    findings: list[str]
    calque: str | None
    calque_named: bool | None
    why: str

    @property
    def right(self) -> bool:
        return self.expected == self.predicted


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]


def verdict(result: Any, fail_on: str, min_accuracy: float) -> str:
    """The gate's verdict on one checked pair (see the module docstring)."""
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings):
        return "fail"
    if result.accuracy is not None and result.accuracy < min_accuracy:
        return "fail"
    return "pass"


def describe(finding: Any) -> str:
    where = f"“{finding.match}”" if finding.match else "(no span)"
    return f"{finding.severity} {finding.rule} {finding.concept or '-'} {where}"


CheckFunction = Callable[[str, str], Any]


def check_function(glossary: nqp_terms.Glossary | None) -> CheckFunction:
    """``nqp_terms.check`` on the shipped glossary; on another glossary, one Checker built once.

    (``nqp_terms.check(zh, en, glossary=g)`` builds a new checker on every call.)
    """
    if glossary is None:
        return nqp_terms.check
    from nqp_terms.checker.bilingual import Checker

    return Checker(glossary).check


def judge(pair: dict[str, Any], check: CheckFunction, fail_on: str, min_accuracy: float) -> Judged:
    result = check(pair["zh"], pair["en"])
    calque = pair.get("calque")
    named = None
    if calque:
        # Named: a finding's span is the calque, or lies inside it (a shorter recorded calque).
        named = any(f.match and (calque.casefold() in f.match.casefold() or f.match.casefold() in calque.casefold())
                    for f in result.findings)
    return Judged(pair["zh"], pair["en"], pair["kind"], pair["verdict"], verdict(result, fail_on, min_accuracy),
                  result.accuracy, result.terms_found, result.terms_approved, [describe(f) for f in result.findings],
                  calque, named, pair.get("why", ""))


def share(items: list[Judged], test: Any) -> dict[str, Any]:
    hits = sum(1 for j in items if test(j))
    return {"n": len(items), "count": hits, "share": round(hits / len(items), 4) if items else None}


def summarise(judged: list[Judged], seconds: float, timed: int) -> dict[str, Any]:
    kinds = sorted({j.kind for j in judged})
    calqued = [j for j in judged if j.calque]
    return {
        "pairs": len(judged),
        "verdict_accuracy": share(judged, lambda j: j.right),
        "by_kind": {kind: share([j for j in judged if j.kind == kind], lambda j: j.right) for kind in kinds},
        "pass_pairs_wrongly_failed": share([j for j in judged if j.expected == "pass"], lambda j: not j.right),
        "fail_pairs_wrongly_passed": share([j for j in judged if j.expected == "fail"], lambda j: not j.right),
        "calque_targets_failing": share(calqued, lambda j: j.predicted == "fail"),
        "calque_named_in_a_finding": share(calqued, lambda j: bool(j.calque_named)),
        "expected_verdicts": dict(Counter(j.expected for j in judged)),
        "seconds_per_pair": round(seconds / timed, 6) if timed > 0 else None,
    }


def percent(figure: dict[str, Any]) -> str:
    if not figure["n"]:
        return "-"
    return f"{figure['share'] * 100:5.1f}% ({figure['count']}/{figure['n']})"


def print_report(judged: list[Judged], summary: dict[str, Any], rule: str) -> None:
    print(f"check dev set: {summary['pairs']} pairs ({PAIRS.relative_to(REPO)}); rule: {rule}")
    print(f"verdict accuracy            {percent(summary['verdict_accuracy'])}")
    for kind, figure in summary["by_kind"].items():
        print(f"  {kind:26}{percent(figure)}")
    print(f"pass pairs wrongly failed   {percent(summary['pass_pairs_wrongly_failed'])}")
    print(f"fail pairs wrongly passed   {percent(summary['fail_pairs_wrongly_passed'])}")
    print(f"calque targets that fail    {percent(summary['calque_targets_failing'])}")
    print(f"calque named in a finding   {percent(summary['calque_named_in_a_finding'])}")
    if summary["seconds_per_pair"] is not None:
        print(f"time per pair               {summary['seconds_per_pair'] * 1e6:.0f} µs (after the first, which builds the checker)")
    print("\nmisses:")
    for j in judged:
        if j.right:
            continue
        accuracy = "-" if j.accuracy is None else f"{j.accuracy:.2f}"
        print(f"  [{j.kind}] expected {j.expected}, got {j.predicted}; accuracy {accuracy} "
              f"({j.terms_approved}/{j.terms_found})" + (f"; calque “{j.calque}”" if j.calque else ""))
        print(f"    zh: {j.zh}")
        print(f"    en: {j.en}")
        for finding in j.findings:
            print(f"    - {finding}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures and every judged pair as JSON")
    parser.add_argument("--glossary", metavar="DIR", help="a glossary directory to use instead of the shipped one")
    parser.add_argument("--pairs", metavar="FILE", type=Path, default=PAIRS, help="the pair file")
    parser.add_argument("--fail-on", choices=tuple(SEVERITY_RANK), default="error",
                        help="a finding at or above this severity fails the pair (default: error)")
    parser.add_argument("--min-accuracy", type=float, default=1.0, metavar="X",
                        help="a pair whose term accuracy is below X fails (default: 1.0)")
    args = parser.parse_args(argv)

    glossary = nqp_terms.load(args.glossary) if args.glossary else None
    pairs = load_pairs(args.pairs)
    # The first pair builds the checker (Chinese automaton, English matcher); time the others.
    check = check_function(glossary)
    judged = [judge(pairs[0], check, args.fail_on, args.min_accuracy)] if pairs else []
    start = time.perf_counter()
    judged += [judge(pair, check, args.fail_on, args.min_accuracy) for pair in pairs[1:]]
    summary = summarise(judged, time.perf_counter() - start, timed=len(pairs) - 1)
    rule = f"fail on a finding >= {args.fail_on} or term accuracy < {args.min_accuracy:g}"
    summary["rule"] = rule
    if args.json:
        json.dump({"summary": summary, "pairs": [asdict(j) for j in judged]}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_report(judged, summary, rule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
