"""`nqp-terms stats`: counts over the fixture glossary, where every figure can be checked by hand."""

from __future__ import annotations

import json

from conftest import FIXTURE

from nqp_terms import Glossary
from nqp_terms.cli import main
from nqp_terms.termbase.stats import glossary_stats


def test_counts_of_the_fixture(glossary: Glossary) -> None:
    report = glossary_stats(glossary)
    assert report.concepts == 7
    assert report.terms_by_language_and_status["en"] == {
        "preferred": 7, "deprecated": 6, "admitted": 4, "superseded": 2}
    # deprecated and superseded: new quality productivity, new quality and productivity, uncover the list...,
    # inviting in, introduced, going out, go out, bull nose
    assert report.deprecated_renderings == 8
    assert report.deprecated_with_evidence == 6


def test_each_preferred_rendering_counts_under_its_best_source(glossary: Glossary) -> None:
    report = glossary_stats(glossary)
    # official: 新质生产力 (Qiushi), 高质量发展 (gov.cn); third party: 引进来, 走出去 (a think tank's copy
    # of a China Daily op-ed); unsourced: 揭榜挂帅's long form, 牛鼻子 "crux", 现代化产业体系
    assert report.preferred_english_by_source_kind == {"unsourced": 3, "official": 2, "third-party": 2}
    assert report.official_or_state_media_share == round(2 / 7, 4)
    assert report.preferred_english_by_evidence == {"official first-hand": 2, "third party": 2, "unsourced": 3}


def test_the_data_policy_targets_say_which_fall_short(glossary: Glossary) -> None:
    targets = {t.name: t for t in glossary_stats(glossary).targets}
    assert (targets["concepts"].measured, targets["concepts"].met) == ("7", False)
    assert (targets["concepts with a Traditional form"].measured, targets["concepts with a Traditional form"].met) \
        == ("6/7", False)
    first_hand = targets["preferred English with a first-hand official or state-media source"]
    assert first_hand.measured.startswith("2/7") and not first_hand.met


def test_a_copy_that_names_its_original_is_labelled_a_copy(glossary: Glossary) -> None:
    from dataclasses import replace

    from nqp_terms.termbase.stats import evidence_class

    term = glossary.concepts["xinzhi-shengchanli"].preferred("en")
    assert evidence_class(glossary, term) == "official first-hand"
    copied = {**glossary.sources, **{source_id: replace(glossary.sources[source_id], copy_of="https://www.gov.cn/x")
                                     for source_id in term.sources}}

    class Mirrored:
        sources = copied

    assert evidence_class(Mirrored(), term) == "copy"


def test_unsourced_renderings_are_listed(glossary: Glossary) -> None:
    listed = {(u.concept, u.term) for u in glossary_stats(glossary).unsourced}
    assert ("niubizi", "crux") in listed
    assert ("xiandaihua-chanye-tixi", "modern industrial system") in listed
    assert len(listed) == 4


def test_stats_command_in_text_and_json(capsys) -> None:
    assert main(["--no-shipped", "--glossary", str(FIXTURE), "stats"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("7 concepts, 7 sources")
    assert "Sourced from official or state-media publications: 28.6%" in out
    # The status table counts deprecated and superseded apart; the summary line says it counts both.
    assert "Deprecated or superseded English renderings: 8" in out
    assert "[falls short] concepts: 7 (>= 700)" in out
    assert main(["--no-shipped", "--glossary", str(FIXTURE), "stats", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["deprecated_renderings"] == 8
