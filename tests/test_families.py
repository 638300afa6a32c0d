"""Families of wordings: the pattern language, its expansion into the matcher, and its validation."""

from __future__ import annotations

from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.linter.engine import Linter
from nqp_terms.termbase.families import MAX_MEMBERS, PatternError, inflect_verb, members
from nqp_terms.termbase.model import GlossaryError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def glossary() -> nqp_terms.Glossary:
    return nqp_terms.load(FIXTURES / "families", use_cache=False)


def test_alternatives_optional_words_and_doubling() -> None:
    assert members("{inner|internal} {loop|cycle}") == ["inner loop", "inner cycle", "internal loop", "internal cycle"]
    assert set(members("open [up] the {new|} bureau")) == {
        "open up the new bureau", "open up the bureau", "open the new bureau", "open the bureau"}
    assert "specialized, specialized and new" in members("specialized* [and] new")
    assert "specialized and new" in members("specialized* [and] new")


def test_marked_verbs_take_every_form_together() -> None:
    wordings = members("~{uncover|unveil} the list and ~take {command|charge}")
    assert {"uncovering the list and taking command", "unveiled the list and took charge",
            "uncovers the list and takes command", "unveil the list and take charge"} <= set(wordings)
    assert "uncovering the list and take command" not in wordings  # one form for all the verbs of a member
    assert [inflect_verb("stick", form) for form in ("s", "ing", "ed")] == ["sticks", "sticking", "stuck"]


@pytest.mark.parametrize(("pattern", "message"), [
    ("stick {neck", "unclosed '{' at character 7"),
    ("stick [neck", "unclosed '['"),
    ("stick neck}", "unexpected '}'"),
    ("~ neck", "'~' must stand right before the verb"),
    ("{a|b|c|d|e|f} " * 4, f"more than {MAX_MEMBERS} members"),
])
def test_a_broken_pattern_says_what_and_where(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=message.replace("[", r"\[").replace("{", r"\{")):
        members(pattern.strip())


def test_every_family_example_behaves_as_written(glossary: nqp_terms.Glossary) -> None:
    linter = Linter(glossary)
    families = [(c, t) for c in glossary for t in c.deprecated("en") if t.pattern]
    assert len(families) == 5
    for concept, term in families:
        assert term.examples.flagged and term.examples.not_flagged
        for sentence in term.examples.flagged:
            assert [f for f in linter.lint(sentence) if f.concept == concept.id], sentence
        for sentence in term.examples.not_flagged:
            assert not [f for f in linter.lint(sentence) if f.concept == concept.id], sentence


def test_a_family_finding_names_the_family_entry(glossary: nqp_terms.Glossary) -> None:
    [finding] = Linter(glossary).lint("They are unveiling the list and taking command of it.")
    assert (finding.rule, finding.match, finding.suggestion) == (
        "NQP001", "unveiling the list and taking command", "open competition mechanism")


def test_a_family_without_a_term_is_known_by_its_first_member(glossary: nqp_terms.Glossary) -> None:
    term = next(t for t in glossary.concept("jiebang-guashuai").deprecated("en") if t.pattern)
    assert term.term == "uncover the list and take the lead"


def test_the_pure_python_matcher_finds_what_aho_corasick_finds(glossary: nqp_terms.Glossary) -> None:
    text = "Specialized, specialized and novel firms; they uncovered the list and took charge."
    assert Linter(glossary).lint(text) == Linter(glossary, engine="python").lint(text)
    assert len(Linter(glossary).lint(text)) == 2


def test_broken_families_are_validation_errors_with_file_and_line() -> None:
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(FIXTURES / "families-broken", use_cache=False)
    problems = {(p.code, p.line) for p in raised.value.problems}
    assert problems == {("family-pattern", 8), ("family-examples", 13), ("deprecated-is-approved", 17),
                        ("family-pattern", 22)}
    text = str(raised.value)
    assert "too-many.yaml:8: family-pattern" in text and "more than 512 members" in text
    assert "the member 'good form', which is approved in too-many ('good form')" in text
