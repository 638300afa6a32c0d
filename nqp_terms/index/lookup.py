"""Find concepts from Chinese, pinyin or English, however the query is written.

An :class:`Index` maps match keys (see :mod:`nqp_terms.text.keys`) to the terms
that produce them, in three key spaces: Chinese, pinyin and English
(:mod:`nqp_terms.index.tables`).  Exact key hits answer in microseconds; near
misses are offered as suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from ..termbase.model import AmbiguousTerm, Concept, Language, Term, TermNotFound
from ..text.keys import chinese_key, english_key
from ..text.pinyin import HAN, looks_like_pinyin, pinyin_key
from .match import Match, Via
from .tables import Tables, index_tables, unpack

_STATUS_RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3}


@dataclass(frozen=True)
class _Entry:
    concept: Concept
    term: Term
    language: Language
    via: Via


class Index:
    """Lookup tables over a set of concepts, built once."""

    def __init__(self, concepts: Sequence[Concept], tables: Tables | None = None):
        self._concepts = concepts
        self._spaces = index_tables(concepts) if tables is None else tables

    def _entries(self, space: str, packed: int | list[int]) -> list[_Entry]:
        entries = []
        for code in packed if isinstance(packed, list) else (packed,):
            number, language, position = unpack(code)
            concept = self._concepts[number]
            via = cast(Via, "pinyin" if space == "pinyin" else language)
            entries.append(_Entry(concept, concept.terms[language][position], language, via))
        return entries

    def _spaces_for(self, query: str) -> list[tuple[str, str]]:
        """The key spaces a query can hit, with its key in each, most likely first."""
        if HAN.search(query):
            return [("zh", chinese_key(query))]
        spaces = [("en", english_key(query))]
        if looks_like_pinyin(query):
            spaces.append(("pinyin", pinyin_key(query)))
        return spaces

    def find(self, query: str) -> Match | None:
        """The match for ``query``, ``None`` if nothing matches; raises :class:`AmbiguousTerm`."""
        if not isinstance(query, str) or not query.strip():
            raise ValueError(f"a lookup query must be a non-empty string, not {query!r}")
        for space, key in self._spaces_for(query):
            packed = self._spaces[space].get(key)
            if packed is not None:
                return self._resolve(query, self._entries(space, packed))
        return None

    def _resolve(self, query: str, entries: list[_Entry]) -> Match:
        best = min(_STATUS_RANK[e.term.status] for e in entries)
        # An approved reading wins over a deprecated one that normalises alike.
        strongest = [e for e in entries if (_STATUS_RANK[e.term.status] <= 1) == (best <= 1)]
        concepts = sorted({e.concept.id for e in strongest})
        if len(concepts) > 1:
            raise AmbiguousTerm(query, tuple(concepts))
        entry = min(strongest, key=lambda e: (_STATUS_RANK[e.term.status], e.via == "zh-Hant"))
        via = entry.via
        if via in ("zh-Hans", "zh-Hant"):
            from ..text.hanzi import traditional_only

            via = "zh-Hant" if traditional_only(query) else "zh-Hans"
            if via == "zh-Hant" and entry.language == "zh-Hans":
                hant = entry.concept.preferred("zh-Hant")
                entry = _Entry(entry.concept, hant, "zh-Hant", via) if hant else entry
        return Match(entry.concept, entry.term, entry.language, via, query)

    def suggestions(self, query: str, limit: int = 5) -> tuple[str, ...]:
        """Terms within a small edit distance of ``query``: one-letter or one-character typos."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        found: list[tuple[int, str]] = []
        for space, key in self._spaces_for(query):
            if not key:
                continue
            table = self._spaces[space]
            allowed = 1 if len(key) <= 6 else 2
            for choice, distance, _ in process.extract(key, list(table), scorer=Levenshtein.distance,
                                                       score_cutoff=allowed, limit=limit):
                entry = self._entries(space, table[choice])[0]
                shown = entry.term.term if space != "pinyin" else f"{entry.term.pinyin} ({entry.term.term})"
                found.append((int(distance), shown))
        unique = list(dict.fromkeys(text for _, text in sorted(found)))
        return tuple(unique[:limit])

    def search(self, text: str, limit: int = 20) -> list[Match]:
        """Concepts with a term that starts with or contains ``text``, exact hits first."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"a search text must be a non-empty string, not {text!r}")
        ranked: list[tuple[tuple[int, int, int], _Entry]] = []
        for space, key in self._spaces_for(text):
            if not key:
                continue
            for candidate, packed in self._spaces[space].items():
                found = candidate.find(key)
                if found < 0:
                    continue
                closeness = 0 if candidate == key else (1 if found == 0 else 2)
                for entry in self._entries(space, packed):
                    ranked.append(((closeness, _STATUS_RANK[entry.term.status], len(candidate)), entry))
        ranked.sort(key=lambda item: (item[0], item[1].concept.id))
        seen: set[str] = set()
        results: list[Match] = []
        for _, entry in ranked:
            if entry.concept.id not in seen:
                seen.add(entry.concept.id)
                results.append(Match(entry.concept, entry.term, entry.language, entry.via, text))
                if len(results) == limit:
                    break
        return results

    def lookup(self, query: str) -> Match:
        """Like :meth:`find`, but raises :class:`TermNotFound` (with suggestions) instead of returning ``None``."""
        match = self.find(query)
        if match is None:
            raise TermNotFound(query, self.suggestions(query))
        return match
