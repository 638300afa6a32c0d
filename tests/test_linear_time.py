"""Linear time on every input: the hostile shapes of issue 16, at 10 KB and 100 KB.

The Markdown scanning once backtracked (repeated fence markers: 24 s for 3 KB; decreasing backtick runs
past 90 s for 20 KB; unclosed ``<!--``, ``](`` and ``]:`` runs quadratic), and so did collapsing runs
of white space in Chinese.  Each shape is timed at two sizes: ten times the input must cost about ten
times as much (the bound, 30, leaves room for a noisy shared machine; quadratic growth gives 100).
Times below a few milliseconds are too noisy to divide, so the smaller one counts as at least 5 ms.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import nqp_terms
from nqp_terms.linter.markup import quiet_spans

# A finding first, so that the linter looks for quiet spans in the rest.
LEAD = "We grasp the Bull nose.\n"


def _decreasing_backticks(size: int) -> str:
    runs, length = [], 1
    while sum(map(len, runs)) < size:
        runs.append("`" * length + " x ")
        length += 1
    return "".join(reversed(runs))


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "repeated fence markers, no final newline": _repeat("```"),
    "fence lines without a final newline": lambda size: _repeat("```\n")(size).rstrip("\n"),
    "tilde fence markers": _repeat("~~~ "),
    "decreasing backtick runs": _decreasing_backticks,
    "backtick and letter": _repeat("`a"),
    "unclosed comments": _repeat("<!--"),
    "one unclosed comment": lambda size: "<!--" + "a " * (size // 2),
    "unclosed link targets": _repeat("]("),
    "unclosed link definitions": _repeat("]:"),
    "bracketed definitions": _repeat("[a]:"),
    "open brackets": _repeat("["),
    "html block starts": _repeat("<div>\n"),
    "indented lines after blanks": _repeat("\n    x\n"),
    "list items and indented lines": _repeat("- a\n\n    b\n"),
    "switch comments without an end": _repeat("<!-- nqp-terms disable "),
    "urls": _repeat("http://"),
    "Chinese before a run of spaces": lambda size: "新" + " " * (size - 2) + "a",
    "English runs of mixed white space": lambda size: "a" + " \t\n" * (size // 3) + "b",
    "reversed quotes": _repeat("”a “"),
    # Shapes for the CommonMark block parser (markdown-it-py): nesting, lists, definitions, HTML.
    "nested quotes": _repeat("> "),
    "nested list markers": _repeat("- "),
    "deepening list indentation": lambda size: "".join(" " * (2 * n % 400) + "- a\n" for n in range(size // 8)),
    "quote and list marks on every line": _repeat("> - > 1. \n"),
    "unclosed definition titles": _repeat("[a]: /u '\n"),
    "definition labels without colons": _repeat("[a\n"),
    "html open tags alone on lines": _repeat("<a b='c'>\n"),
    "setext underlines": _repeat("a\n===\n"),
    "long line after a fence marker": lambda size: "```" + "a" * size,
    "deep quotes before fences": _repeat("> " * 60 + "```\n"),
    "deep lists before indented lines": _repeat("- " * 60 + "\n\n" + " " * 130 + "x\n"),
    "quote marks before html": _repeat("> > > <div>\n"),
}


def _seconds(function: Callable[[], object]) -> float:
    """The least CPU time of five runs: the machine may be shared, and waiting for a core is not work."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


def _everything(text: str) -> None:
    nqp_terms.lint(LEAD + text)
    quiet_spans(text)
    nqp_terms.normalize(text, lang="zh")
    nqp_terms.normalize(text, lang="en")


@pytest.mark.parametrize("shape", SHAPES)
def test_hostile_shapes_take_linear_time(shape: str) -> None:
    _everything("warm up 新 质 ``` <!-- ](")
    small, large = SHAPES[shape](10_000), SHAPES[shape](100_000)
    small_time = _seconds(lambda: _everything(small))
    large_time = _seconds(lambda: _everything(large))
    ratio = large_time / max(small_time, 0.005)
    assert ratio < 30, f"{shape}: 10 KB {small_time * 1000:.1f} ms, 100 KB {large_time * 1000:.1f} ms"


@pytest.mark.parametrize("shape", SHAPES)
def test_a_hostile_markdown_file_of_4_kb_is_linted_in_well_under_a_second(shape: str) -> None:
    text = SHAPES[shape](4_000)
    assert _seconds(lambda: nqp_terms.lint(LEAD + text)) < 0.25, shape


def test_the_hostile_shapes_are_still_read_as_markdown() -> None:
    """Linear, and still right: what CommonMark makes code or markup stays quiet."""
    text = ("---\ntitle: Bull nose\n---\n\nBull nose `Bull nose` <!-- Bull nose --> [Bull nose](http://x/bull-nose)\n\n"
            "```\nBull nose\n```\n\n    Bull nose in indented code\n\n<div>\nBull nose\n</div>\n\n"
            "[bull nose]: http://example.com/bull-nose\n\n- list\n\n    We grasp the Bull nose in a list item\n\n"
            "We grasp the Bull nose ``` not a fence\n")
    found = [(f.match, text.count("\n", 0, f.start) + 1) for f in nqp_terms.lint(text) if f.rule == "NQP001"]
    assert found == [("Bull nose", 5), ("Bull nose", 21), ("Bull nose", 23)]
