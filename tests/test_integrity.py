"""Integrity of the shipped glossary: every real entry, one test id per concept.

The validator already enforces the schema and the cross-record rules; these
tests add what the shipped data in particular must satisfy.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.text.keys import english_key
from nqp_terms.termbase.layout import shipped_glossary_path

SEED = Path(__file__).parent.parent / "seeds" / "000_cc3756e0a130bcc6.txt"
SEED_SOURCE = "seed-2024-05-20-economic-daily-mt"


@cache
def shipped() -> nqp_terms.Glossary:
    return nqp_terms.load(shipped_glossary_path(), use_cache=False)


def concept_ids() -> list[str]:
    return sorted(p.stem for p in (shipped_glossary_path() / "concepts").glob("*.yaml"))


def test_the_shipped_glossary_validates() -> None:
    assert len(shipped()) == len(concept_ids())


def test_the_glossary_has_at_least_30_concepts() -> None:
    assert len(shipped()) >= 30


@pytest.mark.parametrize(("chinese", "english"), [
    ("新质生产力", "new quality productive forces"),
    ("揭榜挂帅", None),
    ("引进来", "bringing in"),
    ("走出去", "going global"),
    ("牛鼻子", None),
    ("新型举国体制", None),
    ("新发展理念", "new development philosophy"),
    ("有效市场和有为政府", None),
    ("赛马机制", None),
])
def test_the_founding_concepts_are_present(chinese: str, english: str | None) -> None:
    concept = shipped().lookup(chinese).concept
    if english:
        assert english_key(concept.en or "") == english_key(english)


@pytest.mark.parametrize("concept_id", concept_ids())
def test_concept_is_complete(concept_id: str) -> None:
    concept = shipped().concept(concept_id)
    assert concept.definition.en and concept.definition.zh_hans, "definitions in both languages"
    simplified = concept.preferred("zh-Hans")
    assert simplified is not None and simplified.pinyin, "a Simplified term with pinyin"
    assert concept.preferred("zh-Hant") is not None, "an explicit Traditional form"
    assert concept.preferred("en") is not None, "an English rendering to use"


@pytest.mark.parametrize("concept_id", concept_ids())
def test_every_deprecated_rendering_leads_back_to_its_concept(concept_id: str) -> None:
    concept = shipped().concept(concept_id)
    for term in concept.deprecated("en"):
        match = shipped().lookup(term.term)
        assert match.concept.id == concept_id and match.is_deprecated


@pytest.mark.parametrize("concept_id", concept_ids())
def test_narrowly_matched_calques_carry_examples(concept_id: str) -> None:
    for term in shipped().concept(concept_id).deprecated("en"):
        if term.match.when != "anywhere" or term.match.context:
            assert term.examples.flagged and term.examples.not_flagged, term.term


@cache
def seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    return " ".join(english_key(word) for word in re.split(r"(?<=[.!?;:,])\s+|\n+", text))


@pytest.mark.parametrize("concept_id", concept_ids())
def test_calques_attributed_to_the_seed_occur_in_it(concept_id: str) -> None:
    for term in shipped().concept(concept_id).deprecated("en"):
        if SEED_SOURCE in term.seen_in:
            assert english_key(term.term) in seed_text(), term.term


def test_every_source_is_cited() -> None:
    terms = [t for c in shipped() for ts in c.terms.values() for t in ts]
    cited = {s for t in terms for s in (*t.sources, *t.seen_in)} | {x.source for t in terms for x in t.contexts}
    cited |= {c.definition.source for c in shipped() if c.definition.source}
    # A note may also point at a source ("the Chinese definition is from ...").
    notes = " ".join(n for c in shipped() for n in (c.note, c.usage_note, *(t.note for t in terms)) if n)
    notes += " ".join(n for t in terms for n in (t.note, t.usage_note) if n)
    mentioned = {s for s in shipped().sources if s in notes}
    assert set(shipped().sources) - cited - mentioned == set()


def seed_calques() -> list[tuple[str, str, str]]:
    path = Path(__file__).parent / "data" / "seed-calques.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(zh, english, kind) for zh, english, kind in rows]


@pytest.mark.parametrize(("chinese", "english", "kind"), seed_calques())
def test_the_seed_articles_renderings_lead_to_the_right_concept(chinese: str, english: str, kind: str) -> None:
    concept = shipped().lookup(chinese).concept
    if kind == "tolerated":  # usable English: the glossary need not list it, but must not forbid it
        match = shipped().get(english)
        # A known term inside the rendering ("pilot free trade zone") does not list the rendering itself.
        assert match is None or match.how != "exact" or (match.concept.id == concept.id and not match.is_deprecated)
        return
    match = shipped().lookup(english)
    assert match.concept.id == concept.id
    assert match.is_deprecated == (kind == "calque")


def seed_terms() -> list[str]:
    path = Path(__file__).parent / "data" / "seed-terms-zh.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("chinese", seed_terms())
def test_every_term_of_the_seed_article_is_in_the_glossary(chinese: str) -> None:
    concept = shipped().lookup(chinese).concept
    assert concept.en and concept.zh


# Words spelt -ize in official English that British-spelling text writes -ise: only these suffixes, since a
# blanket rule would respell "advise" or "size".  Matching "rural revitalisation" needs the pair listed.
_IZE_WORD = re.compile(r"\b([a-z]+)iz(?:e|ed|es|ing|ation|ations)\b")
_NOT_IZE = {"s", "downs", "overs", "pr", "se", "caps"}  # size, prize, seize... are spelt with z everywhere


def test_every_ize_word_of_the_glossary_has_its_british_spelling_listed() -> None:
    listed = {american for _, american in shipped().data.spelling_variants}
    ize_words = {match.group() for concept in shipped() for term in concept.terms.get("en", ())
                 for match in _IZE_WORD.finditer((term.term or "").lower()) if match.group(1) not in _NOT_IZE}
    missing = sorted(ize_words - listed)
    assert not missing, f"add [-ise form, -ize form] rows to glossary/spelling-variants.yaml for: {missing}"


def test_british_spelling_finds_the_concept_official_english_spells_with_z() -> None:
    assert shipped().get("ecological civilisation").concept.id == \
        shipped().get("ecological civilization").concept.id
    assert shipped().get("Rural Revitalisation").concept.id == "xiangcun-zhenxing"
