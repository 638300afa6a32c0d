"""Read aligned Chinese source and English target segments from TSV, XLIFF 1.2 and 2.x, TMX and PO files.

XML is parsed with lxml, with entity resolution, DTD loading and network
access all switched off; a document that declares entities is refused rather
than half-read.  PO files are read with polib.

>>> import io
>>> [(s.id, s.source, s.target) for s in read_tsv(io.StringIO("揭榜挂帅\\tOpen competition\\n"), "x.tsv")]
[('1', '揭榜挂帅', 'Open competition')]
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MAX_XML_BYTES = 256 * 1024 * 1024
MAX_CELL_CHARACTERS = 2**31 - 1  # the csv module's own maximum: a TSV file is limited by its size alone


class SegmentError(ValueError):
    """A bilingual file that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Segment:
    """One aligned pair: the unit id (or 1-based row), the source and target text, and where it starts."""

    id: str
    source: str
    target: str
    line: int


def read_tsv(handle: IO[str], name: str) -> list[Segment]:
    """Two tab-separated columns, source then target, no header row.

    A cell may be of any length (the csv module's default limit, 128 KiB, is lifted while reading).
    """
    segments = []
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARACTERS)
    row_number = 0
    try:
        for row_number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != 2:
                raise SegmentError(f"{name}:{row_number}: expected 2 tab-separated columns (source, target), "
                                   f"found {len(row)}")
            segments.append(Segment(str(row_number), row[0], row[1], row_number))
    except csv.Error as error:
        raise SegmentError(f"{name}:{row_number + 1}: cannot read the row: {error}") from None
    finally:
        csv.field_size_limit(limit)
    return segments


def _parse_xml(path: Path) -> Any:
    from lxml import etree

    if path.stat().st_size > MAX_XML_BYTES:
        raise SegmentError(f"{path}: larger than {MAX_XML_BYTES // 2**20} MB")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        raise SegmentError(f"{path}: not well-formed XML: {error}") from None
    docinfo = tree.docinfo
    if docinfo.internalDTD is not None and any(True for _ in docinfo.internalDTD.iterentities()):
        raise SegmentError(f"{path}: declares XML entities; refused (entity expansion is a known attack)")
    return tree


def _text(element: Any) -> str:
    """All text inside an element, inline codes included, as one string."""
    return "".join(element.itertext()) if element is not None else ""


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_xliff(path: Path) -> list[Segment]:
    """XLIFF 1.2 (``trans-unit``) or 2.x (``unit``/``segment``)."""
    root = _parse_xml(path).getroot()
    version = root.get("version", "")
    segments: list[Segment] = []
    if version.startswith("1"):
        for unit in root.iter():
            if _local(unit.tag) == "trans-unit":
                source = next((c for c in unit if _local(c.tag) == "source"), None)
                target = next((c for c in unit if _local(c.tag) == "target"), None)
                segments.append(Segment(unit.get("id", str(len(segments) + 1)), _text(source), _text(target),
                                        unit.sourceline or 0))
    elif version.startswith("2"):
        for unit in root.iter():
            if _local(unit.tag) != "unit":
                continue
            parts = [c for c in unit if _local(c.tag) in ("segment", "ignorable")]
            source = "".join(_text(next((x for x in p if _local(x.tag) == "source"), None)) for p in parts)
            target = "".join(_text(next((x for x in p if _local(x.tag) == "target"), None)) for p in parts)
            segments.append(Segment(unit.get("id", str(len(segments) + 1)), source, target, unit.sourceline or 0))
    else:
        raise SegmentError(f"{path}: not XLIFF 1.2 or 2.x (version={version!r})")
    return segments


def read_tmx(path: Path, source_language: str = "zh", target_language: str = "en") -> list[Segment]:
    """TMX translation units; the variant whose xml:lang starts with zh is the source, en the target."""
    root = _parse_xml(path).getroot()
    language_attribute = "{http://www.w3.org/XML/1998/namespace}lang"
    segments = []
    for number, unit in enumerate((u for u in root.iter() if _local(u.tag) == "tu"), start=1):
        variants = {}
        for variant in unit:
            if _local(variant.tag) == "tuv":
                language = (variant.get(language_attribute) or variant.get("lang") or "").lower()
                seg = next((c for c in variant if _local(c.tag) == "seg"), None)
                variants[language.split("-")[0]] = _text(seg)
        segments.append(Segment(unit.get("tuid", str(number)), variants.get(source_language, ""),
                                variants.get(target_language, ""), unit.sourceline or 0))
    return segments


def read_po(path: Path) -> list[Segment]:
    """PO entries: msgid is the Chinese source, msgstr the English target."""
    import polib

    try:
        catalog = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise SegmentError(f"{path}: cannot read PO: {error}") from None
    return [Segment(entry.msgctxt or str(entry.linenum), entry.msgid, entry.msgstr, entry.linenum)
            for entry in catalog if entry.msgid and not entry.obsolete]


def read_segments(path: Path) -> list[Segment]:
    """Segments of a bilingual file, by its suffix (.tsv, .xlf/.xliff, .tmx, .po)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".tsv", ".tab", ".txt"):
            import io

            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                line = raw[: error.start].count(b"\n") + 1
                raise SegmentError(f"{path}: not UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start} "
                                   f"(line {line})") from None
            return read_tsv(io.StringIO(text, newline=""), str(path))
        if suffix in (".xlf", ".xliff", ".xlf2"):
            return read_xliff(path)
        if suffix == ".tmx":
            return read_tmx(path)
        if suffix in (".po", ".pot"):
            return read_po(path)
    except UnicodeDecodeError:
        raise SegmentError(f"{path}: not UTF-8") from None
    except OSError as error:
        raise SegmentError(f"{path}: cannot read: {error.strerror or error}") from None
    raise SegmentError(f"{path}: unknown bilingual format {suffix!r}; expected .tsv, .xlf, .xliff, .tmx or .po")


def pairs(segments: Iterable[Segment]) -> list[tuple[str, str]]:
    return [(s.source, s.target) for s in segments]
