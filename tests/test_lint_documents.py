"""The linter on real documents with the shipped glossary: the seed article and official English."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.text.keys import english_key
from nqp_terms.linter import Linter
from nqp_terms.linter.rules import SeverityLevel

SEED = Path(__file__).parent.parent / "seeds" / "000_cc3756e0a130bcc6.txt"
DATA = Path(__file__).parent / "data"


@cache
def seed_findings() -> list[nqp_terms.linter.Finding]:  # type: ignore[name-defined]
    return Linter(nqp_terms.load()).lint(SEED.read_text(encoding="utf-8"))


def seed_calques() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in (DATA / "seed-calques.tsv").read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    return [(zh, english) for zh, english, kind in rows if kind == "calque"]


@pytest.mark.parametrize(("chinese", "calque"), seed_calques())
def test_every_calque_of_the_seed_is_found_with_the_right_suggestion(chinese: str, calque: str) -> None:
    concept = nqp_terms.lookup(chinese).concept
    expected = {t.use_instead for t in concept.deprecated("en") if english_key(t.term) == english_key(calque)}
    # A calque is an error (deprecated, NQP001) or, where official media printed it, a warning (superseded, NQP002).
    found = [f for f in seed_findings()
             if f.rule in ("NQP001", "NQP002") and english_key(f.match) == english_key(calque)]
    assert found, f"{calque!r} not found in the seed"
    # The glossary's use_instead, or, where that would be no drop-in, an approved rendering that is one (the
    # finding names use_instead in full beside it).
    assert all(f.concept == concept.id and (f.suggestion in expected or f.extra.get("in_full") in expected)
               for f in found)
    approved = {t.term for t in concept.in_language("en") if t.is_approved}
    assert all(f.suggestion in approved for f in found if "in_full" in f.extra)


def test_the_seed_findings_in_numbers() -> None:
    by_rule: dict[str, int] = {}
    for finding in seed_findings():
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    assert by_rule["NQP001"] >= 60  # 26 x "new quality productivity" alone
    # 26 in lower case (as the research notes count them) and 1 "New quality productivity" at a sentence start
    assert sum(1 for f in seed_findings() if f.match.lower() == "new quality productivity") == 27
    assert by_rule.get("NQP004", 0) == 2   # the two garbled ”“ pairs
    assert by_rule.get("NQP005", 0) == 1   # the stray 《


def test_official_english_gives_no_finding_at_warning_or_above() -> None:
    text = (DATA / "official-english.md").read_text(encoding="utf-8")
    serious = [f for f in Linter(nqp_terms.load()).lint(text)
               if SeverityLevel[f.severity] >= SeverityLevel.warning]
    assert serious == []


@pytest.mark.parametrize("concept_id", sorted(c.id for c in nqp_terms.load()))
def test_each_terms_lint_examples(concept_id: str) -> None:
    """Every example the glossary gives for a rendering is flagged, or not, as it says."""
    concept = nqp_terms.load().concept(concept_id)
    linter = Linter(nqp_terms.load())
    for term in concept.deprecated("en"):
        for sentence in term.examples.flagged:
            assert any(f.concept == concept_id for f in linter.lint(sentence) if f.rule in ("NQP001", "NQP002")), \
                f"not flagged: {sentence!r}"
        for sentence in term.examples.not_flagged:
            assert not [f for f in linter.lint(sentence) if f.concept == concept_id and f.rule in
                        ("NQP001", "NQP002")], f"flagged: {sentence!r}"


@pytest.mark.parametrize("concept_id", sorted(c.id for c in nqp_terms.load()))
def test_every_deprecated_rendering_can_fire(concept_id: str) -> None:
    """A deprecated rendering written on its own, in quotes and capitalised, is found (no entry that never fires)."""
    linter = Linter(nqp_terms.load())
    for term in nqp_terms.load().concept(concept_id).deprecated("en"):
        sentence = f"We noted “{term.term[:1].upper() + term.term[1:]}” in the text."
        hits = [f for f in linter.lint(sentence) if f.rule in ("NQP001", "NQP002") and f.concept == concept_id]
        if term.match.context:
            sentence = f"We noted “{term.term}” in the text, about {term.match.context[0]}."
            hits = [f for f in linter.lint(sentence) if f.rule in ("NQP001", "NQP002") and f.concept == concept_id]
        if term.match.when == "policy-document":  # fires only in Chinese policy writing
            sentence = (f"The CPC Central Committee and the State Council set out high-quality development and new "
                        f"quality productive forces for the 15th Five-Year Plan. We noted “{term.term}” in the text.")
            hits = [f for f in linter.lint(sentence) if f.rule in ("NQP001", "NQP002") and f.concept == concept_id]
        assert hits, f"{term.term!r} never fires"
