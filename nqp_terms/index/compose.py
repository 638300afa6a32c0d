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

Verbs stand before terms, adverbs before verbs or terms, and nothing else may follow a term but a connective:

>>> terms = {"新发展格局": ("xin-fazhan-geju", "new development pattern"), "高质量发展": ("g", "high-quality development"),
...          "示范区": ("s", "demonstration zone")}
>>> compose("加快构建新发展格局", terms.get, str).en
'move faster to build new development pattern'
>>> compose("高质量发展建设示范区", terms.get, str) is None
True

A head noun after a term: English keeps it after, or puts it before with "of":

>>> terms["爱国主义教育"] = ("a", "patriotic education")
>>> terms["高技术制造业"] = ("h", "high-tech manufacturing")
>>> compose("爱国主义教育基地", terms.get, str).en, compose("高技术制造业增加值", terms.get, str).en
('patriotic education base', 'value added of high-tech manufacturing')
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
#: Head nouns after a term that English puts after it too: 爱国主义教育基地 "patriotic education base".
HEADS: dict[str, str] = {
    "基地": "base", "体系": "system", "机制": "mechanism", "平台": "platform", "工程": "project",
    "示范区": "demonstration zone", "试点": "pilot program", "政策": "policies", "制度": "system",
    "战略": "strategy", "园区": "park", "中心": "center", "行动": "campaign", "标准": "standards",
    "能力": "capacity", "水平": "level", "领域": "sector", "产品": "products", "企业": "enterprises",
    "集群": "cluster", "规划": "plan", "方案": "plan", "网络": "network", "模式": "model", "指数": "index",
    "试验区": "pilot zone", "先行区": "pioneer zone", "改革": "reform", "项目": "projects",
}
#: Head nouns after a term that English puts before it, with "of": 高技术制造业增加值 "value added of
#: high-tech manufacturing".
HEADS_OF: dict[str, str] = {
    "增加值": "value added", "占比": "share", "比重": "share", "增速": "growth rate", "规模": "scale",
}

_LEXICON = {**ADVERBS, **CONJUNCTIONS, **HEADS, **HEADS_OF, **VERBS}  # a verb wins over an adverb (加快)
#: Punctuation that parts the phrases of a list: each part is composed on its own.
_LIST_MARKS = re.compile(r"[、，,；;]")
#: English that is a verb phrase, not a noun phrase: a lexicon verb may not stand before it.
_VERBAL_START = frozenset(
    word for english in VERBS.values() for word in english.split()[:1]
) | {"pursue", "ensure", "make", "keep", "put", "take", "set", "let", "fully", "comprehensively", "further",
     "deepen", "strive", "seek", "follow", "adhere", "stay", "maintain", "achieve", "realize", "to"}
#: A query longer than this is text, not a phrase: it is not composed.
_LONGEST_QUERY = 60
#: The longest glossary term tried as a piece, in characters of its key.
_LONGEST_TERM = 30
#: How many whole cuts of one phrase are weighed at most.
_MOST_CUTS = 2000


@dataclass(frozen=True)
class Piece:
    """One part of a composed phrase: a glossary term (with its concept id) or a lexicon word."""

    zh: str
    en: str
    kind: str  # "term", "verb", "adverb", "conjunction", "head", "head-of" or "mark"
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
        """The pieces' English in order, a head of "of" before its term; no article is guessed ("expand
        effective investment")."""
        words: list[str] = []
        for piece in self.pieces:
            if piece.kind == "head-of":  # after its term in Chinese, before it in English
                words[-1] = f"{piece.en} of {words[-1]}"
            else:
                words.append(piece.en)
        return " ".join(words).replace(" ,", ",")

    @property
    def concepts(self) -> tuple[str, ...]:
        """The ids of the glossary concepts it names, in order."""
        return tuple(p.concept for p in self.pieces if p.concept is not None)


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
        found = _segment(key, term_at)  # grammatical, or None
        if found is None:
            return None
        if number and pieces:
            pieces.append(Piece("、", ",", "mark"))
        pieces.extend(found)
    if len(pieces) < 2 or not any(p.kind == "term" for p in pieces):
        return None
    return Composition(query, tuple(pieces))


def _segment(key: str, term_at: TermAt) -> list[Piece] | None:
    """``key`` cut into glossary terms and lexicon words, grammatically (see :func:`_grammatical`), in the
    fewest pieces with the fewest lexicon words; ``None`` if there is no such cut.

    Every cut is tried (a chunk may be a term and a lexicon word: 改革), up to :data:`_MOST_CUTS` of them.
    """
    size = len(key)
    options: list[list[tuple[int, Piece]]] = [[] for _ in range(size)]  # at each start: (end, piece)
    for start in range(size):
        for end in range(min(size, start + _LONGEST_TERM), start, -1):
            chunk = key[start:end]
            term = term_at(chunk) if end - start >= 2 else None
            if term is not None:
                options[start].append((end, Piece(chunk, term[1], "term", term[0])))
            if chunk in _LEXICON:
                options[start].append((end, Piece(chunk, _LEXICON[chunk], _kind(chunk))))
    best: tuple[int, int, list[Piece]] | None = None
    tried = 0
    stack: list[tuple[int, list[Piece]]] = [(0, [])]
    while stack and tried < _MOST_CUTS:
        start, pieces = stack.pop()
        if start == size:
            tried += 1
            pieces = _adverbs_before_verbs(pieces)
            score = (len(pieces), sum(p.kind != "term" for p in pieces))
            if (best is None or score < best[:2]) and _grammatical(pieces):
                best = (*score, pieces)
            continue
        for end, piece in reversed(options[start]):  # the longest chunk is tried first
            stack.append((end, [*pieces, piece]))
    return best[2] if best is not None else None


def _kind(word: str) -> str:
    return ("verb" if word in VERBS else "adverb" if word in ADVERBS else "conjunction" if word in CONJUNCTIONS
            else "head" if word in HEADS else "head-of")


def _adverbs_before_verbs(pieces: list[Piece]) -> list[Piece]:
    """A word that is a verb and an adverb (加快) is the adverb before another verb: "move faster to build"."""
    return [Piece(p.zh, ADVERBS[p.zh], "adverb") if p.kind == "verb" and p.zh in ADVERBS and after is not None
            and after.kind == "verb" else p for p, after in zip(pieces, (*pieces[1:], None))]


def _grammatical(pieces: list[Piece]) -> bool:
    """Whether the pieces read in the Chinese order as English: adverbs and a verb before a term, a head
    noun straight after its term, connectives between noun phrases, and nothing else after a term."""
    noun_end = ("term", "head", "head-of")
    for before, piece, after in zip((None, *pieces), pieces, (*pieces[1:], None)):
        if piece.kind in ("verb", "adverb"):
            if after is None or after.kind not in ("term", "verb", "adverb") or \
                    (piece.kind == "verb" and after.kind != "term"):
                return False
            if after.kind == "term" and after.en.split()[0].lower() in _VERBAL_START:
                return False
        elif piece.kind in ("head", "head-of"):
            if before is None or before.kind != "term":
                return False
        elif piece.kind == "conjunction":
            if before is None or after is None or before.kind not in noun_end or \
                    after.kind not in ("term", "verb", "adverb"):
                return False
        if piece.kind in noun_end and after is not None and after.kind not in ("conjunction", "head", "head-of"):
            # Two terms side by side (one qualifies the other), or a term before a verb (高质量发展建设…: "through
            # high-quality development, build…"): English may not keep that order.
            return False
        if piece.kind in ("head", "head-of") and after is not None and after.kind != "conjunction":
            return False
    return True
