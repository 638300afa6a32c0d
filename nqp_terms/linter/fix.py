"""Apply the linter's suggestions, keeping the original's capitalisation style.

>>> match_case("Bull Nose", "crux"), match_case("BULL NOSE", "crux"), match_case("Bull nose", "going global")
('Crux', 'CRUX', 'Going global')
>>> match_case("Uncover The List", "open competition mechanism")
'Open Competition Mechanism'
"""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Finding

# Rules whose suggestion replaces the match; others are reported, never rewritten.
FIXABLE = frozenset({"NQP001", "NQP002", "NQP004"})
_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to with".split())

Edit = tuple[int, int, str]


def match_case(original: str, suggestion: str) -> str:
    """``suggestion`` in the case style of ``original``: ALL CAPS, Title Case, Sentence case or as is."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return suggestion.upper()
    words = original.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in _SMALL_WORDS):
        return " ".join(w if (w in _SMALL_WORDS and i) else w[:1].upper() + w[1:]
                        for i, w in enumerate(suggestion.split()))
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def edits(finding: Finding, text: str) -> list[Edit]:
    """The replacements that fix ``finding`` in ``text`` (none for a finding that cannot be fixed)."""
    if finding.rule not in FIXABLE:
        return []
    if "fix" in finding.extra:  # edits given relative to the finding's start
        return [(finding.start + start, finding.start + end, new) for start, end, new in finding.extra["fix"]]
    if not finding.suggestion:
        return []
    original = text[finding.start:finding.end]
    return [(finding.start, finding.end, match_case(original, finding.suggestion))]


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with every fixable finding replaced; overlapping edits after the first are skipped."""
    planned = sorted((edit for finding in findings for edit in edits(finding, text)), key=lambda e: (e[0], e[1]))
    pieces: list[str] = []
    position = 0
    for start, end, replacement in planned:
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
