"""Context that knows the document: sentences, the domain signal, quotes, titles, lists, broken words, hyphens."""

from __future__ import annotations

from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.linter import Linter
from nqp_terms.linter.config import LintConfig

FIXTURES = Path(__file__).parent / "fixtures"
POLICY = "The Party Central Committee and the State Council reviewed exports of the new three. "


@pytest.fixture(scope="module")
def glossary() -> nqp_terms.Glossary:
    return nqp_terms.load(FIXTURES / "families", use_cache=False)


def concepts(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(f.concept, f.match) for f in linter.lint(text) if f.rule in ("NQP001", "NQP002")]


def test_a_context_word_counts_only_in_the_hits_own_sentence(glossary: nqp_terms.Glossary) -> None:
    linter = Linter(glossary)
    assert concepts(linter, "Core technologies matter. He woke up with a stuck neck.") == []
    assert concepts(linter, "The stuck neck in core technologies must be solved.") == [("qia-bozi", "stuck neck")]


def test_the_domain_signal_lets_a_guarded_calque_fire_in_policy_writing_and_says_why(
        glossary: nqp_terms.Glossary) -> None:
    linter = Linter(glossary)
    assert concepts(linter, "He woke up with a stuck neck.") == []
    [finding] = [f for f in linter.lint(POLICY + "The stuck neck problem remains.") if f.concept == "qia-bozi"]
    assert "reads as Chinese policy writing" in finding.extra["why"]
    assert "central committee" in finding.extra["why"] and finding.extra["why"] in finding.message


def test_policy_document_calques_fire_only_in_policy_writing(glossary: nqp_terms.Glossary) -> None:
    linter = Linter(glossary)
    assert concepts(linter, "I love my country and its mountains.") == []
    assert ("woguo", "my country") in concepts(linter, POLICY + "Exports grew in my country.")


def test_a_calque_weighs_more_than_an_approved_term_as_evidence_of_policy_writing(
        glossary: nqp_terms.Glossary) -> None:
    """Nobody but a translator from Chinese writes "unveiling the list"; "new three" could be anyone's words."""
    linter = Linter(glossary)
    assert concepts(linter, "Exports of the new three grew in my provincial town and in my country.") == []
    assert ("woguo", "my country") in concepts(
        linter, "They are unveiling the list and taking command. Provincial exports grew in my country.")


def test_one_calque_alone_makes_a_document_policy_writing(glossary: nqp_terms.Glossary) -> None:
    assert ("woguo", "my country") in concepts(linter := Linter(glossary),
                                               "They are unveiling the list and taking command in my country.")
    assert concepts(linter, "They are unveiling the new album in my country.") == []


def test_a_guarded_calque_its_own_sentence_confirms_is_evidence_of_policy_writing(
        glossary: nqp_terms.Glossary) -> None:
    """"stuck neck" beside "core technologies" is a calque; on its own, after a night's sleep, it is not."""
    linter = Linter(glossary)
    assert concepts(linter, "The stuck neck in core technologies must be solved. Output grew in my country.") == \
        [("qia-bozi", "stuck neck"), ("woguo", "my country")]
    assert concepts(linter, "He woke up with a stuck neck. Nothing beats the air of my country.") == []


def test_a_one_word_approved_rendering_is_no_evidence_of_policy_writing(glossary: nqp_terms.Glossary) -> None:
    """"China" is everyday English: a travel note naming it and Beijing does not read as policy writing."""
    assert concepts(Linter(glossary), "I flew from my country to China and on to Beijing.") == []


def test_the_stock_phrases_of_translated_policy_writing_are_cues(glossary: nqp_terms.Glossary) -> None:
    """A short machine-translated paragraph with no Party body in it still reads as policy writing."""
    linter = Linter(glossary)
    text = ("Exports of the new three grew as my country comprehensively deepened reforms of scientific and "
            "technological achievements.")
    [finding] = [f for f in linter.lint(text) if f.concept == "woguo"]
    assert "comprehensively deepened" in finding.extra["why"]
    assert concepts(linter, "I love my country; its scientific and technological museums are great.") == []


def test_a_party_or_state_body_counts_like_a_glossary_term(glossary: nqp_terms.Glossary) -> None:
    """Naming the Communist Party of China is as specific as naming a concept; "Chinese" alone is not."""
    linter = Linter(glossary)
    assert ("woguo", "my country") in concepts(
        linter, "The Communist Party of China carries on Chinese culture in my country.")
    assert concepts(linter, "Chinese and Korean food is popular in my country.") == []


