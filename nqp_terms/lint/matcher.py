"""Find every glossary rendering in English text in one multi-pattern pass.

The text is reduced to a *canonical view*: lower case, every character that is
not a letter or digit turned into a space, runs of spaces collapsed.  Hyphens,
dashes, quotes (straight, curly or the seed's garbled ”“), line breaks and
possessive apostrophes then all look alike, so "New-quality\\nproductivity"
and "new quality productivity’s" both contain `` new quality productivity ``.
Patterns are canonicalised the same way and padded with spaces, so a hit
always covers whole words.  Plural and British/American variants of each
pattern are generated when the matcher is built, not when text is scanned.

The scan uses Aho-Corasick (the Rust ``ahocorasick-rs`` package) with
overlapping matches; :class:`PurePythonMatcher` finds the same hits without
it, and a property test holds the two to identical results.

>>> matcher = Matcher.build({"bull nose": "A", "nose": "B"})
>>> [(hit.start, hit.end, hit.payloads) for hit in matcher.find("The “Bull  Nose’s” rule")]
[(5, 15, ('A',)), (11, 15, ('B',))]
"""

from __future__ import annotations

import codecs
import re
import threading
from bisect import bisect_left
from itertools import accumulate, count
from operator import add, sub
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Payload = TypeVar("Payload")

# Everything but letters, digits and the operators of coined terms (AI+, Data Elements ×) is a separator.
_NON_WORD = re.compile(r"[^\w+×]|_")
_SPACE_RUN_SPLIT = re.compile(r"(  +)")
# The ASCII encoder hands each stretch of non-ASCII characters to this handler, which notes where
# it was (per thread) and stands in spaces; canonical_view then fills those stretches in properly.
_ERROR_HANDLER = "nqp-terms-canonical"
_pending = threading.local()


def _note_non_ascii(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    _pending.runs.append((error.start, error.end))
    return " " * (error.end - error.start), error.end


codecs.register_error(_ERROR_HANDLER, _note_non_ascii)
# Lower-case ASCII letters, keep digits and +, blank out everything else.
_ASCII_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 43) else 32
    for c in range(256)
)


@dataclass(frozen=True)
class CanonicalView:
    """The canonical form of a text, with the way back to the original's offsets."""

    text: str
    original_length: int
    # Canonical start of each collapsed run of spaces, and how many characters
    # all runs up to and including it removed.
    run_starts: tuple[int, ...]
    removed_through: tuple[int, ...]
    # Where the original has non-ASCII characters: the only places Chinese text or marks can be.
    non_ascii: tuple[tuple[int, int], ...] = ()

    def original_offset(self, index: int) -> int:
        """The offset in the original text of canonical character ``index``."""
        runs_before = bisect_left(self.run_starts, index)
        return index + (self.removed_through[runs_before - 1] if runs_before else 0)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_offset(start), self.original_offset(end - 1) + 1


def canonical_view(text: str) -> CanonicalView:
    """Lower-case ``text``, blank out non-word characters, collapse spaces; keep an offset map.

    >>> view = canonical_view("High-Quality  \\n development")
    >>> view.text
    'high quality development'
    >>> view.original_span(13, 24)
    (16, 27)
    """
    non_ascii: tuple[tuple[int, int], ...] = ()
    if text.isascii():
        # The common case, on bytes: lower-casing and blanking are one table look-up per byte.
        spaced = text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    else:
        # Mostly ASCII with a few curly quotes or dashes: the byte table for the ASCII
        # stretches, the Unicode rules only for the stretches the encoder could not take.
        _pending.runs = []
        ascii_part = text.encode("ascii", _ERROR_HANDLER).translate(_ASCII_TABLE).decode("ascii")
        pieces, previous = [], 0
        for start, end in _pending.runs:
            pieces.append(ascii_part[previous:start])
            lowered = text[start:end].lower()
            if len(lowered) != end - start:  # a few characters (İ) lower-case to two
                lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text[start:end])
            pieces.append(_NON_WORD.sub(" ", lowered))
            previous = end
        pieces.append(ascii_part[previous:])
        spaced = "".join(pieces)
        non_ascii = tuple(_pending.runs)
    # Collapse runs of spaces, remembering where each run was and how much it removed.
    parts = _SPACE_RUN_SPLIT.split(spaced)
    if len(parts) == 1:
        return CanonicalView(spaced, len(text), (), (), non_ascii)
    words, gaps = parts[0::2], parts[1::2]
    # map/accumulate/count keep these loops in C: there is a run at almost every comma and full stop.
    removed = tuple(map(sub, accumulate(map(len, gaps)), count(1)))
    # A run's place in the collapsed text: the words before it plus one space per earlier run.
    starts = tuple(map(add, accumulate(map(len, words[:-1])), count()))
    collapsed = " ".join(words)
    return CanonicalView(collapsed, len(text), starts, removed, non_ascii)


