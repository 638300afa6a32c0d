"""Match keys: the forms under which terms are indexed and compared.

A key forgets what does not distinguish two terms: case, quotes, hyphens and
dashes, spacing, British or American spelling, a leading article, and plural
endings.  Both the glossary's terms and the user's query go through the same
function, so an imperfect singular ("process" stays "process") is harmless.

>>> english_key("The New-Quality Productive Forces")
'new quality productive force'
>>> english_key("“bull nose”") == english_key("Bull-noses")
True
>>> english_key("industries of the future") == english_key("industry of the future")
True
>>> chinese_key("「揭榜掛帥」") == chinese_key("揭榜 挂帅")
True

The operators of coined terms are part of them:

>>> english_key("AI+") == english_key("AI"), chinese_key("数据要素×") == chinese_key("数据要素")
(False, False)

Full-width and ASCII operators fold to one key and are never dropped, and a
Latin x typed after a Chinese word stands for the multiplication sign:

>>> chinese_key("人工智能＋") == chinese_key("人工智能+") != chinese_key("人工智能")
True
>>> chinese_key("数据要素X") == chinese_key("数据要素×")
True
"""

from __future__ import annotations

import re
import unicodedata

from .lazy_regex import LazyRegex
from .normalize import normalize
from .plurals import singular

_ARTICLE = re.compile(r"^(?:the|a|an) ")
# Anything that is not a letter, digit or apostrophe separates words in a key,
# except the operators of coined terms (AI+, Data Elements ×), which are words.
_OPERATORS = re.compile(r"([+×])")
_SEPARATORS = re.compile(r"[^\w'+×]+|_")
_POSSESSIVE = re.compile(r"'s?\b|'")


def english_key(text: str) -> str:
    """The lookup key of an English term or query."""
    canonical = normalize(text, lang="en")
    canonical = _POSSESSIVE.sub("", canonical)
    words = _SEPARATORS.sub(" ", _OPERATORS.sub(r" \1 ", canonical)).split()
    phrase = _ARTICLE.sub("", " ".join(words))
    return " ".join(singular(w) for w in phrase.split())


# Full-width and look-alike forms of the operators of coined terms (人工智能＋, 数据要素✕).
_CHINESE_OPERATORS = str.maketrans({"＋": "+", "✕": "×", "✖": "×", "＊": "×"})
_CHINESE_OPERATOR = re.compile("[＋✕✖＊]")
# "数据要素X": a Latin x straight after a Chinese character, not part of a Latin word, is typed for ×.
_LATIN_TIMES = LazyRegex(r"(?<=[\u3400-\u9fff])[xX](?![A-Za-z])")


def fold_operators(text: str) -> str:
    """Full-width and look-alike operators of coined terms as the keys write them; the length is kept.

    >>> fold_operators("开展“人工智能＋”行动，数据要素X")
    '开展“人工智能+”行动，数据要素×'
    """
    if not text.isascii() and _CHINESE_OPERATOR.search(text):  # translate looks up every character: slow
        text = text.translate(_CHINESE_OPERATORS)
    return _LATIN_TIMES.sub("×", text) if "x" in text or "X" in text else text


def chinese_key(text: str) -> str:
    """The lookup key of a Chinese term or query: Simplified, without spaces or punctuation."""
    canonical = fold_operators(normalize(text, lang="zh"))
    return "".join(c for c in canonical if c in "+×" or unicodedata.category(c)[0] not in "PZS").lower()
