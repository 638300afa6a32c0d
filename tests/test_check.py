"""The bilingual check: source terms need approved renderings in the target, in every file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.cli import main
from nqp_terms.checker.bilingual import Checker
from nqp_terms.formats.bilingual import SegmentError, read_segments

DATA = Path(__file__).parent / "data" / "bilingual"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(nqp_terms.load())


def test_an_approved_rendering_counts_as_accurate(checker: Checker) -> None:
    result = checker.check("加快发展新质生产力", "Accelerate new quality productive forces")
    assert (result.findings, result.terms_found, result.terms_approved, result.accuracy) == ([], 1, 1, 1.0)


def test_an_admitted_rendering_counts_too(checker: Checker) -> None:
    assert checker.check("新质生产力", "new productive forces").accuracy == 1.0


def test_a_deprecated_rendering_is_an_error_with_the_target_span(checker: Checker) -> None:
    target = "Develop new quality productivity now"
    (finding,) = checker.check("发展新质生产力", target, segment="7").findings
    assert (finding.rule, finding.severity, finding.segment) == ("NQP101", "error", "7")
    assert target[finding.start:finding.end] == "new quality productivity"
    assert finding.suggestion == "new quality productive forces"


def test_a_missing_rendering_is_a_warning(checker: Checker) -> None:
    (finding,) = checker.check("发展新质生产力", "Develop new forces").findings
    assert (finding.rule, finding.severity, finding.concept) == ("NQP102", "warning", "xinzhi-shengchanli")


@pytest.mark.parametrize("source", ["新質生產力", "新质 生产力", "“新质生产力”", "「新质生产力」", "新质生产力"])
def test_the_source_term_is_found_however_it_is_written(checker: Checker, source: str) -> None:
    assert [c.id for c, _, _ in checker.source_concepts(f"发展{source}。")] == ["xinzhi-shengchanli"]


def test_the_longest_source_term_wins(checker: Checker) -> None:
    found = [c.id for c, _, _ in checker.source_concepts("打好关键核心技术攻坚战")]
    assert found == ["guanjian-hexin-jishu-gongjianzhan"]


def test_a_source_without_glossary_terms_has_no_accuracy(checker: Checker) -> None:
    result = checker.check("今天天气很好", "The weather is fine today")
    assert result.terms_found == 0 and result.accuracy is None


@pytest.mark.parametrize(("name", "count"), [
    ("sample.tsv", 5), ("sample-1.2.xlf", 2), ("sample-2.0.xlf", 2), ("sample.tmx", 2), ("sample.po", 2)])
def test_every_format_is_read(name: str, count: int) -> None:
    segments = read_segments(DATA / name)
    assert len(segments) == count
    assert all(segment.source and segment.target for segment in segments)


def test_xliff_inline_markup_and_multiple_segments_are_joined() -> None:
    assert read_segments(DATA / "sample-1.2.xlf")[1].source == "推动高质量发展"
    assert read_segments(DATA / "sample-2.0.xlf")[1].target == (
        "Uphold the new development philosophy, and foster a new development pattern")


@pytest.mark.parametrize("name", ["xxe.xlf", "laughs.xlf"])
def test_xml_entities_are_refused(name: str) -> None:
    with pytest.raises(SegmentError, match="declares XML entities"):
        read_segments(DATA / name)


def test_broken_xml_is_a_clear_error() -> None:
    with pytest.raises(SegmentError, match="not well-formed XML"):
        read_segments(DATA / "broken.xlf")


def test_a_tsv_row_with_three_columns_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\tc\n", encoding="utf-8")
    with pytest.raises(SegmentError, match="bad.tsv:1: expected 2 tab-separated columns"):
        read_segments(path)


def test_check_command_reports_findings_and_term_accuracy(capsys) -> None:
    code = main(["check", str(DATA / "sample.tsv"), str(DATA / "sample.tmx")])
    out = capsys.readouterr().out
    assert code == 1
    assert "sample.tsv:1:26: error NQP101" in out
    assert "term accuracy" in out and out.rstrip().splitlines()[-1].startswith("overall: term accuracy")


def test_check_json_adds_the_segment(capsys) -> None:
    main(["check", str(DATA / "sample.tmx"), "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    assert records[0]["segment"] == "t1" and records[0]["rule"] == "NQP101"


def test_an_unreadable_file_is_reported_and_the_run_goes_on(capsys) -> None:
    code = main(["check", str(DATA / "xxe.xlf"), str(DATA / "sample.po")])
    captured = capsys.readouterr()
    assert code == 2
    assert "xxe.xlf: declares XML entities" in captured.err
    assert "sample.po: term accuracy" in captured.out
