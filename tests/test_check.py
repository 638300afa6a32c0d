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
    ("sample.tsv", 5), ("sample-1.2.xlf", 2), ("sample-2.0.xlf", 3), ("sample.tmx", 2), ("sample.po", 2)])
def test_every_format_is_read(name: str, count: int) -> None:
    segments = read_segments(DATA / name)
    assert len(segments) == count
    assert all(segment.source and segment.target and segment.skip is None for segment in segments)


def test_each_xliff_segment_is_checked_on_its_own_with_inline_codes_as_spaces() -> None:
    assert read_segments(DATA / "sample-1.2.xlf")[1].source == "推动高质量发展"
    assert [(s.id, s.target) for s in read_segments(DATA / "sample-2.0.xlf")[1:]] == [
        ("u2#1", "Uphold the new development philosophy, "), ("u2#2", "and foster a new development pattern")]
    units = {s.id: s for s in read_segments(DATA / "skips-2.0.xlf")}
    assert units["two-segments#s2"].target == "foster a new development pattern"
    units = {s.id: s for s in read_segments(DATA / "skips-1.2.xlf")}
    assert (units["codes"].source, units["codes"].target) == ("推动 高质量发展", "Promote high-quality development")
    assert units["segmented#2"].source == "构建新发展格局。"


@pytest.mark.parametrize(("name", "skipped"), [
    ("skips-1.2.xlf", {"locked": 'translate="no"', "in-a-locked-group": 'translate="no"', "new": "state=new",
                       "empty": "empty target"}),
    ("skips-2.0.xlf", {"locked": 'translate="no"', "initial": "state=initial", "empty": "empty target"}),
    ("skips.po", {"8": "fuzzy", "12": "empty target", "15": "obsolete"}),
])
def test_units_not_to_check_are_skipped_with_a_reason(name: str, skipped: dict[str, str]) -> None:
    assert {s.id: s.skip for s in read_segments(DATA / name) if s.skip} == skipped


def test_tmx_and_tsv_units_report_their_line() -> None:
    assert [s.line for s in read_segments(DATA / "sample.tmx")] == [5, 9]
    assert [s.line for s in read_segments(DATA / "sample.tsv")] == [1, 2, 3, 4, 5]


def test_check_file_returns_each_unit_the_skips_and_the_accuracy() -> None:
    checked = nqp_terms.check_file(DATA / "skips.po")
    assert [unit.segment.id for unit in checked.units] == ["5"]
    assert dict(checked.skipped) == {"fuzzy": 1, "empty target": 1, "obsolete": 1}
    assert (checked.total.terms_found, checked.total.terms_wrong, checked.accuracy) == (1, 1, 0.0)
    assert checked.units[0].result.findings[0].rule == "NQP101"


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
    records = json.loads(capsys.readouterr().out)["findings"]
    assert records[0]["segment"] == "t1" and records[0]["rule"] == "NQP101" and records[0]["line"] == 5


