"""XLIFF 1.2 and 2.x segment pairs for the bilingual check."""

from __future__ import annotations

from pathlib import Path

from .segment import Segment, SegmentError, element_text, local_name, parse_xml


def read_xliff(path: Path) -> list[Segment]:
    """XLIFF 1.2 (``trans-unit``) or 2.x (``unit``/``segment``)."""
    root = parse_xml(path).getroot()
    version = root.get("version", "")
    segments: list[Segment] = []
    if version.startswith("1"):
        for unit in root.iter():
            if local_name(unit.tag) == "trans-unit":
                source = next((c for c in unit if local_name(c.tag) == "source"), None)
                target = next((c for c in unit if local_name(c.tag) == "target"), None)
                segments.append(Segment(unit.get("id", str(len(segments) + 1)), element_text(source), element_text(target),
                                        unit.sourceline or 0))
    elif version.startswith("2"):
        for unit in root.iter():
            if local_name(unit.tag) != "unit":
                continue
            parts = [c for c in unit if local_name(c.tag) in ("segment", "ignorable")]
            source = "".join(element_text(next((x for x in p if local_name(x.tag) == "source"), None)) for p in parts)
            target = "".join(element_text(next((x for x in p if local_name(x.tag) == "target"), None)) for p in parts)
            segments.append(Segment(unit.get("id", str(len(segments) + 1)), source, target, unit.sourceline or 0))
    else:
        raise SegmentError(f"{path}: not XLIFF 1.2 or 2.x (version={version!r})")
    return segments
