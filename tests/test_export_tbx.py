"""The TBX v3 export is valid TBX-Basic: the official RELAX NG and Schematron both accept it.

The schemas are LTAC's (copied into ``tests/data/tbx``, see its README).  The
Schematron needs XPath 2, which lxml lacks, so its asserts are evaluated here
with SaxonC-HE (``saxonche``), rule by rule.  A checker that accepts
everything would prove nothing, so deliberately broken files must fail both.
"""

from __future__ import annotations

from functools import cache
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

import nqp_terms
from nqp_terms.formats import export
from nqp_terms.formats.tbx import NAMESPACE

saxonche = pytest.importorskip("saxonche")

TBX_DATA = Path(__file__).parent / "data" / "tbx"
NS = {"tbx": NAMESPACE}
SCH = "{http://purl.oclc.org/dsdl/schematron}"


# ------------------------------------------------------------------ checkers


@cache
def _relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(TBX_DATA / "TBXcoreStructV03.rng")))


def relaxng_errors(document: bytes) -> list[str]:
    schema = _relaxng()
    if schema.validate(etree.fromstring(document)):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


@cache
def _schematron_rules() -> list[list[tuple[str, list[tuple[str, str]]]]]:
    """The .sch as patterns of (rule context, [(assert test, message)]), in document order."""
    schema = etree.parse(str(TBX_DATA / "TBX-Basic_DCA.sch"))
    patterns = []
    for pattern in schema.iter(f"{SCH}pattern"):
        rules = []
        for rule in pattern.iter(f"{SCH}rule"):
            asserts = [(a.get("test"), " ".join("".join(a.itertext()).split())) for a in rule.iter(f"{SCH}assert")]
            rules.append((rule.get("context"), asserts))
        patterns.append(rules)
    return patterns


@cache
def _saxon() -> object:
    return saxonche.PySaxonProcessor(license=False)


def schematron_errors(document: bytes) -> list[str]:
    """Every failed assert of TBX-Basic_DCA.sch, as 'path: message'.

    In Schematron a node is checked only by the first rule of a pattern whose
    context matches it, so each rule's nodes exclude those of earlier rules.
    Rule contexts are XSLT patterns that match anywhere, hence the ``//``.
    """
    processor = _saxon()
    xpath = processor.new_xpath_processor()
    xpath.declare_namespace("tbx", NAMESPACE)
    xpath.set_context(xdm_item=processor.parse_xml(xml_text=document.decode("utf-8")))
    errors = []
    for rules in _schematron_rules():
        earlier: list[str] = []
        for context, asserts in rules:
            query = f"//({context})"
            if earlier:
                query = f"({query}) except ({' | '.join(earlier)})"
            earlier.append(f"//({context})")
            nodes = xpath.evaluate(query)
            for index in range(nodes.size if nodes is not None else 0):
                node = nodes.item_at(index)
                checker = processor.new_xpath_processor()
                checker.declare_namespace("tbx", NAMESPACE)
                checker.set_context(xdm_item=node)
                for test, message in asserts:
                    if not checker.effective_boolean_value(test):
                        where = checker.evaluate_single("path(.)")
                        errors.append(f"{where}: {message}")
    return errors


# ------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def fixture_tbx(glossary: nqp_terms.Glossary) -> bytes:
    document = export(glossary, "tbx")
    assert isinstance(document, bytes)
    return document


@pytest.fixture(scope="module")
def fixture_tree(fixture_tbx: bytes) -> etree._Element:
    return etree.fromstring(fixture_tbx)


# -------------------------------------------------------- the checkers work


def test_the_official_ltac_sample_passes_both_checks() -> None:
    sample = (TBX_DATA / "Example_Astronomy_DCA_VALID.tbx").read_bytes()
    assert relaxng_errors(sample) == []
    assert schematron_errors(sample) == []


def _broken(document: bytes, old: bytes, new: bytes) -> bytes:
    assert old in document, old
    return document.replace(old, new, 1)


