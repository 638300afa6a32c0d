"""XLIFF 1.2 and 2.x segment pairs for the bilingual check.

Each segment is checked on its own: an XLIFF 2 ``<segment>``, an XLIFF 1.2
``<trans-unit>`` or, where the unit is segmented (``<seg-source>`` with
``<mrk mtype="seg">``), each of its segments.  Inline codes read as spaces
(:func:`.segment.inline_text`).  Units marked ``translate="no"`` (on the unit
or on a group or file around it), targets whose state says they are not
translated yet, and empty targets are returned with a ``skip`` reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .segment import Segment, SegmentError, empty_target, inline_text, local_name, parse_xml

#: Target states that mean "not translated yet".
_UNTRANSLATED_1 = frozenset({"new", "needs-translation"})
_UNTRANSLATED_2 = frozenset({"initial"})


def read_xliff(path: Path) -> list[Segment]:
    """XLIFF 1.2 (``trans-unit``) or 2.x (``unit``/``segment``)."""
    root = parse_xml(path).getroot()
    version = root.get("version", "")
    if version.startswith("1"):
        return list(_xliff_1(root))
    if version.startswith("2"):
        return list(_xliff_2(root))
    raise SegmentError(f"{path}: not XLIFF 1.2 or 2.x (version={version!r})")


def _child(element: Any, name: str) -> Any:
    return next((c for c in element if local_name(c.tag) == name), None)


def _not_translatable(element: Any) -> bool:
    """``translate="no"`` on the element or the nearest ancestor that says."""
    while element is not None:
        value = element.get("translate")
        if value is not None:
            return value == "no"
        element = element.getparent()
    return False


def _skip(unit: Any, target: Any, text: str, untranslated: frozenset[str]) -> str | None:
    if _not_translatable(unit):
        return 'translate="no"'
    state = target.get("state") if target is not None else None
    if state in untranslated:
        return f"state={state}"
    return empty_target(text)


def _xliff_1(root: Any) -> Iterator[Segment]:
    for number, unit in enumerate((u for u in root.iter() if local_name(u.tag) == "trans-unit"), start=1):
        unit_id = unit.get("id", str(number))
        source, target = _child(unit, "source"), _child(unit, "target")
        segmented = _child(unit, "seg-source")
        marks = _segment_marks(segmented) if segmented is not None else {}
        if marks and target is not None:
            targets = _segment_marks(target)
            for mid, mark in marks.items():
                text = inline_text(targets.get(mid))
                yield Segment(f"{unit_id}#{mid}", inline_text(mark), text, mark.sourceline or unit.sourceline or 0,
                              _skip(unit, target, text, _UNTRANSLATED_1))
            continue
        text = inline_text(target)
        yield Segment(unit_id, inline_text(source), text, unit.sourceline or 0,
                      _skip(unit, target, text, _UNTRANSLATED_1))


def _segment_marks(element: Any) -> dict[str, Any]:
    return {m.get("mid", str(i)): m for i, m in enumerate(
        (m for m in element.iter() if local_name(m.tag) == "mrk" and m.get("mtype") == "seg"), start=1)}


def _xliff_2(root: Any) -> Iterator[Segment]:
    for number, unit in enumerate((u for u in root.iter() if local_name(u.tag) == "unit"), start=1):
        unit_id = unit.get("id", str(number))
        segments = [c for c in unit if local_name(c.tag) == "segment"]
        for position, segment in enumerate(segments, start=1):
            source, target = _child(segment, "source"), _child(segment, "target")
            text = inline_text(target)
            segment_id = unit_id if len(segments) == 1 else f"{unit_id}#{segment.get('id', position)}"
            skip = _skip(unit, segment, text, _UNTRANSLATED_2)
            yield Segment(segment_id, inline_text(source), text, segment.sourceline or unit.sourceline or 0, skip)
