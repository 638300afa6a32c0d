"""A finding suggests an approved rendering that fits where the calque stands (nqp_terms.linter.suggest).

The sentences are machine-translated wordings of the kinds the real-text development set holds; the
glossary is the fixture in tests/fixtures/suggestions, so that the behaviour does not move with the data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.linter import Linter
from nqp_terms.linter.fix import apply_fixes, edits

FIXTURES = Path(__file__).parent / "fixtures" / "suggestions"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(nqp_terms.load(FIXTURES, use_cache=False))


def only(linter: Linter, text: str):  # type: ignore[no-untyped-def]
    [finding] = [f for f in linter.lint(text) if f.concept]
    return finding


@pytest.mark.parametrize(("text", "match", "suggestion", "fixed"), [
    # A modifier before a noun that the suggestion ends with, or one of its kind: the noun is not repeated.
    ("and 10000 specialized and special”small giant” enterprises during the period",
     "small giant", "little giant", "and 10000 specialized and special”little giant” enterprises during the period"),
    ("Two small giant firms were listed.", "small giant", "little giant", "Two little giant firms were listed."),
    # Standing alone, the calque gets the whole rendering.
    ("The county has one small giant.", "small giant", "little giant firm", "The county has one little giant firm."),
    # The family writes the calque with and without its noun: before another noun, the noun is left out.
    ("Firms fell into internal roll behaviour.", "internal roll", "involutionary",
     "Firms fell into involutionary behaviour."),
    ("The internal roll has intensified.", "internal roll", "involutionary competition",
     "The involutionary competition has intensified."),
    # A quotation ending inside the match: the calque is what is quoted.
    ('Comprehensive Rectification Of "intra-roll" Competition', "intra-roll", "involutionary",
     'Comprehensive Rectification Of "involutionary" Competition'),
    # The suggestion's first word right before the match: the finding takes it in, and the word is written once.
    ("We must unblock the domestic big cycle.", "domestic big cycle", "domestic circulation",
     "We must unblock the domestic circulation."),
    # A name keeps its last word: the finding takes in the word after the quotation instead.
    ('the successful initiation of the "Fifteen Five" plan.', '"Fifteen Five" plan', "15th Five-Year Plan",
     "the successful initiation of the 15th Five-Year Plan."),
])
def test_the_suggestion_fits_the_words_around_the_calque(linter: Linter, text: str, match: str, suggestion: str,
                                                         fixed: str) -> None:
    finding = only(linter, text)
    assert (finding.match, finding.suggestion) == (match, suggestion)
    assert f"use “{suggestion}”" in finding.message
    assert apply_fixes(text, [finding]) == fixed


def test_a_formula_too_long_for_its_calque_gives_way_to_a_sourced_drop_in(linter: Linter) -> None:
    text = "Provinces must meet the double control targets."
    finding = only(linter, text)
    # Of the two admitted drop-ins, the one with a published source; the full formula is named beside it.
    assert finding.suggestion == "dual control system"
    assert finding.extra["in_full"] == "dual control system for total energy consumption and energy intensity"
    assert "in full: “dual control system for total energy consumption and energy intensity”" in finding.message
    assert "rewrite" not in finding.extra and edits(finding, text)


def test_a_use_instead_chosen_on_purpose_is_kept(linter: Linter) -> None:
    # use_instead names an admitted rendering, not the preferred one: it stays, even where it is no drop-in.
    text = "We are comprehensively building a socialist modernized country."
    finding = only(linter, text)
    assert finding.suggestion == "building a modern socialist country in all respects"
    assert "in_full" not in finding.extra


def test_fitting_changes_nothing_where_the_words_around_fit(linter: Linter) -> None:
    text = "Both are intra-roll competition cases."
    finding = only(linter, text)
    assert (finding.match, finding.suggestion) == ("intra-roll competition", "involutionary competition")
    assert finding.message == ("“intra-roll competition” is a deprecated rendering of 内卷式竞争; "
                               "use “involutionary competition”")


def test_a_fitted_suggestion_keeps_the_rest_of_its_advice(linter: Linter) -> None:
    # "systems" follows, so "dual control system" loses its noun; the full formula is still named.
    finding = only(linter, "Both double control systems are in force.")
    assert finding.suggestion == "dual control"
    assert finding.message.endswith("use “dual control” (in full: “dual control system for total energy "
                                    "consumption and energy intensity”)")
