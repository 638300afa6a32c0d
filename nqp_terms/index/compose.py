"""A draft English rendering for a Chinese phrase made of known terms: 优化营商环境, 灵活就业和新就业形态.

Official documents string their terms together with a few policy verbs and connectives: 扩大有效投资
("expand effective investment"), 培育壮大新兴产业和未来产业.  When such a phrase is no term of its own,
a translator still wants a starting point, as translation-memory tools offer "fragment assembly".  A
:class:`Composition` is that draft: the phrase cut into glossary terms and words of a small lexicon of
verbs, adverbs and connectives, each put into English in the Chinese order.  It is a draft, never an
attested rendering: it cites no source, and the lookup says so.

Only phrases that read the same way round in English are composed, so the rules are strict: every
character belongs to a term or a lexicon word; verbs and adverbs stand before a term whose English is a
noun phrase (not "advance comprehensively deepen reform"); connectives stand between two terms or two
verb phrases; at least one glossary term is named, and a lone term is no composition.

>>> lexicon_words("进一步扩大和")
('进一步', '扩大', '和')

Verbs stand before terms, adverbs before verbs or terms, and nothing else may follow a term but a connective:

>>> terms = {"新发展格局": ("xin-fazhan-geju", "new development pattern"), "高质量发展": ("g", "high-quality development"),
...          "示范区": ("s", "demonstration zone")}
>>> compose("加快构建新发展格局", terms.get, str).en
'move faster to build new development pattern'
>>> compose("高质量发展建设示范区", terms.get, str) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: Verbs of policy writing, in the English official translations give them most often.
VERBS: dict[str, str] = {
    "推进": "advance", "推动": "promote", "促进": "promote", "加快": "accelerate", "加快推进": "speed up",
    "加强": "strengthen", "强化": "strengthen", "完善": "improve", "健全": "improve", "深化": "deepen",
    "扩大": "expand", "优化": "optimize", "提升": "enhance", "提高": "raise", "培育": "foster",
    "培育壮大": "foster and strengthen", "壮大": "strengthen", "发展": "develop", "建设": "build",
    "构建": "build", "打造": "build", "实施": "implement", "落实": "implement", "坚持": "uphold",
    "巩固": "consolidate", "支持": "support", "鼓励": "encourage", "引导": "guide", "规范": "regulate",
    "防范": "guard against", "化解": "defuse", "防范化解": "prevent and defuse", "稳定": "stabilize",
    "稳住": "stabilize", "保障": "ensure", "激发": "stimulate", "释放": "unleash", "增强": "enhance",
    "提振": "boost", "补充": "replenish", "开展": "carry out", "推广": "promote", "探索": "explore",
    "统筹": "coordinate", "加大": "increase", "保护": "protect", "维护": "safeguard", "做强": "strengthen",
    "培养": "cultivate", "引进": "bring in", "吸引": "attract", "用好": "make good use of",
    "发挥": "give full play to", "筑牢": "consolidate", "守住": "hold", "守牢": "hold", "深入推进": "further advance",
    "全面推进": "comprehensively advance", "大力发展": "vigorously develop", "积极发展": "actively develop",
    "稳步推进": "steadily advance", "深入实施": "fully implement", "加快建设": "accelerate the building of",
    "加快发展": "accelerate the development of", "大力推进": "vigorously advance",
}
#: Adverbs that stand before a verb or a term.
ADVERBS: dict[str, str] = {
    "进一步": "further", "大力": "vigorously", "积极": "actively", "稳步": "steadily", "切实": "effectively",
    "持续": "continue to", "着力": "strive to", "加快": "move faster to",
}
#: Connectives between two terms or two verb phrases.
CONJUNCTIONS: dict[str, str] = {"和": "and", "与": "and", "及": "and", "以及": "and", "同": "and", "并": "and"}

_LEXICON = {**ADVERBS, **CONJUNCTIONS, **VERBS}  # a verb reading wins over an adverb one (加快)
_LONGEST_WORD = max(map(len, _LEXICON))
#: Punctuation that parts the phrases of a list: each part is composed on its own.
_LIST_MARKS = re.compile(r"[、，,；;]")
_HAN_OR_WORD = re.compile(r"[\w+×]")
#: English that is a verb phrase, not a noun phrase: a lexicon verb may not stand before it.
_VERBAL_START = frozenset(
    word for english in VERBS.values() for word in english.split()[:1]
) | {"pursue", "ensure", "make", "keep", "put", "take", "set", "let", "fully", "comprehensively", "further",
     "deepen", "strive", "seek", "follow", "adhere", "stay", "maintain", "achieve", "realize", "to"}
#: A query longer than this is text, not a phrase: it is not composed.
_LONGEST_QUERY = 60


@dataclass(frozen=True)
class Piece:
    """One part of a composed phrase: a glossary term (with its concept id) or a lexicon word."""

    zh: str
    en: str
    kind: str  # "term", "verb", "adverb", "conjunction" or "mark"
    concept: str | None = None


@dataclass(frozen=True)
class Composition:
    """A draft rendering of ``query`` from its pieces, in order; see the module docstring.

    >>> pieces = (Piece("优化", "optimize", "verb"), Piece("营商环境", "business environment", "term", "x"))
    >>> Composition("优化营商环境", pieces).en
    'optimize business environment'
    """

    query: str
    pieces: tuple[Piece, ...]

    @property
    def en(self) -> str:
        """The pieces' English in order; no article is guessed ("expand effective investment")."""
        return " ".join(piece.en for piece in self.pieces).replace(" ,", ",")

    @property
    def concepts(self) -> tuple[str, ...]:
        """The ids of the glossary concepts it names, in order."""
        return tuple(p.concept for p in self.pieces if p.concept is not None)


