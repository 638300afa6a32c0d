"""TMX translation units as segment pairs for the bilingual check; each reports the line its ``<tu>`` starts on."""

from __future__ import annotations

from pathlib import Path

from .segment import Segment, empty_target, inline_text, local_name, parse_xml


def read_tmx(path: Path, source_language: str = "zh", target_language: str = "en") -> list[Segment]:
    """TMX translation units; the variant whose xml:lang starts with zh is the source, en the target."""
    root = parse_xml(path).getroot()
    language_attribute = "{http://www.w3.org/XML/1998/namespace}lang"
    segments = []
    for number, unit in enumerate((u for u in root.iter() if local_name(u.tag) == "tu"), start=1):
        variants = {}
        for variant in unit:
            if local_name(variant.tag) == "tuv":
                language = (variant.get(language_attribute) or variant.get("lang") or "").lower()
                seg = next((c for c in variant if local_name(c.tag) == "seg"), None)
                variants[language.split("-")[0]] = inline_text(seg)
        target = variants.get(target_language, "")
        segments.append(Segment(unit.get("tuid", str(number)), variants.get(source_language, ""), target,
                                unit.sourceline or 0, empty_target(target)))
    return segments
