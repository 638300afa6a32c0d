"""Coverage of the glossary on terms a translator of recent Chinese policy texts looks up.

Run:  python bench/devset_coverage.py [--json] [--misses] [--glossary DIR [--no-shipped]] [--probe FILE]

The probe is ``tests/data/coverage/probe.yaml``: terms of art taken from official
and state-media English pages of 2022-2026 (government work reports, plenum and
Central Economic Work Conference readouts, ministry briefings), built without
looking at the glossary.  Each item gives the Chinese term (``zh``), the English
renderings printed on the page (``en``, possibly empty), the page (``url``) and a
subject tag (``area``).

Each Chinese term is asked as a user asks it:

- **answered**: ``get(zh)`` finds a concept whose Chinese term *is* the query
  (``how`` is exact, reordered or shortened).  A concept found only for a known
  term inside the query (``how == "part"``: 降准 inside 降准降息) is counted as
  *partial*, not answered: the translator still lacks the whole term.
- **get or search**: when ``get`` finds nothing whole, the first of
  ``search(zh)``; reported for information, since a search listing is a hint,
  not an answer.
- **composed draft**: for an item no concept answers whole, the draft ``compose(zh)`` makes from the
  terms inside it; reported apart (a draft cites nothing), with how many match a page rendering.
- **acceptable**: the answered concept offers one of the page's renderings as
  a preferred or admitted English term.  A page rendering is matched the way
  lookup matches English (case, plurals, British/American spelling, hyphens):
  ``get(rendering)`` must land on the same concept through an approved term, or
  the rendering must equal one of the concept's approved terms once folded (case,
  punctuation, articles and a crude stem removed), or one must be a run of words
  inside the other keeping at least 70% of it (a leading verb more or less), or the two must have the
  same content words in another order ("modernize China's system" ~ "modernization of China's system").
  An item whose page showed no English (``en: []``) is answered but not judged;
  the acceptable share is given over the items that carry renderings and over
  all items.

>>> from pathlib import Path
>>> items = load_probe(Path(__file__).resolve().parent.parent / "tests/data/coverage/probe.yaml")
>>> len(items) >= 150
True
>>> sorted({"zh", "en", "url", "area"} - set(items[0]))
[]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

import nqp_terms
from nqp_terms import AmbiguousTerm

REPO = Path(__file__).resolve().parent.parent
PROBE = REPO / "tests" / "data" / "coverage" / "probe.yaml"
WHOLE = {"exact", "reordered", "shortened"}


@dataclass
class Verdict:
    zh: str
    area: str
    url: str
    renderings: list[str]
    concept: str | None       # concept answering the whole term, if any
    partial: str | None       # concept found only for a part of the term
    search_first: str | None  # first search result when get found nothing whole
    acceptable: bool | None   # None when the page gave no rendering or nothing answered
    offered: list[str]        # the approved English renderings of the answering concept
    draft: str | None = None  # for an item no concept answers whole: the composed draft, if any
    draft_acceptable: bool | None = None  # whether the draft is one of the page's renderings


def load_probe(path: Path = PROBE) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _approved_english(concept: nqp_terms.Concept) -> list[str]:
    return [term.term for term in concept.terms.get("en", []) if term.is_approved]


def _stem(word: str) -> str:
    """A crude stem, applied to both sides, so that verb and plural forms compare equal
    ("consolidating" ~ "consolidate", "programs" ~ "program")."""
    for ending in ("ations", "ation", "ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _fold(text: str) -> list[str]:
    """The words of a rendering, lower-cased and stemmed, without punctuation or articles."""
    kept = "".join(ch.lower() if ch.isalnum() else " " for ch in text)
    return [_stem(w) for w in kept.split() if w not in {"the", "a", "an"}]


def _same_rendering(page: str, offered: str) -> bool:
    """Equal once folded, or one is a run of words inside the other that keeps at least 70% of it
    (a leading verb or a trailing qualifier more or less: "facilitating the healthy development of
    the non-public sector and those working in it" ~ "healthy development of the non-public sector
    and those working in it").

    >>> _same_rendering("consumer goods trade-in programs", "consumer goods trade-in program")
    True
    >>> _same_rendering("fiscal policy", "more proactive fiscal policy")
    False
    """
    a, b = _fold(page), _fold(offered)
    if not a or not b:
        return False
    if a == b or _content_words(a) == _content_words(b) != []:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) / len(long_) < 0.7:
        return False
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


_FUNCTION_WORDS = frozenset({"of", "and", "for", "in", "on", "to", "with", "by", "at", "its", "their"})


def _content_words(words: list[str]) -> list[str]:
    """The folded words without function words, sorted: the same words in another order compare equal
    ("international high-standard economic and trade rules" ~ "high-standard international economic and
    trade rules"; "modernize China's system" ~ "modernization of China's system").

    >>> _same_rendering("international high-standard rules", "high-standard international rules")
    True
    >>> _same_rendering("modernize China's system", "modernization of China's system")
    True
    >>> _same_rendering("rules of trade", "trade rules for services")
    False
    """
    return sorted(w for w in words if w not in _FUNCTION_WORDS)


def rendering_is_offered(api: Any, concept: nqp_terms.Concept, rendering: str) -> bool:
    """Whether ``rendering`` reaches ``concept`` through one of its approved English terms."""
    try:
        match = api.get(rendering)
    except AmbiguousTerm:
        match = None
    if match is not None and match.concept.id == concept.id and match.via == "en" and not match.is_deprecated:
        return True
    return any(_same_rendering(rendering, offered) for offered in _approved_english(concept))


def judge(api: Any, item: dict[str, Any]) -> Verdict:
    zh, renderings = item["zh"], list(item.get("en") or [])
    concept = partial = search_first = None
    try:
        match = api.get(zh)
    except AmbiguousTerm:
        match = None
    if match is not None and match.how in WHOLE and not match.is_deprecated:
        concept = match.concept
    elif match is not None:
        partial = match.concept.id
    if concept is None:
        hits = api.search(zh, limit=1)
        search_first = hits[0].concept.id if hits else None
    acceptable = None
    offered: list[str] = []
    if concept is not None:
        offered = _approved_english(concept)
        if renderings:
            acceptable = any(rendering_is_offered(api, concept, r) for r in renderings)
    draft = draft_acceptable = None
    if concept is None:
        composition = api.compose(zh)
        draft = composition.en if composition is not None else None
        if draft is not None and renderings:
            draft_acceptable = any(_same_rendering(r, draft) for r in renderings)
    return Verdict(zh, item.get("area", ""), item.get("url", ""), renderings,
                   concept.id if concept is not None else None, partial, search_first, acceptable, offered,
                   draft, draft_acceptable)


def summarise(verdicts: list[Verdict]) -> dict[str, Any]:
    total = len(verdicts)
    answered = sum(v.concept is not None for v in verdicts)
    with_en = [v for v in verdicts if v.renderings]
    acceptable = sum(bool(v.acceptable) for v in verdicts)
    by_area: dict[str, Counter] = defaultdict(Counter)
    for v in verdicts:
        by_area[v.area]["items"] += 1
        by_area[v.area]["answered"] += v.concept is not None
        by_area[v.area]["acceptable"] += bool(v.acceptable)
    return {
        "items": total,
        "answered": answered,
        "answered_pct": round(100 * answered / total, 1) if total else 0.0,
        "partial_only": sum(v.concept is None and v.partial is not None for v in verdicts),
        "items_with_renderings": len(with_en),
        "acceptable": acceptable,
        "acceptable_pct_of_items_with_renderings": round(100 * acceptable / len(with_en), 1) if with_en else 0.0,
        "acceptable_pct_of_all": round(100 * acceptable / total, 1) if total else 0.0,
        "by_area": {area: dict(counts) for area, counts in sorted(by_area.items())},
        # Not answers: composed drafts cite nothing (see nqp_terms.index.compose); counted apart.
        "drafts": sum(v.draft is not None for v in verdicts),
        "drafts_acceptable": sum(bool(v.draft_acceptable) for v in verdicts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--probe", type=Path, default=PROBE)
    parser.add_argument("--glossary", help="a glossary directory layered over the shipped one")
    parser.add_argument("--no-shipped", action="store_true", help="with --glossary: use that glossary alone")
    parser.add_argument("--json", action="store_true", help="print the summary and every verdict as JSON")
    parser.add_argument("--misses", action="store_true", help="list every item not answered acceptably")
    args = parser.parse_args(argv)

    api: Any = nqp_terms
    if args.glossary:
        paths = [args.glossary] if args.no_shipped else [str(REPO / "glossary"), args.glossary]
        api = nqp_terms.Glossary.from_paths(*paths)
    verdicts = [judge(api, item) for item in load_probe(args.probe)]
    summary = summarise(verdicts)
    if args.json:
        json.dump({"summary": summary, "verdicts": [asdict(v) for v in verdicts]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"probe: {args.probe.relative_to(REPO) if args.probe.is_relative_to(REPO) else args.probe}")
    print(f"answered (whole term):      {summary['answered']}/{summary['items']} = {summary['answered_pct']}%"
          f"   (partial only: {summary['partial_only']})")
    print(f"acceptable rendering:       {summary['acceptable']}/{summary['items_with_renderings']} items with "
          f"renderings = {summary['acceptable_pct_of_items_with_renderings']}%"
          f"   ({summary['acceptable_pct_of_all']}% of all items)")
    print(f"composed drafts (not counted above): {summary['drafts']} items, "
          f"{summary['drafts_acceptable']} matching a page rendering")
    print("by area (items / answered / acceptable):")
    for area, counts in summary["by_area"].items():
        print(f"  {area:<12} {counts.get('items', 0):>3} {counts.get('answered', 0):>3} {counts.get('acceptable', 0):>3}")
    misses = [v for v in verdicts if v.concept is None]
    wrong = [v for v in verdicts if v.concept is not None and v.acceptable is False]
    print(f"not answered: {len(misses)}; answered with other renderings: {len(wrong)}")
    if args.misses:
        for v in misses:
            hint = f" (part: {v.partial})" if v.partial else (f" (search: {v.search_first})" if v.search_first else "")
            draft = f"  draft: {v.draft}{' (matches)' if v.draft_acceptable else ''}" if v.draft else ""
            print(f"  MISS  {v.zh}{hint}  page: {'; '.join(v.renderings) or '-'}{draft}")
        for v in wrong:
            print(f"  OTHER {v.zh} [{v.concept}] page: {'; '.join(v.renderings)} | glossary: {'; '.join(v.offered)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