def test_the_domain_signal_is_configurable(glossary: nqp_terms.Glossary) -> None:
    off = Linter(glossary, LintConfig.from_mapping({"domain": {"threshold": 0}}))
    assert concepts(off, POLICY + "Exports grew in my country.") == []
    cued = Linter(glossary, LintConfig.from_mapping({"domain": {"threshold": 2, "cues": ["Guangdong", "Shenzhen"]}}))
    assert concepts(cued, "Guangdong and Shenzhen report that the new three grew in my country.") == \
        [("woguo", "my country")]


def test_leftmost_longest_reports_a_calque_that_contains_an_approved_rendering(glossary: nqp_terms.Glossary) -> None:
    assert concepts(Linter(glossary), "Exports of the new three kinds of goods grew.") == \
        [("xin-sanyang", "new three kinds")]
    assert concepts(Linter(glossary), "Exports of the new three grew.") == []


def test_leftmost_longest_reports_a_calque_whose_end_an_approved_rendering_overlaps() -> None:
    # "expenditure on social security and employment" is approved and longer, but the calque starts first.
    text = "In the general public budget, financial expenditure on social security and employment rose by 5%."
    assert concepts(Linter(nqp_terms.load()), text) == [("caizheng-zhichu", "financial expenditure")]


# The shipped glossary, for what every document meets.

def test_title_case_headlines_are_not_capitalised_slogans() -> None:
    assert [f for f in nqp_terms.lint("When the Lights Go Out led the album.") if f.rule == "NQP001"] == []
    assert [f for f in nqp_terms.lint("When The Lights Go Out, is the new single.") if f.rule == "NQP001"] == []
    assert [f.match for f in nqp_terms.lint("At a high level Go out On the other hand, we integrate.")] == ["Go out"]


@pytest.mark.parametrize("text", ["We adhere to â€œGo outâ€\x9d policy.", "We adhere to 「Go out」 policy.",
                                  "We adhere to ”Go out“ policy."])
def test_quotes_are_seen_as_mojibake_corner_and_reversed_marks(text: str) -> None:
    assert "Go out" in [f.match for f in nqp_terms.lint(text) if f.rule == "NQP001"]


def test_a_quote_on_one_side_belongs_to_something_longer() -> None:
    assert [f for f in nqp_terms.lint('"When the Lights Go Out" is a hit.') if f.rule == "NQP001"] == []


def test_a_match_never_crosses_a_list_comma_semicolon_or_slash() -> None:
    for text in ["a green, low-carbon and circular economy", "green; low-carbon growth", "green/low-carbon"]:
        assert [f for f in nqp_terms.lint(text) if f.rule in ("NQP001", "NQP002")] == [], text
    assert [f.match for f in nqp_terms.lint("a green low-carbon economy") if f.rule == "NQP001"] == \
        ["green low-carbon"]


@pytest.mark.parametrize("broken", ["Chinese-style mod-\nernization", "Chinese-style mod- ernization",
                                    "Chinese-style mod-ernization"])
def test_a_word_broken_by_a_hyphen_is_joined_before_matching(broken: str) -> None:
    """The last one lost its line break in a PDF copy: the hyphen stands inside the word."""
    [finding] = [f for f in nqp_terms.lint(f"We pursue {broken} now.") if f.rule in ("NQP001", "NQP002")]
    assert finding.match == broken and finding.start == len("We pursue ")
    assert "fix" not in finding.extra  # the fix would write over the broken word: the editor joins it


def test_a_hyphen_between_two_words_is_left_alone() -> None:
    """"co-operation" is not a broken "cooperation": both halves are words."""
    from nqp_terms.linter.words import join_broken_words

    assert join_broken_words("co-operation and mod-ernization", {"cooperation", "operation", "modernization"}).text \
        == "co-operation and modernization"


def test_high_quality_without_its_hyphen_is_a_fixable_warning() -> None:
    [finding] = nqp_terms.lint("We will pursue High quality development.")
    assert (finding.rule, finding.name, finding.severity, finding.suggestion) == \
        ("NQP007", "missing-hyphen", "warning", "High-quality development")
    assert nqp_terms.fix("We will pursue High quality development.")[0] == "We will pursue High-quality development."
    assert nqp_terms.lint("We will pursue high-quality development.") == []
