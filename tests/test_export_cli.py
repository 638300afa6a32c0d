"""``nqp-terms export`` and ``nqp-terms import`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE

import nqp_terms
from nqp_terms.cli import ExitStatus, main
from nqp_terms.formats import export

FIXTURE_ONLY = ["--no-shipped", "--glossary", str(FIXTURE)]
SAMPLE = Path(__file__).parent / "data" / "tbx" / "Example_Astronomy_DCA_VALID.tbx"


def test_export_writes_the_same_bytes_as_the_library(capsysbinary, glossary: nqp_terms.Glossary) -> None:
    code = main([*FIXTURE_ONLY, "export", "--format", "csv-bom"])
    assert code == ExitStatus.OK
    assert capsysbinary.readouterr().out == export(glossary, "csv-bom").encode("utf-8")


def test_export_to_a_file_with_filters(tmp_path: Path, capsys, glossary: nqp_terms.Glossary) -> None:
    target = tmp_path / "calques.tbx"
    code = main([*FIXTURE_ONLY, "export", "--format", "tbx", "-o", str(target),
                 "--subject-field", "set-phrases", "--status", "deprecated", "--status", "superseded"])
    assert code == ExitStatus.OK
    assert target.read_bytes() == export(glossary, "tbx", subject_fields=["set-phrases"],
                                         statuses=["deprecated", "superseded"])
    assert f"wrote tbx to {target}" in capsys.readouterr().err


def test_an_unknown_subject_field_is_a_usage_error(capsys) -> None:
    assert main([*FIXTURE_ONLY, "export", "--format", "csv", "--subject-field", "astronomy"]) == ExitStatus.USAGE
    assert "unknown subject field 'astronomy'" in capsys.readouterr().err


def test_import_writes_a_glossary_that_validates(tmp_path: Path, capsys) -> None:
    target = tmp_path / "astronomy"
    assert main(["import", str(SAMPLE), "-o", str(target)]) == ExitStatus.OK
    captured = capsys.readouterr()
    assert captured.out.strip() == f"imported 39 concepts and 31 sources into {target}"
    assert "warning: left out 45 langSec elements" in captured.err
    assert main(["validate", str(target)]) == ExitStatus.OK


def test_import_reports_in_json(tmp_path: Path, capsys) -> None:
    assert main(["import", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "json"]) == ExitStatus.OK
    report = json.loads(capsys.readouterr().out)
    assert (report["concepts"], report["valid"], report["problems"]) == (39, True, [])


def test_import_refuses_to_write_into_a_non_empty_directory(tmp_path: Path, capsys) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["import", str(SAMPLE), "-o", str(tmp_path)]) == ExitStatus.USAGE
    assert "already exists and is not empty" in capsys.readouterr().err


def test_import_of_a_file_that_is_not_tbx_is_a_usage_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><body>", encoding="utf-8")
    assert main(["import", str(bad), "-o", str(tmp_path / "out")]) == ExitStatus.USAGE
    assert "not well-formed XML" in capsys.readouterr().err


def test_messages_are_translated(tmp_path: Path, capsys) -> None:
    assert main(["--lang", "zh", "import", str(SAMPLE), "-o", str(tmp_path / "out")]) == ExitStatus.OK
    assert "警告" in capsys.readouterr().err
