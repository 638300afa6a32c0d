"""The glossary terms of a Chinese source segment, longest first, and the terms inside each.

A source is matched leftmost-longest on Chinese match keys (Simplified or
Traditional, however spaced, quoted or written in full-width signs), so
因地制宜发展新质生产力 is one term, not 新质生产力 with words around it.
Each term also knows its **components**: the shorter glossary terms inside
it, which the check falls back to when the long term's rendering is absent.

>>> import nqp_terms
>>> terms = SourceTerms(nqp_terms.load())
>>> [(t.key, t.start, t.end) for t in terms.find("要因地制宜发展新质生产力")]
[('因地制宜发展新质生产力', 1, 12)]
>>> terms.components("因地制宜发展新质生产力")
['因地制宜', '新质生产力']
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import compress
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..glossary import Glossary
from ..termbase.model import Concept
from ..text.keys import chinese_key, fold_operators
from ..text.normalize import CHINESE_STEPS, normalize_mapped


@dataclass(frozen=True)
class SourceTerm:
    """A glossary term found in a source: its key, the concepts it names, and its span in the source."""

    key: str
    concepts: tuple[Concept, ...]
    start: int
    end: int


#: Between sources checked in one pass: a private-use character, kept in key text and in no term.
_SEPARATOR = "\ue000"


class _Kept(dict[str, bool]):
    """Whether a character stays in key text (see :func:`~nqp_terms.text.keys.chinese_key`), remembered."""

    def __missing__(self, character: str) -> bool:
        kept = self[character] = character in "+×" or unicodedata.category(character)[0] not in "PZS"
        return kept


_kept = _Kept()


class SourceTerms:
    """Chinese term keys of a glossary, as automata: leftmost-longest for sources, overlapping for components."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary

    @cached_property
    def _keys(self) -> dict[str, tuple[Concept, ...]]:
        keys: dict[str, list[Concept]] = {}
        for concept in self.glossary:
            for text in self._chinese_forms(concept):
                key = chinese_key(text)
                if key and concept not in keys.setdefault(key, []):
                    keys[key].append(concept)
        return {key: tuple(concepts) for key, concepts in keys.items()}

    @staticmethod
    def _chinese_forms(concept: Concept) -> Iterable[str]:
        for language in ("zh-Hans", "zh-Hant"):
            for term in concept.in_language(language):  # type: ignore[arg-type]
                yield term.term
        yield from concept.lookup_forms.get("zh-Hans", ())

    @cached_property
    def _automata(self) -> tuple[Any, Any, list[str]]:
        import ahocorasick_rs

        patterns = list(self._keys)
        longest = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        every = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
        return longest, every, patterns

    def find(self, source: str) -> list[SourceTerm]:
        """The terms of ``source``, leftmost-longest, with their spans in it."""
        return [SourceTerm(key, self._keys[key], start, end) for key, start, end in self._spans(source)]

    def _spans(self, source: str) -> list[tuple[str, int, int]]:
        # Keys drop spaces and quotes: keep Han, letters, digits and operators, with a map back to the source.
        mapped = normalize_mapped(source, steps=CHINESE_STEPS)
        folded = fold_operators(mapped.text)
        kept = list(compress(range(len(folded)), map(_kept.__getitem__, folded)))
        # One character for one (İ lower-cases to two), so that key offsets index ``kept``.  Lower-casing
        # never drops a character, so when the whole text keeps its length every character stayed one; the
        # one character lower() treats by its context, Σ (ς at the end of a word, σ elsewhere), is lowered
        # alone as before.
        key_text = "".join(map(folded.__getitem__, kept))
        lowered = key_text.lower()
        if len(lowered) == len(key_text) and "Σ" not in key_text:
            key_text = lowered
        else:
            key_text = "".join(c.lower() if len(c.lower()) == 1 else c for c in key_text)
        longest, _, patterns = self._automata
        starts, ends = mapped.starts, mapped.ends
        return [(patterns[number], starts[kept[start]], ends[kept[end - 1]])
                for number, start, end in longest.find_matches_as_indexes(key_text)]

    def find_many(self, sources: list[str]) -> list[list[SourceTerm]]:
        """:meth:`find` for each of ``sources``, in one pass over them all (spans are in each source)."""
        if len(sources) == 1:
            return [self.find(sources[0])]
        # The separator is kept in the key text and is in no key, so no term spans two sources.
        offsets, position = [], 0
        for source in sources:
            offsets.append(position)
            position += len(source) + len(_SEPARATOR)
        found: list[list[SourceTerm]] = [[] for _ in sources]
        keys = self._keys
        for key, start, end in self._spans(_SEPARATOR.join(sources)):
            number = bisect_right(offsets, start) - 1
            shift = offsets[number]
            found[number].append(SourceTerm(key, keys[key], start - shift, end - shift))
        return found

    def components(self, key: str) -> list[str]:
        """The glossary terms inside the term ``key``, leftmost-longest, without ``key`` itself."""
        found = self._components.get(key)
        return self._components_of(key) if found is None else found

    @cached_property
    def _components(self) -> dict[str, list[str]]:
        return {}

    def _components_of(self, key: str) -> list[str]:
        _, every, patterns = self._automata
        inner = sorted(((start, -(end - start), patterns[number])
                        for number, start, end in every.find_matches_as_indexes(key, overlapping=True)
                        if end - start < len(key)))
        chosen: list[str] = []
        reached = 0
        for start, minus_length, pattern in inner:
            if start >= reached:
                chosen.append(pattern)
                reached = start - minus_length
        self._components[key] = chosen
        return chosen

    def concepts_of(self, key: str) -> tuple[Concept, ...]:
        return self._keys[key]
