"""Read a TBX file (v3 or v2) into glossary records, and write them out as a glossary directory.

Both generations of TBX are read: v3 (ISO 30042:2019, ``tbx``/``conceptEntry``/
``langSec``/``termSec``, namespace ``urn:iso:std:iso:30042:ed-2`` or the draft
``ed:3.0``) and v2 (ISO 30042:2008, ``martif``/``termEntry``/``langSet``/
``tig`` or ``ntig``).  A file written by :mod:`nqp_terms.export.tbx` comes back
whole: its ``label: value`` notes restore what TBX-Basic has no category for,
and its ``back`` matter restores the source registry and subject fields.

A file from elsewhere is fitted to the glossary's rules, and every fitting is
reported in :attr:`ImportedGlossary.warnings` rather than done silently:
languages other than Chinese and English are left out; a term without a
status is ``admitted``; a source given only as text becomes a source record
(usable as support only if it is a URL); an approved English term with no
usable source is marked ``unsourced``; a Simplified Chinese term without
pinyin gets pypinyin's reading, flagged for review.

XML is parsed with entity resolution, DTD loading and network access off; a
document that declares entities is refused.

>>> import nqp_terms
>>> from nqp_terms.export import export
>>> shipped = nqp_terms.load()
>>> imported = read_tbx(export(shipped, "tbx"))
>>> from nqp_terms.validation import as_data
>>> imported.warnings, as_data(imported.concepts[0]) == as_data(sorted(shipped, key=lambda c: c.id)[0])
([], True)
>>> read_tbx(b"<html/>", name="page.html")
Traceback (most recent call last):
...
nqp_terms.tbx_import.TbxError: page.html: the root element is <html>; expected <tbx> (TBX v3) or <martif> (TBX v2)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_args

from .export.tbx import NAMESPACE, OLD_NAMESPACES, note_label
from .export.tbx2 import V2_NAMES
from .model import (
    CONCEPT_ID,
    HTTP_URL,
    Concept,
    Context,
    Definition,
    GlossaryData,
    GrammaticalNumber,
    Language,
    LintExamples,
    MatchOptions,
    PartOfSpeech,
    Source,
    SubjectField,
    Term,
    TermType,
)
from .validation import ValidationError, as_data, validate

MAX_TBX_BYTES = 256 * 1024 * 1024
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX v2 names to v3; v2's ntig is a tig whose term and termNotes sit in a termGrp.
_V3_NAMES = {v2: v3 for v3, v2 in V2_NAMES.items()} | {"ntig": "termSec"}

#: administrativeStatus values, TBX v3 and the older spellings (TBX-Min 2014, Weblate), to our statuses.
_STATUSES = {
    "preferredterm-admn-sts": "preferred", "preferred": "preferred",
    "admittedterm-admn-sts": "admitted", "admitted": "admitted",
    "deprecatedterm-admn-sts": "deprecated", "deprecated": "deprecated", "notrecommended": "deprecated",
    "forbidden": "deprecated",
    "supersededterm-admn-sts": "superseded", "superseded": "superseded", "obsolete": "superseded",
}
_POS = set(get_args(PartOfSpeech))
_TERM_TYPES = set(get_args(TermType))
_NUMBERS = set(get_args(GrammaticalNumber))
_UNCLASSIFIED = SubjectField(id="unclassified", en="Unclassified", zh="未分类")


class TbxError(ValueError):
    """A file that cannot be read as TBX; the message names the file and the reason."""


@dataclass
class ImportedGlossary:
    """What a TBX file held, as glossary records, and what had to be changed or left out to fit."""

    concepts: list[Concept]
    sources: list[Source]
    subject_fields: list[SubjectField]
    warnings: list[str] = field(default_factory=list)

    def data(self) -> GlossaryData:
        return GlossaryData(concepts=tuple(self.concepts), sources=tuple(self.sources),
                            subject_fields=tuple(self.subject_fields))


# ------------------------------------------------------------------- parsing


def parse_tbx(source: Path | bytes, name: str | None = None) -> Any:
    """Parse TBX safely: no entities, no DTD, no network; refuse entity declarations."""
    from lxml import etree

    name = name or (str(source) if isinstance(source, Path) else "<tbx>")
    if isinstance(source, Path):
        if source.stat().st_size > MAX_TBX_BYTES:
            raise TbxError(f"{name}: larger than {MAX_TBX_BYTES // 2**20} MB")
        source = source.read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(source, parser)
    except etree.XMLSyntaxError as error:
        raise TbxError(f"{name}: not well-formed XML: {error}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise TbxError(f"{name}: declares XML entities; refused (entity expansion is a known attack)")
    return root


def _local(element: Any) -> str:
    """The element's TBX v3 local name, whatever its version or namespace; '' for comments."""
    if not isinstance(element.tag, str):
        return ""
    local = element.tag.rsplit("}", 1)[-1]
    return _V3_NAMES.get(local, local)


