"""The sentence around a hit: where it begins and ends, looked up in a list of the text's sentence ends.

Rules that weigh a hit by its sentence (a context word nearby, a headline, two renderings offered side
by side) ask for the bounds of a sentence thousands of times per megabyte of dense text.  Each answer is
defined by a scan of at most 400 characters on either side of the hit (:func:`windowed_bounds`), and a
regex over 800 characters per hit cost more than all the rest of the linting.  :class:`SentenceEnds`
finds every sentence end of a text once, and then answers with two bisections.  The answers are the
windowed scan's, exactly: a window sees the sentence ends the whole text has inside it, except where
its edge cuts a run of punctuation (``$`` matches at the edge of a window), and there the window is
scanned as before.

>>> text = "Policies are introduced. A new product was introduced in Beijing today. Fine."
>>> SentenceEnds(text).bounds(44, 54) == windowed_bounds(text, 44, 54) == (24, 71)
True
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, count
from operator import add

# Where a sentence ends: final punctuation (and closing quotes) before a space, or a blank line.
SENTENCE_END = re.compile(r"[.!?。！？]+[\"'”’)\]]*(?=\s|$)|\n[ \t]*\n|[。！？]")
# The same matches, written to begin with one character class: the regex engine then skips ahead to the next
# character of the class in a tight loop, where before it tried the three alternatives at every position
# (three times as slow).  Each alternative checks, looking back, that the first character is one of its own.
_SCAN = re.compile(r"[.!?。！？\n](?:(?<=[.!?。！？])[.!?。！？]*[\"'”’)\]]*(?=\s|$)|(?<=\n)[ \t]*\n|(?<=[。！？]))")
REACH = 400  # no sentence is looked at further than this from the hit
# The characters a sentence end can begin with, and those a run of final punctuation is made of: a window
# that ends just after one of these may see a sentence end at its edge that the whole text does not have.
_FIRST_CHARACTERS = ".!?。！？\n"
_RUN_CHARACTERS = frozenset(".!?。！？\"'”’)]")


def windowed_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``text[start:end]`` (at most :data:`REACH` characters either side)."""
    low = max(0, start - REACH)
    first = low
    for boundary in _SCAN.finditer(text, low, start):
        first = boundary.end()
    after = _SCAN.search(text, end, min(len(text), end + REACH))
    return first, (after.end() if after else min(len(text), end + REACH))


class SentenceEnds:
    """Every sentence end of one text (the matches of :data:`SENTENCE_END` a scan of the whole text finds)."""

    def __init__(self, text: str):
        self.text = text
        # A match can only begin at one of a few characters: find those in C (the k-th of a character stands
        # after the k pieces that splitting at it gives, and k of itself), and try the pattern at each in
        # order, skipping those inside the match before, as finditer would.
        candidates: list[int] = []
        for character in _FIRST_CHARACTERS:
            if character in text:
                candidates += map(add, accumulate(map(len, text.split(character)[:-1])), count())
        candidates.sort()
        starts: list[int] = []
        ends: list[int] = []
        match = _SCAN.match
        reached = 0
        for position in candidates:
            if position < reached:
                continue
            # Most are a full stop before a space, or a blank line: their match is known without the regex.
            following = text[position + 1: position + 2]
            if following.isspace() and (following == "\n" if text[position] == "\n" else text[position] in ".!?"):
                reached = position + (2 if following == "\n" and text[position] == "\n" else 1)
            else:
                found = match(text, position)
                if found is None:
                    continue
                reached = found.end()
            starts.append(position)
            ends.append(reached)
        self.starts, self.ends = starts, ends

    def _straddles(self, position: int) -> bool:
        """Whether a sentence end begins before ``position`` and ends after it (a window edge inside it)."""
        index = bisect_right(self.ends, position)
        return index < len(self.starts) and self.starts[index] < position

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """What :func:`windowed_bounds` says of ``text[start:end]``, from the list."""
        text, starts, ends = self.text, self.starts, self.ends
        length = len(text)
        low, limit = max(0, start - REACH), min(length, end + REACH)
        if not 0 <= start <= end <= length or (0 < start < length and text[start - 1] in _RUN_CHARACTERS) or \
                (limit < length and text[limit - 1] in _RUN_CHARACTERS) or self._straddles(low) or \
                self._straddles(end):
            return windowed_bounds(text, start, end)
        before = bisect_right(ends, start) - 1  # the last sentence end that ends by the hit's start
        first = ends[before] if before >= 0 and starts[before] >= low else low
        after = bisect_left(starts, end)  # the first that begins at or after the hit's end
        return first, ends[after] if after < len(starts) and ends[after] <= limit else limit


# The text last asked about, and its list of sentence ends or how often it was asked about (see sentence_bounds).
_recent: tuple[str | None, SentenceEnds | int] = (None, 0)
#: Asked about this often, a long text has the cost of its list estimated; see sentence_bounds.
_ESTIMATE_AFTER = 32


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``text[start:end]`` (at most 400 characters either side).

    A long text asked about often enough that finding all its sentence ends costs less than the windows
    would gets a :class:`SentenceEnds`, kept until another text is asked about.  Making the list costs
    about as much as a window per two dozen full stops and line breaks (a match is tried at each).

    >>> text = "Policies are introduced. A new product was introduced in Beijing today. Fine."
    >>> first, last = sentence_bounds(text, 44, 54)
    >>> text[first:last]
    ' A new product was introduced in Beijing today.'
    """
    global _recent  # one entry, replaced whole (so threads see either the old entry or the new)
    recent_text, known = _recent
    if recent_text is text:
        if isinstance(known, SentenceEnds):
            return known.bounds(start, end)
        known += 1
        if known == _ESTIMATE_AFTER:  # from here on, the count runs down to the moment the list pays
            known = -(text.count(".") + text.count("\n")) // 24
        if known == 0:
            index = SentenceEnds(text)
            _recent = (text, index)
            return index.bounds(start, end)
        _recent = (text, known)
    elif len(text) > 4 * REACH:
        _recent = (text, 1)
    return windowed_bounds(text, start, end)
