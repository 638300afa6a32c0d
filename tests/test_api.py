"""The public API: a small set of names, none shadowed by the submodule of the same name."""

from __future__ import annotations

import subprocess
import sys

import nqp_terms


def test_all_is_sorted_and_complete() -> None:
    assert nqp_terms.__all__ == sorted(nqp_terms.__all__)
    for name in nqp_terms.__all__:
        assert getattr(nqp_terms, name) is not None


def test_functions_are_not_shadowed_by_their_modules() -> None:
    code = ("from nqp_terms.termbase.load import read_glossary\nfrom nqp_terms.text.normalize import normalize_mapped\n"
            "import nqp_terms.linter.fix, nqp_terms.checker.bilingual, nqp_terms.index.lookup\n"
            "import nqp_terms\nassert callable(nqp_terms.load) and callable(nqp_terms.normalize)\n"
            "assert callable(nqp_terms.lint) and callable(nqp_terms.check) and callable(nqp_terms.lookup)\n"
            "assert callable(nqp_terms.search)\n"
            "print(nqp_terms.normalize('Ｘ'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "x"


def test_lookup_errors_are_lookup_errors_and_bad_input_is_a_value_error() -> None:
    assert issubclass(nqp_terms.TermNotFound, LookupError)
    assert issubclass(nqp_terms.AmbiguousTerm, LookupError)
    assert issubclass(nqp_terms.GlossaryError, ValueError)


SEED_LINES = "Reform deepened.\n\nWe will grasp the Bull nose of reform\nand Go out, and “quote” it ”“ here.\n"


def test_lint_from_python_gives_the_line_and_column_the_command_line_prints(tmp_path, capsys) -> None:
    import json

    from nqp_terms.cli import main

    path = tmp_path / "text.md"
    path.write_text(SEED_LINES, encoding="utf-8")
    main(["lint", "--format", "json", str(path)])
    printed = [(f["rule"], f["match"], f["line"], f["column"]) for f in json.loads(capsys.readouterr().out)]
    found = [(f.rule, f.match, f.line, f.column) for f in nqp_terms.lint(SEED_LINES)]
    assert found == printed
    assert ("NQP001", "Bull nose", 3, 19) in found and ("NQP001", "Go out", 4, 5) in found


def test_check_from_python_locates_findings_in_the_translation() -> None:
    result = nqp_terms.check("发展新质生产力", "We will\ndevelop new quality productivity")
    assert [(f.match, f.line, f.column) for f in result.findings] == [("new quality productivity", 2, 9)]
