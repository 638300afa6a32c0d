"""Rank-1 accuracy of lookup on queries as people type them.

Run:  python bench/devset_lookup.py [--json] [--glossary DIR] [--cli-sample N | --cli-all]

The queries are ``tests/data/lookup/queries.yaml``: each names the concept it
should find (or ``null`` for a query that must stay "not found") and its kind
(typo, shorthand, long-phrase, reversed, traditional, pinyin, ...).  Every query
is asked three ways, as a user would:

- **get**: ``nqp_terms.get(query)``, the strict API (``lookup`` raises where
  ``get`` returns ``None``; both are asked and must agree).
- **get or search**: ``get``, and when it finds nothing, the first result of
  ``nqp_terms.search(query)``: what a user who falls back on search sees first.
- **CLI**: ``nqp-terms lookup --format json QUERY`` on a sample of the queries
  (every kind represented), or on all of them with ``--cli-all``.  The command
  line is where corrections of typos are offered, so its figure is the one a
  user meets.

A query is right at rank 1 when the concept found is the expected one.  An
absent query is right when lookup finds nothing (``get`` returns ``None`` and
``lookup`` raises ``TermNotFound``; the CLI exits 1): a search listing for it is
not counted as found.  Expected concepts not in the glossary are reported as
pending, and counted as misses.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

import nqp_terms
from nqp_terms import AmbiguousTerm, TermNotFound

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests" / "data" / "lookup" / "queries.yaml"


@dataclass
class Outcome:
    """What one way of asking returned for one query."""

    found: str | None  # the concept id at rank 1, or None
    detail: str = ""   # how it matched, or why nothing was found


@dataclass
class Result:
    query: str
    expect: str | None
    kind: str
    pending: bool
    get: Outcome
    get_or_search: Outcome
    cli: Outcome | None = None
    notes: list[str] = field(default_factory=list)

    def right(self, way: str) -> bool | None:
        # An absent query is judged on lookup alone: a search listing for it is not "found".
        outcome: Outcome | None = getattr(self, "get" if way == "get_or_search" and self.expect is None else way)
        if outcome is None:
            return None
        return outcome.found == self.expect


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def ask_api(glossary: nqp_terms.Glossary | None, query: str) -> tuple[Outcome, Outcome, list[str]]:
    """The strict answer (get/lookup) and the get-or-search answer for one query."""
    api = glossary if glossary is not None else nqp_terms
    notes = []
    try:
        match = api.get(query)
        strict = Outcome(match.concept.id, f"{match.via}: {match.term.term!r} ({match.term.status})") if match else \
            Outcome(None, "not found")
    except AmbiguousTerm as error:
        strict = Outcome(None, f"ambiguous: {', '.join(error.candidates)}")
    try:
        api.lookup(query)
        if strict.found is None:
            notes.append("lookup found something where get returned None")
    except TermNotFound:
        if strict.found is not None:
            notes.append("lookup raised TermNotFound where get found a concept")
    except AmbiguousTerm:
        pass
    if strict.found is not None:
        return strict, strict, notes
    hits = api.search(query, limit=1)
    fallback = Outcome(hits[0].concept.id, f"search: {hits[0].term.term!r}") if hits else Outcome(None, "search: nothing")
    return strict, fallback, notes


def cli_command() -> list[str]:
    found = shutil.which("nqp-terms", path=str(Path(sys.executable).parent)) or shutil.which("nqp-terms")
    return [found] if found else [sys.executable, "-m", "nqp_terms"]


def ask_cli(query: str, glossary_dir: str | None) -> Outcome:
    """Run ``nqp-terms lookup --format json QUERY`` and read the concept from its output."""
    command = cli_command()
    if glossary_dir:
        command += ["--glossary", glossary_dir, "--no-shipped"]
    # "--" so that a query starting with a dash is not read as an option.
    done = subprocess.run([*command, "lookup", "--format", "json", "--", query], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"}, timeout=60)
    try:
        record = json.loads(done.stdout) if done.stdout.strip() else {}
    except json.JSONDecodeError:
        record = {}
    if done.returncode == 0 and isinstance(record, dict) and record.get("id"):
        matched = record.get("matched")
        if isinstance(matched, dict):
            how = f"{matched.get('via', '')} {matched.get('term', '')!r} {matched.get('status', '')}"
        else:
            how = str(matched or "")
        return Outcome(record["id"], f"exit 0; {how}".strip("; "))
    if done.returncode == 1:
        shown = record.get("suggestions") or record.get("candidates") or []
        return Outcome(None, f"exit 1; suggestions: {', '.join(map(str, shown))}" if shown else "exit 1")
    return Outcome(None, f"exit {done.returncode}: {done.stderr.strip()[:200]}")


def cli_sample(results: list[Result], per_kind: int) -> list[Result]:
    """The first ``per_kind`` queries of each kind, in file order: every kind is represented."""
    taken: dict[str, int] = defaultdict(int)
    chosen = []
    for result in results:
        if taken[result.kind] < per_kind:
            taken[result.kind] += 1
            chosen.append(result)
    return chosen


def rate(results: list[Result], way: str) -> dict[str, Any]:
    asked = [r for r in results if r.right(way) is not None]
    right = sum(1 for r in asked if r.right(way))
    return {"n": len(asked), "right": right, "accuracy": round(right / len(asked), 4) if asked else None}


def summarise(results: list[Result]) -> dict[str, Any]:
    kinds = sorted({r.kind for r in results})
    present = [r for r in results if r.expect is not None]
    absent = [r for r in results if r.expect is None]
    summary: dict[str, Any] = {
        "queries": len(results),
        "pending": [r.query for r in results if r.pending],
        "overall": {way: rate(results, way) for way in ("get", "get_or_search", "cli")},
        "present_rank1": {way: rate(present, way) for way in ("get", "get_or_search", "cli")},
        "present_rank1_excluding_pending": {
            way: rate([r for r in present if not r.pending], way) for way in ("get", "get_or_search", "cli")},
        "absent_not_found": {way: rate(absent, way) for way in ("get", "cli")},
        "by_kind": {kind: {way: rate([r for r in results if r.kind == kind], way)
                           for way in ("get", "get_or_search", "cli")} for kind in kinds},
    }
    return summary


def percent(figure: dict[str, Any]) -> str:
    if not figure["n"]:
        return "    -    "
    return f"{figure['accuracy'] * 100:5.1f}% {figure['right']:>3}/{figure['n']:<3}"


def print_report(results: list[Result], summary: dict[str, Any], cli_label: str) -> None:
    print(f"lookup dev set: {summary['queries']} queries ({QUERIES.relative_to(REPO)})")
    print(f"{'':18} {'get':>14} {'get or search':>16} {cli_label:>16}")
    for kind, ways in summary["by_kind"].items():
        print(f"{kind:18} {percent(ways['get']):>14} {percent(ways['get_or_search']):>16} {percent(ways['cli']):>16}")
    print("-" * 68)
    for label, key in (("all queries", "overall"), ("present, rank 1", "present_rank1"),
                       ("  excl. pending", "present_rank1_excluding_pending")):
        ways = summary[key]
        print(f"{label:18} {percent(ways['get']):>14} {percent(ways['get_or_search']):>16} {percent(ways['cli']):>16}")
    absent = summary["absent_not_found"]
    print(f"{'absent, not found':18} {percent(absent['get']):>14} {'':>16} {percent(absent['cli']):>16}")
    if summary["pending"]:
        print(f"pending (expected concept not in the glossary): {', '.join(summary['pending'])}")
    print("\nmisses (get):")
    for r in results:
        if not r.right("get"):
            extra = f"; get or search: {r.get_or_search.found}" if r.get_or_search.found != r.get.found else ""
            print(f"  [{r.kind}] {r.query!r}: expected {r.expect}, got {r.get.found} ({r.get.detail}){extra}"
                  + (" [pending]" if r.pending else ""))
    cli_misses = [r for r in results if r.right("cli") is False]
    if cli_misses:
        print("\nmisses (CLI):")
        for r in cli_misses:
            assert r.cli is not None
            print(f"  [{r.kind}] {r.query!r}: expected {r.expect}, got {r.cli.found} ({r.cli.detail})")
    notes = [(r.query, n) for r in results for n in r.notes]
    if notes:
        print("\nAPI disagreements:")
        for query, note in notes:
            print(f"  {query!r}: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures and every result as JSON")
    parser.add_argument("--glossary", metavar="DIR", help="a glossary directory to use instead of the shipped one")
    parser.add_argument("--queries", metavar="FILE", type=Path, default=QUERIES, help="the query file")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--cli-sample", type=int, default=3, metavar="N",
                       help="run the CLI on the first N queries of each kind (default 3; 0 for none)")
    group.add_argument("--cli-all", action="store_true", help="run the CLI on every query")
    args = parser.parse_args(argv)

    glossary = nqp_terms.load(args.glossary) if args.glossary else None
    known = {c.id for c in (glossary if glossary is not None else nqp_terms.load())}
    results = []
    for entry in load_queries(args.queries):
        strict, fallback, notes = ask_api(glossary, entry["query"])
        expect = entry.get("expect")
        results.append(Result(entry["query"], expect, entry["kind"], expect is not None and expect not in known,
                              strict, fallback, notes=notes))
    for result in results if args.cli_all else cli_sample(results, args.cli_sample):
        result.cli = ask_cli(result.query, args.glossary)
    summary = summarise(results)
    if args.json:
        json.dump({"summary": summary, "results": [asdict(r) for r in results]}, sys.stdout, ensure_ascii=False,
                  indent=2)
        print()
    else:
        print_report(results, summary, "CLI (all)" if args.cli_all else "CLI (sample)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
