"""Typo correction for lookup: the one term a mistyped query most likely meant.

A correction is offered only when it is close and unambiguous:

- **English**: at most one edit (a letter wrong, missing, doubled, or two
  letters swapped) in a key of up to seven letters, two in a longer one, with
  the same number of words; every changed word keeps its first letter, a word
  of three letters or fewer changes only inside a phrase of three words or
  more, and a word the glossary itself uses is taken as meant ("common
  property" is not a typo of "common prosperity").
- **Chinese**: the same number of characters, one of them replaced (two in a
  term of eight or more) by a character with the same reading, as a pinyin
  input method does (新制生产力 for 新质生产力).

When two concepts are equally close, nothing is corrected and both are
returned as candidates.

>>> import nqp_terms
>>> from nqp_terms.text.keys import english_key
>>> corrector = TypoCorrector(nqp_terms.load()._index._spaces)
>>> [c.key for c in corrector.candidates("en", english_key("patiemt capital"))]
['patient capital']
>>> corrector.candidates("en", english_key("common property"))
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from ..text.pinyin import homophones

#: Below this length a key is not corrected: too many real words are one edit from a short term.
_SHORTEST = 4


@dataclass(frozen=True)
class Candidate:
    """A table key the query may have meant, and how many edits away it is."""

    key: str
    distance: int


class TypoCorrector:
    """Near keys of a query in the lookup tables (see the module docstring for the rules)."""

    def __init__(self, spaces: Mapping[str, Mapping[str, object]]):
        self._spaces = spaces

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        """Every word of every English key: a query word the glossary uses is not a typo."""
        return frozenset(word for key in self._spaces["en"] for word in key.split())

    @cached_property
    def _chinese_by_length(self) -> dict[int, list[str]]:
        by_length: dict[int, list[str]] = {}
        for key in self._spaces["zh"]:
            by_length.setdefault(len(key), []).append(key)
        return by_length

    def candidates(self, space: str, key: str) -> list[Candidate]:
        """Keys of ``space`` that ``key`` may be a typo of, nearest first."""
        if len(key) < _SHORTEST or key in self._spaces.get(space, {}):
            return []
        if space == "en":
            return self._english(key)
        if space == "zh":
            return self._chinese(key)
        return []

    def _english(self, key: str) -> list[Candidate]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        allowed = 1 if len(key) <= 7 else 2
        words = key.split()
        found = []
        for choice, distance, _ in process.extract(key, self._spaces["en"].keys(), scorer=OSA.distance,
                                                   score_cutoff=allowed, limit=20):
            if self._plausible_english(words, choice.split()):
                found.append(Candidate(choice, int(distance)))
        return sorted(found, key=lambda c: (c.distance, c.key))

    def _plausible_english(self, typed: list[str], meant: list[str]) -> bool:
        from rapidfuzz.distance import OSA

        if len(typed) != len(meant):
            return False
        for word, target in zip(typed, meant):
            if word == target:
                continue
            if word in self._vocabulary or word[0] != target[0]:
                return False
            if len(target) <= 3 and len(typed) < 3:
                return False
            if OSA.distance(word, target) > (1 if len(target) <= 5 else 2):
                return False
        return True

    def _chinese(self, key: str) -> list[Candidate]:
        allowed = 2 if len(key) >= 8 else 1
        found = []
        for choice in self._chinese_by_length.get(len(key), ()):
            changed = [(a, b) for a, b in zip(key, choice) if a != b]
            if len(changed) <= allowed and all(homophones(a, b) for a, b in changed):
                found.append(Candidate(choice, len(changed)))
        return sorted(found, key=lambda c: (c.distance, c.key))
