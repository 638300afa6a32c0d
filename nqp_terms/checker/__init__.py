"""The bilingual check: Chinese source segments against their English translations.

Every glossary term found in the source needs an approved rendering in the
target; term accuracy is the share that has one.  The check runs the linter
(:mod:`nqp_terms.linter`) on the target; the file readers it is fed by are in
:mod:`nqp_terms.formats` (TSV, XLIFF, TMX, PO).

The checker is imported on first use, so ``import nqp_terms`` does not pay for it.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from ..glossary import Glossary
    from ..linter.config import LintConfig
    from ..text.input_policy import Errors
    from .bilingual import Checker, CheckResult
    from .files import FileCheck

__all__ = ["CheckResult", "Checker", "FileCheck", "check", "check_file"]

_CLASSES = {"CheckResult": "bilingual", "Checker": "bilingual", "FileCheck": "files"}


def __getattr__(name: str) -> Any:
    if name in _CLASSES:
        return getattr(import_module(f".{_CLASSES[name]}", __name__), name)
    raise AttributeError(f"module 'nqp_terms.checker' has no attribute {name!r}")


@cache
def _shipped_checker() -> Checker:
    from ..glossary import load
    from .bilingual import Checker

    return Checker(load())


def check(source: str, target: str, glossary: Glossary | None = None, config: LintConfig | None = None, *,
          errors: Errors = "strict") -> CheckResult:
    """Check a Chinese source segment against its English translation.

    ``errors`` says what a lone surrogate or NUL does (:mod:`nqp_terms.text.input_policy`).

    >>> result = check("发展新质生产力", "develop new quality productivity")
    >>> [(f.rule, f.match, f.suggestion) for f in result.findings], result.accuracy
    ([('NQP101', 'new quality productivity', 'new quality productive forces')], 0.0)
    >>> check("发展新質生產力", "develop new quality productive forces").accuracy
    1.0
    >>> [(f.line, f.column) for f in result.findings]  # in the translation, 1-based
    [(1, 9)]
    """
    from ..linter.finding import locate

    if glossary is None and config is None:
        result = _shipped_checker().check(source, target, errors=errors)
    else:
        from ..glossary import load
        from .bilingual import Checker

        result = Checker(glossary or load(), config).check(source, target, errors=errors)
    result.findings = locate(result.findings, target)  # offsets, lines and columns are in the translation
    return result


def check_file(path: str | Path, glossary: Glossary | None = None, config: LintConfig | None = None, *,
               errors: Errors = "strict") -> FileCheck:
    """Check every segment pair of a bilingual file (TSV, XLIFF, TMX or PO).

    Returns a :class:`~nqp_terms.checker.files.FileCheck`: the result of each
    checked unit (findings' offsets, lines and columns are in the unit's target),
    the pairs skipped (by reason) and the totals, with term accuracy and the
    approved, wrong and missing counts.

    >>> checked = check_file("tests/data/bilingual/sample.po")
    >>> len(checked.units), checked.accuracy is not None
    (2, True)
    """
    from .files import check_file as check_one_file

    if glossary is None and config is None:
        return check_one_file(path, _shipped_checker(), errors=errors)
    from ..glossary import load
    from .bilingual import Checker

    return check_one_file(path, Checker(glossary or load(), config), errors=errors)
