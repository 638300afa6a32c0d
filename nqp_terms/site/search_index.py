"""What the build changes in Material's search index once it is written, so that a concept's own Chinese finds it.

Material appends ``*`` to every query term, and lunr scores each index token the
term expands to with that token's own idf.  A concept's Chinese term is often a
common token (算力 is in the text of dozens of pages) while the longer terms
that begin with it are rare (算力调度 is on two or three), so the query 算力
scored the pages of 算力调度 and 算力产业 above the page of 算力.  The same
happens when two concepts share the query the browser builds (人工智能+ and
人工智能能力建设 are both searched as ``人工智*``).

:func:`weigh_own_terms` reads the index as lunr will (the same tokens, idf and
saturating term frequency), works out for each concept page what its own Chinese
query scores there and on every other concept page, and, where another page
would come first, repeats the concept's own tokens in a hidden part of its title
until its page comes first: lunr runs with ``b = 0``, so a repeated token weighs
more without a longer title weighing less.  The title is shown as HTML in the
search results, so the hidden part is never seen.  Concepts whose Chinese the
browser searches with the very same query cannot both come first; they keep the
order the index gives them.

:func:`without_concept_tags` drops the subject fields from the concept pages'
index entries: lunr counts a query word found only in a tag as found, so every
page filed under "Digital economy and data" matched both words of ``digital
economy``, and the post-query boost for matching every word no longer told the
concept apart from a page that only held "digitally".  The pages still show their
subject fields.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ..termbase.model import Concept

#: lunr's BM25 constant k1 (Material keeps lunr's default); b is 0, so a field's length does not count.
_K1 = 1.2
#: How far ahead of the best other page a concept's own query must put its page.
_MARGIN = 1.1
#: The most times a token is repeated: lunr's term frequency saturates (2.2 at most; 2.08 at 21 occurrences).
_MOST_REPEATS = 20
#: An English query that many titles match ("development") is a search, not a name: it is left to lunr.
_MOST_ENGLISH_RIVALS = 12
_TAG = re.compile(r"<[^>]*>")
_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_FIELDS = ("title", "text", "tags")


def index_tokens(value: str | list[str] | None, separator: re.Pattern[str]) -> list[str]:
    """The tokens the browser indexes for a field: the text outside markup, split by the separator, lower-cased.

    >>> index_tokens("算力\u200b · computing Power<span hidden>算力</span>", re.compile(r"[\\s\u200b]+"))
    ['算力', '·', 'computing', 'power', '算力']
    """
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [token.lower() for text in values for token in separator.split(_TAG.sub(" ", text)) if token]


def segment(query: str, tokens: Mapping[str, object] | set[str]) -> list[str]:
    """Material's query segmenter (``search/query/segment``): the pieces of a run of Han characters it searches.

    It takes at each position the longest indexed word that ends before the last character, and stops where
    none begins; with no indexed word at the start it searches the run whole.

    >>> segment("算力", {"算力", "算力调度"}), segment("算力调度", {"算力", "算力调"})
    (['算力'], ['算力调'])
    """
    cuts = [0] * len(query)
    for i in range(len(query)):
        for j in range(i + 1, len(query)):
            if query[i:j] in tokens:
                cuts[i] = j - i
    segments: dict[str, None] = {}
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                segments[query[p:p + q]] = None
                stack.append(p + q)
        q = p + cuts[p]
        if q < len(query) - 1 and cuts[q]:
            stack.append(q)
        segments[query[p:q]] = None
    return [query] if "" in segments else list(segments)


def query_terms(query: str, tokens: Mapping[str, object] | set[str], separator: re.Pattern[str]) -> list[str]:
    """The prefixes the browser searches for ``query``: its Han runs segmented, the rest split by the separator.

    >>> query_terms("人工智能+", {"人工智"}, re.compile(r"[\\s+]+"))
    ['人工智']
    """
    segmented = _HAN.sub(lambda run: "* ".join(segment(run.group(), tokens)), query)
    return [term.lower() for part in segmented.split() for term in separator.split(part.replace("*", " "))
            if term]


def _idf(documents_with_term: int, documents: int) -> float:
    return math.log(1 + abs((documents - documents_with_term + 0.5) / (documents_with_term + 0.5)))


def _saturated(frequency: int) -> float:
    return (_K1 + 1) * frequency / (_K1 + frequency)


class _Titles:
    """The concept pages' titles as lunr weighs them: token counts, page boosts and each token's idf."""

    def __init__(self, docs: list[dict[str, Any]], pages: dict[str, str], separator: re.Pattern[str]) -> None:
        documents_with: Counter[str] = Counter()
        for doc in docs:
            for field in _FIELDS:
                documents_with.update(set(index_tokens(doc.get(field), separator)))
        self.tokens = documents_with
        self.idf = {token: _idf(count, len(docs)) for token, count in documents_with.items()}
        by_location = {doc["location"]: doc for doc in docs}
        self.counts = {cid: Counter(index_tokens(by_location[loc]["title"], separator)) for cid, loc in pages.items()}
        self.boost = {cid: float(by_location[loc].get("boost", 1.0)) for cid, loc in pages.items()}
        self._pages_with: dict[str, set[str]] = {}
        for cid, counts in self.counts.items():
            for token in counts:
                self._pages_with.setdefault(token, set()).add(cid)
        self._sorted = sorted(self._pages_with)

    def pages_matching(self, terms: list[str]) -> set[str]:
        """The concept pages with a title token that begins with one of ``terms``."""
        pages: set[str] = set()
        for term in terms:
            at = bisect.bisect_left(self._sorted, term)
            while at < len(self._sorted) and self._sorted[at].startswith(term):
                pages |= self._pages_with[self._sorted[at]]
                at += 1
        return pages

    def score(self, page: str, terms: list[str], extra: Mapping[str, int]) -> float:
        """The title score of ``page`` for a query of ``terms``, times Material's boost for matching every term."""
        counts = self.counts[page]
        total, matched = 0.0, 0
        for term in terms:
            hits = [token for token in {**counts, **extra} if token.startswith(term)]
            matched += bool(hits)
            total += sum(self.idf.get(token, 0.0) * _saturated(counts.get(token, 0) + extra.get(token, 0))
                         for token in hits)
        if not terms:
            return 0.0
        return total * self.boost[page] * (1 + (1 + matched / len(terms)) ** 2)


