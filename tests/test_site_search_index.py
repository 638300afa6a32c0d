"""The search index after the build: a concept's own Chinese query weighs most on its own page.

These tests read the index as lunr does (nqp_terms.site.search_index); tests/test_site.py checks the
result in Chromium on the built site.
"""

from __future__ import annotations

import re

from nqp_terms.site.search_index import index_tokens, weigh_own_terms, without_concept_tags
from nqp_terms.termbase.model import Concept, Term

SEPARATOR = r"[\s\u200b\-,，、。；：（）“”+＋×]+"


def concept(cid: str, zh: str, en: str) -> Concept:
    return Concept(id=cid, subject_fields=("x",), terms={
        "zh-Hans": (Term(term=zh, status="preferred"),),
        "en": (Term(term=en, status="preferred", unsourced=True),)})


def page(cid: str, title: str, boost: float, tags: list[str] | None = None) -> dict[str, object]:
    doc: dict[str, object] = {"location": f"concepts/{cid}/", "title": title, "text": "", "boost": boost}
    if tags:
        doc["tags"] = tags
    return doc


def test_a_common_term_is_repeated_hidden_on_its_own_page_and_nowhere_else() -> None:
    concepts = [concept("suanli", "算力", "computing power"),
                concept("suanli-diaodu", "算力调度", "computing power scheduling")]
    # 算力 is in the text of many pages, 算力调度 on one: the longer term's token is the rarer.
    docs = [page("suanli", "算力\u200b · computing power · suanli", 11.0),
            page("suanli-diaodu", "算力调度\u200b · computing power scheduling · suanli diaodu", 9.26)]
    # The longer term's page holds its prefix key, as the built pages do (nqp_terms.site.search.prefix_keys).
    docs += [{"location": "concepts/suanli-diaodu/#suanli-diaodu", "title": "算力调度", "text": "算力调"}]
    docs += [{"location": f"other/{n}/", "title": "other", "text": "算力" if n < 10 else "其他"} for n in range(200)]
    index = {"config": {"separator": SEPARATOR}, "docs": docs}

    weighed = {doc["location"]: doc["title"] for doc in weigh_own_terms(index, concepts)["docs"]}
    own = weighed["concepts/suanli/"]
    assert own.startswith("算力\u200b · computing power · suanli<span hidden>")
    assert index_tokens(own, re.compile(SEPARATOR)).count("算力") > 1
    # The longer term already comes first on its own query (算力调*), which the shorter one does not match.
    assert weighed["concepts/suanli-diaodu/"] == docs[1]["title"]


def test_concepts_the_browser_searches_with_the_same_query_keep_their_order() -> None:
    # 数据要素 and 数据要素× are both searched as 数据要*: only one can come first; no weight decides which.
    concepts = [concept("shuju-yaosu", "数据要素", "data as a factor of production"),
                concept("shuju-yaosu-cheng", "数据要素×", "Data Elements x")]
    docs = [page("shuju-yaosu", "数据要素\u200b · data as a factor of production · shuju yaosu", 8.0),
            page("shuju-yaosu-cheng", "数据要素\u200b× · Data Elements x · shuju yaosu cheng", 10.0),
            {"location": "concepts/shuju-yaosu/#shuju-yaosu", "title": "数据要素", "text": "数据要"}]
    index = {"config": {"separator": SEPARATOR}, "docs": docs}
    assert weigh_own_terms(index, concepts)["docs"] == docs


def test_subject_fields_leave_the_index_but_not_the_page() -> None:
    index = {"config": {"separator": SEPARATOR}, "docs": [
        page("shuzi-jingji", "数字经济 · digital economy · shuzi jingji", 10.0, ["Digital economy and data"]),
        {"location": "index/fields/", "title": "By subject field", "text": "", "tags": ["kept"]}]}
    docs = without_concept_tags(index)["docs"]
    assert "tags" not in docs[0] and docs[1]["tags"] == ["kept"]
