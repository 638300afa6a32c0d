"""Find concepts from Chinese, pinyin or English, however the query is written.

An :class:`Index` maps match keys (see :mod:`nqp_terms.text.keys`) to the terms
that produce them, in three key spaces: Chinese, pinyin and English
(:mod:`nqp_terms.index.tables`).  Exact key hits answer in microseconds.

When the whole query is no term, :meth:`Index.find` tries, in order: the
halves of a coordination swapped (前沿技术和颠覆性技术), a typo corrected
(only with ``corrections=True``: the strict API never guesses), the longest
known term inside the query (加快发展新质生产力), and a run of words found in
the terms of one concept only (Greater Bay Area).  The
:class:`~nqp_terms.index.match.Match` says which (``how``) and what matched
(``matched_text``).  Near misses are offered as suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from ..termbase.model import AmbiguousTerm, Concept, Language, Term, TermNotFound
from ..text.keys import chinese_key, english_key
from ..text.pinyin import HAN, looks_like_pinyin, pinyin_key
from .compose import Composition, compose
from .match import How, Match, Via
from .parts import longest_part, reordered, shortened_in
from .tables import Tables, index_tables, unpack
from .typos import TypoCorrector

_SEARCH_RANKS: tuple[How, ...] = ("exact", "prefix", "substring", "part", "fuzzy")
_STATUS_RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3}


@dataclass(frozen=True)
class _Entry:
    concept: Concept
    term: Term
    language: Language
    via: Via


class _Answerable:
    """The keys of one space that may answer for part of a query: not an everyday word or a guarded calque.

    English parts are two words or more (see :mod:`nqp_terms.index.parts`); a
    deprecated rendering that the linter only flags in context is ordinary
    English and does not answer on its own.
    """

    def __init__(self, index: Index, space: str):
        self._index, self._space, self._table = index, space, index._spaces[space]

    def __contains__(self, key: object) -> bool:
        packed = self._table.get(key)  # type: ignore[call-overload]
        if packed is None:
            return False
        return any(e.term.is_approved or (e.term.match.when == "anywhere" and not e.term.match.context)
                   for e in self._index._entries(self._space, packed))


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

    def find(self, query: str, *, corrections: bool = False) -> Match | None:
        """The match for ``query``, ``None`` if nothing matches; raises :class:`AmbiguousTerm`.

        With ``corrections``, a query one or two typing mistakes from exactly one
        concept's term finds it (``how == "corrected"``); see :mod:`nqp_terms.index.typos`.
        """
        if not isinstance(query, str) or not query.strip():
            raise ValueError(f"a lookup query must be a non-empty string, not {query!r}")
        spaces = self._spaces_for(query)
        for space, key in spaces:
            packed = self._spaces[space].get(key)
            if packed is not None:
                return self._resolve(query, self._entries(space, packed))
        worded = [(space, key) for space, key in spaces if space != "pinyin" and key]
        for space, key in worded:
            swapped = reordered(key, self._spaces[space], space)
            if swapped is not None:
                return self._resolve(query, self._entries(space, self._spaces[space][swapped]), "reordered")
        if corrections:
            corrected = self.correction(query)
            if corrected is not None:
                return corrected
        # A Chinese query that opens exactly one concept's term (稳外贸 of 稳外贸稳外资, 结构性货币政策 of
        # 结构性货币政策工具) names that term without its last words; the shorter term found inside the
        # query (外贸, 货币政策) would drop the words that make it specific.
        containing: dict[str, list[str]] = {}  # space -> the keys holding the query (one scan of the table)
        for space, key in worded:
            if space == "zh":
                containing[space] = shortened_in(key, self._spaces[space], space)
                opening = self._shortened(space, key, [k for k in containing[space] if k.startswith(key)])
                if opening is not None:
                    return opening
        for space, key in worded:
            part = longest_part(key, _Answerable(self, space), space)
            if part is not None:
                return self._resolve(query, self._entries(space, self._spaces[space][part]), "part")
        for space, key in worded:
            keys = containing[space] if space in containing else shortened_in(key, self._spaces[space], space)
            shortened = self._shortened(space, key, keys)
            if shortened is not None:
                return shortened
        return None

    def compose(self, query: str) -> Composition | None:
        """A draft rendering of a Chinese phrase made of known terms (:mod:`nqp_terms.index.compose`)."""
        if not isinstance(query, str) or not HAN.search(query):
            return None
        table = self._spaces["zh"]

        def term_at(key: str) -> tuple[str, str] | None:
            packed = table.get(key)
            if packed is None:
                return None
            concepts = {e.concept.id: e.concept for e in self._entries("zh", packed) if e.term.is_approved}
            if len(concepts) != 1:
                return None  # unknown, only a calque, or ambiguous: no draft rests on it
            concept = next(iter(concepts.values()))
            english = concept.preferred("en")
            return (concept.id, english.term) if english is not None else None

        return compose(query, term_at, chinese_key)

    def _shortened(self, space: str, key: str, keys: list[str]) -> Match | None:
        """The one concept whose approved terms are among ``keys`` (those containing the query), as "Greater
        Bay Area" is a shortened name; ``None`` when there are none or several."""
        table = self._spaces[space]
        entries = [e for k in keys for e in self._entries(space, table[k]) if e.term.is_approved]
        if len({e.concept.id for e in entries}) != 1:
            return None
        return Match(entries[0].concept, entries[0].term, entries[0].language, entries[0].via, key, "shortened",
                     entries[0].term.term)

    def correction(self, query: str) -> Match | None:
        """The concept a mistyped ``query`` meant, when exactly one concept is that close; else ``None``."""
        for space, key in self._spaces_for(query):
            candidates = self._corrector.candidates(space, key)
            if not candidates:
                continue
            nearest = [c for c in candidates if c.distance == candidates[0].distance]
            entries = [e for c in nearest for e in self._entries(space, self._spaces[space][c.key])]
            if len({e.concept.id for e in entries}) == 1:
                return self._resolve(query, entries, "corrected")
            return None
        return None

    @cached_property
    def _corrector(self) -> TypoCorrector:
        return TypoCorrector(self._spaces)

    def _resolve(self, query: str, entries: list[_Entry], how: How = "exact") -> Match:
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
        return Match(entry.concept, entry.term, entry.language, via, query, how,
                     None if how == "exact" else entry.term.term)

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
        """Concepts whose terms match ``text``, best first, each saying why (:attr:`Match.how`).

        The ranks: ``exact`` (a whole term), ``prefix`` (a term starts with the
        text), ``substring`` (a term contains it), ``part`` (the text contains a
        known term) and ``fuzzy`` (a term one or two typing mistakes away);
        within a rank, approved terms before deprecated ones, shorter before longer.
        """
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"a search text must be a non-empty string, not {text!r}")
        ranked: list[tuple[tuple[int, int, int], _Entry, How, str]] = []

        def add(rank: How, space: str, candidate: str) -> None:
            for entry in self._entries(space, self._spaces[space][candidate]):
                order = (_SEARCH_RANKS.index(rank), _STATUS_RANK[entry.term.status], len(candidate))
                ranked.append((order, entry, rank, candidate))

        for space, key in self._spaces_for(text):
            if not key:
                continue
            for candidate in self._spaces[space]:
                found = candidate.find(key)
                if found >= 0:
                    add("exact" if candidate == key else "prefix" if found == 0 else "substring", space, candidate)
            if space != "pinyin":
                part = longest_part(key, _Answerable(self, space), space)
                if part is not None:
                    add("part", space, part)
            for near in self._corrector.candidates(space, key):
                add("fuzzy", space, near.key)
        ranked.sort(key=lambda item: (item[0], item[1].concept.id))
        seen: set[str] = set()
        results: list[Match] = []
        for _, entry, how, _candidate in ranked:
            if entry.concept.id not in seen:
                seen.add(entry.concept.id)
                results.append(Match(entry.concept, entry.term, entry.language, entry.via, text, how,
                                     None if how == "exact" else entry.term.term))
                if len(results) == limit:
                    break
        return results

    def lookup(self, query: str, *, corrections: bool = False) -> Match:
        """Like :meth:`find`, but raises :class:`TermNotFound` (with suggestions) instead of returning ``None``."""
        match = self.find(query, corrections=corrections)
        if match is None:
            raise TermNotFound(query, self.suggestions(query))
        return match
