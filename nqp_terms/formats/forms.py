"""The forms of a deprecated rendering that regex-based linters (prh, Vale) should match.

The same forms as the linter's (:func:`nqp_terms.linter.terms.variants`: the head
noun's other number, British and American spellings), which are lower-case
canonical text; a case-sensitive rendering gets its own capitals back, word
by word, so "Health China" stays "Health China".

>>> from nqp_terms.termbase.model import MatchOptions, Term
>>> term = Term(term="Health China", status="deprecated", use_instead="Healthy China",
...             match=MatchOptions(case_sensitive=True))
>>> forms(term, ())
['Health China', 'Health Chinas']
>>> forms(Term(term="bull nose", status="deprecated", use_instead="crux"), ())
['bull nose', 'bull noses']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..linter.terms import variants
from ..termbase.model import Term


def forms(term: Term, spelling: Sequence[tuple[str, str]]) -> list[str]:
    """Sorted forms, words separated by single spaces (the canonical text's word breaks)."""
    found = sorted(variants(term.term, spelling)) or [term.term]
    if not term.match.case_sensitive:
        return found
    original = re.findall(r"\w+", term.term)
    return [" ".join(_recase(word, original[i] if i < len(original) else "") for i, word in enumerate(f.split()))
            for f in found]


def _recase(word: str, original: str) -> str:
    if word == original.lower():
        return original
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
