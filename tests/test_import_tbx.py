"""Reading TBX back into glossary YAML: our own exports come back whole, foreign files are fitted and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.formats import export
from nqp_terms.formats.glossary_yaml import write_glossary
from nqp_terms.formats.tbx import UNCHECKED_PINYIN, TbxError, read_tbx
from nqp_terms.termbase.validation import as_data

TBX_DATA = Path(__file__).parent / "data" / "tbx"
ACCESSED = "2026-11-25"


def _dumps(concepts) -> list[dict]:
    # Concepts compare equal on their id alone, so compare every field.
    return sorted((as_data(c) for c in concepts), key=lambda d: d["id"])


@pytest.mark.parametrize("format", ["tbx", "tbx2"])
def test_yaml_to_tbx_to_yaml_loses_nothing(glossary: nqp_terms.Glossary, format: str) -> None:
    imported = read_tbx(export(glossary, format), accessed=ACCESSED)
    assert imported.warnings == []
    assert _dumps(imported.concepts) == _dumps(glossary)
    assert sorted(map(repr, map(as_data, imported.sources))) == sorted(map(repr, map(as_data, glossary.data.sources)))
    assert imported.subject_fields == list(glossary.data.subject_fields)


def test_the_shipped_glossary_round_trips_too() -> None:
    shipped = nqp_terms.load()
    imported = read_tbx(export(shipped, "tbx"), accessed=ACCESSED)
    assert _dumps(imported.concepts) == _dumps(shipped)


def test_an_imported_glossary_is_written_as_yaml_that_validates(glossary: nqp_terms.Glossary, tmp_path: Path) -> None:
    files = write_glossary(read_tbx(export(glossary, "tbx"), accessed=ACCESSED), tmp_path)
    assert tmp_path / "concepts" / "niubizi.yaml" in files
    reloaded = nqp_terms.load(tmp_path, use_cache=False)
    assert _dumps(reloaded) == _dumps(glossary)


def test_the_ltac_sample_imports_into_a_valid_glossary(tmp_path: Path) -> None:
    imported = read_tbx(TBX_DATA / "Example_Astronomy_DCA_VALID.tbx", accessed=ACCESSED)
    write_glossary(imported, tmp_path)
    reloaded = nqp_terms.load(tmp_path, use_cache=False)
    assert len(reloaded) == 39
    cluster = reloaded.concepts["c1"]
    assert cluster.en == "open cluster" and cluster.subject_fields == ("general",)
    assert cluster.definition.en == "A group of stars formed together in the spiral arms of a galaxy."
    galactic = cluster.terms["en"][1]
    assert (galactic.term, galactic.status, galactic.use_instead) == ("galactic cluster", "superseded", "open cluster")
    assert cluster.terms["en"][0].contexts[0].source in reloaded.sources
    # A deprecated rendering's evidence is the page its context sentence was taken from.
    carbon = next(t for t in reloaded.concepts["c38"].terms["en"] if t.term == "carbon cycle")
    assert carbon.status == "deprecated" and carbon.seen_in == (carbon.contexts[0].source,)
    assert reloaded.sources[carbon.seen_in[0]].url == "http://hyperphysics.phy-astr.gsu.edu/HBASE/Astro/carbcyc.html"


def test_what_does_not_fit_is_reported_not_dropped_silently() -> None:
    warnings = read_tbx(TBX_DATA / "Example_Astronomy_DCA_VALID.tbx", accessed=ACCESSED).warnings
    assert warnings[0] == "left out 45 langSec elements in languages nqp-terms does not hold: 'es', 'zu'"
    assert "concept 'c17' has no Chinese or English term and was left out" in warnings
    assert "53 approved English terms cite no published source with a URL and are marked unsourced" in warnings
    assert "200 transacGrp elements (change history) were left out" in warnings


def test_foreign_chinese_terms_get_pinyin_flagged_for_review() -> None:
    tbx = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="zh-CN"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body><termEntry id="A 1">
  <descrip type="subjectField">Science and technology</descrip>
  <langSet xml:lang="zh-CN"><ntig><termGrp><term>新质生产力</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig></langSet>
  <langSet xml:lang="en-US"><tig><term>new quality productive forces</term>
    <admin type="source">https://example.org/nqpf</admin></tig>
    <tig><term>new quality productivity</term>
    <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>""".encode()
    imported = read_tbx(tbx, accessed=ACCESSED)
    concept = imported.concepts[0]
    assert concept.id == "a-1" and concept.subject_fields == ("science-technology",)
    chinese = concept.terms["zh-Hans"][0]
    assert (chinese.pinyin, chinese.note) == ("xīn zhì shēng chǎn lì", UNCHECKED_PINYIN)
    english, bad = concept.terms["en"]
    assert (english.status, english.sources) == ("admitted", ("example-org-nqpf",))
    assert bad.use_instead == "new quality productive forces"


# ------------------------------------------------------------ safe parsing


def test_entity_declarations_are_refused() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<martif type="TBX"><text><body/></text></martif>"""
    with pytest.raises(TbxError, match="declares XML entities; refused"):
        read_tbx(bomb)


def test_external_entities_are_neither_fetched_nor_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file://{secret}">]>
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet>
</termEntry></body></text></martif>""".encode()
    with pytest.raises(TbxError, match="declares XML entities"):
        read_tbx(xxe)


