"""Find concepts from Chinese, pinyin or English, however the query is written.

An :class:`Index` maps match keys (see :mod:`nqp_terms.keys`) to the terms
that produce them, in three key spaces: Chinese, pinyin and English.  Exact
key hits answer in microseconds; near misses are offered as suggestions.

The tables hold positions (concept number, language, term number), not
records, so that the cache can store them and a lookup builds only the
concepts it touches.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from .keys import chinese_key, english_key
from .model import AmbiguousTerm, Concept, Language, Term, TermNotFound
from .pinyin import HAN, looks_like_pinyin, pinyin_key

Via = Literal["zh-Hans", "zh-Hant", "pinyin", "en"]
_STATUS_RANK = {"preferred": 0, "admitted": 1, "superseded": 2, "deprecated": 3}


@dataclass(frozen=True)
class Match:
    """A concept found by a query, and how: which term matched, in which language or notation.

    When the query was a deprecated rendering, :attr:`is_deprecated` is true
    and :attr:`use_instead` names the rendering to use.
    """

    concept: Concept
    term: Term
    language: Language
    via: Via
    query: str

    @property
    def is_deprecated(self) -> bool:
        return not self.term.is_approved

    @property
    def use_instead(self) -> str | None:
        """For a deprecated match, the approved rendering to use instead."""
        return self.term.use_instead if self.is_deprecated else None

    def __repr__(self) -> str:
        return (f"Match(concept={self.concept.id!r}, term={self.term.term!r}, "
                f"via={self.via!r}, status={self.term.status!r})")

    def __str__(self) -> str:
        headline = f"{self.concept.zh} ({self.concept.pinyin}) = {self.concept.en}  [{self.concept.id}]"
        if self.is_deprecated:
            return f"{headline}\n  {self.term.term!r} is a {self.term.status} rendering; use {self.use_instead!r}"
        return headline


@dataclass(frozen=True)
class _Entry:
    concept: Concept
    term: Term
    language: Language
    via: Via


IndexKey = tuple[str, str, int, str, int]
#: Key space -> match key -> the term it leads to, or a list of terms when several share the key.
#: A term is one int (see :func:`_position`): a 10,000-concept glossary has 40,000
#: keys, and the cache reads ints far faster than tuples.
Tables = dict[str, dict[str, "int | list[int]"]]

_LANGUAGE_NUMBERS: dict[str, int] = {"zh-Hans": 0, "zh-Hant": 1, "en": 2}
_NUMBERED_LANGUAGES: tuple[Language, ...] = ("zh-Hans", "zh-Hant", "en")


def _position(number: int, language: str, position: int) -> int:
    """Concept number, language and term number packed into one int (up to 4,096 terms per language)."""
    if position > 0xFFF:
        raise ValueError(f"concept {number} has more than 4,096 terms in {language}")
    return number << 14 | _LANGUAGE_NUMBERS[language] << 12 | position


def index_tables(concepts: Sequence[Concept]) -> Tables:
    """The lookup tables of ``concepts``; computing the keys is most of the cost of an :class:`Index`."""
    tables: Tables = {"zh": {}, "pinyin": {}, "en": {}}
    for space, key, number, language, position in index_keys(concepts):
        table, packed = tables[space], _position(number, language, position)
        found = table.get(key)
        if found is None:
            table[key] = packed
        elif isinstance(found, list):
            found.append(packed)
        else:
            table[key] = [found, packed]
    return tables


def index_keys(concepts: Sequence[Concept]) -> Iterator[IndexKey]:
    """Every lookup key of ``concepts``: (key space, key, concept index, language, term index).

    Lookup forms are indexed under the language's preferred term.
    """
    for number, concept in enumerate(concepts):
        for language, terms in concept.terms.items():
            for position, term in enumerate(terms):
                yield from _keys_of(term.term, term, number, language, position)
        for language, forms in concept.lookup_forms.items():
            target = concept.preferred(language)
            if target is not None:
                position = concept.terms[language].index(target)
                for form in forms:
                    yield from _keys_of(form, target, number, language, position)


def _keys_of(text: str, term: Term, number: int, language: Language, position: int) -> Iterator[IndexKey]:
    if language == "en":
        yield ("en", english_key(text), number, language, position)
        return
    yield ("zh", chinese_key(text), number, language, position)
    if term.pinyin and term.is_approved and text == term.term:
        yield ("pinyin", pinyin_key(term.pinyin), number, language, position)


class Index:
    """Lookup tables over a set of concepts, built once."""

    def __init__(self, concepts: Sequence[Concept], tables: Tables | None = None):
        self._concepts = concepts
        self._spaces = index_tables(concepts) if tables is None else tables

    def _entries(self, space: str, packed: int | list[int]) -> list[_Entry]:
        entries = []
        for code in packed if isinstance(packed, list) else (packed,):
            concept = self._concepts[code >> 14]
            language = _NUMBERED_LANGUAGES[code >> 12 & 3]
            via = cast(Via, "pinyin" if space == "pinyin" else language)
            entries.append(_Entry(concept, concept.terms[language][code & 0xFFF], language, via))
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
            from .hanzi import traditional_only

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
