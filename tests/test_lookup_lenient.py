"""Lookup answers what people type: typos (when asked), longer phrases, either order, full-width signs."""

from __future__ import annotations

import unicodedata

import pytest

import nqp_terms
from nqp_terms import Glossary
from nqp_terms.index import Index
from nqp_terms.termbase.model import Concept, Term
from nqp_terms.text.keys import chinese_key


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return nqp_terms.load()


@pytest.mark.parametrize("query, concept_id, corrected", [
    ("patiemt capital", "naixin-ziben", "patient capital"),
    ("new qaulity productive forces", "xinzhi-shengchanli", "new quality productive forces"),
    ("top-level desing", "dingceng-sheji", "top-level design"),
    ("新制生产力", "xinzhi-shengchanli", "新质生产力"),      # 制 for 质: the same syllable, zhi
    ("低空经纪", "dikong-jingji", "低空经济"),
])
def test_a_typo_is_corrected_only_when_asked(glossary: Glossary, query: str, concept_id: str, corrected: str) -> None:
    assert glossary.get(query) is None
    with pytest.raises(nqp_terms.TermNotFound):
        glossary.lookup(query)
    match = glossary.lookup(query, corrections=True)
    assert (match.concept.id, match.how, match.matched_text) == (concept_id, "corrected", corrected)


@pytest.mark.parametrize("query", [
    "common property",      # "property" is a word of the glossary, not a typo of "prosperity"
    "patient capitalism",   # three letters more
    "green tea", "travel agent", "high-quality developer",
    "耐心等待", "卡路里", "量子力学", "天气预报",   # two characters of a term, or none
])
def test_ordinary_words_stay_not_found_even_with_corrections(glossary: Glossary, query: str) -> None:
    assert glossary.get(query, corrections=True) is None


def _concept(concept_id: str, zh: str, en: str) -> Concept:
    return Concept(id=concept_id, subject_fields=("economy",),
                   terms={"zh-Hans": (Term(term=zh, status="preferred"),), "en": (Term(term=en, status="preferred"),)})


def test_an_ambiguous_typo_is_not_corrected_and_both_are_suggested() -> None:
    index = Index([_concept("trade", "数字贸易", "digital trade"), _concept("trace", "数字痕迹", "digital trace")])
    assert index.find("digital trde", corrections=True).concept.id == "trade"
    assert index.find("digital tracde", corrections=True) is None          # one edit from either
    with pytest.raises(nqp_terms.TermNotFound) as raised:
        index.lookup("digital tracde", corrections=True)
    assert set(raised.value.suggestions) == {"digital trade", "digital trace"}


@pytest.mark.parametrize("query, concept_id, part", [
    ("依法依规治理企业低价无序的内卷式竞争", "neijuanshi-jingzheng", "内卷式竞争"),
    ("积极稳妥推进碳达峰碳中和", "tan-dafeng-tan-zhonghe", "碳达峰碳中和"),   # the longest term wins
    ("accelerate the development of new quality productive forces", "xinzhi-shengchanli",
     "new quality productive forces"),
    ("low-altitude economy in Shenzhen", "dikong-jingji", "low-altitude economy"),
])
def test_a_longer_query_finds_the_longest_term_inside_it(glossary: Glossary, query: str, concept_id: str,
                                                       part: str) -> None:
    match = glossary.lookup(query)
    assert (match.concept.id, match.how, match.matched_text) == (concept_id, "part", part)


@pytest.mark.parametrize("query, concept_id", [
    ("前沿技术和颠覆性技术", "dianfuxing-jishu-he-qianyan-jishu"),
    ("frontier and disruptive technologies", "dianfuxing-jishu-he-qianyan-jishu"),
    ("碳中和碳达峰", "tan-dafeng-tan-zhonghe"),
    ("统筹安全和发展", "tongchou-fazhan-he-anquan"),
    ("non-excludability and non-rivalry", "fei-jingzhengxing-fei-paitaxing"),
])
def test_a_coordination_is_found_in_either_order(glossary: Glossary, query: str, concept_id: str) -> None:
    match = glossary.lookup(query)
    assert (match.concept.id, match.how) == (concept_id, "reordered")


def test_a_shortened_name_of_one_concept_finds_it(glossary: Glossary) -> None:
    match = glossary.lookup("Greater Bay Area")
    assert (match.concept.id, match.how) == ("yuegangao-dawanqu", "shortened")


def test_full_width_and_ascii_signs_fold_alike_and_are_never_dropped(glossary: Glossary) -> None:
    assert glossary.lookup("人工智能＋").concept.id == glossary.lookup("人工智能+").concept.id == "rengong-zhineng-jia"
    plain = glossary.get("人工智能")  # the plus sign is kept: plain AI is another concept, or none
    assert plain is None or plain.concept.id != "rengong-zhineng-jia"
    assert glossary.lookup("数据要素X").concept.id == "shuju-yaosu-cheng"
    assert glossary.lookup("数据要素").concept.id == "shuju-yaosu"


def _chinese_terms(glossary: Glossary):  # type: ignore[no-untyped-def]
    for concept in glossary:
        for language in ("zh-Hans", "zh-Hant"):
            for term in concept.in_language(language):  # type: ignore[arg-type]
                yield concept, term.term
        for form in concept.lookup_forms.get("zh-Hans", ()):
            yield concept, form


def test_every_term_whose_key_drops_characters_keeps_its_signs_and_collides_with_no_other_concept(
        glossary: Glossary) -> None:
    keys: dict[str, set[str]] = {}
    for concept, text in _chinese_terms(glossary):
        keys.setdefault(chinese_key(text), set()).add(concept.id)
    checked = 0
    for concept, text in _chinese_terms(glossary):
        key = chinese_key(text)
        # A full-width form kept as its ASCII twin (＋ as +) is kept.
        dropped = [c for c in text if unicodedata.normalize("NFKC", c).lower() not in key and not c.isspace()]
        if not dropped:
            continue
        checked += 1
        # Quotes, brackets and other punctuation may go; a sign (+, ×, ＋) never does.
        signs = [c for c in dropped if unicodedata.category(c)[0] == "S"]
        assert not signs, f"{concept.id}: {text!r} loses {signs} in its key {key!r}"
        assert keys[key] == {concept.id}, f"{text!r} ({concept.id}) has the key of {keys[key] - {concept.id}}"
    assert checked > 20


def test_search_ranks_exact_then_prefix_then_substring_then_part_then_fuzzy(glossary: Glossary) -> None:
    hows = [m.how for m in glossary.search("low-altitude economy", limit=50)]
    assert hows[0] == "exact" and hows == sorted(hows, key=["exact", "prefix", "substring", "part", "fuzzy"].index)
    assert [(m.concept.id, m.how) for m in glossary.search("揭榜")][:1] == [("jiebang-guashuai", "prefix")]
    assert [(m.concept.id, m.how) for m in glossary.search("加快发展新质生产力")][:1] == [("xinzhi-shengchanli", "part")]
    assert [(m.concept.id, m.how) for m in glossary.search("patiemt capital")] == [("naixin-ziben", "fuzzy")]


def test_the_command_line_search_says_why_each_result_matched(capsys: pytest.CaptureFixture[str]) -> None:
    from nqp_terms.cli import main

    assert main(["search", "patiemt", "capital"]) == 0
    assert capsys.readouterr().out == "naixin-ziben\t耐心资本\tpatient capital  [fuzzy: patient capital]\n"
