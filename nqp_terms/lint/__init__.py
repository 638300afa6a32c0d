"""The linter: find machine-translation calques and other term problems in English text.

>>> from nqp_terms import lint
>>> [(f.rule, f.match, f.suggestion) for f in lint("Promote high level Introduced ”“ Go out")]
[('NQP001', 'Introduced', 'bringing in'), ('NQP004', '”“', '“”'), ('NQP001', 'Go out', 'going global')]

The rules and their codes are in :mod:`nqp_terms.lint.rules`; a finding's
fields in :class:`~nqp_terms.lint.finding.Finding`.
"""

from __future__ import annotations

from functools import cache

from ..glossary import Glossary, load
from .config import LintConfig
from .engine import Linter
from .finding import Finding

__all__ = ["Finding", "LintConfig", "Linter", "lint"]


@cache
def _shipped_linter() -> Linter:
    return Linter(load())


def lint(text: str, glossary: Glossary | None = None, config: LintConfig | None = None) -> list[Finding]:
    """Findings in ``text``, by position; the shipped glossary and default settings unless given."""
    if glossary is None and config is None:
        return _shipped_linter().lint(text)
    return Linter(glossary or load(), config).lint(text)
