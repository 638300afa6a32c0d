"""The other exports: TBX v2 read back by translate-toolkit, CSV, OmegaT, JSON, prh and Vale.

Each format is checked the way its consumer reads it; all are deterministic
and honour the subject-field and status filters.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

import nqp_terms
from nqp_terms.formats import FORMATS, export
from nqp_terms.formats.omegat import HEADER
from nqp_terms.termbase.validation import as_data, validate

FIXTURE = Path(__file__).parent / "fixtures" / "glossary"


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_every_format_is_byte_identical_across_runs(glossary: nqp_terms.Glossary, format: str) -> None:
    # A second, independent load of the same files: nothing may depend on object identity or set order.
    fresh = nqp_terms.load(FIXTURE, use_cache=False)
    assert export(glossary, format) == export(fresh, format)


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_every_format_honours_the_subject_field_filter(glossary: nqp_terms.Glossary, format: str) -> None:
    text = _as_text(export(glossary, format, subject_fields=["opening-up-trade"]))
    assert "zouchuqu" in text or "go out" in text.lower()
    assert "牛鼻子" not in text and "bull nose" not in text.lower()


def _as_text(output: str | bytes) -> str:
    return output.decode("utf-8") if isinstance(output, bytes) else output


def test_unknown_filters_are_value_errors_that_list_the_valid_names(glossary: nqp_terms.Glossary) -> None:
    with pytest.raises(ValueError, match="unknown subject field 'astronomy'; expected one of: development-strategy"):
        export(glossary, "csv", subject_fields=["astronomy"])
    with pytest.raises(ValueError, match="unknown export format"):
        export(glossary, "docx")


# ------------------------------------------------------------------- TBX v2


def test_tbx2_reads_back_through_translate_toolkit(glossary: nqp_terms.Glossary) -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsestring(export(glossary, "tbx2"))
    store.setsourcelanguage("zh-Hans")
    store.settargetlanguage("en")
    pairs = {unit.getid(): (unit.source, unit.target) for unit in store.units}
    assert pairs["xinzhi-shengchanli"] == ("新质生产力", "new quality productive forces")
    assert pairs["niubizi"] == ("牛鼻子", "crux")
    assert len(pairs) == len(glossary)
    niubizi = next(u for u in store.units if u.getid() == "niubizi")
    assert [(t.text, t.deprecated) for t in niubizi.get_target_terms("en")] == [("crux", False), ("bull nose", True)]


def test_tbx2_of_deprecated_terms_only_reads_as_obsolete(glossary: nqp_terms.Glossary) -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsestring(export(glossary, "tbx2", statuses=["deprecated"]))
    assert store.units and all(unit.isobsolete() for unit in store.units)


# ---------------------------------------------------------------------- CSV


def test_csv_has_one_row_per_term_of_each_concept_and_language(glossary: nqp_terms.Glossary) -> None:
    rows = list(csv.DictReader(io.StringIO(export(glossary, "csv"))))
    assert len(rows) == sum(len(ts) for c in glossary for ts in c.terms.values())
    bull = next(r for r in rows if r["term"] == "bull nose")
    assert (bull["concept_id"], bull["language"], bull["status"], bull["use_instead"]) == (
        "niubizi", "en", "deprecated", "crux")
    new = next(r for r in rows if r["term"] == "新质生产力")
    assert new["pinyin"] == "xīnzhì shēngchǎnlì" and new["subject_fields"] == "political-economy|science-technology"


def test_csv_bom_differs_only_by_the_byte_order_mark(glossary: nqp_terms.Glossary) -> None:
    plain, excel = export(glossary, "csv"), export(glossary, "csv-bom")
    assert isinstance(excel, str) and excel == "\ufeff" + plain


# ------------------------------------------------------------------- OmegaT


def test_omegat_lines_have_three_clean_fields(glossary: nqp_terms.Glossary) -> None:
    text = export(glossary, "omegat")
    assert isinstance(text, str)
    lines = text.splitlines()
    assert lines[0] == HEADER
    for line in lines[1:]:
        fields = line.split("\t")
        assert len(fields) == 3 and all(f == f.strip() and f for f in fields), line
    assert "牛鼻子\tcrux\tpreferred · niúbízi · unsourced · do not use: bull nose · " in text
    assert not any(line.split("\t")[1] == "bull nose" for line in lines[1:])


def test_omegat_folds_tabs_and_line_breaks_inside_fields(glossary: nqp_terms.Glossary) -> None:
    # The fixture's jiebang-guashuai note is folded YAML; a usage note with a newline must not split a line.
    concept = glossary.concepts["niubizi"]
    english = concept.terms["en"]
    changed = replace(concept, terms={**concept.terms, "en": (
        replace(english[0], usage_note="line one\nline\ttwo"), *english[1:])})
    from nqp_terms.formats import omegat

    text = omegat.render(glossary, [changed])
    # The header and one line: 牛鼻子 is written alike in both scripts, so it is paired with crux once.
    assert "line one line two" in text and len(text.splitlines()) == 2


@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_omegat_pairs_each_term_with_each_rendering_once(glossary: nqp_terms.Glossary, which: str) -> None:
    lines = export(glossary if which == "fixture" else nqp_terms.load(), "omegat").splitlines()
    pairs = [tuple(line.split("\t")[:2]) + (line.rsplit("[", 1)[-1],) for line in lines[1:]]
    assert len(pairs) == len(set(pairs))  # no pair twice within a concept, let alone a whole line
    assert len(lines) == len(set(lines))
    if which == "fixture":  # a Traditional form that differs still gets its own line
        chinese = [line.split("\t")[0] for line in lines if line.endswith("[xinzhi-shengchanli]")]
        assert "新质生产力" in chinese and "新質生產力" in chinese


# --------------------------------------------------------------------- JSON


def test_json_holds_the_whole_glossary_and_validates_back(glossary: nqp_terms.Glossary) -> None:
    from nqp_terms.termbase.model import GlossaryData

    document = json.loads(export(glossary, "json"))
    assert document.pop("format") == "nqp-terms-glossary/1"
    data = validate(GlossaryData, document)
    assert [as_data(c) for c in data.concepts] == [as_data(c) for c in sorted(glossary, key=lambda c: c.id)]
    assert {s.id for s in data.sources} == set(glossary.sources)


# ---------------------------------------------------------------------- prh


def _prh_rules(text: str) -> list[dict]:
    document = yaml.safe_load(text)
    assert document["version"] == 1
    return document["rules"]


def _js_to_python(pattern: str) -> re.Pattern[str]:
    body = pattern.strip("/")
    return re.compile(body)


def test_prh_has_a_rule_per_deprecated_rendering_with_specs(glossary: nqp_terms.Glossary) -> None:
    rules = _prh_rules(export(glossary, "prh"))
    by_expected = {}
    for rule in rules:
        by_expected.setdefault(rule["expected"], []).append(rule)
        assert rule["specs"], rule
    assert {r["expected"] for r in rules} >= {"crux", "bringing in", "going global", "new quality productive forces"}


def test_prh_specs_hold_for_patterns_python_can_run(glossary: nqp_terms.Glossary) -> None:
    # Python's re has no variable-length look-behind, so only the "anywhere" patterns are replayed here;
    # prh itself checks every spec when it loads the file.
    for rule in _prh_rules(export(glossary, "prh")):
        runnable = [p for p in rule["patterns"] if "(?<=" not in p]
        if len(runnable) != len(rule["patterns"]):
            continue
        for spec in rule["specs"]:
            result = spec["from"]
            for pattern in runnable:
                result = _js_to_python(pattern).sub(rule["expected"], result)
            assert result == spec["to"], (rule, spec)


def test_prh_patterns_match_any_case_and_the_plural() -> None:
    from nqp_terms.formats.prh import patterns
    from nqp_terms.termbase.model import Term

    term = Term(term="bull nose", status="deprecated", use_instead="crux")
    found = [_js_to_python(p) for p in patterns(term, ())]
    assert any(p.search("grasp the Bull Noses") for p in found)
    assert not any(p.search("a bullnose plane") for p in found)


def test_prh_leaves_out_renderings_that_need_context_words() -> None:
    from nqp_terms.formats.prh import patterns
    from nqp_terms.termbase.model import MatchOptions, Term

    term = Term(term="go out", status="deprecated", use_instead="going global",
                match=MatchOptions(context=("policy",)))
    assert patterns(term, ()) is None


# --------------------------------------------------------------------- Vale


def test_vale_style_is_a_substitution_rule_over_plain_calques(glossary: nqp_terms.Glossary) -> None:
    style = yaml.safe_load(export(glossary, "vale"))
    assert style["extends"] == "substitution" and style["ignorecase"] is True
    swap = style["swap"]
    assert swap[r"bull\W+noses?"] == "crux"
    for pattern, replacement in swap.items():
        assert re.compile(pattern)  # Go's RE2 syntax is a subset of what Python accepts here
        assert replacement
    # "introduced" is flagged only when quoted or capitalised: a blanket swap would cry wolf.
    assert not any("introduced" in key for key in swap)