def test_malformed_and_non_tbx_files_give_clear_errors() -> None:
    with pytest.raises(TbxError, match=r"<x>: not well-formed XML"):
        read_tbx(b"<tbx><text>", name="<x>")
    with pytest.raises(TbxError, match=r"the root element is <html>; expected <tbx> \(TBX v3\) or <martif>"):
        read_tbx(b"<html/>")
    with pytest.raises(TbxError, match="namespace 'urn:example'"):
        read_tbx(b'<tbx xmlns="urn:example"/>')


def test_a_filtered_export_imports_into_a_valid_glossary(glossary: nqp_terms.Glossary, tmp_path: Path) -> None:
    imported = read_tbx(export(glossary, "tbx", subject_fields=["opening-up-trade"]), accessed=ACCESSED)
    assert [c.id for c in imported.concepts] == ["yinjinlai", "zouchuqu"]
    write_glossary(imported, tmp_path)
    assert len(nqp_terms.load(tmp_path, use_cache=False)) == 2


def test_related_concepts_outside_the_file_are_reported(glossary: nqp_terms.Glossary) -> None:
    imported = read_tbx(export(glossary, "tbx", subject_fields=["political-economy"]), accessed=ACCESSED)
    assert imported.concepts[0].related == ()
    assert imported.warnings == ["xinzhi-shengchanli: related concepts not in this file were left out: "
                                 "gaozhiliang-fazhan"]


# ------------------------------------------------------------ term status


def _statuses(concepts) -> dict[tuple[str, str, str], str]:
    return {(c.id, language, t.term): t.status for c in concepts for language, terms in c.terms.items() for t in terms}


@pytest.mark.parametrize("format", ["tbx", "tbx2"])
@pytest.mark.parametrize("note", ["administrativeStatus", "normativeAuthorization"])
def test_every_status_round_trips_through_tbx_v3_and_v2(glossary: nqp_terms.Glossary, format: str, note: str) -> None:
    """Our export writes administrativeStatus; a file that says normativeAuthorization instead reads the same."""
    original = _statuses(glossary)
    assert set(original.values()) == {"preferred", "admitted", "deprecated", "superseded"}
    tbx = export(glossary, format).replace(b'type="administrativeStatus"', f'type="{note}"'.encode())
    imported = read_tbx(tbx, accessed=ACCESSED)
    assert imported.warnings == []
    assert _statuses(imported.concepts) == original


def _one_english_pair(note: str, deprecated_value: str) -> bytes:
    """A TBX 2008 entry: an approved English term and a second one whose status is given by ``note``."""
    return f"""<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body><termEntry id="nqpf">
  <langSet xml:lang="zh-CN"><tig><term>新质生产力</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>new quality productive forces</term>
    <termNote type="normativeAuthorization">preferredTerm</termNote></tig>
    <tig><term>new quality productivity</term>
    <termNote type="{note}">{deprecated_value}</termNote></tig></langSet>
</termEntry></body></text></martif>""".encode()


@pytest.mark.parametrize(("value", "status"), [
    ("preferredTerm-admn-sts", "admitted"),  # a second preferred term is written as admitted, with a warning
    ("admittedTerm-admn-sts", "admitted"), ("deprecatedTerm-admn-sts", "deprecated"),
    ("supersededTerm-admn-sts", "superseded"),
    ("admittedTerm", "admitted"), ("deprecatedTerm", "deprecated"), ("supersededTerm", "superseded"),
    ("standardizedTerm", "admitted"),  # prescribed, so preferred; the second preferred is admitted
    ("notRecommended", "deprecated"), ("obsolete", "superseded"),
])
def test_normative_authorization_values_are_read_as_statuses(value: str, status: str) -> None:
    concept = read_tbx(_one_english_pair("normativeAuthorization", value), accessed=ACCESSED).concepts[0]
    first, second = concept.terms["en"]
    assert (first.status, second.status) == ("preferred", status)
    assert second.note is None  # read as the status, not kept as a note
    if status in ("deprecated", "superseded"):
        assert second.use_instead == "new quality productive forces"


@pytest.mark.parametrize("first", ["administrativeStatus", "normativeAuthorization"])
def test_administrative_status_decides_when_a_term_has_both(first: str) -> None:
    notes = {"administrativeStatus": "deprecatedTerm-admn-sts", "normativeAuthorization": "admittedTerm"}
    second = next(n for n in notes if n != first)
    tbx = _one_english_pair(first, notes[first]).replace(
        f"{notes[first]}</termNote>".encode(),
        f'{notes[first]}</termNote><termNote type="{second}">{notes[second]}</termNote>'.encode())
    assert read_tbx(tbx, accessed=ACCESSED).concepts[0].terms["en"][1].status == "deprecated"


def test_a_concept_translated_by_sense_keeps_the_mark_through_tbx() -> None:
    from dataclasses import replace

    from nqp_terms.formats import export
    from nqp_terms.glossary import Glossary

    shipped = nqp_terms.load()
    concepts = [replace(c, sense_rendered=c.id == "niubizi") for c in shipped.data.concepts]
    imported = read_tbx(export(Glossary(replace(shipped.data, concepts=concepts)), "tbx"))
    assert [c.id for c in imported.concepts if c.sense_rendered] == ["niubizi"]
