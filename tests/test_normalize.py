"""Normalisation: named steps, explanations, and spans that map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nqp_terms import normalize, normalize_and_explain
from nqp_terms.text.normalize import explain_steps, normalize_mapped


@pytest.mark.parametrize(("text", "expected", "steps"), [
    ("”Introduced“", '"introduced"', ["fold_quotes", "lowercase"]),
    ("new\u2011quality", "new-quality", ["fold_hyphens"]),
    ("high\u2013quality development", "high-quality development", ["fold_hyphens"]),
    ("opening up \u2014 and reform", "opening up \u2014 and reform", []),   # a real dash stays
    ("new  quality\n productive\tforces ", "new quality productive forces", ["collapse_whitespace"]),
    ("Ｎｅｗ　quality", "new quality", ["fold_width", "lowercase"]),
    ("pro\u00adductive\u200b forces", "productive forces", ["remove_invisible"]),
    ("Labour and Modernisation", "labor and modernization", ["lowercase", "american_spelling"]),
])
def test_english_steps(text: str, expected: str, steps: list[str]) -> None:
    assert normalize_and_explain(text, lang="en") == (expected, steps)


@pytest.mark.parametrize(("text", "expected", "steps"), [
    ("新質生產力", "新质生产力", ["to_simplified"]),
    ("「引进来」", "“引进来”", ["fold_quotes"]),
    ("揭榜 挂帅", "揭榜挂帅", ["remove_spaces_between_han"]),
    ("５Ｇ网络", "5G网络", ["fold_width"]),
    ("引进来，走出去", "引进来，走出去", []),   # full-width comma is correct Chinese and stays
    ("新质\u200b生产力", "新质生产力", ["remove_invisible"]),
])
def test_chinese_steps(text: str, expected: str, steps: list[str]) -> None:
    assert normalize_and_explain(text, lang="zh") == (expected, steps)


def test_the_language_is_detected_when_not_given() -> None:
    assert normalize("新質生產力") == "新质生产力"
    assert normalize("New Quality") == "new quality"


def test_an_unknown_language_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        normalize("text", lang="fr")  # type: ignore[arg-type]


def test_every_step_is_documented() -> None:
    for language in ("zh", "en"):
        for name, description in explain_steps(language):
            assert name and description.endswith(".")


def test_spans_map_back_to_the_original_text() -> None:
    original = "The  ”Bull\u200b nose“ of LABOUR"
    mapped = normalize_mapped(original, lang="en")
    assert mapped.text == 'the "bull nose" of labor'
    start = mapped.text.index("bull nose")
    begin, end = mapped.original_span(start, start + len("bull nose"))
    assert original[begin:end] == "Bull\u200b nose"
    start = mapped.text.index("labor")
    begin, end = mapped.original_span(start, start + len("labor"))
    assert original[begin:end] == "LABOUR"


def test_an_empty_span_is_refused() -> None:
    with pytest.raises(ValueError):
        normalize_mapped("abc", lang="en").original_span(1, 1)


texts = st.text(alphabet=st.sampled_from(list("abcXYZ -–‑—\u200b\u00ad“”‘’「」　 \n\tＡＢ新質生產力发展 ")), max_size=40)


@given(texts, st.sampled_from(["zh", "en"]))
def test_normalising_twice_changes_nothing(text: str, lang: str) -> None:
    once = normalize(text, lang=lang)  # type: ignore[arg-type]
    assert normalize(once, lang=lang) == once  # type: ignore[arg-type]


@given(texts, st.sampled_from(["zh", "en"]))
def test_every_character_maps_to_a_span_of_the_original(text: str, lang: str) -> None:
    mapped = normalize_mapped(text, lang=lang)  # type: ignore[arg-type]
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    previous_start = 0
    for index in range(len(mapped.text)):
        begin, end = mapped.original_span(index, index + 1)
        assert 0 <= begin < end <= len(text)
        assert begin >= previous_start  # spans never go backwards
        previous_start = begin
