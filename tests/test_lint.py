"""The linter on small texts against the fixture glossary: what it flags, and what it must not."""

from __future__ import annotations

import pytest

from nqp_terms import Glossary
from nqp_terms.linter import LintConfig, Linter
from nqp_terms.linter.fix import apply_fixes


@pytest.fixture(scope="module")
def linter(glossary: Glossary) -> Linter:
    return Linter(glossary)


def flagged(linter: Linter, text: str) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.match, f.suggestion) for f in linter.lint(text)]


@pytest.mark.parametrize("text", [
    "We must grasp the bull nose.",
    "We must grasp the Bull nose.",
    "WE MUST GRASP THE BULL NOSE.",
    "We Must Grasp The Bull Nose",
    "the bull-nose of reform",
    "the bull\nnose of reform",
    "the bull  nose of reform",
    "the “bull nose” of reform",
    "the ”bull nose“ of reform",
    "the bull nose's importance",
    "the bull noses of reform",
])
def test_a_calque_is_found_however_it_is_written(linter: Linter, text: str) -> None:
    assert [(rule, suggestion) for rule, _, suggestion in flagged(linter, text)
            if rule == "NQP001"] == [("NQP001", "crux")]


def test_the_finding_carries_everything_an_editor_needs(linter: Linter) -> None:
    (finding,) = linter.lint("It is the Bull nose.")
    assert (finding.rule, finding.name, finding.severity) == ("NQP001", "deprecated-rendering", "error")
    assert (finding.start, finding.end, finding.match) == (10, 19, "Bull nose")
    assert (finding.concept, finding.zh, finding.suggestion) == ("niubizi", "牛鼻子", "crux")
    assert finding.reason and finding.url.endswith("/concepts/niubizi/")
    assert finding.source == "unsourced: no publication of this rendering was found"


def test_the_source_of_the_suggestion_is_cited(linter: Linter) -> None:
    (finding,) = linter.lint("new quality productivity")
    assert finding.source.startswith("Qiushi Journal (English edition)")


def test_british_and_american_spellings_are_both_matched(glossary: Glossary) -> None:
    # The fixture's admitted "modern industrial system" has no spelling variant; use a deprecated one.
    linter = Linter(glossary)
    assert flagged(linter, "the labour of new quality productivity") == [
        ("NQP001", "new quality productivity", "new quality productive forces")]


def test_never_inside_an_approved_rendering(linter: Linter) -> None:
    assert flagged(linter, "New quality productive forces are growing.") == []
    rules = {rule for rule, _, _ in flagged(linter, "new quality productive forces grow. Later, new productive forces")}
    assert rules == {"NQP006"}  # a second rendering is noted, but nothing is deprecated


def test_the_longest_bad_rendering_wins(linter: Linter) -> None:
    # "new quality and productivity" is deprecated; nothing shorter inside it is reported separately.
    assert flagged(linter, "the new quality and productivity theory") == [
        ("NQP001", "new quality and productivity", "new quality productive forces")]


@pytest.mark.parametrize(("text", "expected"), [
    ("adhere to ”Introduced“ and ”Go out“", ["Introduced", "Go out"]),
    ("Promote high level Introduced and more", ["Introduced"]),
    ("The company introduced a new product.", []),
    ("Introduced in 2020, the rule applies.", []),      # sentence-initial capital proves nothing
    ("The staff go out at noon.", []),
    ("Go out and see.", []),
])
def test_slogan_calques_only_when_quoted_or_capitalised(linter: Linter, text: str, expected: list[str]) -> None:
    assert [m for rule, m, _ in flagged(linter, text) if rule == "NQP001"] == expected


def test_superseded_renderings_are_warnings(linter: Linter) -> None:
    (finding,) = linter.lint("The policy of going out began in 2000.")
    assert (finding.rule, finding.severity, finding.suggestion) == ("NQP002", "warning", "going global")


def test_untranslated_chinese_with_a_suggestion(linter: Linter) -> None:
    (finding,) = linter.lint("We will promote 揭榜挂帅 in key projects.")
    assert (finding.rule, finding.match, finding.concept) == ("NQP003", "揭榜挂帅", "jiebang-guashuai")


def test_reversed_quotes_and_chinese_marks(linter: Linter) -> None:
    assert flagged(linter, "the ”new“ plan and the 《14th Five-Year Plan》") == [
        ("NQP004", "”new“", "“new”"), ("NQP005", "《", None), ("NQP005", "》", None)]


def test_one_concept_two_renderings_is_reported_once_per_change(linter: Linter) -> None:
    findings = linter.lint("new quality productive forces ... new productive forces ... new productive forces")
    assert [(f.rule, f.severity, f.match) for f in findings] == [
        ("NQP006", "info", "new productive forces"), ("NQP006", "info", "new productive forces")]


