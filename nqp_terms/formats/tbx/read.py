"""Read a TBX file (v3 or v2) into glossary records.

Both generations of TBX are read: v3 (ISO 30042:2019, ``tbx``/``conceptEntry``/
``langSec``/``termSec``, namespace ``urn:iso:std:iso:30042:ed-2`` or the draft
``ed:3.0``) and v2 (ISO 30042:2008, ``martif``/``termEntry``/``langSet``/
``tig`` or ``ntig``).  A file written by :mod:`nqp_terms.formats.tbx.write` comes back
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
>>> from nqp_terms.formats import export
>>> shipped = nqp_terms.load()
>>> imported = read_tbx(export(shipped, "tbx"))
>>> from nqp_terms.termbase.validation import as_data
>>> imported.warnings, as_data(imported.concepts[0]) == as_data(sorted(shipped, key=lambda c: c.id)[0])
([], True)
>>> read_tbx(b"<html/>", name="page.html")
Traceback (most recent call last):
...
nqp_terms.formats.tbx.read.TbxError: page.html: the root element is <html>; expected <tbx> (TBX v3) or <martif> (TBX v2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...termbase.model import Concept, GlossaryData, Source, SubjectField
from ...termbase.validation import validate
from .concepts import concept_ids, drop_outside_references, read_concept, read_described_fields
from .elements import language, local
from .sources import SourceRegistry
from .state import ReadState, summary_warnings
from .vocabulary import NAMESPACE, OLD_NAMESPACES, XML_LANG

MAX_TBX_BYTES = 256 * 1024 * 1024


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


def read_tbx(source: Path | bytes, *, accessed: str | None = None, name: str | None = None) -> ImportedGlossary:
    """Read a TBX v3 or v2 file (a path, or the bytes of one) into glossary records.

    ``accessed`` is the date recorded on sources made from reference text (TBX
    does not say when a source was read); by default, today.  Raises
    :class:`TbxError` for a file that is not TBX.
    """
    import datetime

    root = parse_tbx(source, name)
    _check_root(root, name or (str(source) if isinstance(source, Path) else "<tbx>"))
    return read_document(root, accessed or datetime.date.today().isoformat())


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


def _check_root(root: Any, label: str) -> None:
    """Refuse a root that is neither TBX v3 ``tbx`` (in a known namespace) nor TBX v2 ``martif``."""
    tag = root.tag if isinstance(root.tag, str) else ""
    namespace = tag[1:].split("}")[0] if tag.startswith("{") else ""
    name = tag.rsplit("}", 1)[-1]
    if name == "tbx" and namespace not in (NAMESPACE, *OLD_NAMESPACES):
        raise TbxError(f"{label}: a <tbx> root in namespace {namespace!r}; expected {NAMESPACE!r}")
    if name not in ("tbx", "martif"):
        hint = " (TBX-Min 2014 files are not supported)" if name == "TBX" else ""
        raise TbxError(f"{label}: the root element is <{name}>; expected <tbx> (TBX v3) or <martif> (TBX v2){hint}")


def read_document(root: Any, accessed: str) -> ImportedGlossary:
    """The records of a parsed TBX v3 or v2 document (its root element)."""
    warnings: list[str] = []
    state = ReadState(SourceRegistry(accessed, warnings), warnings, language(root.get(XML_LANG)),
                      _shipped_subject_fields())
    body, back = _body_and_back(root)
    if back is not None:
        state.sources.read_back(back)
        read_described_fields(state, back)
    entries = [e for e in (body if body is not None else []) if local(e) == "conceptEntry"]
    ids = concept_ids(state, entries)
    concepts = [c for c in (read_concept(state, entry, ids) for entry in entries) if c is not None]
    concepts = drop_outside_references(state, concepts)
    summary_warnings(state)
    complete = bool(state.described_fields) and len(concepts) == len(entries)
    fields = list(state.described_fields.values()) if complete else []
    fields += [f for f in state.fields.values() if f not in fields]
    return ImportedGlossary(concepts=concepts, sources=state.sources.records(complete), subject_fields=fields,
                            warnings=state.warnings)


def _body_and_back(root: Any) -> tuple[Any, Any]:
    """The first ``body`` and the first ``back`` element, wherever they are."""
    body = back = None
    for child in root.iter():
        if local(child) == "body" and body is None:
            body = child
        elif local(child) == "back" and back is None:
            back = child
    return body, back


def _shipped_subject_fields() -> list[SubjectField]:
    from ...termbase.layout import shipped_glossary_path
    from ...termbase.yamlfile import read_yaml_text

    path = shipped_glossary_path() / "subject-fields.yaml"
    document = read_yaml_text(path.read_text(encoding="utf-8"), str(path))
    return [validate(SubjectField, item) for item in document.data or ()]


__all__ = ["ImportedGlossary", "TbxError", "read_document", "read_tbx"]