def test_check_json_carries_accuracy_and_counts_per_file_and_in_total(capsys) -> None:
    main(["check", str(DATA / "sample.tmx"), str(DATA / "skips.po"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    tmx, po = report["files"]
    assert (tmx["path"], tmx["terms"], tmx["approved"], tmx["wrong"], tmx["missing"]) == (
        str(DATA / "sample.tmx"), 2, 1, 1, 0)
    assert tmx["accuracy"] == 0.5 and po["skipped"] == {"empty target": 1, "fuzzy": 1, "obsolete": 1}
    assert report["total"]["terms"] == 3 and report["total"]["accuracy"] == pytest.approx(1 / 3, abs=1e-6)
    assert {t["concept"]: t["accuracy"] for t in report["total"]["per_term"]} == {
        "niubizi": 0.0, "jiebang-guashuai": 1.0, "xinzhi-shengchanli": 0.0}


def test_check_sarif_carries_the_accuracy_in_the_run_properties(capsys) -> None:
    main(["check", str(DATA / "sample.tmx"), "--format", "sarif"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert run["properties"]["termAccuracy"]["total"]["accuracy"] == 0.5
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5


def test_min_accuracy_is_a_gate(capsys, tmp_path: Path) -> None:
    # No calque, one term of two missing (a warning): the default gate passes, full accuracy fails.
    path = tmp_path / "half.tsv"
    path.write_text("加快发展新质生产力\tAccelerate new quality productive forces\n培育耐心资本\tFoster capital\n",
                    encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert main(["check", str(path), "--min-accuracy", "1"]) == 1
    assert main(["check", str(path), "--min-accuracy", "0.5"]) == 0
    capsys.readouterr()


def test_skips_are_counted_in_the_summary(capsys) -> None:
    main(["check", str(DATA / "skips-2.0.xlf")])
    assert "3 pairs skipped (empty target 1, state=initial 1, translate=\"no\" 1)" in capsys.readouterr().out


def test_an_unreadable_file_is_reported_and_the_run_goes_on(capsys) -> None:
    code = main(["check", str(DATA / "xxe.xlf"), str(DATA / "sample.po")])
    captured = capsys.readouterr()
    assert code == 2
    assert "xxe.xlf: declares XML entities" in captured.err
    assert "sample.po: term accuracy" in captured.out


# ------------------------------------------------------------------ what the check accepts and rejects


def test_the_long_term_falls_back_to_the_term_inside_it(checker: Checker) -> None:
    result = checker.check("要因地制宜发展新质生产力", "We should develop new quality productivity.")
    (calque,) = [f for f in result.findings if f.severity == "error"]
    assert (calque.rule, calque.concept, calque.match) == ("NQP101", "xinzhi-shengchanli", "new quality productivity")
    assert result.terms_wrong == 1 and result.accuracy == 0.0


@pytest.mark.parametrize("target", [
    "We should develop new quality productive forces in line with local conditions.",
    "New quality productive forces should be developed according to local conditions.",
])
def test_an_inflected_or_reordered_rendering_counts(checker: Checker, target: str) -> None:
    result = checker.check("因地制宜发展新质生产力", target)
    assert result.findings == [] and result.accuracy == 1.0


def test_a_reduced_rendering_is_still_missing(checker: Checker) -> None:
    assert checker.check("培育壮大耐心资本", "Cultivate and expand capital.").terms_missing == 1
    assert checker.check("以中国式现代化全面推进中华民族伟大复兴",
                         "Promote the rejuvenation of the Chinese nation through modernization.").accuracy < 1


def test_a_calque_is_an_error_whatever_the_source_says(checker: Checker) -> None:
    target = "Strengthen research on key core technologies to solve the stuck neck problem"
    result = checker.check("加强关键核心技术攻关", target)
    (calque,) = [f for f in result.findings if f.concept == "qia-bozi"]
    assert (calque.rule, calque.severity, target[calque.start:calque.end]) == ("NQP001", "error", "stuck neck")


def test_a_guarded_calque_is_an_error_when_the_source_names_its_concept(checker: Checker) -> None:
    # "curve overtaking" is ordinary English on a mountain road; for 弯道超车 it is the calque.
    result = checker.check("实现弯道超车", "Achieve curve overtaking in new fields")
    assert [(f.rule, f.match) for f in result.findings] == [("NQP101", "curve overtaking")]


def test_a_concept_translated_by_sense_is_never_missing_above_info(tmp_path: Path) -> None:
    shipped = Path(nqp_terms.__file__).parent.parent / "glossary" / "concepts" / "niubizi.yaml"
    concepts = tmp_path / "concepts"
    concepts.mkdir()
    (concepts / "niubizi.yaml").write_text(shipped.read_text(encoding="utf-8") + "sense_rendered: true\n",
                                           encoding="utf-8")
    checker = Checker(nqp_terms.load(tmp_path, over_shipped=True, use_cache=False))
    result = checker.check("科技创新就是牛鼻子", "Scientific and technological innovation is the key.")
    assert [(f.rule, f.severity) for f in result.findings] == [("NQP102", "info")]
    assert (result.terms_found, result.terms_unscored, result.accuracy) == (0, 1, None)
    calque = checker.check("抓住牛鼻子", "Grasp the bull nose")
    assert [(f.rule, f.severity) for f in calque.findings] == [("NQP101", "error")]


def test_checking_many_pairs_in_one_pass_finds_what_checking_each_finds(checker: Checker) -> None:
    import yaml

    pairs = yaml.safe_load((Path(__file__).parent / "data" / "checkpairs" / "pairs.yaml").read_text(
        encoding="utf-8"))["pairs"]
    work = [(p["zh"], p["en"]) for p in pairs]
    assert checker.check_many(work) == [checker.check(zh, en, segment=str(n)) for n, (zh, en) in
                                        enumerate(work, start=1)]


def test_every_calque_the_linter_finds_in_a_target_is_reported(checker: Checker) -> None:
    # The check runs the linter only on targets where the matcher saw a rendering not to use.
    import yaml

    pairs = yaml.safe_load((Path(__file__).parent / "data" / "checkpairs" / "pairs.yaml").read_text(
        encoding="utf-8"))["pairs"]
    for pair in pairs:
        linted = {(f.start, f.end, f.concept) for f in checker.linter.lint(pair["en"]) if f.rule in ("NQP001", "NQP002")}
        reported = {(f.start, f.end, f.concept) for f in checker.check(pair["zh"], pair["en"]).findings if f.match}
        assert linted <= reported, pair["en"]