def weigh_own_terms(index: dict[str, Any], concepts: Iterable[Concept]) -> dict[str, Any]:
    """``index`` with each concept page's own Chinese tokens repeated, hidden, where its own query needs them.

    Returns a new index; the concept pages are found at ``concepts/<id>/``.
    """
    concepts = list(concepts)
    separator = re.compile(index["config"]["separator"])
    docs = index["docs"]
    locations = {doc["location"] for doc in docs}
    pages = {c.id: f"concepts/{c.id}/" for c in concepts if c.zh and f"concepts/{c.id}/" in locations}
    zh = {c.id: c.zh for c in concepts if c.id in pages}
    by_id = {c.id: c for c in concepts}
    titles = _Titles(docs, pages, separator)
    queries = {cid: query_terms(zh[cid], titles.tokens, separator) for cid in pages}
    own = {cid: [t for t in titles.counts[cid] if any(t.startswith(term) for term in queries[cid])] for cid in pages}
    rivals = {cid: sorted(other for other in titles.pages_matching(queries[cid])
                          if other != cid and queries[other] != queries[cid]) for cid in pages}
    extra: dict[str, dict[str, int]] = {cid: {} for cid in pages}
    # Repeating one page's tokens can put it ahead on another's query; a few rounds settle it.
    for _ in range(3):
        for cid in sorted(pages):
            terms = queries[cid]
            if not terms or not own[cid]:
                continue
            best = max((titles.score(other, terms, extra[other]) for other in rivals[cid]), default=0.0) * _MARGIN
            repeats = 0
            while titles.score(cid, terms, dict.fromkeys(own[cid], repeats)) <= best and repeats < _MOST_REPEATS:
                repeats += 1
            extra[cid] = dict.fromkeys(own[cid], repeats) if repeats else {}
    # English the translator types: a concept's renderings, approved or not ("bull nose" is on the page of
    # 牛鼻子 because machine translation writes it).  Where another title wins the query ("bull" begins
    # "bullying"), the rendering's own words are added to the hidden part until the page comes first.
    for cid in sorted(pages):
        english = {tuple(query_terms(t.term, titles.tokens, separator)) for t in by_id[cid].in_language("en")}
        for query in sorted(list(q) for q in english if q):
            words = [t for t in query if t in titles.tokens]
            rivals_here = sorted(o for o in titles.pages_matching(query) if o != cid)
            if not words or not rivals_here or len(rivals_here) > _MOST_ENGLISH_RIVALS:
                continue
            best = max(titles.score(other, query, extra[other]) for other in rivals_here) * _MARGIN

            def with_words(repeats: int, cid: str = cid, words: list[str] = words) -> dict[str, int]:
                return {**extra[cid], **{w: extra[cid].get(w, 0) + repeats for w in words}}

            repeats = 0
            while titles.score(cid, query, with_words(repeats)) <= best and repeats < _MOST_REPEATS:
                repeats += 1
            if repeats:
                extra[cid] = with_words(repeats)
    out = []
    for doc in docs:
        cid = doc["location"].removeprefix("concepts/").removesuffix("/")
        if doc["location"] == pages.get(cid) and extra.get(cid):
            hidden = " ".join(token for token, times in extra[cid].items() for _ in range(times))
            doc = {**doc, "title": f'{doc["title"]}<span hidden>{hidden}</span>'}
        out.append(doc)
    return {**index, "docs": out}


def without_concept_tags(index: dict[str, Any]) -> dict[str, Any]:
    """``index`` without the tags (subject fields) of the concept pages' entries."""
    docs = [{k: v for k, v in doc.items() if k != "tags"} if doc["location"].startswith("concepts/") else doc
            for doc in index["docs"]]
    return {**index, "docs": docs}
