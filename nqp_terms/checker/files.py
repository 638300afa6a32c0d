"""Check a whole bilingual file (TSV, XLIFF 1.2 and 2.x, TMX, PO): per-unit results, skips and accuracy.

>>> import nqp_terms
>>> checked = check_file("tests/data/bilingual/sample-1.2.xlf", Checker(nqp_terms.load()))
>>> [(unit.segment.id, unit.result.accuracy) for unit in checked.units]
[('p1', 0.0), ('p2', 1.0)]
>>> checked.total.accuracy, dict(checked.skipped)
(0.5, {})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from ..formats.bilingual import read_segments
from ..formats.segment import Segment
from .bilingual import Checker, CheckResult


@dataclass(frozen=True)
class UnitCheck:
    """One checked segment pair and its result (findings' offsets are in the segment's target)."""

    segment: Segment
    result: CheckResult


@dataclass
class FileCheck:
    """A checked file: each checked unit, the pairs skipped by reason, and the totals over the file."""

    path: str
    units: list[UnitCheck] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    total: CheckResult = field(default_factory=CheckResult)

    @property
    def accuracy(self) -> float | None:
        return self.total.accuracy


def check_segments(checker: Checker, segments: Iterable[Segment],
                   skipped: Counter[str]) -> Iterator[UnitCheck]:
    """Each segment checked in turn; skipped ones are counted in ``skipped`` by reason, not yielded."""
    check = checker.check
    for segment in segments:
        if segment.skip is not None:
            skipped[segment.skip] += 1
            continue
        yield UnitCheck(segment, check(segment.source, segment.target, segment=segment.id))


def check_file(path: str | Path, checker: Checker) -> FileCheck:
    """Check every segment pair of a bilingual file; raises :class:`~nqp_terms.formats.bilingual.SegmentError`."""
    checked = FileCheck(str(path))
    for unit in check_segments(checker, read_segments(Path(path)), checked.skipped):
        checked.units.append(unit)
        checked.total.add(unit.result)
    return checked
