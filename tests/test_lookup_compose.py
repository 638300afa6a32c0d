"""Composed drafts: a phrase that is no term, but strings terms together with policy verbs and connectives."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nqp_terms
from nqp_terms import Glossary
from nqp_terms.cli import main


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return nqp_terms.load()


def test_a_policy_verb_before_a_term_gives_a_draft_in_the_chinese_order(shipped: Glossary) -> None:
    draft = shipped.compose("发展新质生产力")
    assert draft is not None
    assert draft.en == "develop new quality productive forces"
    assert draft.concepts == ("xinzhi-shengchanli",)


def test_two_terms_joined_by_he_are_joined_by_and(shipped: Glossary) -> None:
    draft = shipped.compose("灵活就业和新就业形态")
    assert draft is not None
    assert draft.en == "flexible employment and new forms of employment"
    assert [piece.kind for piece in draft.pieces] == ["term", "conjunction", "term"]


def test_the_parts_of_a_list_are_composed_one_by_one(shipped: Glossary) -> None:
    draft = shipped.compose("发展新质生产力、灵活就业和新就业形态")
    assert draft is not None
    assert draft.en == "develop new quality productive forces, flexible employment and new forms of employment"


@pytest.mark.parametrize("phrase, why", [
    ("新质生产力", "a lone term is the term itself, not a draft"),
    ("化解房地产、地方债务、中小金融机构等风险", "等 and 风险 are in no term and no lexicon word"),
    ("推进全面深化改革", "the term's English is a verb phrase: 'advance comprehensively deepen reform'"),
    ("新质生产力发展", "a verb after its object reads the other way round in English"),
    ("new quality productive forces and flexible employment", "English queries are not composed"),
])
def test_no_draft_where_the_chinese_order_would_not_read_as_english(shipped: Glossary, phrase: str,
                                                                      why: str) -> None:
    assert shipped.compose(phrase) is None, why


def test_lookup_shows_the_draft_and_says_it_has_no_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "发展新质生产力"]) == 0
    out = capsys.readouterr().out
    assert "'发展新质生产力' is not a term; it contains the term '新质生产力'" in out
    assert "Draft from glossary terms (no source; check it): develop new quality productive forces" in out


def test_lookup_json_marks_the_draft_as_not_attested(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--format", "json", "发展新质生产力"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == "xinzhi-shengchanli"
    assert record["composed"]["en"] == "develop new quality productive forces"
    assert record["composed"]["attested"] is False
    assert [p["kind"] for p in record["composed"]["pieces"]] == ["verb", "term"]


def test_a_whole_term_has_no_draft(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--format", "json", "新质生产力"]) == 0
    assert json.loads(capsys.readouterr().out)["composed"] is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="发展新质生产力和灵活就业形态加快推进基地增加值、，与", max_size=40) | st.text(max_size=40))
def test_any_phrase_composes_or_not_without_error(shipped: Glossary, phrase: str) -> None:
    draft = shipped.compose(phrase, errors="replace")
    if draft is not None:
        assert draft.en and draft.concepts and "".join(p.zh for p in draft.pieces if p.kind != "mark")
