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
from .bilingual import Checker, CheckResult
from .config import LintConfig
from .engine import Linter
from .finding import Finding

__all__ = ["CheckResult", "Checker", "Finding", "LintConfig", "Linter", "check", "lint"]


@cache
def _shipped_linter() -> Linter:
    return Linter(load())


def lint(text: str, glossary: Glossary | None = None, config: LintConfig | None = None) -> list[Finding]:
    """Findings in ``text``, by position; the shipped glossary and default settings unless given."""
    if glossary is None and config is None:
        return _shipped_linter().lint(text)
    return Linter(glossary or load(), config).lint(text)


@cache
def _shipped_checker() -> Checker:
    return Checker(load())


def check(source: str, target: str, glossary: Glossary | None = None, config: LintConfig | None = None) -> CheckResult:
    """Check a Chinese source segment against its English translation.

    >>> result = check("发展新质生产力", "develop new quality productivity")
    >>> [(f.rule, f.match, f.suggestion) for f in result.findings], result.accuracy
    ([('NQP101', 'new quality productivity', 'new quality productive forces')], 0.0)
    >>> check("发展新質生產力", "develop new quality productive forces").accuracy
    1.0
    """
    if glossary is None and config is None:
        return _shipped_checker().check(source, target)
    return Checker(glossary or load(), config).check(source, target)
