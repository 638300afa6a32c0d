"""A reviewed copy of a real-text development set, by the two review rules of tests/data/realmt-s5/README.md.

Run:  python bench/devset_adjudicate.py GLOSSARY_DIR [--data tests/data/realmt-s5] [--out DIR]
      python bench/devset_lint.py --data DIR

1. An annotated "calque" that official English prints is dropped: its wording is a preferred or admitted
   rendering of the glossary backed by a first-hand official or state-media source (not a copy).
2. Every occurrence counts: later occurrences of an annotated wording in the same excerpt are calques too, and
   the wordings in :data:`ADDED` (marked by the annotator only inside a longer span, or not at all) are added.

The glossary decides rule 1, so score the glossaries you compare on copies made with the same one.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

import nqp_terms
from nqp_terms.text.keys import english_key

REPO = Path(__file__).resolve().parent.parent
FIRST_HAND = {"official", "state-media"}

# Found when the linter's unmatched findings on the raw set were reviewed; each is a calque of the same
# Chinese term the annotator marked elsewhere in the excerpt.
ADDED: dict[str, list[dict[str, Any]]] = {
    "hmt-063": [{"match": "carbon neutralization", "zh": "碳中和", "ok": ["carbon neutrality"]}],
    "hmt-085": [{"match": "Specialized and Specialized", "zh": "专精特新", "ok": []},
                {"match": "specialized, specialized, and new", "zh": "专精特新", "ok": [], "occurrence": 2}],
}


def printed_officially(glossary: nqp_terms.Glossary) -> dict[str, str]:
    """Lookup keys of the approved renderings that cite a first-hand official or state-media source,
    each with its concept's id."""
    sources = {source.id: source for source in glossary.data.sources}
    printed = {}
    for concept in glossary:
        for term in concept.terms.get("en", ()):
            if term.is_approved and term.term and any(
                    (source := sources.get(ref)) is not None and source.kind in FIRST_HAND and not source.copy_of
                    for ref in term.sources or ()):
                printed.setdefault(english_key(term.term), concept.id)
    return printed


def reviewed(excerpt: dict[str, Any], printed: dict[str, str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The excerpt's calques under both rules, and a line for each one dropped."""
    kept, dropped = [], []
    for calque in excerpt.get("calques", []):
        concept = printed.get(english_key(calque["match"].strip('"“”')))
        if concept:
            dropped.append(f"{excerpt['id']}: {calque['match']!r} ({calque['zh']}) is printed officially ({concept})")
        else:
            kept.append(calque)
    repeats = [{**calque, "occurrence": n} for calque in kept
               for n in range(calque.get("occurrence", 1) + 1, excerpt["text"].count(calque["match"]) + 1)]
    extra = [added for added in ADDED.get(excerpt["id"], []) if not any(
        r["match"] == added["match"] and r["occurrence"] == added.get("occurrence", 1) for r in repeats)]
    return kept + repeats + extra, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("glossary", help="glossary directory that decides rule 1")
    parser.add_argument("--data", type=Path, default=REPO / "tests" / "data" / "realmt-s5")
    parser.add_argument("--out", type=Path, help="where to write the reviewed copy (default: a new temporary directory)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="nqp-terms-reviewed-"))
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(args.data, out)
    printed = printed_officially(nqp_terms.load(args.glossary))
    excerpts = yaml.safe_load((args.data / "mt.yaml").read_text(encoding="utf-8"))
    before = sum(len(e.get("calques", [])) for e in excerpts)
    for excerpt in excerpts:
        excerpt["calques"], dropped = reviewed(excerpt, printed)
        for line in dropped:
            print("dropped", line)
    after = sum(len(e["calques"]) for e in excerpts)
    (out / "mt.yaml").write_text(yaml.safe_dump(excerpts, allow_unicode=True, sort_keys=False, width=120),
                                 encoding="utf-8")
    print(f"{before} annotated calques -> {after} after review; written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
