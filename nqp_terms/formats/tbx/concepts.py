"""Concepts of an imported TBX file: each ``conceptEntry`` with its subject fields, definitions and languages.

Everything TBX-Basic holds that the glossary has no field for is kept as a
note, never dropped silently; languages other than Chinese and English are
counted and left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ...termbase.model import CONCEPT_ID, Concept, Definition, Language, SubjectField
from ...termbase.validation import validate
from .elements import items, language, local, note_text, text
from .sources import slug
from .state import ReadState
from .terms import TermDraft, finish_terms, read_term
from .vocabulary import XML_LANG, note_label

UNCLASSIFIED = SubjectField(id="unclassified", en="Unclassified", zh="未分类")


@dataclass
class ConceptDraft:
    """A ``conceptEntry`` as read, before its terms are finished."""

    id: str
    subject_fields: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    usage_notes: list[str] = field(default_factory=list)
    sense_rendered: bool = False
    definitions: dict[str, str] = field(default_factory=dict)
    definition_source: str | None = None
    terms: dict[Language, list[TermDraft]] = field(default_factory=dict)
    lookup_forms: dict[Language, list[str]] = field(default_factory=dict)


# ------------------------------------------------------- ids and subject fields


def concept_ids(state: ReadState, entries: list[Any]) -> dict[Any, str]:
    """A valid, unique concept id for every ``conceptEntry``; each id changed is a warning."""
    ids: dict[Any, str] = {}
    taken: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        given = entry.get("id") or ""
        chosen = given if CONCEPT_ID.match(given) else slug(given) or f"concept-{number}"
        if chosen in taken:
            chosen = f"{chosen}-{number}"
        if chosen != given:
            state.warnings.append(f"concept id {given!r} is not a lower-case slug; written as {chosen!r}")
        taken.add(chosen)
        ids[entry] = chosen
    return ids


def read_described_fields(state: ReadState, back: Any) -> None:
    """Take in the subject field records of ``back`` (``refObjectSec type="subjectField"``)."""
    for section in back:
        if local(section) != "refObjectSec" or section.get("type") != "subjectField":
            continue
        for record in section:
            names = items(record)
            field_id = (record.get("id") or "").removeprefix("field.")
            if CONCEPT_ID.match(field_id) and names.get("en") and names.get("zh"):
                state.described_fields[f"field.{field_id}"] = SubjectField(id=field_id, en=names["en"],
                                                                           zh=names["zh"])


def _subject_field(state: ReadState, element: Any) -> str:
    """The id of the subject field a ``descrip type="subjectField"`` names: described, shipped, or new."""
    target = element.get("target")
    if target in state.described_fields:
        field_ = state.described_fields[target]
    else:
        label = text(element)
        shipped = next((f for f in state.shipped_fields if label.lower() in (f.id, f.en.lower(), f.zh.lower())), None)
        field_ = shipped if shipped is not None else _new_subject_field(state, label)
    state.fields.setdefault(field_.id, field_)
    return field_.id


def _new_subject_field(state: ReadState, label: str) -> SubjectField:
    new_id = slug(label) or "unclassified"
    if new_id not in state.fields:
        state.warnings.append(f"subject field {label!r} is not in the shipped list; added as {new_id!r} "
                              "with the same text as its Chinese name (translate it)")
    return state.fields.get(new_id) or SubjectField(id=new_id, en=label, zh=label)


# ------------------------------------------------------------------ concepts


def read_concept(state: ReadState, entry: Any, ids: dict[Any, str]) -> Concept | None:
    """The concept of one ``conceptEntry``; ``None`` (with a warning) when it has no term we hold."""
    draft = ConceptDraft(ids[entry])
    by_element_id = {e.get("id"): ids[e] for e in ids if e.get("id")}
    for child in entry:
        _read_concept_child(state, child, draft, by_element_id)
    return _concept_record(state, draft)


def _read_concept_child(state: ReadState, child: Any, draft: ConceptDraft, by_element_id: dict[str, str]) -> None:
    kind, category = local(child), child.get("type")
    if kind == "transacGrp":
        state.dropped_history += 1
    elif kind == "descrip" and category == "subjectField":
        draft.subject_fields.append(_subject_field(state, child))
    elif kind == "ref" and category == "crossReference" and child.get("target") in by_element_id:
        draft.related.append(by_element_id[child.get("target")])
    elif kind == "note":
        _read_concept_note(note_text(child), draft)
    elif kind in ("descrip", "descripGrp"):
        _read_definition(state, child, state.default_language, draft)
    elif kind == "langSec":
        section_language = language(child.get(XML_LANG))
        if section_language is None:
            state.skipped_languages[child.get(XML_LANG) or "(none)"] += 1
        else:
            _read_language_section(state, child, section_language, draft)
    elif kind in ("admin", "adminGrp", "xref", "ref"):
        draft.notes.append(f"{category or kind}: {text(child)}" + (f" ({child.get('target')})"
                                                                   if child.get("target") else ""))


def _read_concept_note(note: str, draft: ConceptDraft) -> None:
    label, value = note_label(note)
    if label == "related":
        draft.related.append(value)
    elif label == "usage_note":
        draft.usage_notes.append(value)
    elif label == "sense_rendered":
        draft.sense_rendered = value == "yes"
    else:
        draft.notes.append(note)


def _read_definition(state: ReadState, element: Any, default: Language | None, draft: ConceptDraft) -> None:
    """The first English and Simplified Chinese definitions are kept; any other ``descrip`` becomes a note.

    A definition's ``admin`` source that points at a source record (ours name where the facts come
    from) becomes the definition's source.
    """
    descrip = element if local(element) == "descrip" else next((c for c in element if local(c) == "descrip"), None)
    if descrip is None or descrip.get("type") != "definition":
        if descrip is not None:
            draft.notes.append(f"{descrip.get('type')}: {text(descrip)}")
        return
    written_in = language(descrip.get(XML_LANG)) or default
    definition = text(descrip)
    if written_in in ("en", "zh-Hans") and written_in not in draft.definitions:
        draft.definitions[written_in] = definition
        cited = next((c for c in element if local(c) == "admin" and c.get("type") == "source"
                      and (c.get("target") or "").startswith("source.")), None) if element is not descrip else None
        if cited is not None and draft.definition_source is None:
            draft.definition_source = state.sources.resolve(cited)
    else:
        draft.notes.append(f"definition ({descrip.get(XML_LANG) or written_in}): {definition}")


def _read_language_section(state: ReadState, section: Any, section_language: Language, draft: ConceptDraft) -> None:
    for child in section:
        kind = local(child)
        if kind == "transacGrp":
            state.dropped_history += 1
        elif kind == "termSec":
            term = read_term(state, child, section_language)
            if term is not None:
                draft.terms.setdefault(section_language, []).append(term)
        elif kind in ("descrip", "descripGrp"):
            _read_definition(state, child, section_language, draft)
        elif kind == "note":
            label, value = note_label(note_text(child))
            if label == "lookup_form":
                draft.lookup_forms.setdefault(section_language, []).append(value)
            else:
                draft.notes.append(f"({section_language}) {note_text(child)}")


def _concept_record(state: ReadState, draft: ConceptDraft) -> Concept | None:
    finished = {lang: finish_terms(state, draft.id, lang, drafts) for lang, drafts in draft.terms.items()}
    finished = {lang: kept for lang, kept in finished.items() if kept}
    if not finished:
        state.warnings.append(f"concept {draft.id!r} has no Chinese or English term and was left out")
        return None
    if not draft.subject_fields:
        state.fields.setdefault(UNCLASSIFIED.id, UNCLASSIFIED)
        draft.subject_fields.append(UNCLASSIFIED.id)
    definition = validate(Definition, {"en": draft.definitions.get("en"), "zh-Hans": draft.definitions.get("zh-Hans"),
                                       "source": draft.definition_source})
    values: dict[str, Any] = {
        "id": draft.id, "subject_fields": tuple(dict.fromkeys(draft.subject_fields)), "definition": definition,
        "terms": finished, "related": tuple(dict.fromkeys(draft.related)),
        "lookup_forms": {lang: tuple(forms) for lang, forms in draft.lookup_forms.items() if lang in finished},
    }
    if draft.usage_notes:
        values["usage_note"] = "\n".join(draft.usage_notes)
    if draft.sense_rendered:
        values["sense_rendered"] = True
    if draft.notes:
        values["note"] = "\n".join(draft.notes)
    return validate(Concept, values)


def drop_outside_references(state: ReadState, concepts: list[Concept]) -> list[Concept]:
    """Related concepts that are not in the file (a filtered export) would not validate: leave them out."""
    ids = {c.id for c in concepts}
    result = []
    for concept in concepts:
        outside = [r for r in concept.related if r not in ids]
        if outside:
            state.warnings.append(f"{concept.id}: related concepts not in this file were left out: "
                                  f"{', '.join(outside)}")
            concept = replace(concept, related=tuple(r for r in concept.related if r in ids))
        result.append(concept)
    return result