def canonical(text: str) -> str:
    """The canonical form of a pattern or text, without the offset map."""
    return canonical_view(text).text.strip()


@dataclass(frozen=True)
class Hit(Generic[Payload]):
    """A span of the original text where a pattern matched, with the payloads of every pattern that did."""

    start: int
    end: int
    payloads: tuple[Payload, ...]


class Matcher(Generic[Payload]):
    """Aho-Corasick over canonical text; built once per glossary."""

    def __init__(self, patterns: Mapping[str, tuple[Payload, ...]]):
        self.patterns = dict(patterns)
        self._keys = list(self.patterns)
        self._payloads = [self.patterns[key] for key in self._keys]
        self._automaton = self._compile(self._keys)

    @classmethod
    def build(cls, terms: Mapping[str, Payload] | Iterable[tuple[str, Payload]]) -> Matcher[Payload]:
        """A matcher for raw terms (canonicalised here), each with its payload."""
        items = terms.items() if isinstance(terms, Mapping) else terms
        grouped: dict[str, list[Payload]] = {}
        for term, payload in items:
            key = canonical(term)
            if key:
                grouped.setdefault(f" {key} ", []).append(payload)
        return cls({key: tuple(payloads) for key, payloads in grouped.items()})

    def _compile(self, keys: list[str]) -> Any:
        import ahocorasick_rs

        return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard) if keys else None

    def _scan(self, haystack: str) -> list[tuple[int, int, int]]:
        if self._automaton is None:
            return []
        return self._automaton.find_matches_as_indexes(haystack, overlapping=True)

    def find(self, text: str, view: CanonicalView | None = None) -> list[Hit[Payload]]:
        """Every hit in ``text``, overlapping ones included, ordered by start then length (longest first)."""
        view = view or canonical_view(text)
        found = self._scan(f" {view.text} ")
        # Map canonical offsets back to the text, inlined because there is one pair per hit.
        # The haystack adds one leading space; the pattern's own padding spaces are not part of the hit,
        # so the hit covers canonical [start, end - 2).
        run_starts, removed = view.run_starts, view.removed_through
        payloads = self._payloads
        spans = []
        for number, start, end in found:
            before = bisect_left(run_starts, start)
            last = end - 3
            through = bisect_left(run_starts, last)
            # (start, -end) sorts leftmost first and, at one start, longest first, without a key function.
            spans.append((start + (removed[before - 1] if before else 0),
                          -(last + (removed[through - 1] if through else 0) + 1), number))
        spans.sort()
        return [Hit(start, -negative_end, payloads[number]) for start, negative_end, number in spans]


class PurePythonMatcher(Matcher[Payload]):
    """The same hits without the compiled automaton: a dictionary of word n-grams."""

    def _compile(self, keys: list[str]) -> Any:
        lengths = sorted({len(k.split()) for k in keys})
        return ({key: number for number, key in enumerate(keys)}, lengths)

    def _scan(self, haystack: str) -> list[tuple[int, int, int]]:
        index, lengths = self._automaton
        keys = index
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", haystack)]
        found = []
        for first in range(len(words)):
            for size in lengths:
                if first + size > len(words):
                    break
                start = words[first][0] - 1
                end = words[first + size - 1][1] + 1
                candidate = haystack[start:end]
                if candidate in keys:
                    found.append((index[candidate], start, end))
        return found
