"""Invariants of the linter, checked on generated text (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nqp_terms import Glossary
from nqp_terms.linter import Linter
from nqp_terms.linter.fix import fix_converged
from nqp_terms.linter.matcher import canonical_view

# Text built from glossary words, separators of every kind and the odd non-ASCII character,
# so that generated strings actually contain renderings.
WORDS = ["bull", "nose", "noses", "new", "quality", "productivity", "productive", "forces", "and", "go", "out",
         "Introduced", "introduced", "Going", "global", "crux", "the", "Uncover", "list", "take", "lead",
         "high-quality", "development", "labour", "modernised", "industrial", "system", "揭榜挂帅", "牛鼻子"]
SEPARATORS = [" ", "  ", "\n", "-", ", ", ". ", "”", "“", "’s ", "\u2011", " — ", "\u200b", "《", "`"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda pairs: "".join(word + separator for word, separator in pairs))
relaxed = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def linters(glossary: Glossary) -> tuple[Linter, Linter]:
    return Linter(glossary), Linter(glossary, engine="python")


@relaxed
@given(texts)
def test_the_fast_matcher_and_the_fallback_agree(linters: tuple[Linter, Linter], text: str) -> None:
    fast, fallback = linters
    assert fast.lint(text) == fallback.lint(text)


@relaxed
@given(texts)
def test_every_finding_points_at_its_match(linters: tuple[Linter, Linter], text: str) -> None:
    for finding in linters[0].lint(text):
        assert text[finding.start:finding.end] == finding.match


@relaxed
@given(texts)
def test_fixing_twice_is_fixing_once(linters: tuple[Linter, Linter], text: str) -> None:
    # What --fix runs: a fix can change what the rest of the document says (an approved rendering written in is
    # evidence of policy writing), so one raw pass is not a fixed point; fix_converged's rounds are.
    linter = linters[0]
    once = fix_converged(text, linter.lint(text), linter.lint).text
    assert fix_converged(once, linter.lint(once), linter.lint).text == once


@relaxed
@given(texts)
@example(text="Introduced Introduced”Introduced”")
def test_a_fix_never_creates_a_new_deprecated_finding(linters: tuple[Linter, Linter], text: str) -> None:
    # What --fix runs: a replacement that changes the context of another calque (a Title Case run broken
    # by a lower-case suggestion, say) is withdrawn rather than applied.
    linter = linters[0]
    before = [f for f in linter.lint(text) if f.rule in ("NQP001", "NQP002")]
    fixed = fix_converged(text, linter.lint(text), linter.lint).text
    after = [f for f in linter.lint(fixed) if f.rule in ("NQP001", "NQP002")]
    assert len(after) <= len(before)
    # Progress, unless every fix was withdrawn: "Introduced Introduced”Introduced”" keeps its Title Case run,
    # since a lower-case suggestion in it would make the next "Introduced" a capitalised calque.
    assert not after or len(after) < len(before) or fixed == text


@relaxed
@given(st.text(max_size=200))
def test_any_text_at_all_lints_without_error(linters: tuple[Linter, Linter], text: str) -> None:
    # Lone surrogates and NUL are read as U+FFFD with errors="replace" (by default they raise ValueError).
    for finding in linters[0].lint(text, errors="replace"):
        assert 0 <= finding.start <= finding.end <= len(text)


@relaxed
@given(texts)
def test_the_canonical_view_maps_every_word_back(text: str) -> None:
    view = canonical_view(text)
    for word_start in (i for i, c in enumerate(view.text) if c != " " and (i == 0 or view.text[i - 1] == " ")):
        original = view.original_offset(word_start)
        assert text[original].lower() == view.text[word_start] or not text[original].isascii()


@relaxed
@given(texts)
def test_offsets_map_back_the_same_one_by_one_or_all_at_once(text: str) -> None:
    view = canonical_view(text)
    everywhere = range(len(view.text))
    assert view.original_offsets(everywhere) == [view.original_offset(i) for i in everywhere]
    assert view.original_offsets(range(1, len(view.text) + 1), end=True) == [
        view.original_span(0, i)[1] for i in range(1, len(view.text) + 1)]


@relaxed
@given(texts)
def test_hits_are_the_same_as_objects_as_spans_and_in_canonical_offsets(linters: tuple[Linter, Linter],
                                                                        text: str) -> None:
    matcher = linters[0].terms.matcher
    view = canonical_view(text)
    starts, ends, numbers = matcher.find_spans(text)
    assert [(h.start, h.end, h.payloads) for h in matcher.find(text)] == [
        (start, end, matcher.payloads[number]) for start, end, number in zip(starts, ends, numbers)]
    canonical_starts, canonical_ends, canonical_numbers = matcher.canonical_spans(view)
    assert (view.original_offsets(canonical_starts), view.original_offsets(canonical_ends, end=True),
            canonical_numbers) == (starts, ends, numbers)


@relaxed
@given(texts)
def test_hits_do_not_depend_on_non_ascii_letters_elsewhere(linters: tuple[Linter, Linter], text: str) -> None:
    # An ASCII canonical view is scanned as bytes, any other as str: both must find the same.
    matcher = linters[0].terms.matcher
    ascii_only = "".join(c if c.isascii() else " " for c in text)
    with_chinese = ascii_only + " 中文"
    assert canonical_view(with_chinese).text.isascii() is False
    assert matcher.find(with_chinese) == matcher.find(ascii_only)
