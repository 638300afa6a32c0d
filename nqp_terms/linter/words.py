"""Words as the page writes them: hyphens that break a word across a line, hyphens that a term needs.

Two small jobs about hyphens, both worked out once per glossary:

- :func:`join_broken_words` joins a word that typesetting or a PDF copy broke with a hyphen
  ("mod-\\nernization", "mod- ernization", or with the line break lost, "mod-ernization") before
  matching, when the joined word is one the glossary uses; "high-\\nquality" stays two words, since
  no glossary word is "highquality", and so does "co-operation", whose halves are words themselves.
- :class:`HyphenPlan` tells whether an approved rendering that official English writes with a
  hyphen ("high-quality development") was written with a space instead, and repairs it in place.

>>> joined = join_broken_words("Chinese-style mod-\\nernization and high-\\nquality growth", {"modernization"})
>>> joined.text
'Chinese-style modernization and high-\\nquality growth'
>>> joined.original(14), joined.original(27, end=True)
(14, 29)
>>> join_broken_words("Chinese-style mod-ernization", {"modernization", "style"}).text
'Chinese-style modernization'
>>> join_broken_words("co-operation", {"cooperation", "operation"}).text
'co-operation'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..termbase.model import Term
    from .terms import Rendering

# A hyphen, then a line break, spaces or nothing, then a lower-case word.  The pattern starts with the literal
# hyphen, so the regex engine skips to each hyphen instead of trying every letter; the word before is read by
# hand.  (Group 1 is the gap: empty for a hyphen inside a word, "mod-ernization" as a PDF copy leaves it.)
_BREAK = re.compile(r"-([ \t]*\r?\n[ \t]*|[ \t]+|)([a-z]+)")
_TOKENS = re.compile(r"[\w+×]+|[^\w+×]+")


@dataclass(frozen=True)
class JoinedText:
    """A text with broken words joined, and the way back to the original's offsets."""

    text: str
    # For each join, where it is in the joined text and how many characters were removed up to it.
    positions: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()

    def original(self, offset: int, *, end: bool = False) -> int:
        """The original offset of a joined-text ``offset`` (a span's ``end`` maps its last character)."""
        if not self.positions:
            return offset
        probe = offset - 1 if end else offset
        index = bisect_right(self.positions, probe)
        return offset + (self.removed[index - 1] if index else 0)

    def spans_join(self, start: int, end: int) -> bool:
        """Whether a join lies strictly inside ``[start, end)``."""
        index = bisect_right(self.positions, start)
        return index < len(self.positions) and self.positions[index] < end


def join_broken_words(text: str, vocabulary: Collection[str] | Callable[[], Collection[str]]) -> JoinedText:
    """``text`` with every hyphen-broken word joined whose joined form is in ``vocabulary`` (lower case).

    ``vocabulary`` may be a function that gives it, called only for a text that has a broken word.
    """
    if _BREAK.search(text) is None:  # one pass of the regex is cheaper than several str.find
        return JoinedText(text)
    if callable(vocabulary):
        vocabulary = vocabulary()
    pieces: list[str] = []
    positions: list[int] = []
    removed: list[int] = []
    previous = 0
    total = 0
    length = 0
    endings = _word_endings(vocabulary) if isinstance(vocabulary, frozenset) else None
    for match in _BREAK.finditer(text):
        if endings is not None and not match.group(1) and match.group(2) not in endings:
            continue  # most hyphens join two words ("low-carbon"): no glossary word ends with the second
        head_end = match.start()
        head_start = head_end
        while head_start > 0 and text[head_start - 1].isalpha() and head_end - head_start < 40:
            head_start -= 1
        if head_start == head_end:
            continue
        head, tail = text[head_start:head_end].lower(), match.group(2)
        if head + tail not in vocabulary:
            continue
        if not match.group(1) and (tail in vocabulary or head in vocabulary):
            continue  # "co-operation": a hyphen between words, not inside one
        pieces.append(text[previous:head_end])
        length += head_end - previous
        total += match.start(2) - head_end
        positions.append(length)
        removed.append(total)
        previous = match.start(2)
    if not positions:
        return JoinedText(text)
    pieces.append(text[previous:])
    return JoinedText("".join(pieces), tuple(positions), tuple(removed))


@lru_cache(maxsize=8)
def _word_endings(vocabulary: frozenset[str]) -> frozenset[str]:
    """Every proper ending of a vocabulary word: what the second half of a word broken by a hyphen can be."""
    return frozenset(word[cut:] for word in vocabulary for cut in range(1, len(word)))


@dataclass(frozen=True)
class HyphenPlan:
    """Where an approved rendering has hyphens between its words, to check hits of its pattern against."""

    rendering: Rendering
    separators: tuple[str, ...]  # what stands between the term's words, in order

    @staticmethod
    def rendering_of(renderings: Sequence[Rendering]) -> Rendering | None:
        """The first approved rendering of a pattern that joins two words with a hyphen, if any.

        A rendering whose own attested contexts print it with a space instead ("its ice and snow
        economy", Xinhua) is left out: official English writes it both ways, so the hyphen is a
        preference, not an error to report.
        """
        return next((r for r in renderings if r.approved and re.search(r"\w-\w", r.term.term)
                     and not _printed_without_hyphen(r.term)), None)

    @classmethod
    def of(cls, renderings: Sequence[Rendering]) -> HyphenPlan | None:
        """The plan for the first approved rendering of a pattern that joins two words with a hyphen."""
        rendering = cls.rendering_of(renderings)
        if rendering is None:
            return None
        tokens = _TOKENS.findall(rendering.term.term)
        return cls(rendering, tuple(t for t in tokens if not _is_word(t)))

    def repaired(self, written: str) -> str | None:
        """``written`` with a hyphen wherever the term has one and the text a space; None if nothing is amiss.

        >>> from nqp_terms.termbase.model import Concept, Term
        >>> from nqp_terms.linter.terms import Rendering
        >>> term = Term(term="high-quality development", status="preferred", unsourced=True)
        >>> plan = HyphenPlan.of([Rendering(Concept(id="c", subject_fields=("x",), terms={"en": (term,)}), term)])
        >>> plan.repaired("High quality development"), plan.repaired("high-quality development")
        ('High-quality development', None)
        """
        tokens = _TOKENS.findall(written)
        gaps = [index for index, token in enumerate(tokens) if not _is_word(token)]
        if len(gaps) != len(self.separators):
            return None
        changed = False
        for index, wanted in zip(gaps, self.separators):
            if "-" in wanted and tokens[index].isspace() and "\n" not in tokens[index]:
                tokens[index] = "-"
                changed = True
        return "".join(tokens) if changed else None


def _printed_without_hyphen(term: Term) -> bool:
    """Whether a context quoted for ``term`` writes it with spaces where the term has hyphens.

    >>> from nqp_terms.termbase.model import Context, Term
    >>> _printed_without_hyphen(Term(term="ice-and-snow economy", status="preferred", unsourced=True,
    ...     contexts=(Context(text="China aims to promote its ice and snow economy", source="s"),)))
    True
    """
    spaced = re.sub(r"(?<=\w)-(?=\w)", " ", term.term).lower()
    return any(spaced in " ".join(context.text.split()).lower() for context in term.contexts)


_WORD_START = re.compile(r"[\w+×]")


def _is_word(token: str) -> bool:
    return _WORD_START.match(token) is not None