def test_markdown_code_urls_and_links_are_not_linted(linter: Linter) -> None:
    text = ("`bull nose` and\n```\nbull nose\n```\nhttps://example.org/bull-nose and [x](bull-nose.md)\n\n"
            "[bull-nose]: https://x.org/bull-nose 'The bull nose'")
    assert flagged(linter, text) == []


def test_markdown_blocks_are_commonmarks(linter: Linter) -> None:
    """Indented code, HTML blocks, front matter and link reference definitions are quiet, as CommonMark
    reads them: a bracketed label inside a paragraph is no definition, but text a reader sees."""
    quiet = ("---\ntitle: bull nose\n---\n\n    bull nose in indented code\n\n<div>\nbull nose\n</div>\n\n"
             "- a list item\n\n      bull nose in code in the item\n\n> [ref]: https://x.org 'bull nose'\n")
    assert flagged(linter, quiet) == []
    assert [f.match for f in linter.lint("A paragraph,\n[bull nose]: not a definition")] == ["bull nose"]
    assert [f.match for f in linter.lint("- item\n\n    bull nose continues the item")] == ["bull nose"]


def test_comments_switch_findings_off_and_on(linter: Linter) -> None:
    text = ("bull nose\n<!-- nqp-terms disable -->\nbull nose\n<!-- nqp-terms enable -->\nbull nose\n"
            "<!-- nqp-terms disable niubizi -->bull nose ”x“<!-- nqp-terms enable niubizi -->")
    assert [(f.rule, f.start) for f in linter.lint(text)] == [("NQP001", 0), ("NQP001", 73), ("NQP004", 127)]


def test_rules_can_be_selected_ignored_and_reweighted(glossary: Glossary) -> None:
    text = "the bull nose ”x“ 揭榜挂帅"
    only_quotes = Linter(glossary, LintConfig(select=frozenset({"NQP004"})))
    assert [f.rule for f in only_quotes.lint(text)] == ["NQP004"]
    no_chinese = Linter(glossary, LintConfig(ignore=frozenset({"NQP003"}), severity={"NQP004": "error"}))
    assert [(f.rule, f.severity) for f in no_chinese.lint(text)] == [("NQP001", "error"), ("NQP004", "error")]


def test_a_malformed_text_does_not_crash(linter: Linter) -> None:
    for text in ["", "\x00\x01", "\ud800" * 3, "”" * 1000, "`" * 99, "<!-- nqp-terms disable", "İ" * 50 + " bull nose"]:
        linter.lint(text, errors="replace")
    assert linter.lint("İİ bull nose")[0].match == "bull nose"
    # By default a lone surrogate or NUL is a documented ValueError, with its position (input_policy).
    with pytest.raises(ValueError, match="position 0"):
        linter.lint("\ud800")


def test_not_a_string_is_a_value_error(linter: Linter) -> None:
    with pytest.raises(ValueError):
        linter.lint(b"bytes")  # type: ignore[arg-type]


# ------------------------------------------------------------------ fixes


@pytest.mark.parametrize(("text", "fixed"), [
    ("grasp the bull nose", "grasp the crux"),
    ("Bull nose of reform", "Crux of reform"),
    ("GRASP THE BULL NOSE", "GRASP THE CRUX"),
    ("Grasp The Bull Nose Now", "Grasp The Crux Now"),
    ("adhere to ”Introduced“", "adhere to “bringing in”"),  # a common noun is not capitalised mid-sentence
    ("Uncover The List And Take The Lead", "Open Competition Mechanism to Select the Best Candidates to Lead Key "
                                           "Research Projects"),
])
def test_fixes_keep_the_case_style(linter: Linter, text: str, fixed: str) -> None:
    assert apply_fixes(text, linter.lint(text)) == fixed


def test_fixing_twice_changes_nothing_more(linter: Linter) -> None:
    text = "The ”Introduced“ and Bull nose of new quality productivity, and going out."
    once = apply_fixes(text, linter.lint(text))
    assert apply_fixes(once, linter.lint(once)) == once
    assert [f.rule for f in linter.lint(once) if f.rule in ("NQP001", "NQP002", "NQP004")] == []


def test_fixes_never_touch_approved_forms(linter: Linter) -> None:
    text = "new quality productive forces and high-quality development"
    assert apply_fixes(text, linter.lint(text)) == text


def test_findings_of_one_rendering_are_separate_values(linter: Linter) -> None:
    first, second = linter.lint("the bull nose and the bull nose")
    assert (first.start, second.start) == (4, 22) and first.message == second.message
    first.extra["note"] = "changed"
    assert second.extra == {"rendering": "bull nose"}