def lexicon_words(text: str) -> tuple[str, ...]:
    """``text`` cut into lexicon words, longest first; raises ``ValueError`` if some of it is none."""
    words, start = [], 0
    while start < len(text):
        for length in range(min(_LONGEST_WORD, len(text) - start), 0, -1):
            if text[start:start + length] in _LEXICON:
                words.append(text[start:start + length])
                start += length
                break
        else:
            raise ValueError(f"{text[start:]!r} is not made of lexicon words")
    return tuple(words)


#: ``term_at(key)``: the concept id and English of the glossary term with this Chinese key, if any.
TermAt = Callable[[str], "tuple[str, str] | None"]


def compose(query: str, term_at: TermAt, key_of: Callable[[str], str]) -> Composition | None:
    """The draft rendering of a Chinese ``query``, or ``None`` when the rules above do not allow one.

    ``key_of`` makes a lookup key of a piece of the query (:func:`nqp_terms.text.keys.chinese_key`).

    >>> terms = {"营商环境": ("yingshang-huanjing", "business environment"),
    ...          "灵活就业": ("linghuo-jiuye", "flexible employment"),
    ...          "新就业形态": ("xin-jiuye-xingtai", "new forms of employment")}
    >>> compose("灵活就业和新就业形态", terms.get, str).en
    'flexible employment and new forms of employment'
    >>> compose("优化营商环境、稳定就业", terms.get, str) is None   # 就业 alone is no term here
    True
    >>> compose("营商环境", terms.get, str) is None                 # a lone term is the term itself
    True
    """
    if len(query) > _LONGEST_QUERY:
        return None
    pieces: list[Piece] = []
    for number, part in enumerate(_LIST_MARKS.split(query)):
        key = key_of(part)
        if not key:
            continue
        found = _segment(key, term_at)
        if found is None or not _grammatical(found):
            return None
        if number and pieces:
            pieces.append(Piece("、", ",", "mark"))
        pieces.extend(found)
    terms = [p for p in pieces if p.kind == "term"]
    if not terms or len(pieces) < 2:
        return None
    return Composition(query, tuple(pieces))


def _segment(key: str, term_at: TermAt) -> list[Piece] | None:
    """``key`` cut into glossary terms and lexicon words, in the fewest pieces (terms preferred), or ``None``."""
    size = len(key)
    # best[i]: (pieces, lexicon words, the pieces) for key[:i]
    best: list[tuple[int, int, list[Piece]] | None] = [None] * (size + 1)
    best[0] = (0, 0, [])
    for start in range(size):
        here = best[start]
        if here is None:
            continue
        for end in range(size, start, -1):
            chunk = key[start:end]
            piece = None
            term = term_at(chunk) if end - start >= 2 else None
            if term is not None:
                piece = Piece(chunk, term[1], "term", term[0])
            elif chunk in _LEXICON:
                kind = "verb" if chunk in VERBS else "adverb" if chunk in ADVERBS else "conjunction"
                piece = Piece(chunk, _LEXICON[chunk], kind)
            if piece is None:
                continue
            score = (here[0] + 1, here[1] + (piece.kind != "term"), [*here[2], piece])
            if best[end] is None or score[:2] < best[end][:2]:  # type: ignore[index]
                best[end] = score
    if best[size] is None:
        return None
    pieces = best[size][2]
    # A word that is a verb and an adverb (加快) is the adverb before another verb: "move faster to build".
    return [Piece(p.zh, ADVERBS[p.zh], "adverb") if p.kind == "verb" and p.zh in ADVERBS and after is not None
            and after.kind == "verb" else p for p, after in zip(pieces, (*pieces[1:], None))]


def _grammatical(pieces: list[Piece]) -> bool:
    """Whether the pieces read in the Chinese order as English: (adverb* verb? term (and ...)?)."""
    for before, piece, after in zip((None, *pieces), pieces, (*pieces[1:], None)):
        if piece.kind in ("verb", "adverb"):
            if after is None or after.kind == "conjunction" or (piece.kind == "verb" and after.kind != "term"):
                return False
            if after.kind == "term" and after.en.split()[0].lower() in _VERBAL_START:
                return False
        elif piece.kind == "conjunction":
            if before is None or after is None or before.kind not in ("term",) or after.kind == "conjunction":
                return False
        elif piece.kind == "term" and after is not None and after.kind != "conjunction":
            # Two terms side by side (one qualifies the other), or a term before a verb (高质量发展建设…: "through
            # high-quality development, build…"): English may not keep that order.
            return False
    return True