def test_a_broken_file_fails_both_checks(fixture_tbx: bytes) -> None:
    broken = _broken(fixture_tbx, b'target="niubizi.en.1"', b'target="no-such-term"')
    broken = _broken(broken, b"deprecatedTerm-admn-sts", b"forbidden")
    assert any("no-such-term" in e for e in relaxng_errors(broken))
    assert any("/administrativeStatus/ type may be" in e for e in schematron_errors(broken))


def test_a_dangling_cross_reference_is_caught_by_the_relax_ng(fixture_tbx: bytes) -> None:
    broken = _broken(fixture_tbx, b'target="niubizi.en.1"', b'target="no-such-term"')
    assert relaxng_errors(broken)
    # The Schematron's IDREF rule (*[@target]) comes after tbx:*[@type] in its pattern, and a
    # Schematron node fires only the first matching rule, so it never sees a typed <ref>.
    assert schematron_errors(broken) == []


def test_a_category_tbx_basic_lacks_fails_the_schematron(fixture_tbx: bytes) -> None:
    broken = _broken(fixture_tbx, b'<termNote type="termType">', b'<termNote type="grammaticalNumber">')
    assert relaxng_errors(broken) == []  # the core grammar allows any type; the dialect does not
    assert any("Permitted type value(s): administrativeStatus" in e for e in schematron_errors(broken))


def test_a_context_at_language_level_fails_the_schematron(fixture_tbx: bytes) -> None:
    broken = _broken(fixture_tbx, b'<descrip type="definition">', b'<descrip type="context">')
    assert any("/context/ may only appear at level(s): termSec" in e for e in schematron_errors(broken))


def test_a_wrong_status_value_and_a_missing_concept_id_fail(fixture_tbx: bytes) -> None:
    broken = _broken(fixture_tbx, b"deprecatedTerm-admn-sts", b"forbidden")
    assert any("/administrativeStatus/" in e for e in schematron_errors(broken))
    broken = _broken(fixture_tbx, b'<conceptEntry id="zouchuqu">', b"<conceptEntry>")
    assert relaxng_errors(broken)


# ----------------------------------------------------------- our exports pass


def test_the_fixture_export_is_valid_tbx_basic(fixture_tbx: bytes) -> None:
    assert relaxng_errors(fixture_tbx) == []
    assert schematron_errors(fixture_tbx) == []


def test_the_shipped_glossary_export_is_valid_tbx_basic() -> None:
    document = export(nqp_terms.load(), "tbx")
    assert isinstance(document, bytes)
    assert relaxng_errors(document) == []
    assert schematron_errors(document) == []


@pytest.mark.parametrize("statuses", [["deprecated"], ["preferred", "admitted"], ["superseded"]])
def test_filtered_exports_stay_valid(glossary: nqp_terms.Glossary, statuses: list[str]) -> None:
    # A filter removes the targets of some cross references; none may be left dangling.
    document = export(glossary, "tbx", statuses=statuses)
    assert isinstance(document, bytes)
    assert relaxng_errors(document) == []
    assert schematron_errors(document) == []


def test_a_subject_field_filter_keeps_only_those_concepts(glossary: nqp_terms.Glossary) -> None:
    document = export(glossary, "tbx", subject_fields=["opening-up-trade"])
    ids = etree.fromstring(document).xpath("//tbx:conceptEntry/@id", namespaces=NS)
    assert ids == ["yinjinlai", "zouchuqu"]
    assert relaxng_errors(document) == [] and schematron_errors(document) == []


# ------------------------------------------------------------ what goes where


def _term(tree: etree._Element, text: str) -> etree._Element:
    found = tree.xpath("//tbx:termSec[tbx:term = $text]", namespaces=NS, text=text)
    assert len(found) == 1, text
    return found[0]


def test_concepts_keep_their_ids_and_subject_fields_sit_at_concept_level(fixture_tree: etree._Element) -> None:
    entry = fixture_tree.xpath("//tbx:conceptEntry[@id='xinzhi-shengchanli']", namespaces=NS)[0]
    fields = entry.xpath("tbx:descrip[@type='subjectField']", namespaces=NS)
    assert [(f.text, f.get("target")) for f in fields] == [
        ("Political economy", "field.political-economy"), ("Science and technology", "field.science-technology")]


