"""What the site's search needs from the glossary so that a concept's own terms find its page first.

The site uses Material for MkDocs' search: at build time the search plugin cuts
Chinese into words with jieba; in the browser, lunr ranks the pages.  Three of
its habits decide whether a query for a glossary term lands on the term's page:

* **The query segmenter.**  The browser splits a Chinese query into the longest
  words it finds in the index, searching each as a prefix; it never looks at the
  query's last character, and stops at the first position where no indexed word
  begins.  A glossary term cut by jieba into pieces is therefore searched as a
  few pieces, or only the first, which many other pages also hold.  The cure is
  to make every Chinese term one word to jieba (:func:`segmenter_words`), and to
  index each term without its last character (:func:`prefix_keys`): that is the
  longest prefix the segmenter can use, so it searches the whole term at once.
* **No length normalisation.**  Material runs lunr with ``b = 0``, so a page
  titled "digital economy" scores no higher for ``digital economy`` than one
  titled "deep integration of digital technology and the real economy".
  :func:`search_boost` puts BM25's length normalisation back, as a page boost.
* **Every query term is a prefix.**  Each index token a term expands to scores
  with its own idf, so a common exact token (算力, in the text of dozens of
  pages) loses to the rare longer terms that begin with it (算力调度), and a
  word found only in a page's tags counts as found.  After the build, the hook
  weighs each concept's own Chinese on its page and drops the concept pages'
  tags from the index: :mod:`nqp_terms.site.search_index`.
* **Titles outweigh text a thousand to one.**  :func:`search_title` is what the
  index holds as a concept page's title: the Chinese, the preferred English and
  the toneless pinyin, so all three kinds of query match a title.

>>> from nqp_terms.termbase.model import Concept, Term
>>> concept = Concept(id="xinzhi-shengchanli", subject_fields=("x",), terms={
...     "zh-Hans": (Term(term="新质生产力", status="preferred", pinyin="xīnzhì shēngchǎnlì"),),
...     "en": (Term(term="new quality productive forces", status="preferred", unsourced=True),)})
>>> search_title(concept)
'新质生产力 · new quality productive forces · xinzhi shengchanli'
>>> prefix_keys(concept)
['新质生产']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..termbase.model import Concept
from ..text.pinyin import HAN
from .markup import toneless

# A run of Han characters is what the browser segments as one query word.
_HAN_RUN = re.compile(f"{HAN.pattern}+")
# Words as the index counts them in a title: a Latin word, or a run of Han characters (one jieba word here).
_WORD = re.compile(r"\w+")

#: The boost of a concept page whose title is of average length; other pages have 1, the calque list 0.5.
CONCEPT_BOOST = 8.0
# BM25's k1 as lunr's default; b = 1, full length normalisation (lunr's 0.75 left "digital economy" second,
# behind a longer title holding "digitally"); the average title is 8.6 words in the shipped glossary.
_K1, _B, _AVERAGE_TITLE_WORDS = 1.2, 1.0, 8.0


def chinese_terms(concept: Concept) -> list[str]:
    """Every Chinese term of ``concept``, Simplified first, whatever its status."""
    return list(dict.fromkeys(term.term for language in ("zh-Hans", "zh-Hant")
                              for term in concept.in_language(language)))  # type: ignore[arg-type]


def han_runs(term: str) -> list[str]:
    """The runs of Han characters in ``term``, which the browser segments one by one.

    >>> han_runs("人工智能+"), han_runs("产业链、供应链"), han_runs("“小巨人”企业")
    (['人工智能'], ['产业链', '供应链'], ['小巨人', '企业'])
    """
    return _HAN_RUN.findall(term)


def prefix_keys(concept: Concept) -> list[str]:
    """Each Chinese term's runs without their last character, for the index only.

    A run of two characters needs none: its first character is all the
    segmenter could use, and the whole run is searched when that is not indexed.

    >>> from nqp_terms.termbase.model import Concept, Term
    >>> prefix_keys(Concept(id="t", subject_fields=("x",), terms={"zh-Hans": (
    ...     Term(term="碳达峰碳中和", status="preferred"), Term(term="双碳", status="admitted"))}))
    ['碳达峰碳中']
    """
    return list(dict.fromkeys(run[:-1] for term in chinese_terms(concept) for run in han_runs(term)
                              if len(run) > 2))


def segmenter_words(concepts: Iterable[Concept]) -> list[str]:
    """The words jieba must not split: every Chinese term's runs, and their prefix keys."""
    words: dict[str, None] = {}
    for concept in concepts:
        words.update(dict.fromkeys(run for term in chinese_terms(concept) for run in han_runs(term)
                                   if len(run) > 1))
        words.update(dict.fromkeys(prefix_keys(concept)))
    return list(words)


def search_title(concept: Concept) -> str:
    """The page title the index holds, and the browser shows: Chinese · preferred English · toneless pinyin."""
    preferred = concept.preferred("en")
    parts = [concept.zh or concept.id, preferred.term if preferred else "", toneless(concept.pinyin or "")]
    return " · ".join(" ".join(part.split()) for part in parts if part.strip())


def search_boost(title: str) -> float:
    """The page boost that gives a short title the edge BM25 would give it: 8 at the average length.

    >>> search_boost("数字经济 · digital economy · shuzi jingji") > search_boost(
    ...     "数字技术和实体经济深度融合 · deep integration of digital technology and the real economy")
    True
    """
    words = len(_WORD.findall(title))
    # BM25's term weight for one occurrence, relative to its weight at the average length.
    weight = (_K1 + 1) / (_K1 * (1 - _B + _B * words / _AVERAGE_TITLE_WORDS) + 1)
    return round(CONCEPT_BOOST * weight, 2)
