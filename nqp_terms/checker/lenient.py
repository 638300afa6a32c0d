"""Renderings a translator inflected, reordered or wrapped in determiners: found all the same.

The linter finds a rendering as written ("new quality productive forces").
A translation may say "New quality productive forces should be developed",
"develop new quality productive forces in line with local conditions" or
"trade-in programs for consumer goods" for "consumer goods trade-in".  Here a
rendering counts as present when each of its content words (not "the", "of",
"and" ...) appears in the target in some inflected form, in any order, within
a short stretch of words (its own length and four more, one more for a
rendering of two content words).  A rendering of four content words or more may lack
three in ten of them ("Yangtze Economic Belt" for "Yangtze River Economic
Belt").

Two words are forms of one another when one is the other with an English
ending added or changed: they share all but the last three letters of the
longer word, and at least five letters (develop, developing, development;
region, regional; socialist, socialism).  A word of four letters or fewer
takes only a plural or -ed/-ing ending (good, goods; use, used).

>>> rendering = LenientRendering("new quality productive forces")
>>> rendering.found_in(Words("New quality productive forces should be developed"))
True
>>> LenientRendering("consumer goods trade-in").found_in(Words("trade-in programs for consumer goods"))
True
>>> LenientRendering("patient capital").found_in(Words("Cultivate and expand capital."))
False
"""

from __future__ import annotations

import re
from bisect import bisect_left

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
#: Words a translator adds, drops or moves freely: they are not what makes a rendering.
_FUNCTION_WORDS = frozenset("""
a an the of and or in on at to for by with from as into onto over under about its their our this that these those
is are be been being was were will shall should must can may
""".split())
_ENDINGS = ("s", "es", "d", "ed", "ing", "'s")
#: How many words a rendering may spread over, beyond its own length: few for a two-word rendering,
#: so that "the Chinese nation through modernization" is not "Chinese modernization".
_SLACK, _SLACK_FOR_TWO = 4, 1


def same_word(first: str, second: str) -> bool:
    """Whether two lower-case words are forms of one word (see the module docstring).

    >>> same_word("develop", "development"), same_word("regions", "regional"), same_word("economy", "ecology")
    (True, True, False)
    >>> same_word("good", "goods"), same_word("use", "used"), same_word("city", "cities"), same_word("use", "us")
    (True, True, True, False)
    """
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= 5:
        return longer.startswith(shorter[:max(5, len(longer) - 3)])
    rest = longer[len(shorter):]
    if longer.startswith(shorter):
        return rest in _ENDINGS
    stem = shorter[:-1]
    return longer.startswith(stem) and (shorter[-1], longer[len(stem):]) in (("y", "ies"), ("e", "ing"))


class Words:
    """The words of a target text, lower-cased, found by their first three letters."""

    def __init__(self, text: str):
        self.words = words = _WORD.findall(text.lower())
        by_head: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            found = by_head.get(word[:3])
            if found is None:
                by_head[word[:3]] = [position]
            else:
                found.append(position)
        self._by_head = by_head

    def positions_of(self, word: str) -> list[int]:
        """Positions of the forms of ``word`` in the text, in order."""
        found = self._by_head.get(word[:3])
        if not found:
            return []
        words = self.words
        return [p for p in found if same_word(word, words[p])]


class LenientRendering:
    """An approved rendering as content words, to be found in a target however it is inflected or ordered."""

    def __init__(self, rendering: str):
        words = [w for w in _WORD.findall(rendering.lower()) if w not in _FUNCTION_WORDS]
        self.content = tuple(dict.fromkeys(words))
        count = len(self.content)
        self.needed = -(-count * 7 // 10) if count >= 4 else count  # 70%, rounded up, of four or more
        self.reach = len(_WORD.findall(rendering)) + (_SLACK if len(self.content) > 2 else _SLACK_FOR_TWO)

    def found_in(self, words: Words) -> bool:
        return self.span_in(words) is not None

    def span_in(self, words: Words) -> tuple[int, int] | None:
        """The first and last word positions of the rendering in ``words``, or ``None``."""
        if not self.content:
            return None
        heads = words._by_head
        if sum(1 for w in self.content if w[:3] in heads) < self.needed:
            return None  # not enough content words even by their first letters
        occurrences = [words.positions_of(w) for w in self.content]
        present = sum(1 for o in occurrences if o)
        if present < self.needed:
            return None
        # Each occurrence of a content word anchors a window; enough content words must fall inside one.
        for anchor in sorted(p for o in occurrences for p in o):
            inside = [o[i] for o in occurrences if o and (i := bisect_left(o, anchor)) < len(o)
                      and o[i] < anchor + self.reach]
            if len(inside) >= self.needed:
                return anchor, max(inside)
        return None