def _text(element: Any) -> str:
    """The element's text, inline markup included, whitespace folded (pretty-printed TBX wraps lines)."""
    return " ".join("".join(element.itertext()).split())


def _note_text(element: Any) -> str:
    """A note's text with each line trimmed: notes may hold line breaks on purpose."""
    lines = "".join(element.itertext()).strip().splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def _language(tag: str | None) -> Language | None:
    """Our language for a BCP 47 tag: Chinese by script or region, English by any region.

    >>> _language("zh-CN"), _language("zh-Hant-TW"), _language("en-GB"), _language("es")
    ('zh-Hans', 'zh-Hant', 'en', None)
    """
    if not tag:
        return None
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] == "en":
        return "en"
    if parts[0] != "zh":
        return None
    if "hant" in parts or any(p in ("tw", "hk", "mo") for p in parts[1:]):
        return "zh-Hant"
    return "zh-Hans"


def slug(text: str) -> str:
    """A lower-case ASCII slug for ids made from free text; '' when nothing is left.

    >>> slug("Oxford2007"), slug("http://www.example.org/a_b.htm"), slug("星")
    ('oxford2007', 'www-example-org-a-b-htm', '')
    """
    text = re.sub(r"^https?://", "", text.lower())
    words = re.findall(r"[a-z0-9]+", text)
    result = "-".join(words)[:60].strip("-")
    if result and result[0].isdigit():
        result = "x-" + result
    return result


# ------------------------------------------------------------------ sources


class _Sources:
    """Sources by id: those the file's ``back`` describes, and those made from reference text."""

    def __init__(self, accessed: str, warnings: list[str]) -> None:
        self.accessed = accessed
        self.warnings = warnings
        self.described: dict[str, Source] = {}
        self.made: dict[str, Source] = {}
        self._by_text: dict[str, str] = {}
        self.used: set[str] = set()

    def read_back(self, back: Any) -> None:
        for section in back:
            if _local(section) != "refObjectSec" or section.get("type") != "source":
                continue
            for record in section:
                record_id = record.get("id") or ""
                if not record_id.startswith("source."):
                    continue
                items = {item.get("type"): _text(item) for item in record if _local(item) == "item"}
                values = {f.name: items.get(f.name) for f in fields(Source) if f.name != "id"}
                try:
                    self.described[record_id] = validate(Source, {"id": record_id.removeprefix("source."), **values})
                except ValidationError as error:
                    self.warnings.append(f"source record {record_id!r} in back is invalid and was left out: "
                                         f"{error.errors()[0]['msg']}")

    def resolve(self, admin: Any) -> str:
        """The id of the source an ``admin type="source"`` names, creating one for plain text."""
        target = admin.get("target")
        if target in self.described:
            source_id = self.described[target].id
        else:
            source_id = self._from_text(_text(admin))
        self.used.add(source_id)
        return source_id

    def get(self, source_id: str) -> Source:
        return next(s for s in (*self.described.values(), *self.made.values()) if s.id == source_id)

    def usable(self, source_id: str) -> bool:
        """Whether the source may support an approved rendering (the glossary's unusable-source rule)."""
        source = self.get(source_id)
        return source.url is not None and source.kind != "machine-translation"

    def _from_text(self, text: str) -> str:
        if text in self._by_text:
            return self._by_text[text]
        base = slug(text) or "source"
        taken = {s.id for s in self.described.values()} | set(self.made)
        source_id, number = base, 2
        while source_id in taken:
            source_id, number = f"{base}-{number}", number + 1
        url = text if HTTP_URL.match(text) else None
        publisher = re.sub(r"^https?://([^/]+).*$", r"\1", text) if url else text
        self.made[source_id] = Source(
            id=source_id, publisher=publisher, title=text, date=None, url=url, accessed=self.accessed,
            kind="third-party", note="Imported from TBX, which gave only this reference text; "
                                     "accessed is the date of the import.")
        self._by_text[text] = source_id
        return source_id

    def records(self, complete: bool) -> list[Source]:
        described = list(self.described.values()) if complete else [s for s in self.described.values()
                                                                      if s.id in self.used]
        return sorted(described + list(self.made.values()), key=lambda s: s.id)


