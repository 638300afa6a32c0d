"""Simplified and Traditional characters, through OpenCC.

OpenCC converts by phrase, not by character, and the two scripts are not in
one-to-one correspondence (后 stands for both 后 and 後).  So a character is
reported as belonging to the wrong script only when the phrase-level
conversion changes it *and* the character on its own is unambiguous.

>>> to_simplified("新質生產力")
'新质生产力'
>>> traditional_only("新質生产力")
['質']
>>> simplified_only("新質生产力")
['产']
>>> simplified_only("皇后")   # 后 is also the Traditional character for "empress"
[]
>>> simplified_only("碳達峰")  # 峰 is the Taiwan standard, 峯 the generic one
[]
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _converter(config: str) -> Any:
    import opencc  # deferred: only Chinese normalisation and validation need it

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert Traditional characters in ``text`` to Simplified (OpenCC ``t2s``)."""
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    """Convert Simplified characters in ``text`` to Traditional (OpenCC ``s2t``)."""
    return _converter("s2t").convert(text)


@cache
def _is_traditional_only(character: str) -> bool:
    return to_simplified(character) != character


@cache
def _is_simplified_only(character: str) -> bool:
    # Every Traditional standard (OpenCC's generic, Taiwan and Hong Kong tables)
    # must replace it: 峰 is standard in Taiwan though the generic table
    # prefers 峯, and 台 is standard in Hong Kong.
    return to_simplified(character) == character and all(
        _converter(config).convert(character) != character for config in ("s2t", "s2tw", "s2hk"))


def traditional_only(text: str) -> list[str]:
    """Characters of ``text`` that a Simplified text would not use."""
    converted = to_simplified(text)
    if converted == text:
        return []
    if len(converted) != len(text):
        converted = "".join(to_simplified(c) for c in text)
    return [c for c, s in zip(text, converted) if c != s and _is_traditional_only(c)]


def simplified_only(text: str) -> list[str]:
    """Characters of ``text`` that a Traditional text would not use."""
    converted = to_traditional(text)
    if converted == text:
        return []
    if len(converted) != len(text):
        converted = "".join(to_traditional(c) for c in text)
    return [c for c, t in zip(text, converted) if c != t and _is_simplified_only(c)]
