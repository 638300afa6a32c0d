"""Bring the `ok` lists of the dev set's machine-translated excerpts up to date with the glossary.

Run:  python bench/devset_refresh_ok.py [--write] [--glossary DIR]

A suggestion counts as right (bench/devset_lint.py) when it is listed in the calque's ``ok`` list, and
the list was written when the excerpt was annotated.  The glossary learns renderings later.  For each
annotated calque whose Chinese term names exactly one glossary concept, this adds the concept's approved
English renderings that cite a first-hand source: a source of kind ``official`` or ``state-media`` that
is the publisher's own page (no ``copy_of``).  It leaves out a rendering equal to the calque itself, and
concepts whose preferred Chinese term is only a part of the annotated phrase (全面建成小康社会 is a goal,
not 小康社会, the society).  Without ``--write`` it prints what it would add, with each source's URL.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

import nqp_terms
from nqp_terms.text.keys import english_key

MT = Path(__file__).resolve().parent.parent / "tests" / "data" / "realmt" / "mt.yaml"
_CALQUE_LINE = re.compile(r"^(\s*- )(\{match: .*\})\s*$")


def folded(text: str) -> str:
    return " ".join(text.casefold().split())


def first_hand_source(glossary: nqp_terms.Glossary, term: nqp_terms.Term):  # type: ignore[no-untyped-def]
    for source_id in term.sources:
        source = glossary.sources[source_id]
        if source.kind in ("official", "state-media") and not getattr(source, "copy_of", None):
            return source
    return None


def refreshed(lines: list[str], glossary: nqp_terms.Glossary) -> tuple[list[str], list[str]]:
    """The file's lines with ok lists extended, and one report line per rendering added."""
    by_zh: dict[str, list[nqp_terms.Concept]] = {}
    for concept in glossary.concepts.values():
        for term in concept.in_language("zh-Hans"):
            by_zh.setdefault(term.term, []).append(concept)
    out, report = [], []
    for line in lines:
        match = _CALQUE_LINE.match(line)
        note = yaml.safe_load(match.group(2)) if match else None
        concepts = by_zh.get(note["zh"], []) if note else []
        if len(concepts) != 1:
            out.append(line)
            continue
        concept = concepts[0]
        preferred_zh = next((t.term for t in concept.in_language("zh-Hans") if t.status == "preferred"), note["zh"])
        if note["zh"] != preferred_zh and preferred_zh in note["zh"]:
            out.append(line)  # a longer phrase built on the concept, not a synonym of it
            continue
        ok = list(note.get("ok") or [])
        known = {folded(o) for o in ok}
        for term in concept.in_language("en"):
            source = first_hand_source(glossary, term) if term.is_approved else None
            if source and folded(term.term) not in known and english_key(term.term) != english_key(note["match"]):
                ok.append(term.term)
                known.add(folded(term.term))
                report.append(f"{note['match']!r} ({note['zh']}, {concept.id}): + {term.term!r} [{source.url}]")
        if len(ok) == len(note.get("ok") or []):
            out.append(line)
            continue
        note["ok"] = ok
        dumped = yaml.safe_dump(note, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False)
        assert yaml.safe_load(dumped) == note
        out.append(match.group(1) + dumped.strip())
    return out, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite tests/data/realmt/mt.yaml")
    parser.add_argument("--glossary", type=Path, help="a glossary directory instead of the shipped one")
    args = parser.parse_args(argv)
    glossary = nqp_terms.load(args.glossary) if args.glossary else nqp_terms.load()
    lines = MT.read_text(encoding="utf-8").split("\n")
    out, report = refreshed(lines, glossary)
    print("\n".join(report) or "nothing to add")
    if args.write and report:
        MT.write_text("\n".join(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