# -------------------------------------------------------------------- terms


@dataclass
class _TermDraft:
    values: dict[str, Any]
    notes: list[str]
    sources: list[str]
    target: str | None  # the termSec id a crossReference points to
    element_id: str | None


class _Reader:
    def __init__(self, root: Any, accessed: str) -> None:
        self.root = root
        self.warnings: list[str] = []
        self.sources = _Sources(accessed, self.warnings)
        self.default_language = _language(root.get(_XML_LANG))
        self.shipped_fields = _shipped_subject_fields()
        self.described_fields: dict[str, SubjectField] = {}
        self.fields: dict[str, SubjectField] = {}
        self.skipped_languages: Counter[str] = Counter()
        self.generated_pinyin = 0
        self.marked_unsourced = 0
        self.dropped_history = 0  # transacGrp: who changed what when; the glossary's history is git

    def read(self) -> ImportedGlossary:
        body = back = None
        for child in self.root.iter():
            if _local(child) == "body" and body is None:
                body = child
            elif _local(child) == "back" and back is None:
                back = child
        if back is not None:
            self.sources.read_back(back)
            self._read_fields(back)
        entries = [e for e in (body if body is not None else []) if _local(e) == "conceptEntry"]
        ids = self._concept_ids(entries)
        concepts = []
        for entry in entries:
            concept = self._concept(entry, ids)
            if concept is not None:
                concepts.append(concept)
        concepts = self._drop_outside_references(concepts)
        if self.skipped_languages:
            listed = ", ".join(repr(tag) for tag in sorted(self.skipped_languages))
            self.warnings.insert(0, f"left out {sum(self.skipped_languages.values())} langSec elements in "
                                    f"languages nqp-terms does not hold: {listed}")
        if self.generated_pinyin:
            self.warnings.append(f"{self.generated_pinyin} Simplified Chinese terms had no pinyin; pypinyin's "
                                 "reading was added, marked in each term's note for review")
        if self.dropped_history:
            self.warnings.append(f"{self.dropped_history} transacGrp elements (change history) were left out")
        if self.marked_unsourced:
            self.warnings.append(f"{self.marked_unsourced} approved English terms cite no published source "
                                 "with a URL and are marked unsourced")
        complete = bool(self.described_fields) and len(concepts) == len(entries)
        fields = list(self.described_fields.values()) if complete else []
        fields += [f for f in self.fields.values() if f not in fields]
        return ImportedGlossary(concepts=concepts, sources=self.sources.records(complete),
                                subject_fields=fields, warnings=self.warnings)

    def _drop_outside_references(self, concepts: list[Concept]) -> list[Concept]:
        """Related concepts that are not in the file (a filtered export) would not validate: leave them out."""
        ids = {c.id for c in concepts}
        result = []
        for concept in concepts:
            outside = [r for r in concept.related if r not in ids]
            if outside:
                self.warnings.append(f"{concept.id}: related concepts not in this file were left out: "
                                     f"{', '.join(outside)}")
                concept = replace(concept, related=tuple(r for r in concept.related if r in ids))
            result.append(concept)
        return result

    def _read_fields(self, back: Any) -> None:
        for section in back:
            if _local(section) != "refObjectSec" or section.get("type") != "subjectField":
                continue
            for record in section:
                items = {item.get("type"): _text(item) for item in record if _local(item) == "item"}
                field_id = (record.get("id") or "").removeprefix("field.")
                if CONCEPT_ID.match(field_id) and items.get("en") and items.get("zh"):
                    self.described_fields[f"field.{field_id}"] = SubjectField(id=field_id, en=items["en"],
                                                                              zh=items["zh"])

    def _concept_ids(self, entries: list[Any]) -> dict[Any, str]:
        ids: dict[Any, str] = {}
        taken: set[str] = set()
        for number, entry in enumerate(entries, start=1):
            given = entry.get("id") or ""
            chosen = given if CONCEPT_ID.match(given) else slug(given) or f"concept-{number}"
            if chosen in taken:
                chosen = f"{chosen}-{number}"
            if chosen != given:
                self.warnings.append(f"concept id {given!r} is not a lower-case slug; written as {chosen!r}")
            taken.add(chosen)
            ids[entry] = chosen
        return ids

    def _subject_field(self, element: Any) -> str:
        target = element.get("target")
        if target in self.described_fields:
            field_ = self.described_fields[target]
        else:
            label = _text(element)
            shipped = next((f for f in self.shipped_fields if label.lower() in (f.id, f.en.lower(), f.zh.lower())), None)
            if shipped is not None:
                field_ = shipped
            else:
                new_id = slug(label) or "unclassified"
                if new_id not in self.fields:
                    self.warnings.append(f"subject field {label!r} is not in the shipped list; added as {new_id!r} "
                                         "with the same text as its Chinese name (translate it)")
                field_ = self.fields.get(new_id) or SubjectField(id=new_id, en=label, zh=label)
        self.fields.setdefault(field_.id, field_)
        return field_.id

    def _concept(self, entry: Any, ids: dict[Any, str]) -> Concept | None:
        concept_id = ids[entry]
        by_element_id = {e.get("id"): ids[e] for e in ids if e.get("id")}
        subject_fields: list[str] = []
        related: list[str] = []
        notes: list[str] = []
        usage_notes: list[str] = []
        definitions: dict[str, str] = {}
        terms: dict[Language, list[_TermDraft]] = {}
        lookup_forms: dict[Language, list[str]] = {}
        for child in entry:
            kind, category = _local(child), child.get("type")
            if kind == "transacGrp":
                self.dropped_history += 1
            elif kind == "descrip" and category == "subjectField":
                subject_fields.append(self._subject_field(child))
            elif kind == "ref" and category == "crossReference" and child.get("target") in by_element_id:
                related.append(by_element_id[child.get("target")])
            elif kind == "note":
                label, value = note_label(_note_text(child))
                if label == "related":
                    related.append(value)
                elif label == "usage_note":
                    usage_notes.append(value)
                else:
                    notes.append(_note_text(child))
            elif kind in ("descrip", "descripGrp"):
                self._definition(child, self.default_language, definitions, notes)
            elif kind == "langSec":
                language = _language(child.get(_XML_LANG))
                if language is None:
                    self.skipped_languages[child.get(_XML_LANG) or "(none)"] += 1
                    continue
                self._language_section(child, language, terms, definitions, lookup_forms, notes)
            elif kind in ("admin", "adminGrp", "xref", "ref"):
                notes.append(f"{category or kind}: {_text(child)}" + (f" ({child.get('target')})"
                                                                       if child.get("target") else ""))
        finished = {language: self._finish_terms(concept_id, language, drafts)
                    for language, drafts in terms.items()}
        finished = {language: kept for language, kept in finished.items() if kept}
        if not finished:
            self.warnings.append(f"concept {concept_id!r} has no Chinese or English term and was left out")
            return None
        if not subject_fields:
            self.fields.setdefault(_UNCLASSIFIED.id, _UNCLASSIFIED)
            subject_fields.append(_UNCLASSIFIED.id)
        definition = validate(Definition, {"en": definitions.get("en"), "zh-Hans": definitions.get("zh-Hans")})
        values: dict[str, Any] = {
            "id": concept_id, "subject_fields": tuple(dict.fromkeys(subject_fields)), "definition": definition,
            "terms": finished, "related": tuple(dict.fromkeys(related)),
            "lookup_forms": {lang: tuple(forms) for lang, forms in lookup_forms.items() if lang in finished},
        }
        if usage_notes:
            values["usage_note"] = "\n".join(usage_notes)
        if notes:
            values["note"] = "\n".join(notes)
        return validate(Concept, values)

    def _definition(self, element: Any, language: Language | None, definitions: dict[str, str],
                    notes: list[str]) -> None:
        descrip = element if _local(element) == "descrip" else next(
            (c for c in element if _local(c) == "descrip"), None)
        if descrip is None or descrip.get("type") != "definition":
            if descrip is not None:
                notes.append(f"{descrip.get('type')}: {_text(descrip)}")
            return
        language = _language(descrip.get(_XML_LANG)) or language
        text = _text(descrip)
        if language in ("en", "zh-Hans") and language not in definitions:
            definitions[language] = text
        else:
            notes.append(f"definition ({descrip.get(_XML_LANG) or language}): {text}")

    def _language_section(self, section: Any, language: Language, terms: dict[Language, list[_TermDraft]],
                          definitions: dict[str, str], lookup_forms: dict[Language, list[str]],
                          notes: list[str]) -> None:
        for child in section:
            kind = _local(child)
            if kind == "transacGrp":
                self.dropped_history += 1
            elif kind == "termSec":
                draft = self._term(child, language)
                if draft is not None:
                    terms.setdefault(language, []).append(draft)
            elif kind in ("descrip", "descripGrp"):
                self._definition(child, language, definitions, notes)
            elif kind == "note":
                label, value = note_label(_note_text(child))
                if label == "lookup_form":
                    lookup_forms.setdefault(language, []).append(value)
                else:
                    notes.append(f"({language}) {_note_text(child)}")

    def _term(self, element: Any, language: Language) -> _TermDraft | None:
        # TBX v2 ntig keeps term and termNotes in a termGrp; flatten it.
        children: list[Any] = []
        for child in element:
            children.extend(child if _local(child) == "termGrp" else [child])
        text = next((_text(c) for c in children if _local(c) == "term"), "")
        if not text:
            self.warnings.append(f"an empty term in {language} was left out")
            return None
        values: dict[str, Any] = {"term": text}
        notes: list[str] = []
        sources: list[str] = []
        contexts: list[Context] = []
        target = None
        for child in children:
            kind, category = _local(child), child.get("type")
            if kind == "transacGrp":
                self.dropped_history += 1
            elif kind == "termNote":
                value = _text(child)
                if category == "administrativeStatus" and value.lower() in _STATUSES:
                    values["status"] = _STATUSES[value.lower()]
                elif category == "partOfSpeech" and value in _POS:
                    values["pos"] = value
                elif category == "termType" and value in _TERM_TYPES:
                    values["term_type"] = value
                elif category == "geographicalUsage":
                    values["geographical_usage"] = value
                else:
                    notes.append(f"{category}: {value}")
            elif kind == "descripGrp" or (kind == "descrip" and category == "context"):
                descrip = child if kind == "descrip" else next((c for c in child if _local(c) == "descrip"), None)
                admin = None if kind == "descrip" else next(
                    (c for c in child if _local(c) == "admin" and c.get("type") == "source"), None)
                if descrip is None:
                    continue
                if descrip.get("type") == "context" and admin is not None:
                    contexts.append(Context(text=_text(descrip), source=self.sources.resolve(admin)))
                else:
                    notes.append(f"{descrip.get('type')}: {_text(descrip)}")
            elif kind == "admin" and category == "source":
                sources.append(self.sources.resolve(child))
            elif kind == "ref" and category == "crossReference":
                target = child.get("target")
            elif kind == "note":
                notes.append(_note_text(child))
            elif kind != "term":
                notes.append(f"{category or kind}: {_text(child)}")
        if contexts:
            values["contexts"] = tuple(contexts)
        return _TermDraft(values, notes, sources, target, element.get("id"))

    def _finish_terms(self, concept_id: str, language: Language, drafts: list[_TermDraft]) -> tuple[Term, ...]:
        by_id = {d.element_id: d for d in drafts if d.element_id}
        kept: list[tuple[_TermDraft, dict[str, Any]]] = []
        seen: set[str] = set()
        for draft in drafts:
            values = dict(draft.values)
            if values["term"] in seen:
                self.warnings.append(f"{concept_id}: {language} term {values['term']!r} is listed twice; kept once")
                continue
            seen.add(values["term"])
            if "status" not in values:
                values["status"] = "admitted"
            plain: list[str] = []
            for note in draft.notes:
                label, value = note_label(note)
                if label == "pinyin" and language != "en":
                    values["pinyin"] = value
                elif label == "grammatical_number" and value in _NUMBERS:
                    values["grammatical_number"] = value
                elif label == "unsourced":
                    values["unsourced"] = True
                elif label in ("use_instead", "reason", "usage_note"):
                    values[label] = value
                elif label == "seen_in":
                    values.setdefault("seen_in", []).append(value)
                elif label == "match":
                    values["match"] = validate(MatchOptions, json.loads(value))
                elif label == "examples":
                    values["examples"] = validate(LintExamples, json.loads(value))
                elif label == "reliability":
                    continue  # derived from the sources on export; nothing to keep
                else:
                    plain.append(note)
            approved = values["status"] in ("preferred", "admitted")
            for source_id in draft.sources:
                if not approved:
                    values.setdefault("seen_in", []).append(source_id)
                elif self.sources.usable(source_id):
                    values.setdefault("sources", []).append(source_id)
                else:
                    plain.append(f"source: {self.sources.get(source_id).title}")
            if plain:
                values["note"] = "\n".join(plain)
            kept.append((draft, values))
        # Resolve replacements once every term of the language is known.
        approved_terms = [v["term"] for _, v in kept if v["status"] in ("preferred", "admitted")]
        preferred_seen = False
        result = []
        for draft, values in kept:
            if values["status"] == "preferred":
                if preferred_seen:
                    self.warnings.append(f"{concept_id}: a second preferred {language} term {values['term']!r} "
                                         "is written as admitted")
                    values["status"] = "admitted"
                preferred_seen = True
            if values["status"] in ("deprecated", "superseded"):
                target = by_id.get(draft.target) if draft.target else None
                named = target.values["term"] if target is not None else values.get("use_instead")
                if named not in approved_terms:
                    named = approved_terms[0] if approved_terms else None
                if named is None:
                    self.warnings.append(f"{concept_id}: {values['status']} {language} term {values['term']!r} "
                                         "has no approved term to point to and was left out")
                    continue
                values["use_instead"] = named
            elif language == "en" and not values.get("sources") and not values.get("unsourced"):
                values["unsourced"] = True
                self.marked_unsourced += 1
            if language == "zh-Hans" and "pinyin" not in values:
                reading = _pinyin(values["term"])
                if reading:
                    values["pinyin"] = reading
                    values["note"] = "\n".join(filter(None, [values.get("note"), UNCHECKED_PINYIN]))
                    self.generated_pinyin += 1
            for name in ("seen_in", "sources"):
                if name in values:
                    values[name] = tuple(dict.fromkeys(values[name]))
            result.append(validate(Term, values))
        return tuple(result)


