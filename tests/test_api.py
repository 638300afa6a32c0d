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
