"""Validation sees what the linter sees (issue 16).

A rendering the linter's normalisation changes used to pass `validate`: a dash-only term that can
never match, "the" that matches everywhere, a trailing full stop that is dropped.  And a schema error
in one term cascaded into a false `unknown-replacement` on the term that pointed at it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.termbase.model import GlossaryError


def _problems(root: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(root, use_cache=False)
    return [(Path(p.file).name, p.code, p.message) for p in raised.value.problems]


@pytest.mark.parametrize("written, expected", [
    ("—", "'—' is matched by the linter as '': nothing is left"),
    ("the", "'the' is matched by the linter as 'the': only stop words"),
    ("of the", "'of the' is matched by the linter as 'of the': only stop words"),
    ("grasp the crux.", "'grasp the crux.' is matched by the linter as 'grasp the crux': the '.' at its end"),
])
def test_a_rendering_the_linter_reads_otherwise_is_an_error_naming_both(glossary_copy: Path, written: str,
                                                                         expected: str) -> None:
    path = glossary_copy / "concepts" / "niubizi.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    - term: bull nose\n" in text
    path.write_text(text.replace("    - term: bull nose\n", f"    - term: \"{written}\"\n", 1), encoding="utf-8")
    problems = [p for p in _problems(glossary_copy) if p[1] == "linter-form"]
    assert [(name, code) for name, code, _ in problems] == [("niubizi.yaml", "linter-form")]
    assert problems[0][2].startswith(expected)


def test_a_schema_error_in_one_term_does_not_cascade(glossary_copy: Path) -> None:
    path = glossary_copy / "concepts" / "niubizi.yaml"
    text = path.read_text(encoding="utf-8")
    # The approved rendering the deprecated one points to gets a misspelt field.
    lines = text.splitlines(keepends=True)
    crux = next(i for i, line in enumerate(lines) if line.strip() == "- term: crux")
    lines.insert(crux + 1, "      stauts: preferred\n")
    path.write_text("".join(lines), encoding="utf-8")
    codes = [code for name, code, _ in _problems(glossary_copy)]
    assert "schema" in codes and "unknown-replacement" not in codes


def test_the_shipped_glossary_has_no_rendering_the_linter_reads_otherwise() -> None:
    assert len(nqp_terms.load(use_cache=False)) > 100  # validates: no linter-form problem
