"""`lint` output written as findings are found: the same bytes as before, in every format, with any --jobs.

The reference serialisation below is the one the command line used before findings were written through
templates: each finding located with ``Finding.located`` (a bisect over the line starts, then
``dataclasses.replace``), turned into a dict with ``Finding.as_json`` and written with ``json.dumps``.
The documented changes (docs/lint-output.md) are additions only: ``--format jsonl`` and ``--pretty``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nqp_terms
from nqp_terms.cli import main
from nqp_terms.linter import files as lint_files
from nqp_terms.linter.engine import Linter
from nqp_terms.linter.finding import Finding, line_starts, positions
from nqp_terms.linter.report import as_json, as_sarif, as_text

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_cc3756e0a130bcc6.txt"


def dense_text(characters: int) -> str:
    """The seed article repeated: about five findings per kilobyte, Chinese marks and reversed quotes included."""
    seed = SEED.read_text(encoding="utf-8")
    return ((seed + "\n\n") * (characters // len(seed) + 1))[:characters]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(nqp_terms.load())


@pytest.fixture(scope="module")
def dense_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dense") / "dense.txt"
    path.write_text(dense_text(1_000_000), encoding="utf-8")
    return path


def reference_findings(linter: Linter, path: Path) -> list[Finding]:
    """The findings with line, column and path, located as they were before (one bisect and replace each)."""
    text = path.read_text(encoding="utf-8")
    starts = line_starts(text)
    return [finding.located(text, starts, str(path)) for finding in linter.lint(text)]


def reference_json(findings: list[Finding]) -> str:
    """What ``lint --format json`` printed before: the array, one compact finding per line."""
    return "[\n" + ",\n".join(json.dumps(f.as_json(), ensure_ascii=False) for f in findings) + "\n]\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["lint", "--fail-on", "never", *args])
    return capsys.readouterr().out


@pytest.mark.parametrize("name", ["seed", "dense"])
def test_json_is_byte_identical_to_the_reflective_serialisation(capsys, linter, dense_file, name) -> None:
    path = SEED if name == "seed" else dense_file
    findings = reference_findings(linter, path)
    assert len(findings) > (50 if name == "seed" else 2000)
    assert run(capsys, str(path), "--format", "json") == reference_json(findings)


def test_text_and_sarif_are_byte_identical_too(capsys, linter, dense_file) -> None:
    findings = reference_findings(linter, dense_file)
    assert run(capsys, str(dense_file)) == as_text(findings) + "\n"
    from nqp_terms import __version__

    assert run(capsys, str(dense_file), "--format", "sarif") == as_sarif(findings, __version__) + "\n"


def test_no_findings_prints_the_same_empty_documents(capsys, tmp_path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("New quality productive forces drive high-quality development.\n", encoding="utf-8")
    assert run(capsys, str(clean), "--format", "json") == "[\n\n]\n"
    assert run(capsys, str(clean), "--format", "json", "--pretty") == "[]\n"
    assert run(capsys, str(clean), "--format", "jsonl") == ""
    assert json.loads(run(capsys, str(clean), "--format", "sarif"))["runs"][0]["results"] == []


def test_jsonl_is_one_finding_per_line_with_the_same_objects(capsys, linter) -> None:
    lines = run(capsys, str(SEED), "--format", "jsonl").splitlines()
    assert lines == [json.dumps(f.as_json(), ensure_ascii=False) for f in reference_findings(linter, SEED)]


def test_pretty_json_is_the_indented_array_for_people(capsys, linter) -> None:
    out = run(capsys, str(SEED), "--format", "json", "--pretty")
    assert out == as_json(reference_findings(linter, SEED)) + "\n"
    assert out.splitlines()[1] == "  {"


def test_a_large_file_streamed_in_chunks_gives_what_chunked_linting_did(capsys, linter, dense_file,
                                                                         monkeypatch) -> None:
    # Below the threshold a file is read whole; lower it so the 1 MB file goes through the chunked path.
    monkeypatch.setattr(lint_files, "STREAM_THRESHOLD", 100_000)
    monkeypatch.setattr(lint_files, "CHUNK_CHARACTERS", 64 * 1024)
    before = list(lint_files.lint_file(linter, str(dense_file)).findings)  # chunked, located one by one
    assert run(capsys, str(dense_file), "--format", "json") == reference_json(before)


def test_chunks_never_end_inside_a_code_fence(capsys, linter, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(lint_files, "CHUNKED_ABOVE", 1000)
    monkeypatch.setattr(lint_files, "CHUNK_CHARACTERS", 500)
    # Blank lines inside the fences fall where a chunk would end: the code stays quiet all the same.
    code = "```\nnew quality productivity\n\n" + "x = 1\n\n" * 300 + "new quality productivity\n```\n\n"
    text = ("We develop new quality productivity.\n\n" + code) * 6
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    whole = reference_findings(linter, path)
    assert len(whole) == 6
    assert run(capsys, str(path), "--format", "json") == reference_json(whole)


def test_jobs_give_the_same_bytes_in_the_same_order(capsys, tmp_path, dense_file) -> None:
    # The dense file's output is larger than a worker hands back inline, so it comes through a spool file.
    seed_text = SEED.read_text(encoding="utf-8")
    paths = []
    for number in range(5):
        path = tmp_path / f"{number}.txt"
        path.write_text(seed_text[number * 3000:] if number != 2 else dense_file.read_text(encoding="utf-8"),
                        encoding="utf-8")
        paths.append(str(path))
    for form in ("json", "jsonl", "text"):
        one = run(capsys, *paths, "--format", form)
        assert run(capsys, *paths, "--format", form, "--jobs", "2") == one
    assert len(one.splitlines()) > 2000


def test_exit_status_and_summary_come_from_counts(capsys, tmp_path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("We grasp the Bull nose.\n\nThe ”new“ plan.\n", encoding="utf-8")
    assert main(["lint", str(path)]) == 1
    assert "2 findings in 1 file\n" in capsys.readouterr().err
    assert main(["lint", str(path), "--select", "NQP004"]) == 0  # a warning does not fail by default


@given(st.text(alphabet="ab\n", max_size=60), st.lists(st.integers(min_value=0, max_value=59), max_size=12))
def test_positions_in_one_pass_equal_a_bisect_per_offset(text: str, offsets: list[int]) -> None:
    from bisect import bisect_right

    offsets = sorted(o for o in offsets if o <= len(text))
    starts = line_starts(text)
    expected = [(bisect_right(starts, o), o - starts[bisect_right(starts, o) - 1] + 1) for o in offsets]
    assert list(positions(text, offsets)) == expected


def test_findings_alike_but_for_the_type_of_an_extra_value_are_written_apart() -> None:
    # Templates are shared by findings of one kind, extra fields included: True and 1 are equal as keys,
    # yet JSON writes them differently, and so do the lists of a fix, which are written per finding.
    import json

    from nqp_terms.linter.finding import Finding
    from nqp_terms.linter.report import json_record

    made = [Finding("NQP001", "error", 0, 4, "bull", "m", extra={"flag": value}) for value in (True, 1, 1.0, "1")]
    made.append(Finding("NQP007", "warning", 0, 4, "bull", "m", extra={"fix": [[0, 4, "Bull"]]}))
    for finding in made:
        assert json_record(finding, 1, 1, '"x"') == json.dumps(
            {**{k: v for k, v in vars(finding).items() if k != "extra"}, "line": 1, "column": 1, "path": "x",
             "name": finding.name, **finding.extra}, ensure_ascii=False).replace(', "segment": null', "")
