"""Gettext PO entries as segment pairs for the bilingual check, read with polib."""

from __future__ import annotations

from pathlib import Path

from .segment import Segment, SegmentError


def read_po(path: Path) -> list[Segment]:
    """PO entries: msgid is the Chinese source, msgstr the English target."""
    import polib

    try:
        catalog = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise SegmentError(f"{path}: cannot read PO: {error}") from None
    return [Segment(entry.msgctxt or str(entry.linenum), entry.msgid, entry.msgstr, entry.linenum)
            for entry in catalog if entry.msgid and not entry.obsolete]
