"""Sentence bounds from the list of a text's sentence ends are those of the 400-character windows, exactly.

The list (``SentenceEnds``) answers with bisections what a regex scan of up to 400 characters either
side of a hit used to say; the linter's findings depend on every answer, so they must never differ,
least of all where a window's edge cuts through punctuation, quotes or a blank line.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from nqp_terms.linter import sentences
from nqp_terms.linter.sentences import REACH, SentenceEnds, sentence_bounds, windowed_bounds

# Words, and every character a sentence end is made of or looks at, with runs of them likely.
PIECES = ["word", "Xi", "a", " ", "  ", ".", "...", "!", "?", "。", "！", "？", "\"", "'", "”", "’", ")", "]",
          "\n", "\n\n", "\n \t\n", "\t", "(", "“", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=400), st.data())
def test_the_list_answers_as_the_windows_do(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    index = SentenceEnds(text)
    for _ in range(20):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert index.bounds(start, end) == windowed_bounds(text, start, end), (start, end)


def test_every_position_of_a_long_text_with_window_edges_everywhere() -> None:
    # Longer than two windows, so that both window edges fall inside runs of punctuation somewhere.
    rng = random.Random(11)
    text = "".join(rng.choice(PIECES) for _ in range(3 * REACH))
    index = SentenceEnds(text)
    for start in range(len(text) + 1):
        for end in (start, min(len(text), start + rng.randint(1, 30))):
            assert index.bounds(start, end) == windowed_bounds(text, start, end)


def windowed_by_definition(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds as the definition says, with SENTENCE_END itself (the module scans with an equivalent regex)."""
    low = max(0, start - REACH)
    first = low
    for boundary in sentences.SENTENCE_END.finditer(text, low, start):
        first = boundary.end()
    after = sentences.SENTENCE_END.search(text, end, min(len(text), end + REACH))
    return first, (after.end() if after else min(len(text), end + REACH))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.data())
def test_the_fast_regex_finds_what_the_definition_does(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert windowed_bounds(text, start, end) == windowed_by_definition(text, start, end)
    assert [m.span() for m in sentences._SCAN.finditer(text, start, end)] == \
        [m.span() for m in sentences.SENTENCE_END.finditer(text, start, end)]


def test_the_list_is_what_a_scan_of_the_whole_text_finds() -> None:
    text = "One. Two?” Three...\n\nFour。Five！ \n \nSix.”) end"
    index = SentenceEnds(text)
    assert list(zip(index.starts, index.ends)) == [m.span() for m in sentences.SENTENCE_END.finditer(text)]


def test_a_text_asked_about_often_gets_a_list_and_the_same_answers() -> None:
    text = ("Policies are introduced. A new product was introduced in Beijing today. " * 100).strip()
    expected = [windowed_bounds(text, start, start + 5) for start in range(0, len(text) - 5, 7)]
    assert [sentence_bounds(text, start, start + 5) for start in range(0, len(text) - 5, 7)] == expected
    assert sentences._recent[0] is text and isinstance(sentences._recent[1], SentenceEnds)


BREAK_PIECES = [*PIECES, "…", ",", ";", "/", "*", "_", "#", "> ", "- ", "+ ", "12. ", "3) ", "\n1.", "\n- x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BREAK_PIECES), max_size=40), st.data())
def test_the_engines_break_regexes_search_as_their_definitions_do(pieces: list[str], data: st.DataObject) -> None:
    # The engine searches a hit's span for a sentence break or a list mark with regexes rewritten to begin
    # with one character class; they must find the same first match in any window.
    from nqp_terms.linter import engine

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for fast, defined in ((engine._FAST_BREAK, engine._SENTENCE_BREAK),
                          (engine._FAST_BREAK_OR_LIST, engine._BREAK_OR_LIST)):
        found, expected = fast.search(text, start, end), defined.search(text, start, end)
        assert (found and found.span()) == (expected and expected.span())


CONTEXT_PIECES = [*PIECES, "reform", "Reforms", "opening", " up", "industry", "industries", "free", "trade", "Σ",
                  "ΑΣ", "İ", "x" * 150, "word " * 40]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CONTEXT_PIECES), max_size=60), st.data())
def test_context_words_are_found_as_in_the_sentence_window(pieces: list[str], data: st.DataObject) -> None:
    # The match options look near a hit for a context word's stem before finding its sentence; the answer
    # must be the one the sentence window gives, spaced context words and odd letters included.
    from nqp_terms.linter import terms

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for words in (("reform", "industry"), ("opening up", "free trade"), ("σ",)):
        pattern, _ = terms._context_pattern(words)
        first, last = windowed_bounds(text, start, end)
        window = text[first:start].lower() + " " + text[end:last].lower()
        assert terms._has_context(words, text, start, end) == (pattern.search(window) is not None)
