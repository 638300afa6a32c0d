"""Fixes that write good English: inflection, case, articles, edges, and drop-in replacements only."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nqp_terms
from nqp_terms.linter import Linter
from nqp_terms.linter.fix import apply_fixes, edits, fix_converged

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def shipped() -> Linter:
    return Linter(nqp_terms.load())


@pytest.mark.parametrize(("text", "fixed"), [
    ("We will grasp the Bull nose of reform.", "We will grasp the crux of reform."),  # no capital mid-sentence
    ("Entity economy first, then the rest.", "Real economy first, then the rest."),  # a sentence starts here
    ("WE BUILD THE ENTITY ECONOMY.", "WE BUILD THE REAL ECONOMY."),
    ("# Build The Entity Economy\n", "# Build The Real Economy\n"),  # Title Case in a heading
    ("Build The Entity Economy\n\nText.", "Build The Real Economy\n\nText."),  # a headline line without "#"
    ("It is an entity economy.", "It is a real economy."),  # the article agrees
    ("China has a guaranteed housing plan.", "China has an affordable housing plan."),
    ("They built an Entity Economy Zone.", "They built a Real Economy Zone."),  # Title Case in a title
    ("The entity economy's weight.", "The real economy's weight."),  # the possessive stays
])
def test_a_fix_is_written_like_the_words_it_replaces(shipped: Linter, text: str, fixed: str) -> None:
    assert apply_fixes(text, shipped.lint(text)) == fixed


def test_a_plural_match_gets_a_plural_suggestion(shipped: Linter) -> None:
    [finding] = shipped.lint("Both entity economies grew.")
    assert edits(finding, "Both entity economies grew.") == [(5, 21, "real economies")]


def test_no_word_is_doubled_at_an_edge() -> None:
    from nqp_terms.linter.wording import replacement

    text = "promote the domestic double cycle"
    assert replacement(text, 21, 33, "domestic circulation", "double cycle") == (21, 33, "circulation")
    text = "a dual cycle circulation"
    assert replacement(text, 2, 12, "dual circulation", "dual cycle") == (2, 12, "dual")


def test_a_rewrite_carries_its_suggestion_but_no_fix() -> None:
    glossary = nqp_terms.load(FIXTURES / "families", use_cache=False)
    text = "They are unveiling the list and taking command of it."
    [finding] = Linter(glossary).lint(text)
    assert finding.suggestion == "open competition mechanism"
    assert finding.extra["rewrite"] == "the calque is a verb phrase and the suggestion is not"
    assert "rewrite the phrase" in finding.message
    assert edits(finding, text) == [] and apply_fixes(text, [finding]) == text


# ------------------------------------------------------------------ properties

WORDS = ["bull", "nose", "noses", "a", "an", "new", "quality", "productivity", "forces", "and", "go", "out",
         "Introduced", "the", "Bull", "Nose", "domestic", "double", "cycle", "small", "giants", "giant", "high",
         "development", "crux", "three", "kinds", "Health", "China", "characteristics"]
SEPARATORS = [" ", "  ", "\n", "-", ", ", ". ", "”", "“", "’s ", "\n# "]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=25).map(
    lambda pairs: "".join(word + separator for word, separator in pairs))
relaxed = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@relaxed
@given(texts)
def test_fixing_leaves_nothing_fixable_and_fixing_again_changes_nothing(shipped: Linter, text: str) -> None:
    outcome = fix_converged(text, shipped.lint(text), shipped.lint)
    assert not [f for f in shipped.lint(outcome.text) if edits(f, outcome.text)
                and "not_fixed" not in f.extra and _place(f) not in _refused(outcome)]
    again = fix_converged(outcome.text, shipped.lint(outcome.text), shipped.lint)
    assert again.text == outcome.text


@relaxed
@given(texts)
def test_text_outside_the_fixed_spans_is_unchanged(shipped: Linter, text: str) -> None:
    findings = shipped.lint(text)
    planned = sorted(e for f in findings for e in edits(f, text))
    fixed = apply_fixes(text, findings)
    if not planned:
        assert fixed == text
        return
    first, last = planned[0], planned[-1]
    assert fixed.startswith(text[:first[0]])
    assert fixed.endswith(text[max(e[1] for e in planned):])


def _place(finding) -> tuple[int, int, str]:  # type: ignore[no-untyped-def]
    return (finding.start, finding.end, finding.rule)


def _refused(outcome) -> set[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return {_place(f) for f in outcome.findings if "not_fixed" in f.extra}
