"""Read aligned Chinese source and English target segments from TSV, XLIFF 1.2 and 2.x, TMX and PO files.

One reader per format (:mod:`.tsv`, :mod:`.xliff`, :mod:`.tmx`, :mod:`.po`);
:func:`read_segments` picks one by the file's suffix.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .po import read_po
from .segment import Segment, SegmentError
from .tmx import read_tmx
from .tsv import read_tsv
from .xliff import read_xliff

__all__ = ["Segment", "SegmentError", "pairs", "read_segments"]


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
