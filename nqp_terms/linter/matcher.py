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
it, and a property test holds the two to identical results.  Hits come back
as plain lists of offsets (:meth:`Matcher.canonical_spans`), and offsets are
mapped back to the text many at a time: dense text has tens of thousands of
hits per megabyte, and work done in Python for each of them is what costs.

>>> matcher = Matcher.build({"bull nose": "A", "nose": "B"})
>>> [(hit.start, hit.end, hit.payloads) for hit in matcher.find("The “Bull  Nose’s” rule")]
[(5, 15, ('A',)), (11, 15, ('B',))]
"""

from __future__ import annotations

import codecs
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import accumulate, count, repeat
from operator import add, itemgetter, mul, sub
from typing import Any, Generic, TypeVar

Payload = TypeVar("Payload")

# Everything but letters, digits and the operators of coined terms (AI+, Data Elements ×) is a separator.
_NON_WORD = re.compile(r"[^\w+×]|_")
# The ASCII encoder hands each stretch of non-ASCII characters to this handler, which notes where
# it was (per thread) and stands in spaces; canonical_view then fills those stretches in properly.
_ERROR_HANDLER = "nqp-terms-canonical"
# UTF-8 punctuation (U+2013-U+201D) read as Windows-1252: â€ and one more character, all separators.
_MOJIBAKE = re.compile("â€.?", re.DOTALL)
_pending = threading.local()


def _note_non_ascii(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    _pending.runs.append((error.start, error.end))
    return " " * (error.end - error.start), error.end


codecs.register_error(_ERROR_HANDLER, _note_non_ascii)
# Columns of the (number, start, end) triples the automaton returns; unzipping with zip(*rows) would
# allocate an iterator per row.
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
# Lower-case ASCII letters, keep digits and +, blank out everything else.
_ASCII_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 43) else 32
    for c in range(256)
)


_ONE_FOR_ONE = str.maketrans({"ſ": "s", "ı": "i", "\u0130": "i", "ς": "σ", "Σ": "σ"})
# Runs this long are collapsed first, in one round each (see canonical_view).
_WIDE_SEPARATORS = (" " * 32, " " * 8)
# The first byte of each multi-byte UTF-8 character, and how many bytes follow it.
_UTF8_LEAD = re.compile(rb"[\xc0-\xff]")
_EXTRA_BYTES = [0] * 0xC0 + [1] * 0x20 + [2] * 0x10 + [3] * 0x10
#: How many patterns make a large glossary's automaton (see Matcher._compile).
_LARGE = 5000
#: How many characters a DeferredMatcher scans word by word at least, before it compiles its automaton.
_WORD_SCAN_FLOOR = 4096


@dataclass(frozen=True)
class CanonicalView:
    """The canonical form of a text, with the way back to the original's offsets."""

    text: str
    original_length: int
    # The runs of spaces were collapsed in rounds, each replacing every run of ``width + 1`` spaces by one
    # (see canonical_view).  For each round, where the pieces after the first begin in that round's output:
    # the i-th of them moved i * width characters left, so an offset goes back one round by adding width
    # times how many begin at or before it.  ``widths`` is empty when every round's width is 1.
    rounds: tuple[list[int], ...] = ()
    # Where the original has non-ASCII characters: the only places Chinese text or marks can be.
    non_ascii: tuple[tuple[int, int], ...] = ()
    widths: tuple[int, ...] = ()

    @cached_property
    def _steps_back(self) -> tuple[tuple[list[int], int], ...]:
        """The rounds, last first, each with its width: the way back from the canonical text."""
        return tuple(zip(reversed(self.rounds), reversed(self.widths or (1,) * len(self.rounds))))

    def original_offset(self, index: int) -> int:
        """The offset in the original text of canonical character ``index``."""
        for piece_starts, width in self._steps_back:
            index += width * bisect_right(piece_starts, index)
        return index

    def original_offsets(self, indexes: Iterable[int], *, end: bool = False) -> list[int]:
        """:meth:`original_offset` of many offsets, or with ``end`` of many span ends; ``map`` keeps the loop in C.

        >>> view = canonical_view("High-Quality  \\n development")
        >>> view.original_offsets([0, 5, 13]), view.original_offsets([12, 24], end=True)
        ([0, 5, 16], [12, 27])
        """
        offsets = list(map(sub, indexes, repeat(1))) if end else list(indexes)
        for piece_starts, width in self._steps_back:
            moved = map(partial(bisect_right, piece_starts), offsets)
            offsets = list(map(add, offsets, moved if width == 1 else map(mul, moved, repeat(width))))
        return list(map(add, offsets, repeat(1))) if end else offsets

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that canonical ``[start, end)`` stands for."""
        end -= 1
        for piece_starts, width in self._steps_back:  # original_offset of both, inlined: once per hit
            start += width * bisect_right(piece_starts, start)
            end += width * bisect_right(piece_starts, end)
        return start, end + 1


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
            # One letter for one: the long s and dotless i as s and i, İ as i, ς as σ (see normalize).
            lowered = text[start:end].translate(_ONE_FOR_ONE).lower()
            if len(lowered) != end - start:  # a few characters lower-case to two
                lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text[start:end].translate(_ONE_FOR_ONE))
            if "â€" in lowered:  # curly quotes and dashes mis-decoded as Windows-1252 (â€œ, â€™, â€”)
                lowered = _MOJIBAKE.sub(lambda m: " " * len(m.group()), lowered)
            pieces.append(_NON_WORD.sub(" ", lowered))
            previous = end
        pieces.append(ascii_part[previous:])
        spaced = "".join(pieces)
        non_ascii = tuple(_pending.runs)
    # Collapse runs of spaces.  str.split on a fixed separator is several times faster than a regex over
    # megabytes, and each round halves every run (3 or 4 spaces become 2, then 1), so prose needs two or
    # three rounds.  Deep indentation and long runs are first cut down by wide separators (32 and then 8
    # spaces become one), so that no text needs more than about five rounds, each one pass in C; every
    # round costs again when hits are mapped back.  Each round remembers where its pieces begin;
    # map/accumulate/count keep that in C, for there is a run at almost every comma and full stop.
    rounds, widths = [], []
    for separator in _WIDE_SEPARATORS:
        if separator in spaced:
            pieces = spaced.split(separator)
            rounds.append(list(map(add, accumulate(map(len, pieces[:-1])), count(1))))
            widths.append(len(separator) - 1)
            spaced = " ".join(pieces)
    while "  " in spaced:
        pieces = spaced.split("  ")
        # Piece i (from 1) begins after the i - 1 pieces before it, each followed by one space.
        rounds.append(list(map(add, accumulate(map(len, pieces[:-1])), count(1))))
        widths.append(1)
        spaced = " ".join(pieces)
    return CanonicalView(spaced, len(text), tuple(rounds), non_ascii, tuple(widths) if any(w > 1 for w in widths)
                         else ())


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
        #: The payloads of each pattern, by the pattern numbers :meth:`find_spans` reports.
        self.payloads = [self.patterns[key] for key in self._keys]
        self._automaton = self._compile(self._keys)

    @classmethod
    def from_keys(cls, keys: list[str], payloads: Sequence[tuple[Payload, ...]],
                  patterns: Mapping[str, tuple[Payload, ...]]) -> Matcher[Payload]:
        """A matcher over canonical, padded ``keys`` in this order, each standing for ``payloads[number]``:
        nothing is copied (the cached plan's lazy sequences stay lazy, see :mod:`nqp_terms.linter.plan`).

        >>> Matcher.from_keys([" bull nose "], [("A",)], {" bull nose ": ("A",)}).find_spans("Bull nose")
        ([0], [9], [0])
        """
        matcher = cls.__new__(cls)
        matcher.patterns, matcher._keys, matcher.payloads = patterns, keys, payloads  # type: ignore[assignment]
        matcher._automaton = matcher._compile(keys)
        return matcher

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

        if not keys:
            return None
        # The canonical view of English text is almost always ASCII, and the bytes automaton scans it about
        # twice as fast as the str one.  A pattern with non-ASCII letters cannot match an ASCII haystack in
        # either, so the bytes automaton holds them too; the str automaton is built on the first other text.
        # Above a few thousand patterns the contiguous NFA builds in half the time of the automatic choice
        # and scans nearly as fast; start-up is what a large glossary pays on every run.  The hits are the same.
        implementation = ahocorasick_rs.Implementation.ContiguousNFA if len(keys) > _LARGE else None
        return ahocorasick_rs.BytesAhoCorasick([key.encode() for key in keys],
                                               matchkind=ahocorasick_rs.MatchKind.Standard,
                                               implementation=implementation)

    @cached_property
    def _str_automaton(self) -> Any:
        import ahocorasick_rs

        return ahocorasick_rs.AhoCorasick(self._keys, matchkind=ahocorasick_rs.MatchKind.Standard)

    def _scan(self, haystack: str) -> list[tuple[int, int, int]]:
        if self._automaton is None:
            return []
        if haystack.isascii():  # a flag of the str object: free
            return self._automaton.find_matches_as_indexes(haystack.encode("ascii"), overlapping=True)
        data = haystack.encode("utf-8")
        if len(data) - len(haystack) > len(haystack) // 16:  # much non-ASCII (Chinese): the str automaton
            return self._str_automaton.find_matches_as_indexes(haystack, overlapping=True)
        # English with a few non-ASCII letters (a ß, an é): the bytes automaton still, for hits are the same
        # in UTF-8 (patterns begin and end with a space, which is never part of a multi-byte character);
        # byte offsets become character offsets by subtracting the extra bytes of the letters before them.
        found = self._automaton.find_matches_as_indexes(data, overlapping=True)
        if not found:
            return found
        leads = [match.start() for match in _UTF8_LEAD.finditer(data)]
        extra = [0, *accumulate(_EXTRA_BYTES[data[lead]] for lead in leads)]
        before = partial(bisect_left, leads)
        return list(zip(map(_FIRST, found),
                        map(sub, map(_SECOND, found), map(extra.__getitem__, map(before, map(_SECOND, found)))),
                        map(sub, map(_THIRD, found), map(extra.__getitem__, map(before, map(_THIRD, found))))))

    def find(self, text: str, view: CanonicalView | None = None) -> list[Hit[Payload]]:
        """Every hit in ``text``, overlapping ones included, ordered by start then length (longest first)."""
        payloads = self.payloads
        return [Hit(start, end, payloads[number]) for start, end, number in zip(*self.find_spans(text, view))]

    def find_spans(self, text: str, view: CanonicalView | None = None) -> tuple[list[int], list[int], list[int]]:
        """What :meth:`find` finds, as starts, ends and pattern numbers (the index of each hit's ``payloads``).

        >>> matcher = Matcher.build({"bull nose": "A", "nose": "B"})
        >>> matcher.find_spans("The “Bull  Nose’s” rule")
        ([5, 11], [15, 15], [0, 1])
        """
        view = view or canonical_view(text)
        starts, ends, numbers = self.canonical_spans(view)
        return view.original_offsets(starts), view.original_offsets(ends, end=True), numbers

    def canonical_spans(self, view: CanonicalView) -> tuple[list[int], list[int], list[int]]:
        """Every hit as starts, ends and pattern numbers, in the offsets of the canonical text.

        The linter meets tens of thousands of hits per megabyte and drops most of them, so it takes them in
        this form and maps back to the text only what it keeps: ``map``, ``zip`` and ``sorted`` do the work
        per hit here in C, and no object is built.  The order is :meth:`find`'s, for the map back is
        increasing on the characters of words, where hits begin and end.

        >>> view = canonical_view("The “Bull  Nose’s” rule")
        >>> Matcher.build({"bull nose": "A", "nose": "B"}).canonical_spans(view)
        ([4, 9], [13, 13], [0, 1])
        >>> view.text[4:13]
        'bull nose'
        """
        found = self._scan(f" {view.text} ")
        if not found:
            return [], [], []
        # The haystack adds one leading space, and the pattern's own padding spaces are not part of the hit,
        # so a hit found at [start, end) covers canonical [start, end - 2).  Leftmost first and, at one start,
        # longest first: by end, descending, then by start, which keeps that order among hits of one start
        # (sorting is stable).  Two sorts on a single number each beat one on built tuples by half, and the
        # first is nearly free, for the automaton reports hits in the order of their ends.  No two hits
        # have the same start and end: they would be of the same pattern.
        ordered = sorted(sorted(found, key=_THIRD, reverse=True), key=_SECOND)
        return list(map(_SECOND, ordered)), list(map(sub, map(_THIRD, ordered), repeat(2))), list(map(_FIRST, ordered))


class PurePythonMatcher(Matcher[Payload]):
    """The same hits without the compiled automaton: a dictionary of word n-grams."""

    def _compile(self, keys: list[str]) -> Any:
        return _word_index(keys)

    def _scan(self, haystack: str) -> list[tuple[int, int, int]]:
        return _scan_words(self._automaton, haystack)


def _word_index(keys: list[str]) -> tuple[dict[str, int], list[int]]:
    """Each key's number, and how many words the keys have (each length once, in order).

    A key is canonical and padded (`` bull nose ``): one space before, after and between its words, so it
    has one space more than words, and counting spaces in C spares splitting 30,000 keys into lists.

    >>> _word_index([" bull nose ", " crux ", " new quality productive forces "])[1]
    [1, 2, 4]
    """
    return dict(zip(keys, count())), sorted({spaces - 1 for spaces in set(map(str.count, keys, repeat(" ")))})


def _scan_words(word_index: tuple[dict[str, int], list[int]], haystack: str) -> list[tuple[int, int, int]]:
    """Every (number, start, end) of a key in ``haystack``, looked up n-gram by n-gram of its words."""
    index, lengths = word_index
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


class DeferredMatcher(Matcher[Payload]):
    """:class:`Matcher` that compiles its automaton only once the text it was given is long enough to repay it.

    Until then a text is scanned word by word as :class:`PurePythonMatcher` scans it (the same hits: a
    property test holds the two to the automaton's).  A warm run at 10,000 concepts spends 20-30 ms
    building the automaton of 30,000 patterns, most of its time over a small file; the word scan costs
    about 0.25 µs per character for each length the patterns have.  So texts are scanned word by word
    until they add up to twice as many characters as there are patterns per pattern length (4,096 at
    least), and the automaton is compiled for the rest.

    >>> matcher = DeferredMatcher.from_keys([" bull nose "], [("A",)], {" bull nose ": ("A",)})
    >>> matcher.find_spans("The Bull  Nose"), matcher.compiled
    (([4], [14], [0]), False)
    >>> starts, ends, numbers = matcher.find_spans("bull nose " * 500)
    >>> len(starts), starts[-1], ends[-1], matcher.compiled
    (500, 4990, 4999, True)
    """

    def _compile(self, keys: list[str]) -> Any:
        self._scanned = 0
        return None

    @property
    def compiled(self) -> bool:
        """Whether the automaton was built."""
        return self._automaton is not None

    @cached_property
    def _word_index(self) -> tuple[dict[str, int], list[int]]:
        return _word_index(self._keys)

    def _scan(self, haystack: str) -> list[tuple[int, int, int]]:
        if self._automaton is None:
            if not self._keys:
                return []
            self._scanned += len(haystack)
            if self._scanned <= max(_WORD_SCAN_FLOOR, 2 * len(self._keys) // len(self._word_index[1])):
                return _scan_words(self._word_index, haystack)
            self._automaton = Matcher._compile(self, self._keys)
        return super()._scan(haystack)