#: The note added to a Simplified Chinese term whose pinyin was generated on import.
UNCHECKED_PINYIN = "pinyin generated by pypinyin on import; check it"


def _pinyin(text: str) -> str | None:
    from pypinyin import Style, pinyin  # deferred: a large dictionary, needed only for foreign files

    from .pinyin import HAN

    if not HAN.search(text):
        return None
    syllables = [reading[0] for reading in pinyin([c for c in text if HAN.match(c)], style=Style.TONE)]
    return " ".join(syllables)


def _shipped_subject_fields() -> list[SubjectField]:
    from .load import shipped_glossary_path
    from .yamlfile import read_yaml_text

    path = shipped_glossary_path() / "subject-fields.yaml"
    document = read_yaml_text(path.read_text(encoding="utf-8"), str(path))
    return [validate(SubjectField, item) for item in document.data or ()]


def read_tbx(source: Path | bytes, *, accessed: str | None = None, name: str | None = None) -> ImportedGlossary:
    """Read a TBX v3 or v2 file (a path, or the bytes of one) into glossary records.

    ``accessed`` is the date recorded on sources made from reference text (TBX
    does not say when a source was read); by default, today.  Raises
    :class:`TbxError` for a file that is not TBX.
    """
    import datetime

    root = parse_tbx(source, name)
    label = name or (str(source) if isinstance(source, Path) else "<tbx>")
    tag = root.tag if isinstance(root.tag, str) else ""
    namespace = tag[1:].split("}")[0] if tag.startswith("{") else ""
    local = tag.rsplit("}", 1)[-1]
    if local == "tbx" and namespace not in (NAMESPACE, *OLD_NAMESPACES):
        raise TbxError(f"{label}: a <tbx> root in namespace {namespace!r}; expected {NAMESPACE!r}")
    if local not in ("tbx", "martif"):
        hint = " (TBX-Min 2014 files are not supported)" if local == "TBX" else ""
        raise TbxError(f"{label}: the root element is <{local}>; expected <tbx> (TBX v3) or <martif> (TBX v2){hint}")
    return _Reader(root, accessed or datetime.date.today().isoformat()).read()


# ------------------------------------------------------------------- writing


def write_glossary(imported: ImportedGlossary, directory: Path) -> list[Path]:
    """Write the records as a glossary directory (concepts/, sources/, subject-fields.yaml); return the files."""
    import yaml

    def dump(value: Any) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)

    from .safe_write import create_new, ensure_directory

    def write(path: Path, value: Any) -> None:
        # Each file is new (O_EXCL, never through a symlink): an import never overwrites anything.
        create_new(path, dump(value).encode("utf-8"))
        written.append(path)

    written: list[Path] = []
    ensure_directory(directory)
    ensure_directory(directory / "concepts")
    for concept in imported.concepts:
        write(directory / "concepts" / f"{concept.id}.yaml", as_data(concept, exclude_defaults=True))
    if imported.sources:
        ensure_directory(directory / "sources")
        write(directory / "sources" / "imported.yaml", [as_data(s, exclude_defaults=True) for s in imported.sources])
    if imported.subject_fields:
        write(directory / "subject-fields.yaml", [as_data(f) for f in imported.subject_fields])
    return written


__all__ = ["ImportedGlossary", "TbxError", "read_tbx", "write_glossary"]