def test_definitions_sit_at_language_level_with_a_source(fixture_tree: etree._Element) -> None:
    groups = fixture_tree.xpath("//tbx:conceptEntry[@id='niubizi']/tbx:langSec[@xml:lang='en']/tbx:descripGrp",
                                namespaces=NS)
    assert groups[0].findtext(f"{{{NAMESPACE}}}descrip").startswith("Figuratively, the part of a problem")
    assert groups[0].find(f"{{{NAMESPACE}}}admin").get("type") == "source"


def test_a_deprecated_term_points_to_the_termsec_of_its_replacement(fixture_tree: etree._Element) -> None:
    bull_nose = _term(fixture_tree, "bull nose")
    ref = bull_nose.find(f"{{{NAMESPACE}}}ref")
    assert (ref.get("type"), ref.get("target"), ref.text) == ("crossReference", "niubizi.en.1", "crux")
    assert _term(fixture_tree, "crux").get("id") == "niubizi.en.1"
    assert bull_nose.xpath("tbx:termNote[@type='administrativeStatus']/text()", namespaces=NS) == [
        "deprecatedTerm-admn-sts"]


def test_what_tbx_basic_cannot_hold_goes_into_notes(fixture_tree: etree._Element) -> None:
    def notes(text: str) -> list[str]:
        return _term(fixture_tree, text).xpath("tbx:note/text()", namespaces=NS)

    assert notes("新质生产力") == ["pinyin: xīnzhì shēngchǎnlì"]
    assert "grammatical number: plural" in notes("new quality productive forces")
    assert "reliability: high" in notes("new quality productive forces")
    assert "unsourced: no publication using this rendering was found; low reliability" in notes("crux")
    assert "reliability: low" in notes("crux")
    assert 'lint match: {"when": "quoted-or-capitalised"}' in notes("introduced")
    assert "use instead: bringing in" in notes("introduced")
    assert "seen in: seed-2024-05-20-economic-daily-mt" in notes("introduced")


def test_sources_are_cited_by_target_and_described_in_back(fixture_tree: etree._Element) -> None:
    admin = _term(fixture_tree, "high-quality development").find(f"{{{NAMESPACE}}}admin")
    assert admin.get("target") == "source.govcn-2024-02-01-nqpf-explainer"
    assert admin.text.startswith("Xinhua, republished by english.www.gov.cn, “Xinhua explainer")
    record = fixture_tree.xpath("//tbx:refObject[@id=$id]", namespaces=NS, id=admin.get("target"))[0]
    items = {i.get("type"): i.text for i in record}
    assert items["kind"] == "official" and items["url"].startswith("http://english.www.gov.cn/")


def test_the_export_is_deterministic(glossary: nqp_terms.Glossary) -> None:
    assert export(glossary, "tbx") == export(nqp_terms.load(TBX_DATA.parent.parent / "fixtures" / "glossary",
                                                             use_cache=False), "tbx")


def test_contexts_sit_at_term_level_with_their_source(glossary: nqp_terms.Glossary) -> None:
    from nqp_terms.termbase.model import Context, GlossaryData

    concept = glossary.concepts["niubizi"]
    crux = replace(concept.terms["en"][0],
                   contexts=(Context(text="Innovation is the crux of the matter.", source="qiushi-xi-columns"),),
                   geographical_usage="CN", pos="noun")
    changed = replace(concept, terms={**concept.terms, "en": (crux, *concept.terms["en"][1:])})
    small = nqp_terms.Glossary(GlossaryData(concepts=(changed,), sources=glossary.data.sources,
                                            subject_fields=glossary.data.subject_fields))
    document = export(small, "tbx")
    term = _term(etree.fromstring(document), "crux")
    group = term.find(f"{{{NAMESPACE}}}descripGrp")
    assert group.findtext(f"{{{NAMESPACE}}}descrip") == "Innovation is the crux of the matter."
    assert group.find(f"{{{NAMESPACE}}}admin").get("target") == "source.qiushi-xi-columns"
    assert term.xpath("tbx:termNote/@type", namespaces=NS) == [
        "administrativeStatus", "partOfSpeech", "termType", "geographicalUsage"]
    assert relaxng_errors(document) == [] and schematron_errors(document) == []
