"""A finding: one problem at one place, as data.

The JSON form of a finding is documented in ``docs/lint-output.md``; its
field names are part of the interface and do not change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from collections.abc import Iterable, Iterator
from typing import Any

from .rules import RULES, Severity


@dataclass(frozen=True)
class Finding:
    """One problem in a text.

    ``start`` and ``end`` are 0-based character offsets in the text; ``line``
    and ``column`` are 1-based and count characters.
    """

    rule: str
    severity: Severity
    start: int
    end: int
    match: str
    message: str
    suggestion: str | None = None
    concept: str | None = None
    zh: str | None = None
    reason: str | None = None
    source: str | None = None
    url: str | None = None
    line: int = 0
    column: int = 0
    path: str = "-"
    segment: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return RULES[self.rule].name

    def located(self, text: str, line_starts: list[int], path: str) -> Finding:
        """This finding with its line, column and path filled in."""
        from bisect import bisect_right

        line = bisect_right(line_starts, self.start)
        return replace(self, line=line, column=self.start - line_starts[line - 1] + 1, path=path)

    def as_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["name"] = self.name
        extra = record.pop("extra")
        record.update(extra)
        if record["segment"] is None:
            del record["segment"]
        return record


_new, _set = object.__new__, object.__setattr__


class FindingTemplate:
    """What every finding of one kind shares, to be stamped at each place it occurs.

    The engine builds tens of thousands of findings per megabyte of dense text, and the ``__init__``
    of a frozen dataclass sets each of its seventeen fields through ``object.__setattr__``: about
    4 µs a finding.  A template fills the new finding's attributes from a prototype's in one
    dictionary update, a fifth of that, and the result is the same as ``replace(prototype, ...)``.

    >>> template = FindingTemplate(Finding("NQP001", "error", 0, 0, "", "", suggestion="crux"))
    >>> finding = template.at(4, 13, "bull nose", "use crux")
    >>> finding == Finding("NQP001", "error", 4, 13, "bull nose", "use crux", suggestion="crux")
    True
    """

    def __init__(self, prototype: Finding):
        self._fields = dict(vars(prototype))

    def at(self, start: int, end: int, match: str, message: str) -> Finding:
        fields = self._fields.copy()
        fields["start"], fields["end"], fields["match"], fields["message"] = start, end, match, message
        fields["extra"] = fields["extra"].copy()  # each finding its own, as the default factory gives
        finding = _new(Finding)
        _set(finding, "__dict__", fields)  # what frozen forbids is the class's __setattr__, not object's
        return finding


def locate(findings: list[Finding], text: str) -> list[Finding]:
    """The findings in ``text`` with their 1-based line and column filled in, as the command line reports them.

    >>> from nqp_terms import lint
    >>> [(f.match, f.line, f.column) for f in locate(lint("Intro.\\nWe Go out."), "Intro.\\nWe Go out.")]
    [('Go out', 2, 4)]
    """
    starts = line_starts(text)
    return [finding.located(text, starts, finding.path) for finding in findings]


def positions(text: str, starts: Iterable[int], first_line: int = 1) -> Iterator[tuple[int, int]]:
    r"""The 1-based line and column of each offset in ``starts``, in one pass over the text's line breaks.

    Findings come sorted by start, so each step counts only the line breaks since the previous one:
    linear in the text however many findings there are, where a search per finding was not.  An offset
    smaller than the one before (never from the linter) starts the count again from the beginning.

    >>> list(positions("ab\ncd\n\nef", [0, 1, 3, 7, 8]))
    [(1, 1), (1, 2), (2, 1), (4, 1), (4, 2)]
    >>> list(positions("x\ny", [2], first_line=10))
    [(11, 1)]
    """
    line, line_start, previous = first_line, 0, 0
    count, rfind = text.count, text.rfind
    for start in starts:
        if start < previous:
            line, line_start, previous = first_line, 0, 0
        breaks = count("\n", previous, start)
        if breaks:
            line += breaks
            line_start = rfind("\n", previous, start) + 1
        previous = start
        yield line, start - line_start + 1


def line_starts(text: str) -> list[int]:
    """Offsets where each line of ``text`` starts (line 1 at offset 0)."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts
