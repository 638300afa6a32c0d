"""The linter: find machine-translation calques and other term problems in English text.

>>> from nqp_terms import lint
>>> [(f.rule, f.match, f.suggestion) for f in lint("Promote high level Introduced ”“ Go out")]
[('NQP001', 'Introduced', 'bringing in'), ('NQP004', '”“', '“”'), ('NQP001', 'Go out', 'going global')]

The rules and their codes are in :mod:`nqp_terms.lint.rules`; a finding's
fields in :class:`~nqp_terms.lint.finding.Finding`.  Import submodules with
``from nqp_terms.lint.rules import RULES``: ``nqp_terms.lint`` itself is the
:func:`lint` function once the package is imported.

The engine is imported on first use, so ``import nqp_terms`` does not pay for it.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..input_policy import Errors
    from .bilingual import Checker, CheckResult
    from .config import LintConfig
    from .engine import Linter
    from .finding import Finding

__all__ = ["CheckResult", "Checker", "Finding", "LintConfig", "Linter", "check", "fix", "lint"]

_CLASSES = {"CheckResult": "bilingual", "Checker": "bilingual", "Finding": "finding", "LintConfig": "config",
            "Linter": "engine"}


def __getattr__(name: str) -> Any:
    if name in _CLASSES:
        return getattr(import_module(f".{_CLASSES[name]}", __name__), name)
    raise AttributeError(f"module 'nqp_terms.lint' has no attribute {name!r}")


@cache
def _shipped_linter() -> Linter:
    from ..glossary import load
    from .engine import Linter

    return Linter(load())


@cache
def _shipped_checker() -> Checker:
    from ..glossary import load
    from .bilingual import Checker

    return Checker(load())


def lint(text: str, glossary: Glossary | None = None, config: LintConfig | None = None, *,
         errors: Errors = "strict") -> list[Finding]:
    """Findings in ``text``, by position; the shipped glossary and default settings unless given.

    ``errors`` says what a lone surrogate or NUL does (:mod:`nqp_terms.input_policy`).
    """
    if glossary is None and config is None:
        return _shipped_linter().lint(text, errors=errors)
    from ..glossary import load
    from .engine import Linter

    return Linter(glossary or load(), config).lint(text, errors=errors)


def fix(text: str, glossary: Glossary | None = None, config: LintConfig | None = None, *,
        errors: Errors = "strict") -> tuple[str, list[Finding]]:
    """``text`` with the linter's fixes applied, and the findings that were fixed.

    One call reaches a fixed point: fixing the result changes nothing.  A replacement that would
    make a new finding is not applied (``three new, new and`` stays as it is: “new three, new”
    would hold “three, new”).  A match never spans the end of a sentence.

    >>> fix("We will grasp the Bull nose of reform.")[0]
    'We will grasp the Crux of reform.'
    >>> fixed, applied = fix("Output grew by three. New policies followed.")
    >>> fixed, applied
    ('Output grew by three. New policies followed.', [])
    >>> fix("three new, new and")[0]
    'three new, new and'
    """
    from .fix import fix_converged

    if glossary is None and config is None:
        linter = _shipped_linter()
    else:
        from ..glossary import load
        from .engine import Linter

        linter = Linter(glossary or load(), config)
    from ..input_policy import checked

    text = checked(text, errors)
    outcome = fix_converged(text, linter.lint(text), linter.lint)
    return outcome.text, outcome.applied


def check(source: str, target: str, glossary: Glossary | None = None, config: LintConfig | None = None, *,
          errors: Errors = "strict") -> CheckResult:
    """Check a Chinese source segment against its English translation.

    >>> result = check("发展新质生产力", "develop new quality productivity")
    >>> [(f.rule, f.match, f.suggestion) for f in result.findings], result.accuracy
    ([('NQP101', 'new quality productivity', 'new quality productive forces')], 0.0)
    >>> check("发展新質生產力", "develop new quality productive forces").accuracy
    1.0
    """
    if glossary is None and config is None:
        return _shipped_checker().check(source, target, errors=errors)
    from ..glossary import load
    from .bilingual import Checker

    return Checker(glossary or load(), config).check(source, target, errors=errors)
