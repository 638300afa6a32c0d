"""Apply the linter's suggestions, keeping the original's capitalisation style.

>>> match_case("Bull Nose", "crux"), match_case("BULL NOSE", "crux"), match_case("Bull nose", "going global")
('Crux', 'CRUX', 'Going global')
>>> match_case("Uncover The List", "open competition mechanism")
'Open Competition Mechanism'

:func:`fix_converged` applies the fixes so that one pass reaches a fixed point: the
fixed text is linted again, and a replacement that would make a new finding
(the reversed "three new, new and" turning into "new three, new and", where
"three, new" is found again) is not applied; its finding says so.  Fixing the
result changes nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .finding import Finding

# Rules whose suggestion replaces the match; others are reported, never rewritten.
FIXABLE = frozenset({"NQP001", "NQP002", "NQP004", "NQP007"})
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
    if finding.rule not in FIXABLE or "rewrite" in finding.extra:  # a rewrite is left to a person
        return []
    if "fix" in finding.extra:  # edits given relative to the finding's start
        return [(finding.start + start, finding.start + end, new) for start, end, new in finding.extra["fix"]]
    if not finding.suggestion:
        return []
    from .wording import replacement  # the suggestion inflected, cased and introduced like the match

    return [replacement(text, finding.start, finding.end, finding.suggestion,
                        str(finding.extra.get("rendering", finding.match)))]


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


@dataclass(frozen=True)
class FixOutcome:
    """The fixed text, the findings whose fixes were applied, and every finding given (the refused ones noted).

    ``applied`` holds the first pass's findings in the offsets of the text as given; a later pass (for a
    finding skipped because it overlapped another's fix) adds its own, in the text as it then was.
    """

    text: str
    applied: list[Finding]
    findings: list[Finding]


def fix_converged(text: str, findings: Sequence[Finding], relint: Callable[[str], list[Finding]],
                  *, rounds: int = 8) -> FixOutcome:
    """Apply the fixable ``findings`` so that linting the result with ``relint`` finds nothing more to fix.

    A fix whose replacement makes a fixable finding that was not there (overlapping the
    replacement, or near it) is withdrawn, and its finding gets ``extra["not_fixed"]`` with the
    reason.  A finding skipped because it overlaps another's fix is tried again in the next round.
    """
    current, applied = text, []
    notes: dict[tuple[int, int, str], str] = {}
    pending = list(findings)
    for number in range(rounds):
        new_text, done, refused = _one_round(current, pending, relint)
        if number == 0:
            notes = refused  # in the offsets of the text as given, where ``findings`` are
        applied += done
        if new_text == current:
            break
        current = new_text
        pending = relint(current)
    noted = [replace(f, extra={**f.extra, "not_fixed": notes[_place(f)]}) if _place(f) in notes else f
             for f in findings]
    return FixOutcome(current, applied, noted)


def _place(finding: Finding) -> tuple[int, int, str]:
    return (finding.start, finding.end, finding.rule)


def _one_round(text: str, findings: Sequence[Finding], relint: Callable[[str], list[Finding]]
               ) -> tuple[str, list[Finding], dict[tuple[int, int, str], str]]:
    candidates = [(f, edits(f, text)) for f in findings]
    candidates = [(f, e) for f, e in candidates if e]
    withdrawn: set[int] = set()
    refused: dict[tuple[int, int, str], str] = {}
    while True:
        chosen = _non_overlapping([(i, e) for i, (_, e) in enumerate(candidates) if i not in withdrawn])
        if not chosen:
            return text, [], refused
        new_text, regions, shift = _apply(text, [(i, e) for i, e in chosen])
        chosen_ids = {i for i, _ in chosen}
        expected = {(f.rule, f.match, f.start + shift(f.start)) for i, (f, _) in enumerate(candidates)
                    if i not in chosen_ids}
        culprits: dict[int, Finding] = {}
        for after in relint(new_text):
            if not edits(after, new_text) or (after.rule, after.match, after.start) in expected:
                continue
            touching = [owner for start, end, owner in regions if after.start < end and start < after.end]
            if not touching:  # made by a change of context nearby: blame the closest replacement
                touching = [min(regions, key=lambda r: min(abs(r[0] - after.end), abs(after.start - r[1])))[2]]
            for owner in touching:
                culprits.setdefault(owner, after)
        if not culprits:
            return new_text, [candidates[i][0] for i in sorted(chosen_ids)], refused
        for owner, after in culprits.items():
            withdrawn.add(owner)
            finding = candidates[owner][0]
            refused[_place(finding)] = (f"the replacement would make a new finding, “{after.match}” "
                                           f"({after.rule}); fix it by hand")


def _non_overlapping(candidates: list[tuple[int, list[Edit]]]) -> list[tuple[int, list[Edit]]]:
    """Whole findings whose edits overlap no edit of a finding chosen before (by position)."""
    chosen: list[tuple[int, list[Edit]]] = []
    taken: list[tuple[int, int]] = []
    for owner, planned in sorted(candidates, key=lambda c: (c[1][0][0], c[1][0][1])):
        if any(start < t_end and t_start < end or (start == end == t_start) for start, end, _ in planned
               for t_start, t_end in taken):
            continue
        chosen.append((owner, planned))
        taken += [(start, end) for start, end, _ in planned]
    return chosen


def _apply(text: str, chosen: list[tuple[int, list[Edit]]]
           ) -> tuple[str, list[tuple[int, int, int]], Callable[[int], int]]:
    """The text with the edits made, each edit's span in the new text with its owner, and the offset shift."""
    planned = sorted((start, end, new, owner) for owner, edits_ in chosen for start, end, new in edits_)
    pieces: list[str] = []
    regions: list[tuple[int, int, int]] = []
    position, delta = 0, 0
    old_starts, deltas = [], []
    for start, end, new, owner in planned:
        pieces.append(text[position:start])
        regions.append((start + delta, start + delta + len(new), owner))
        pieces.append(new)
        delta += len(new) - (end - start)
        old_starts.append(start)
        deltas.append(delta)
        position = end
    pieces.append(text[position:])

    def shift(offset: int) -> int:
        index = bisect_right(old_starts, offset - 1)  # edits that start before ``offset``
        return deltas[index - 1] if index else 0

    return "".join(pieces), regions, shift
