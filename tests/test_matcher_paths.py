"""The matcher's fast paths find what the plain ones do: bytes or str automaton, whatever the letters."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqp_terms import Glossary
from nqp_terms.linter import Linter
from nqp_terms.linter.matcher import DeferredMatcher, Matcher, canonical_view

WORDS = ["bull", "nose", "new", "quality", "productivity", "Straße", "café", "naïve", "İstanbul", "go", "out",
         "Introduced", "high-quality", "development", "labour", "揭榜挂帅", "ß", "crux", "the"]
SEPARATORS = [" ", "  ", "\n", "-", ", ", ". ", "”", "“", "’s ", "        ", "\n\n    "]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(word + separator for word, separator in pairs))
relaxed = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def linters(glossary: Glossary) -> tuple[Linter, Linter]:
    return Linter(glossary), Linter(glossary, engine="python")


def str_automaton_spans(matcher: Matcher, text: str) -> list[tuple[int, int, int]]:
    """What the str automaton alone finds in the canonical haystack, as the bytes path must find too."""
    haystack = f" {canonical_view(text).text} "
    return sorted(matcher._str_automaton.find_matches_as_indexes(haystack, overlapping=True))


@relaxed
@given(texts)
def test_the_bytes_automaton_on_utf8_finds_what_the_str_automaton_does(linters, text: str) -> None:
    matcher = linters[0].terms.matcher
    assert sorted(matcher._scan(f" {canonical_view(text).text} ")) == str_automaton_spans(matcher, text)


@relaxed
@given(texts)
def test_the_fallback_agrees_with_stray_letters_and_deep_indentation(linters, text: str) -> None:
    fast, fallback = linters
    assert fast.lint(text) == fallback.lint(text)


def test_one_stray_letter_keeps_a_text_on_the_bytes_automaton(linters) -> None:
    linter = Linter(linters[0].glossary)
    text = "Die Straße. We must grasp the Bull nose of reform. " * 50
    findings = linter.lint(text)
    assert [f.match for f in findings][:1] == ["Bull nose"] and len(findings) == 50
    assert "_str_automaton" not in vars(linter.terms.matcher)  # never needed, so never built


@relaxed
@given(st.lists(texts, min_size=1, max_size=4))
def test_a_deferred_automaton_finds_the_same_hits_before_and_after_it_is_built(linters, batch: list[str]) -> None:
    # A warm run's matcher scans small texts word by word and compiles the automaton once they add up.
    matcher = linters[0].terms.matcher
    deferred = DeferredMatcher.from_keys(list(matcher.patterns), matcher.payloads, matcher.patterns)
    for text in batch:
        assert deferred.find_spans(text) == matcher.find_spans(text)
    piece = " ".join(batch) + "\n\nand more words\n\n"
    long_text = piece * (12000 // len(piece) + 1)  # past the word scan's budget of 4,096 canonical characters
    assert deferred.find_spans(long_text) == matcher.find_spans(long_text) and deferred.compiled
    for text in batch:
        assert deferred.find_spans(text) == matcher.find_spans(text)


def test_a_warm_linter_scans_a_small_text_without_building_the_automaton(tmp_path, monkeypatch) -> None:
    import nqp_terms
    from conftest import FIXTURE

    monkeypatch.setenv("NQP_TERMS_CACHE", str(tmp_path / "cache"))
    Linter(nqp_terms.load(FIXTURE)).lint("warm up")  # builds and stores the plan
    warm = Linter(nqp_terms.load(FIXTURE))
    assert [f.match for f in warm.lint("We must grasp the Bull nose of reform.")] == ["Bull nose"]
    assert isinstance(warm.terms.matcher, DeferredMatcher) and not warm.terms.matcher.compiled
