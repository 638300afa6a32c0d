"""Many short documents linted as one text, each keeping its own findings.

A corpus of MT segments holds millions of texts of a few hundred characters.  Linting one costs a
fixed part (the canonical view, one call of the automaton, sorting and mapping its hits, the lists
the rules build) that on such a segment was two thirds of the time.  :meth:`Linter.lint_many
<nqp_terms.linter.engine.Linter.lint_many>` pays it once for a few dozen segments: it joins them
into one text with a separator between each two, lints that text once, and gives each finding back
to its segment, at the segment's offsets.

The findings must be the segment's own, exactly, so the separator is chosen so that nothing the rules
read reaches across it:

- it is a blank line, a word and a blank line (``"\\n\\n0000000000000000\\n\\n"``).  A hit covers
  whole words of the canonical text and no pattern holds that word (:meth:`JoinedDocuments.join`
  refuses a batch where a pattern or a segment does), so no hit crosses it;
- a blank line ends a sentence, so a hit's sentence (where context words are looked for, where a
  headline or a first rendering is read) ends at the segment's edge; the few characters read beside a
  hit (quotes, a capital's neighbours) meet a line break or digits, as they meet nothing at the edge
  of the segment alone: neither is a quote, a letter or a space;
- what belongs to a document as a whole stays per segment in the engine: each has its own
  :class:`~nqp_terms.linter.engine.DocumentState` (its first renderings, for NQP006), its own domain
  signal (its hits and its text), and its own quiet spans (code, comments and switches are found in
  the segment alone).

A segment with a word broken by a hyphen at a line end is linted alone (the engine joins such words
first, and then reads another text).  ``tests/test_lint_many.py`` holds batched findings to
per-segment ones on the seed article, the glossary's examples, real MT pages and generated mixes.

>>> joined = JoinedDocuments.join(["Go out.", "", "Bull nose"])
>>> joined.text.split(SEPARATOR_WORD)
['Go out.\\n\\n', '\\n\\n\\n\\n', '\\n\\nBull nose']
>>> joined.starts, joined.ends
([0, 27, 47], [7, 27, 56])
>>> joined.document_of(47), joined.document_of(10)
(2, 0)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from functools import partial
from itertools import accumulate, chain
from typing import Any

from .matcher import CanonicalView

#: The word between two documents: digits, so that neither a quote, nor a letter, nor a space stands beside
#: a hit at a document's edge; long, so that no glossary pattern or ordinary text holds it.
SEPARATOR_WORD = "0" * 16
SEPARATOR = f"\n\n{SEPARATOR_WORD}\n\n"


class JoinedDocuments:
    """Documents joined by :data:`SEPARATOR`, and where each lies in the joined text and its canonical view."""

    def __init__(self, text: str, starts: list[int], ends: list[int]):
        self.text = text
        #: Where each document begins and ends in the joined text.
        self.starts, self.ends = starts, ends
        #: Where each separator's word begins in the canonical view (see :meth:`locate`).
        self.boundaries: list[int] = []
        #: Each document's state, by number, as the linter keeps it (made on first need).
        self.states: Mapping[int, Any] = {}

    @classmethod
    def join(cls, texts: Sequence[str]) -> JoinedDocuments:
        text = SEPARATOR.join(texts)
        ends = list(accumulate(chain((len(texts[0]),), (len(SEPARATOR) + len(t) for t in texts[1:]))))
        starts = [end - len(t) for end, t in zip(ends, texts)]
        return cls(text, starts, ends)

    def holds_separator(self) -> bool:
        """Whether a document itself holds the separator's word (then it cannot be told apart)."""
        return self.text.count(SEPARATOR_WORD) != len(self.starts) - 1

    def locate(self, view: CanonicalView) -> bool:
        """Find the separators in ``view`` (the canonical view of :attr:`text`); False if there are not as
        many as expected (a document held the word, and :meth:`holds_separator` should have said so)."""
        boundaries, find, width = [], view.text.find, len(SEPARATOR_WORD)
        position = find(SEPARATOR_WORD)
        while position >= 0:
            boundaries.append(position)
            position = find(SEPARATOR_WORD, position + width)
        self.boundaries = boundaries
        return len(boundaries) == len(self.starts) - 1

    def document_at(self, canonical: int) -> int:
        """The document of the canonical offset ``canonical`` (of a hit: never inside a separator)."""
        return bisect_right(self.boundaries, canonical)

    def document_of(self, offset: int) -> int:
        """The document of the joined text's ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def cuts(self, canonical_starts: list[int]) -> list[int]:
        """Where each document's run begins in a list sorted by canonical start, and where the last ends:
        document ``d`` has ``canonical_starts[cuts[d]:cuts[d + 1]]``."""
        return [0, *map(partial(bisect_left, canonical_starts), self.boundaries), len(canonical_starts)]

    def text_of(self, document: int) -> str:
        return self.text[self.starts[document]:self.ends[document]]
