"""Linting many short texts at once gives each exactly the findings it has alone.

``Linter.lint_many`` joins short texts (corpus segments) into one and lints that once; each finding
goes back to its text.  These tests hold it to ``Linter.lint`` text by text, every field of every
finding compared (messages and the domain signal's reasons included), on real text (the seed
article, real machine translations and official English cut into segments, every example sentence
of the shipped glossary) and on generated mixes of real sentences and the pieces that could leak
from one text into the next: quotes and capitals at an edge, Markdown that silences what follows,
words broken across a line, Chinese, blank texts, the separator's own word.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nqp_terms
from nqp_terms.linter import Linter
from nqp_terms.linter.documents import SEPARATOR_WORD
from nqp_terms.linter.markup import may_be_quiet, quiet_spans

REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SEED = REPO / "seeds" / "000_cc3756e0a130bcc6.txt"


@cache
def shipped_linter() -> Linter:
    return Linter(nqp_terms.load())


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def real_mt_texts() -> list[str]:
    texts = []
    for path in sorted(DATA.glob("realmt*/*.yaml")):
        texts += [record["text"] for record in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return texts


def glossary_examples() -> list[str]:
    found = []
    for concept in nqp_terms.load().concepts.values():
        for term in concept.in_language("en"):
            if term.examples:
                found += [*term.examples.flagged, *term.examples.not_flagged]
    return found


def assert_same_as_alone(texts: list[str]) -> list[list[nqp_terms.linter.Finding]]:
    linter = shipped_linter()
    together = linter.lint_many(texts)
    alone = [linter.lint(text) for text in texts]
    for text, mine, own in zip(texts, together, alone):
        assert mine == own, text
    assert len(together) == len(texts)
    return together


def rules_of(found: list[list[nqp_terms.linter.Finding]]) -> set[str]:
    return {finding.rule for findings in found for finding in findings}


def test_the_seed_article_cut_into_segments() -> None:
    seed = SEED.read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n") if p.strip()]
    found = assert_same_as_alone(paragraphs)
    found += assert_same_as_alone([s for p in paragraphs for s in sentences(p)])
    # The comparison covers what is per document: calques, consistency (NQP006) and the domain signal.
    assert {"NQP001", "NQP006"} <= rules_of(found)
    assert any("why" in finding.extra for findings in found for finding in findings)


def test_real_machine_translation_and_official_english() -> None:
    texts = real_mt_texts()
    official = (DATA / "official-english.md").read_text(encoding="utf-8")
    found = assert_same_as_alone(texts + [p for p in official.split("\n\n") if p.strip()])
    assert sum(map(len, found)) > 50


def test_every_example_sentence_of_the_glossary() -> None:
    examples = glossary_examples()
    assert len(examples) > 500
    assert_same_as_alone(examples)


def test_a_policy_text_does_not_make_its_neighbour_policy_writing() -> None:
    # Guarded calques fire without a context word only where the document reads as Chinese policy
    # writing; an ordinary sentence after such a text must stay as silent as it is alone.
    linter = shipped_linter()
    policy = ("The Party Central Committee and the State Council promote high-quality development and new quality "
              "productive forces in Zhejiang.")
    leaky = [example for example in glossary_examples()
             if not linter.lint(example) and linter.lint(f"{policy} {example}")[len(linter.lint(policy)):]]
    assert len(leaky) > 20  # ordinary sentences that a policy document around them would flag
    for example in leaky:
        assert linter.lint_many([policy, example])[1] == []


def test_each_text_has_its_own_first_renderings() -> None:
    linter = shipped_linter()
    first, second = "We will develop new quality productive forces.", "We will develop new productive forces."
    assert [f.rule for f in linter.lint(f"{first} {second}")] == ["NQP006"]
    assert linter.lint_many([first, second]) == [[], []]


def test_markdown_in_one_text_silences_nothing_in_the_next() -> None:
    calque = "We will Go out and invest."
    texts = ["```\nunclosed fence", calque, "<!-- nqp-terms disable -->", calque, f"---\ntitle: x\n---\n{calque}",
             calque, f"`{calque}`", calque]
    found = assert_same_as_alone(texts)
    assert [len(f) for f in found] == [0, 1, 0, 1, 1, 1, 0, 1]


def test_long_texts_and_texts_holding_the_separator_word() -> None:
    long_text = SEED.read_text(encoding="utf-8") * 3  # linted on its own, between short ones
    assert_same_as_alone(["Go out.", long_text, f"{SEPARATOR_WORD} Go out", "Bull nose", "0" * 40, "Go out"])


def test_bad_input_is_refused_as_lint_refuses_it() -> None:
    linter = shipped_linter()
    with pytest.raises(ValueError, match="NUL"):
        linter.lint_many(["Go out", "Bull\x00nose"])
    assert linter.lint_many(["Go out", "Bull\x00nose"], errors="replace")[1] == linter.lint("Bull\x00nose",
                                                                                              errors="replace")


# Pieces of text that touch an edge: what a rule reads beside a hit, or what goes on past a text's end.
EDGES = ["", " ", "\n", "\n\n", "  \n", "“", "”", '"', "'", "« ", "the ", "The ", "A ", "(", ")", ".", "!", "?", ":",
         "。", "，", "牛鼻子", "新质生产力", "`", "```\n", "~~~\n", "<!-- nqp-terms disable -->\n",
         "<!-- nqp-terms enable -->", "<div>\n", "    ", "\t", "---\n", "+++\n", "http://example.org/", "[x](y)",
         "[ref]: ", "moder-\nnization", "high-\nquality", "-", "\u2011", "â€œ", "Go Out", "Bull Nose", "New China",
         SEPARATOR_WORD, "0" * 20, "Xi Jinping", "my country", "in Beijing", "Special Researcher, "]
WORDS = ["bull", "nose", "go", "out", "Introduced", "new", "quality", "productivity", "productive", "forces",
         "high-quality", "development", "small", "giant", "my", "country", "stuck", "neck", "key", "technologies",
         "double", "cycle", "Going", "global", "and", "of", "is", "a"]
SENTENCES = sentences(SEED.read_text(encoding="utf-8")) + [s for t in real_mt_texts()[:40] for s in sentences(t)]
piece = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(EDGES),
                  st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join))
segment = st.lists(piece, max_size=5).map(lambda pieces: "".join(
    p + ("" if p.endswith(("\n", " ")) or not p else " ") for p in pieces))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(segment, min_size=2, max_size=8))
def test_generated_mixes_of_segments(texts: list[str]) -> None:
    assert_same_as_alone(texts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EDGES + WORDS + [" ", "\n", "\r", "x", "]", "[", "(", ")", "~", "<", ">", "!", "-",
                                                 "+", "*", "1.", "w", "h", "t", "p", "s", ":", "/", ".", "`", "="]),
                max_size=30).map("".join))
def test_a_text_without_markup_marks_has_no_quiet_spans(text: str) -> None:
    # The engine asks may_be_quiet before parsing a text's Markdown: a "no" must be right.
    if not may_be_quiet(text):
        assert quiet_spans(text) == []
