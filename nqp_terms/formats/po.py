"""Gettext PO entries as segment pairs for the bilingual check, read with polib.

Fuzzy and obsolete entries, and entries with no translation, are returned
with a ``skip`` reason.
"""

from __future__ import annotations

from pathlib import Path

from .segment import Segment, SegmentError, empty_target


def read_po(path: Path) -> list[Segment]:
    """PO entries: msgid is the Chinese source, msgstr the English target (the first plural form)."""
    import polib

    try:
        catalog = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise SegmentError(f"{path}: cannot read PO: {error}") from None
    segments = []
    for entry in catalog:
        if not entry.msgid:
            continue
        target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        skip = "obsolete" if entry.obsolete else "fuzzy" if "fuzzy" in entry.flags else empty_target(target)
        segments.append(Segment(entry.msgctxt or str(entry.linenum), entry.msgid, target, entry.linenum, skip))
    return segments
