"""Pinyin: search keys, and checking a stored reading against its characters.

Stored pinyin carries tone marks (``xīnzhì shēngchǎnlì``).  People type it with
tone numbers, without tones, with ``v`` or ``u:`` for ``ü``; all of these
reduce to one toneless key:

>>> pinyin_key("xīnzhì shēngchǎnlì")
'xinzhishengchanli'
>>> pinyin_key("xin1 zhi4 sheng1 chan3 li4")
'xinzhishengchanli'
>>> pinyin_key("lǜsè") == pinyin_key("lu:4 se4") == pinyin_key("lvse")
True

Checking a reading needs pypinyin's dictionary, which is imported only then
(it costs about 0.1 s):

>>> reading_problem("新质生产力", "xīnzhì shēngchǎnlì") is None
True
>>> reading_problem("新质生产力", "xīnzhì shēngchǎn")
'4 syllables for 5 Han characters'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .lazy_regex import LazyRegex

# CJK Unified Ideographs with extension A, the compatibility block and the
# supplementary planes: the characters that each take one pinyin syllable.
# Compiled on first search (see .lazy_regex): an English lint never looks for Chinese.
HAN = LazyRegex(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

# Everything a typed reading may carry besides letters: tone digits, the
# syllable separators people use, and the colon of CC-CEDICT's "u:".
_NOT_LETTERS = re.compile(r"[\s'’\-·:0-9,，、;；]+")
# What separates words of a reading: spaces, apostrophes, hyphens and the
# list punctuation of terms such as 智能化、绿色化、融合化.
_WORD_BREAKS = re.compile(r"[\s'’\-·,，、;；]+")


def pinyin_key(text: str) -> str:
    """Reduce pinyin in any common notation to lower-case toneless letters, ``ü`` as ``v``."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    # ü arrives as u + U+0308 after NFD, or as "u:" / "v" when typed.
    decomposed = decomposed.replace("u\u0308", "v").replace("u:", "v")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_LETTERS.sub("", stripped)


def looks_like_pinyin(text: str) -> bool:
    """True if ``text`` could be a pinyin query: Latin letters, tone marks or digits, separators.

    >>> looks_like_pinyin("xin1 zhi4"), looks_like_pinyin("jiēbǎng guàshuài"), looks_like_pinyin("新质")
    (True, True, False)
    """
    key = pinyin_key(text)
    return bool(key) and key.isascii() and key.isalpha()


def han_characters(text: str) -> list[str]:
    """The Han characters of ``text``, in order (letters such as the 5 of 5G take no syllable)."""
    return HAN.findall(text)


@cache
def _readings(character: str) -> frozenset[str]:
    import pypinyin  # deferred: 0.1 s to import, and needed only to check stored data

    found = pypinyin.pinyin(character, style=pypinyin.Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(pinyin_key(r) for group in found for r in group)


def homophones(first: str, second: str) -> bool:
    """True when two Han characters share a reading (tones aside): what a pinyin input method confuses.

    >>> homophones("质", "制"), homophones("资", "姿"), homophones("资", "本")
    (True, True, False)
    """
    return bool(_readings(first) & _readings(second))


@cache
def _syllable_inventory() -> frozenset[str]:
    import pypinyin.pinyin_dict as table

    readings: set[str] = set()
    for value in table.pinyin_dict.values():
        readings.update(pinyin_key(r) for r in value.split(","))
    return frozenset(readings)


def count_syllables(pinyin: str) -> int | None:
    """How many syllables a tone-marked reading holds, or ``None`` if it cannot be split.

    Words are split into the fewest valid syllables, which is the reading the
    apostrophe rule of Hanyu Pinyin orthography guarantees (``xi'an`` vs ``xian``).

    >>> count_syllables("xīnzhì shēngchǎnlì"), count_syllables("Xī'ān"), count_syllables("qwrt")
    (5, 2, None)
    """
    syllables = _split(pinyin)
    return None if syllables is None else len(syllables)


def reading_problem(chinese: str, pinyin: str) -> str | None:
    """Say what is wrong with ``pinyin`` as the reading of ``chinese``, or ``None`` if it fits.

    The letters must split, character by character, into a reading that
    pypinyin knows for that character (tones are not compared: tone sandhi and
    neutral tones make stored tones legitimately differ from dictionary ones).

    >>> reading_problem("牛鼻子", "niúbízi") is None
    True
    >>> reading_problem("牛鼻子", "niúbíshǒu")
    "'shou' is not a reading of 子"
    """
    characters = han_characters(chinese)
    letters = pinyin_key(pinyin)
    deepest = 0  # the furthest character any alignment reached: where the reading goes wrong

    def align(index: int, position: int) -> bool:
        nonlocal deepest
        deepest = max(deepest, index)
        if index == len(characters):
            return position == len(letters)
        for reading in _readings(characters[index]):
            if reading and letters.startswith(reading, position) and align(index + 1, position + len(reading)):
                return True
        return False

    # Aligning letters with characters settles a correct reading quickly; the
    # syllable inventory is loaded only to explain a wrong one.
    if align(0, 0):
        return None
    written = _split(pinyin)
    if written is None:
        return f"{pinyin!r} does not split into pinyin syllables"
    if len(written) != len(characters):
        return f"{len(written)} syllables for {len(characters)} Han characters"
    character = characters[min(deepest, len(characters) - 1)]
    syllable = written[deepest] if deepest < len(written) else letters
    return f"{syllable!r} is not a reading of {character}"


def _split(pinyin: str) -> list[str] | None:
    """The toneless syllables of ``pinyin``, fewest per word, or ``None`` if it does not split."""
    inventory = _syllable_inventory()
    syllables: list[str] = []
    for word in _WORD_BREAKS.split(pinyin.strip()):
        letters = pinyin_key(word)
        # best[i]: the fewest-syllable split of letters[:i]; syllables are at most 6 letters.
        best: list[list[str] | None] = [[]] + [None] * len(letters)
        for end in range(1, len(letters) + 1):
            for start in range(max(0, end - 6), end):
                head = best[start]
                if head is not None and letters[start:end] in inventory:
                    if best[end] is None or len(head) + 1 < len(best[end]):  # type: ignore[arg-type]
                        best[end] = head + [letters[start:end]]
        if best[-1] is None:
            return None
        syllables.extend(best[-1])
    return syllables
