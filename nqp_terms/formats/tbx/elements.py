"""How the TBX reader sees an element: its TBX v3 name, its text, and our language for its ``xml:lang``.

TBX v2 names are read as their v3 equivalents, so the rest of the reader
handles one vocabulary.

>>> from lxml import etree
>>> local(etree.fromstring("<tig/>")), local(etree.fromstring("<ntig/>")), local(etree.fromstring("<termSec/>"))
('termSec', 'termSec', 'termSec')
>>> text(etree.fromstring("<term>new  quality\\n productive <hi>forces</hi></term>"))
'new quality productive forces'
"""

from __future__ import annotations

from typing import Any

from ...termbase.model import Language
from .vocabulary import V2_NAMES

# TBX v2 names to v3; v2's ntig is a tig whose term and termNotes sit in a termGrp.
_V3_NAMES = {v2: v3 for v3, v2 in V2_NAMES.items()} | {"ntig": "termSec"}


def local(element: Any) -> str:
    """The element's TBX v3 local name, whatever its version or namespace; '' for comments."""
    if not isinstance(element.tag, str):
        return ""
    name = element.tag.rsplit("}", 1)[-1]
    return _V3_NAMES.get(name, name)


def text(element: Any) -> str:
    """The element's text, inline markup included, whitespace folded (pretty-printed TBX wraps lines)."""
    return " ".join("".join(element.itertext()).split())


def note_text(element: Any) -> str:
    """A note's text with each line trimmed: notes may hold line breaks on purpose."""
    lines = "".join(element.itertext()).strip().splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def language(tag: str | None) -> Language | None:
    """Our language for a BCP 47 tag: Chinese by script or region, English by any region.

    >>> language("zh-CN"), language("zh-Hant-TW"), language("en-GB"), language("es")
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


def items(record: Any) -> dict[str, str]:
    """The ``item`` children of a ``refObject`` in ``back``, by their type."""
    return {item.get("type"): text(item) for item in record if local(item) == "item"}
