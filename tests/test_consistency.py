"""NQP006 reports a concept rendered two ways, and only that: not one use, not an acronym, not a pair offered together."""

from __future__ import annotations

import nqp_terms
from nqp_terms.linter import Linter
from nqp_terms.linter.config import LintConfig


def inconsistencies(text: str, config: LintConfig | None = None) -> list[str]:
    return [f.match for f in Linter(nqp_terms.load(), config).lint(text) if f.rule == "NQP006"]


def test_a_second_rendering_later_in_the_document_is_reported() -> None:
    assert inconsistencies("The new development pattern matters. Later, the new development paradigm took shape.") \
        == ["new development paradigm"]


def test_an_acronym_defined_in_parentheses_is_not_another_rendering() -> None:
    assert inconsistencies("The Belt and Road Initiative (BRI) grew. Ten years on, the BRI has 150 partners.") == []


def test_one_use_is_never_inconsistent_with_itself() -> None:
    assert inconsistencies("We pursue the new development paradigm.") == []


def test_two_approved_renderings_side_by_side_are_reported_only_when_configured() -> None:
    text = "China is building a new development pattern (also called the new development paradigm)."
    assert inconsistencies(text) == []
    assert inconsistencies(text, LintConfig.from_mapping({"consistency": {"side-by-side": True}})) == \
        ["new development paradigm"]
