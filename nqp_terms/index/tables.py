"""Lookup tables: every match key of a glossary's terms, in three key spaces (Chinese, pinyin, English).

The tables hold positions (concept number, language, term number), not
records, so that the cache can store them and a lookup builds only the
concepts it touches.

>>> from nqp_terms.termbase.model import Concept, Term
>>> concept = Concept(id="niubizi", subject_fields=("set-phrases",), terms={
...     "zh-Hans": (Term(term="牛鼻子", status="preferred", pinyin="niúbízi"),),
...     "en": (Term(term="crux", status="preferred", unsourced=True),)})
>>> tables = index_tables([concept])
>>> sorted(tables["zh"]), sorted(tables["pinyin"]), sorted(tables["en"])
(['牛鼻子'], ['niubizi'], ['crux'])
>>> unpack(tables["en"]["crux"])
(0, 'en', 0)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..termbase.model import Concept, Language, Term
from ..text.keys import chinese_key, english_key
from ..text.pinyin import pinyin_key

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


def unpack(packed: int) -> tuple[int, Language, int]:
    """The concept number, language and term number that :func:`_position` packed into one int."""
    return packed >> 14, _NUMBERED_LANGUAGES[packed >> 12 & 3], packed & 0xFFF
