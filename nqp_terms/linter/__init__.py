"""The linter: find machine-translation calques and other term problems in English text.

>>> from nqp_terms import lint
>>> [(f.rule, f.match, f.suggestion) for f in lint("Promote high level Introduced ”“ Go out")]
[('NQP001', 'Introduced', 'bringing in'), ('NQP004', '”“', '“”'), ('NQP001', 'Go out', 'going global')]

The rules and their codes are in :mod:`nqp_terms.linter.rules`; a finding's
fields in :class:`~nqp_terms.linter.finding.Finding`.  The package is named
``linter`` so that ``nqp_terms.linter`` stays the :func:`lint` function and
``import nqp_terms.linter.fix`` works.

The engine is imported on first use, so ``import nqp_terms`` does not pay for it.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..text.input_policy import Errors
    from .config import LintConfig
    from .engine import Linter
    from .finding import Finding

__all__ = ["Finding", "LintConfig", "Linter", "fix", "lint"]

_CLASSES = {"Finding": "finding", "LintConfig": "config", "Linter": "engine"}


def __getattr__(name: str) -> Any:
    if name in _CLASSES:
        return getattr(import_module(f".{_CLASSES[name]}", __name__), name)
    raise AttributeError(f"module 'nqp_terms.linter' has no attribute {name!r}")


@cache
def _shipped_linter() -> Linter:
    from ..glossary import load
    from .engine import Linter

    return Linter(load())


def lint(text: str, glossary: Glossary | None = None, config: LintConfig | None = None, *,
         errors: Errors = "strict") -> list[Finding]:
    """Findings in ``text``, by position; the shipped glossary and default settings unless given.

    ``errors`` says what a lone surrogate or NUL does (:mod:`nqp_terms.text.input_policy`).
    Each finding has its 0-based offsets (``start``, ``end``) and, as the command line reports it,
    its 1-based ``line`` and ``column``:

    >>> [(f.match, f.suggestion, f.line, f.column) for f in lint("Reform deepened.\\nWe grasp the Bull nose.")]
    [('Bull nose', 'crux', 2, 14)]
    """
    from .finding import locate

    if glossary is None and config is None:
        return locate(_shipped_linter().lint(text, errors=errors), text)
    from ..glossary import load
    from .engine import Linter

    return locate(Linter(glossary or load(), config).lint(text, errors=errors), text)


def fix(text: str, glossary: Glossary | None = None, config: LintConfig | None = None, *,
        errors: Errors = "strict") -> tuple[str, list[Finding]]:
    """``text`` with the linter's fixes applied, and the findings that were fixed.

    One call reaches a fixed point: fixing the result changes nothing.  A replacement that would
    make a new finding is not applied (``Health China characteristics`` stays as it is: “Healthy China
    characteristics” would hold the calque “China characteristics”).  A match never spans the end of a
    sentence, nor a list comma (``three new, new and`` holds no calque).

    >>> fix("We will grasp the Bull nose of reform.")[0]
    'We will grasp the crux of reform.'
    >>> fixed, applied = fix("Output grew by three. New policies followed.")
    >>> fixed, applied
    ('Output grew by three. New policies followed.', [])
    >>> fix("three new, new and")[0]
    'three new, new and'
    >>> fix("Health China characteristics")[0]
    'Health China characteristics'
    """
    from .fix import fix_converged

    if glossary is None and config is None:
        linter = _shipped_linter()
    else:
        from ..glossary import load
        from .engine import Linter

        linter = Linter(glossary or load(), config)
    from ..text.input_policy import checked

    text = checked(text, errors)
    outcome = fix_converged(text, linter.lint(text), linter.lint)
    return outcome.text, outcome.applied
