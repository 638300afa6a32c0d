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
from ..linter.finding import locate
from ..text.input_policy import Errors
from .bilingual import BATCH, Checker, CheckResult


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


def check_segments(checker: Checker, segments: Iterable[Segment], skipped: Counter[str], *,
                   errors: Errors = "strict") -> Iterator[UnitCheck]:
    """Each segment checked, in order; skipped ones are counted in ``skipped`` by reason, not yielded.

    Segments are checked :data:`~.bilingual.BATCH` at a time (:meth:`~.bilingual.Checker.check_many`).
    """
    batch: list[Segment] = []
    for segment in segments:
        if segment.skip is not None:
            skipped[segment.skip] += 1
            continue
        batch.append(segment)
        if len(batch) == BATCH:
            yield from _checked(checker, batch, errors)
            batch = []
    yield from _checked(checker, batch, errors)


def _checked(checker: Checker, batch: list[Segment], errors: Errors) -> Iterator[UnitCheck]:
    results = checker.check_many([(s.source, s.target) for s in batch], [s.id for s in batch], errors=errors)
    for segment, result in zip(batch, results):
        yield UnitCheck(segment, result)


def check_file(path: str | Path, checker: Checker, *, errors: Errors = "strict") -> FileCheck:
    """Check every segment pair of a bilingual file; raises :class:`~nqp_terms.formats.bilingual.SegmentError`.

    Findings' offsets, lines and columns are in each unit's target.
    """
    checked = FileCheck(str(path))
    for unit in check_segments(checker, read_segments(Path(path)), checked.skipped, errors=errors):
        unit.result.findings = locate(unit.result.findings, unit.segment.target)
        checked.units.append(unit)
        checked.total.add(unit.result)
    return checked
