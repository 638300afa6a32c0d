"""A bilingual segment pair, and what the readers of bilingual files share.

The readers are one module per format (:mod:`.tsv`, :mod:`.xliff`,
:mod:`.tmx`, :mod:`.po`); :func:`nqp_terms.formats.bilingual.read_segments`
picks one by suffix.  XML is parsed with lxml, with entity resolution, DTD
loading and network access all switched off; a document that declares
entities is refused rather than half-read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_XML_BYTES = 256 * 1024 * 1024


class SegmentError(ValueError):
    """A bilingual file that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Segment:
    """One aligned pair: the unit id (or 1-based row), the source and target text, and where it starts.

    ``skip`` says why a pair is not to be checked (``translate="no"``, ``state=new``,
    ``fuzzy``, ``obsolete``, ``empty target``); the readers return such pairs so that
    the check can count them.
    """

    id: str
    source: str
    target: str
    line: int
    skip: str | None = None


def empty_target(target: str) -> str | None:
    """The skip reason of a pair whose target is empty, else ``None``."""
    return None if target.strip() else "empty target"


def parse_xml(path: Path) -> Any:
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


#: Inline codes that stand for markup of the original document (XLIFF 1.2 and 2.x, TMX): their content,
#: if any, is native code, not text.  Paired codes that wrap text (g, pc, mrk, hi) keep their text.
_CODES = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "ut", "sub", "sc", "ec", "cp", "sm", "em"})


def inline_text(element: Any) -> str:
    """The text of a segment, each inline code read as a space: "完善<ph/>体制" is "完善 体制".

    >>> from lxml import etree
    >>> inline_text(etree.fromstring("<target>Promote<ph id='1'>&lt;b&gt;</ph>high-quality <g id='2'>growth</g></target>"))
    'Promote high-quality growth'
    """
    if element is None:
        return ""
    pieces = [element.text or ""]
    for child in element:
        if local_name(child.tag) in _CODES or not isinstance(child.tag, str):
            pieces.append(" ")
        else:
            pieces.append(inline_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def local_name(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
