"""`nqp-terms lint`: formats, exit codes, fixes that lose nothing, bad input that never crashes the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE

from nqp_terms.cli import main

FIXTURE_ONLY = ["--no-shipped", "--glossary", str(FIXTURE)]


def lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*FIXTURE_ONLY, "lint", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture()
def document(tmp_path: Path) -> Path:
    path = tmp_path / "doc.md"
    path.write_text("# Notes\n\nWe grasp the Bull nose and ”Go out“.\n\nThe company introduced a product.\n",
                    encoding="utf-8")
    return path


def test_text_output_is_path_line_col_severity_code_message_suggestion(capsys, document: Path) -> None:
    code, out, err = lint(capsys, str(document))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{document}:3:14: error NQP001 “Bull nose” is a deprecated rendering of 牛鼻子")
    assert first.endswith("-> crux")
    assert "3 findings in 1 file" in err


def test_json_output_has_the_documented_fields(capsys, document: Path) -> None:
    code, out, _ = lint(capsys, str(document), "--format", "json")
    records = json.loads(out)
    assert {"path", "line", "column", "start", "end", "match", "rule", "severity", "concept", "zh", "suggestion",
            "message", "url"} <= set(records[0])
    first = records[0]
    text = document.read_text(encoding="utf-8")
    assert text[first["start"]:first["end"]] == first["match"] == "Bull nose"
    assert (first["line"], first["column"], first["rule"]) == (3, 14, "NQP001")


def test_sarif_output(capsys, document: Path) -> None:
    code, out, _ = lint(capsys, str(document), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "nqp-terms"
    result = run["results"][0]
    assert result["ruleId"] == "NQP001" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 14)


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(capsys, document: Path, fail_on: str, expected: int) -> None:
    assert lint(capsys, str(document), "--fail-on", fail_on)[0] == expected


def test_warnings_alone_do_not_fail_by_default(capsys, tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text("the ”new“ plan\n", encoding="utf-8")
    assert lint(capsys, str(path))[0] == 0
    assert lint(capsys, str(path), "--fail-on", "warning")[0] == 1


def test_fix_rewrites_in_place_and_is_idempotent(capsys, document: Path) -> None:
    code, _, err = lint(capsys, str(document), "--fix")
    assert code == 0 and "1 file fixed" in err
    fixed = document.read_text(encoding="utf-8")
    assert fixed == "# Notes\n\nWe grasp the crux and “going global”.\n\nThe company introduced a product.\n"
    lint(capsys, str(document), "--fix")
    assert document.read_text(encoding="utf-8") == fixed


def test_diff_prints_and_changes_nothing(capsys, document: Path) -> None:
    before = document.read_text(encoding="utf-8")
    code, out, _ = lint(capsys, str(document), "--diff")
    assert "-We grasp the Bull nose and ”Go out“." in out
    assert "+We grasp the crux and “going global”." in out
    assert document.read_text(encoding="utf-8") == before


def test_a_file_that_is_not_utf8_is_reported_skipped_and_left_alone(capsys, tmp_path: Path, document: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 bull nose\n")
    code, out, err = lint(capsys, str(bad), str(document), "--fix")
    assert code == 2
    assert "latin1.txt: not UTF-8" in err
    assert bad.read_bytes() == b"caf\xe9 bull nose\n"
    assert "crux" in document.read_text(encoding="utf-8")  # the run went on


def test_directories_are_searched_for_text_files(capsys, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("bull nose\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("bull nose\n", encoding="utf-8")
    (tmp_path / "c.png").write_bytes(b"\x89PNG bull nose")
    code, out, _ = lint(capsys, str(tmp_path))
    assert code == 1 and len(out.splitlines()) == 2


def test_standard_input(capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("grasp the bull nose\n".encode())))
    code, out, _ = lint(capsys, "-")
    assert code == 1 and out.startswith("<stdin>:1:11: error NQP001")


def test_a_missing_file_is_an_input_error(capsys, tmp_path: Path) -> None:
    code, _, err = lint(capsys, str(tmp_path / "missing.md"))
    assert code == 2 and "no such file" in err


def test_configuration_file(capsys, tmp_path: Path, document: Path, monkeypatch) -> None:
    (tmp_path / ".nqp-terms.toml").write_text('ignore = ["NQP001"]\nfail-on = "never"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = lint(capsys, str(document))
    assert code == 0 and "NQP001" not in out and "NQP004" in out


def test_configuration_in_pyproject(capsys, tmp_path: Path, document: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.nqp-terms]\nselect = ["reversed-quotes"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = lint(capsys, str(document))
    assert [line.split()[2] for line in out.splitlines()] == ["NQP004"]


def test_a_bad_configuration_is_a_usage_error(capsys, tmp_path: Path, document: Path, monkeypatch) -> None:
    (tmp_path / ".nqp-terms.toml").write_text('ignores = ["NQP001"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = lint(capsys, str(document))
    assert code == 2 and "unknown key(s) ignores" in err


def test_select_on_the_command_line(capsys, document: Path) -> None:
    _, out, _ = lint(capsys, str(document), "--select", "deprecated-rendering")
    assert {line.split()[2] for line in out.splitlines()} == {"NQP001"}


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_rule_is_named_with_the_rules_to_choose_from(capsys, document: Path, option: str) -> None:
    code, out, err = lint(capsys, str(document), option, "deprecated-rendering,NQP999")
    assert code == 2 and out == ""
    assert err.startswith(f"nqp-terms: {option}: unknown rule 'NQP999'; use one of these codes or names: "
                          "NQP001 (deprecated-rendering), NQP002 (superseded-rendering), ")
    assert err.rstrip().endswith("NQP102 (missing-rendering)")


def test_jobs_give_the_same_findings(capsys, tmp_path: Path) -> None:
    for number in range(4):
        (tmp_path / f"{number}.md").write_text(f"doc {number}: the bull nose and ”x“\n", encoding="utf-8")
    _, serial, _ = lint(capsys, str(tmp_path), "--format", "json")
    _, parallel, _ = lint(capsys, str(tmp_path), "--format", "json", "--jobs", "2")
    assert json.loads(parallel) == json.loads(serial) and len(json.loads(serial)) == 8


def test_large_files_are_streamed_with_the_same_findings(capsys, tmp_path: Path, monkeypatch) -> None:
    from importlib import import_module

    files = import_module("nqp_terms.linter.files")

    path = tmp_path / "big.md"
    path.write_text("Paragraph with the bull nose.\n\n" * 300 + "The ”x“ end.\n", encoding="utf-8")
    _, whole, _ = lint(capsys, str(path), "--format", "json")
    monkeypatch.setattr(files, "STREAM_THRESHOLD", 100)
    monkeypatch.setattr(files, "CHUNK_CHARACTERS", 512)
    _, streamed, _ = lint(capsys, str(path), "--format", "json")
    assert json.loads(streamed) == json.loads(whole) and len(json.loads(whole)) == 301


def test_the_pure_python_matcher_from_the_command_line(capsys, document: Path) -> None:
    _, fast, _ = lint(capsys, str(document), "--format", "json")
    _, slow, _ = lint(capsys, str(document), "--format", "json", "--matcher", "python")
    assert json.loads(fast) == json.loads(slow)


def test_the_documented_schema_lists_every_field(capsys, document: Path) -> None:
    documented = set()
    for line in (Path(__file__).parent.parent / "docs" / "lint-output.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| `") and line.count("|") == 4:
            documented.add(line.split("`")[1])
    _, out, _ = lint(capsys, str(document), "--format", "json")
    produced = {field for record in json.loads(out) for field in record}
    assert produced <= documented
    assert {"path", "line", "column", "start", "end", "match", "rule", "severity", "concept", "zh", "suggestion",
            "message", "url", "segment"} <= documented
