"""Queries built from known terms: a longer phrase around a term, or a coordination in the other order.

Both work on match keys (:mod:`nqp_terms.text.keys`) and answer with the key
of the table that the query's part or reordering hits.

A **part** is the longest known term inside the query: any run of characters
of a Chinese key (two or more), or any run of two or more whole words of an
English key, so that "patient capitalism" does not reach "patient capital"
and "travel agent" does not reach the one-word "agent".

>>> table = {"内卷式竞争": 0, "patient capital": 1, "碳达峰碳中和": 2, "颠覆性技术和前沿技术": 3,
...          "ensure development and security": 4}
>>> longest_part("综合整治内卷式竞争", table, "zh")
'内卷式竞争'
>>> longest_part("foster patient capital", table, "en"), longest_part("patient capitalism", table, "en")
('patient capital', None)

A **shortening** is the other way round: the query is a run of three words
or more (three characters or more in Chinese) inside the terms of one concept only, as
"Greater Bay Area" is inside "Guangdong-Hong Kong-Macao Greater Bay Area":

>>> shortened_in("greater bay area", ["guangdong hong kong macao greater bay area", "patient capital"], "en")
['guangdong hong kong macao greater bay area']

A **reordering** swaps the two halves of a coordination, around 和, 与, 及 or
"and", or two terms written side by side:

>>> reordered("前沿技术和颠覆性技术", table, "zh"), reordered("碳中和碳达峰", table, "zh")
('颠覆性技术和前沿技术', '碳达峰碳中和')
>>> reordered("ensure security and development", table, "en")
'ensure development and security'
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator

_CHINESE_CONJUNCTIONS = "和与及同"
#: Parts and halves shorter than this are not terms worth answering with.
_SHORTEST_CHINESE = 2
_SHORTEST_ENGLISH_WORDS = 2
_SHORTEST_SHORTENING = 3
#: A query longer than this is a sentence, not a lookup: parts are searched only in its first characters.
_LONGEST_QUERY = 200


def longest_part(key: str, table: Container[str], space: str) -> str | None:
    """The longest key of ``table`` inside ``key`` (leftmost among equals), other than ``key`` itself."""
    if space == "zh":
        text = key[:_LONGEST_QUERY]
        for length in range(len(text) - 1, _SHORTEST_CHINESE - 1, -1):
            for start in range(len(text) - length + 1):
                if text[start:start + length] in table:
                    return text[start:start + length]
        return None
    words = key.split()[:_LONGEST_QUERY // 4]
    for length in range(len(words) - 1, _SHORTEST_ENGLISH_WORDS - 1, -1):
        for start in range(len(words) - length + 1):
            part = " ".join(words[start:start + length])
            if part in table:
                return part
    return None


def shortened_in(key: str, keys: Iterable[str], space: str) -> list[str]:
    """The keys in ``keys`` that contain ``key`` as a run of whole words (English) or characters (Chinese)."""
    if space == "zh":
        if len(key) < _SHORTEST_SHORTENING:
            return []
        return [k for k in keys if key in k and k != key]
    if len(key.split()) < _SHORTEST_SHORTENING:
        return []
    padded = f" {key} "
    return [k for k in keys if key in k and padded in f" {k} " and k != key]


def reordered(key: str, table: Container[str], space: str) -> str | None:
    """The key of ``table`` that ``key`` becomes with the halves of its coordination swapped, if any."""
    if len(key) > _LONGEST_QUERY:
        return None
    if space == "zh":
        candidates: Iterator[str] = (
            "".join(parts) for parts in _swaps(list(key), set(_CHINESE_CONJUNCTIONS), _SHORTEST_CHINESE, "和与"))
        side_by_side = (key[k:] + key[:k] for k in range(3, len(key) - 2))
        return next((c for c in (*candidates, *side_by_side) if c != key and c in table), None)
    words = key.split()
    return next((c for c in (" ".join(w) for w in _swaps(words, {"and", "&"}, 1, ("and",)))
                 if c != key and c in table), None)


def _swaps(units: list[str], conjunctions: set[str], shortest: int,
           joiners: tuple[str, ...] | str) -> Iterator[list[str]]:
    """``units`` as prefix + A + conjunction + B + suffix, rewritten prefix + B + conjunction + A + suffix."""
    for at, unit in enumerate(units):
        if unit not in conjunctions:
            continue
        left, right = units[:at], units[at + 1:]
        for cut in range(0, len(left) - shortest + 1):
            prefix, first = left[:cut], left[cut:]
            for end in range(shortest, len(right) + 1):
                second, suffix = right[:end], right[end:]
                for joiner in dict.fromkeys((unit, *joiners)):
                    yield [*prefix, *second, joiner, *first, *suffix]
