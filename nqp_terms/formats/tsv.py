"""Tab-separated segment pairs for the bilingual check: Chinese source, then English target.

>>> import io
>>> [(s.id, s.source, s.target) for s in read_tsv(io.StringIO("揭榜挂帅\\tOpen competition\\n"), "x.tsv")]
[('1', '揭榜挂帅', 'Open competition')]
"""

from __future__ import annotations

import csv
from typing import IO

from .segment import Segment, SegmentError, empty_target

MAX_CELL_CHARACTERS = 2**31 - 1  # the csv module's own maximum: a TSV file is limited by its size alone


def read_tsv(handle: IO[str], name: str) -> list[Segment]:
    """Two tab-separated columns, source then target, no header row; each pair reports its line.

    A cell may be of any length (the csv module's default limit, 128 KiB, is lifted while reading).
    """
    segments = []
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARACTERS)
    row_number = 0
    try:
        for row_number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or not "".join(row).strip():  # no cell holds anything but white space
                continue
            if len(row) != 2:
                raise SegmentError(f"{name}:{row_number}: expected 2 tab-separated columns (source, target), "
                                   f"found {len(row)}")
            segments.append(Segment(str(row_number), row[0], row[1], row_number, empty_target(row[1])))
    except csv.Error as error:
        raise SegmentError(f"{name}:{row_number + 1}: cannot read the row: {error}") from None
    finally:
        csv.field_size_limit(limit)
    return segments
