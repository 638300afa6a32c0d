"""TBX v3 (ISO 30042:2019), dialect TBX-Basic, DCA style: the termbase as CAT tools exchange it.

One ``conceptEntry`` per concept (its id is the concept id), one ``langSec``
per language (``zh-Hans``, ``zh-Hant``, ``en``) and one ``termSec`` per term,
with the TBX-Basic data categories where they exist:

- ``termNote`` administrativeStatus, partOfSpeech, termType, geographicalUsage;
- ``descrip`` subjectField at concept level, definition at language level
  (with its ``admin`` source), context at term level (with its source);
- ``admin type="source"`` for each source a term cites, pointing (``target``)
  at the full record in ``back``;
- ``ref type="crossReference"`` from a deprecated term to the ``termSec`` of
  its replacement, and from a concept to its related concepts.

TBX-Basic has no data category for pinyin, grammatical number, reliability,
"unsourced", the rendering to use instead, the linter's match options and
examples, lookup forms, or where a bad rendering was seen.  Those go into
``<note>`` elements as ``label: value`` lines (:data:`NOTE_LABELS`), never into
invalid elements, so the file stays valid TBX-Basic and
:mod:`nqp_terms.tbx_import` can read everything back.

Ids are derived, never counted at random, so the same glossary always gives
the same bytes: ``<concept>.<language>.<n>`` for terms (the n-th term of that
language), ``source.<id>`` and ``field.<id>`` for the records in ``back``.  A
dot never occurs in a concept id, so these cannot clash with one.

>>> import nqp_terms
>>> from nqp_terms.export import export
>>> tbx = export(nqp_terms.load(), "tbx", subject_fields=["set-phrases"])
>>> tbx[:38]
b'<?xml version="1.0" encoding="UTF-8"?>'
>>> b'<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in tbx
True
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from lxml import etree

from ..glossary import Glossary
from ..model import LANGUAGES, Concept, LintExamples, MatchOptions, Source, Term
from ..validation import as_data

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
#: Namespaces of TBX v3 drafts that some tools still write; accepted on import, never written.
OLD_NAMESPACES = ("urn:iso:std:iso:30042:ed:3.0",)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: The labels of the ``<note>`` lines that carry what TBX-Basic has no data category for.
#: The importer reads them back; a note without one of these labels is a plain note.
NOTE_LABELS = {
    "pinyin": "pinyin",
    "grammatical_number": "grammatical number",
    "reliability": "reliability",
    "unsourced": "unsourced",
    "use_instead": "use instead",
    "reason": "reason",
    "seen_in": "seen in",
    "match": "lint match",
    "examples": "lint examples",
    "usage_note": "usage note",
    "related": "related",
    "lookup_form": "lookup form",
}
UNSOURCED_TEXT = "no publication using this rendering was found; low reliability"
#: The source given for our definitions, which are written by the project's editors.
DEFINITION_SOURCE = "nqp-terms editors (definition in our own words)"

STATUS_VALUES = {status: f"{status}Term-admn-sts" for status in ("preferred", "admitted", "deprecated", "superseded")}


def term_id(concept_id: str, language: str, index: int) -> str:
    """The ``termSec/@id`` of the ``index``-th (0-based) term of a language.

    >>> term_id("niubizi", "zh-Hans", 0)
    'niubizi.zh-Hans.1'
    """
    return f"{concept_id}.{language}.{index + 1}"


def source_ref(source_id: str) -> str:
    return f"source.{source_id}"


def field_ref(field_id: str) -> str:
    return f"field.{field_id}"


def citation(source: Source) -> str:
    """A source as one line of text, for tools that show ``admin`` but do not follow its target."""
    parts = [source.publisher, f"“{source.title}”", source.date or "n.d."]
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


def render(glossary: Glossary, concepts: Sequence[Concept]) -> bytes:
    """The TBX v3 document for ``concepts`` (already selected), as UTF-8 bytes."""
    root = build(glossary, concepts)
    # The declaration is written by hand: lxml's uses single quotes, which some CAT tools reject.
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def build(glossary: Glossary, concepts: Sequence[Concept], *, complete: bool | None = None) -> etree._Element:
    """The TBX v3 element tree.  ``complete``: put every source and subject field in ``back``, cited or not.

    By default the registry is complete when every concept of the glossary is exported.
    """
    if complete is None:
        complete = len(concepts) == len(glossary)
    writer = _Writer(glossary, concepts)
    root = etree.Element(_q("tbx"), nsmap={None: NAMESPACE})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(_XML_LANG, "en")
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", "nqp-terms: new quality productive forces termbase (zh-Hans, zh-Hant, en)")
    _sub(_sub(file_desc, "sourceDesc"), "p",
         "Generated by nqp-terms from its YAML glossary. Data TBX-Basic has no category for "
         "(pinyin, grammatical number, reliability, lint options) is in <note> elements as 'label: value'.")
    text = _sub(root, "text")
    body = _sub(text, "body")
    for concept in concepts:
        writer.concept(body, concept)
    sources = sorted(glossary.sources) if complete else sorted(writer.cited_sources)
    fields = list(glossary.subject_fields) if complete else [f for f in glossary.subject_fields if f in writer.cited_fields]
    if sources or fields:
        back = _sub(text, "back")
        if sources:
            section = _sub(back, "refObjectSec", type="source")
            for source_id in sources:
                _source_object(section, glossary.sources[source_id])
        if fields:
            section = _sub(back, "refObjectSec", type="subjectField")
            for field_id in fields:
                field = glossary.subject_fields[field_id]
                record = _sub(section, "refObject", id=field_ref(field.id))
                _sub(record, "item", field.en, type="en")
                _sub(record, "item", field.zh, type="zh")
    return root


# The order of a source's items; None values are left out.
SOURCE_ITEMS = ("publisher", "title", "date", "url", "accessed", "kind", "note")


def _source_object(section: etree._Element, source: Source) -> None:
    record = _sub(section, "refObject", id=source_ref(source.id))
    for name in SOURCE_ITEMS:
        value = getattr(source, name)
        if value is not None:
            _sub(record, "item", value, type=name)


class _Writer:
    def __init__(self, glossary: Glossary, concepts: Sequence[Concept]) -> None:
        self.glossary = glossary
        self.exported = {c.id for c in concepts}
        self.cited_sources: set[str] = set()
        self.cited_fields: set[str] = set()

    def concept(self, body: etree._Element, concept: Concept) -> None:
        entry = _sub(body, "conceptEntry", id=concept.id)
        for field_id in concept.subject_fields:
            self.cited_fields.add(field_id)
            field = self.glossary.subject_fields.get(field_id)
            _sub(entry, "descrip", field.en if field else field_id, type="subjectField", target=field_ref(field_id))
        for related in concept.related:
            if related in self.exported:
                target = self.glossary.concepts[related]
                _sub(entry, "ref", target.en or target.zh or related, type="crossReference", target=related)
            else:  # a dangling IDREF would make the file invalid: say it in words instead
                _note(entry, "related", related)
        if concept.usage_note:
            _note(entry, "usage_note", concept.usage_note)
        if concept.note:
            _sub(entry, "note", concept.note)
        definitions = {"en": concept.definition.en, "zh-Hans": concept.definition.zh_hans}
        for language in LANGUAGES:
            terms = concept.in_language(language)
            definition = definitions.get(language)
            if not terms:
                if definition:  # no langSec without a term: keep the definition at concept level
                    self._definition(entry, definition, language)
                continue
            section = _sub(entry, "langSec")
            section.set(_XML_LANG, language)
            if definition:
                self._definition(section, definition)
            for form in concept.lookup_forms.get(language, ()):
                _note(section, "lookup_form", form)
            for index, term in enumerate(terms):
                self.term(section, concept, language, index, term)

    def _definition(self, parent: etree._Element, text: str, language: str | None = None) -> None:
        group = _sub(parent, "descripGrp")
        definition = _sub(group, "descrip", text, type="definition")
        if language:
            definition.set(_XML_LANG, language)
        _sub(group, "admin", DEFINITION_SOURCE, type="source")

    def term(self, section: etree._Element, concept: Concept, language: str, index: int, term: Term) -> None:
        element = _sub(section, "termSec", id=term_id(concept.id, language, index))
        _sub(element, "term", term.term)
        _sub(element, "termNote", STATUS_VALUES[term.status], type="administrativeStatus")
        if term.pos:
            _sub(element, "termNote", term.pos, type="partOfSpeech")
        _sub(element, "termNote", term.term_type, type="termType")
        if term.geographical_usage:
            _sub(element, "termNote", term.geographical_usage, type="geographicalUsage")
        for context in term.contexts:
            group = _sub(element, "descripGrp")
            _sub(group, "descrip", context.text, type="context")
            self._source(group, context.source)
        for source_id in term.sources:
            self._source(element, source_id)
        if term.use_instead:
            terms = concept.in_language(language)  # type: ignore[arg-type]
            replacement = next((i for i, t in enumerate(terms) if t.term == term.use_instead and t.is_approved), None)
            if replacement is not None:
                _sub(element, "ref", term.use_instead, type="crossReference",
                     target=term_id(concept.id, language, replacement))
            _note(element, "use_instead", term.use_instead)
        if term.pinyin:
            _note(element, "pinyin", term.pinyin)
        if term.grammatical_number:
            _note(element, "grammatical_number", term.grammatical_number)
        if term.unsourced:
            _note(element, "unsourced", UNSOURCED_TEXT)
        if term.is_approved and language == "en":
            _note(element, "reliability", self.glossary.reliability(term))
        if term.reason:
            _note(element, "reason", term.reason)
        for source_id in term.seen_in:
            self.cited_sources.add(source_id)
            _note(element, "seen_in", source_id)
        if term.match != MatchOptions():
            _note(element, "match", _compact_json(as_data(term.match, exclude_defaults=True)))
        if term.examples != LintExamples():
            _note(element, "examples", _compact_json(as_data(term.examples, exclude_defaults=True)))
        if term.usage_note:
            _note(element, "usage_note", term.usage_note)
        if term.note:
            _sub(element, "note", term.note)

    def _source(self, parent: etree._Element, source_id: str) -> None:
        self.cited_sources.add(source_id)
        source = self.glossary.sources.get(source_id)
        _sub(parent, "admin", citation(source) if source else source_id, type="source", target=source_ref(source_id))


def _compact_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def _note(parent: etree._Element, key: str, value: str) -> None:
    _sub(parent, "note", f"{NOTE_LABELS[key]}: {value}")


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _sub(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _q(name))
    for key, value in attributes.items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def note_label(text: str) -> tuple[str | None, str]:
    """Split a note into its field name and value, or ``(None, text)`` for a plain note.

    >>> note_label("pinyin: niúbízi")
    ('pinyin', 'niúbízi')
    >>> note_label("Related Term: black hole")
    (None, 'Related Term: black hole')
    """
    for key, label in NOTE_LABELS.items():
        if text.startswith(label + ": "):
            return key, text[len(label) + 2:]
    return None, text
