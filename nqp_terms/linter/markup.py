"""Where not to lint: Markdown code, URLs and link targets, and regions switched off by comments.

Switches are HTML comments, invisible in rendered Markdown:

- ``<!-- nqp-terms disable -->`` ... ``<!-- nqp-terms enable -->``: no findings in between;
- ``<!-- nqp-terms disable NQP003 niubizi -->``: only those rules (codes or names) or
  concepts (ids) are off until the matching ``enable`` (or a bare ``enable``).

>>> text = "Use `bull nose` here.\\n<!-- nqp-terms disable niubizi -->\\nBull nose\\n<!-- nqp-terms enable -->"
>>> [(text[s.start:s.end], s.only) for s in quiet_spans(text)]  # doctest: +NORMALIZE_WHITESPACE
[('`bull nose`', frozenset()), ('<!-- nqp-terms disable niubizi -->', frozenset()),
 ('<!-- nqp-terms enable -->', frozenset()), ('\\nBull nose\\n', frozenset({'niubizi'}))]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# Order matters only for readability: every pattern is applied to the whole text.
_CODE_FENCE = re.compile(r"[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(`+)[^`\n](?:.*?[^`])??\1", re.DOTALL)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"'`]+")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_LINK_DEFINITION = re.compile(r"[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SWITCH = re.compile(r"<!--\s*nqp-terms\s+(disable|enable)\b([^>]*?)-->")
# Each pattern with the literal strings it must start at, and whether it is anchored at the start of
# that line.  Scanning for the literal with str.find and trying the pattern only there is many times
# faster than letting the regex engine walk every position of a long document.
_PATTERNS = ((_CODE_FENCE, ("```", "~~~"), True), (_INLINE_CODE, ("`",), False), (_URL, ("http", "www."), False),
             (_LINK_TARGET, ("](",), False), (_LINK_DEFINITION, ("]:",), True), (_COMMENT, ("<!--",), False))


def _anchored_matches(pattern: re.Pattern[str], needles: tuple[str, ...], line_start: bool,
                      text: str) -> list[re.Match[str]]:
    candidates = sorted({position for needle in needles for position in _positions(text, needle)})
    found: list[re.Match[str]] = []
    covered = -1
    for position in candidates:
        start = text.rfind("\n", 0, position) + 1 if line_start else position
        if start < covered:
            continue
        match = pattern.match(text, start)
        if match and match.end() > match.start():
            found.append(match)
            covered = match.end()
    return found


# A needle occurs only if a character it needs does.  Testing for one character is many times faster
# than searching for a string, and most prose has no backquote, tilde, bracket or angle bracket at all.
_TELLTALE = {"```": "`", "~~~": "~", "`": "`", "http": ":", "](": "]", "]:": "]", "<!--": "<"}


def _positions(text: str, needle: str) -> list[int]:
    telltale = _TELLTALE.get(needle)
    if telltale is not None and telltale not in text:
        return []
    positions = []
    position = text.find(needle)
    while position != -1:
        positions.append(position)
        position = text.find(needle, position + 1)
    return positions


@dataclass(frozen=True)
class QuietSpan:
    """A span where findings are dropped: all of them (``only`` empty) or those of some rules or concepts."""

    start: int
    end: int
    only: frozenset[str]

    def silences(self, start: int, end: int, keys: set[str]) -> bool:
        overlaps = start < self.end and self.start < end
        return overlaps and (not self.only or bool(self.only & keys))


def quiet_spans(text: str) -> list[QuietSpan]:
    """Code, URLs, link targets and comments, then the regions switched off by comments."""
    # Each pattern runs only if its telltale characters occur: most prose has no code and no URL,
    # and a regex anchored on \b costs more than a substring test over megabytes.
    spans = [QuietSpan(m.start(), m.end(), frozenset())
             for pattern, needles, line_start in _PATTERNS
             for m in _anchored_matches(pattern, needles, line_start, text)]
    open_regions: dict[frozenset[str], int] = {}
    for switch in _SWITCH.finditer(text) if "<" in text and "nqp-terms" in text else ():
        action, arguments = switch.group(1), frozenset(switch.group(2).split())
        if action == "disable":
            open_regions.setdefault(arguments, switch.end())
        elif arguments:
            if arguments in open_regions:
                spans.append(QuietSpan(open_regions.pop(arguments), switch.start(), arguments))
        else:
            for only, start in open_regions.items():
                spans.append(QuietSpan(start, switch.start(), only))
            open_regions.clear()
    for only, start in open_regions.items():
        spans.append(QuietSpan(start, len(text), only))
    return spans


class QuietIndex:
    """Quiet spans arranged for fast questions: short spans by start, the few long regions apart.

    >>> index = QuietIndex([QuietSpan(5, 9, frozenset()), QuietSpan(20, 90, frozenset({"NQP003"}))])
    >>> index.silences(6, 8, {"NQP001"}), index.silences(30, 31, {"NQP001"}), index.silences(30, 31, {"NQP003"})
    (True, False, True)
    """

    def __init__(self, spans: list[QuietSpan], long: int = 2000):
        short = sorted((s for s in spans if s.end - s.start <= long), key=lambda s: s.start)
        self._starts = [s.start for s in short]
        self._short = short
        self._reach = max((s.end - s.start for s in short), default=0)
        self._long = [s for s in spans if s.end - s.start > long]

    def __bool__(self) -> bool:
        return bool(self._short or self._long)

    def silences(self, start: int, end: int, keys: set[str]) -> bool:
        return any(span.silences(start, end, keys) for span in self._near(start, end))

    def touches(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``[start, end)``: if none does, no keys can silence a finding there.

        >>> index = QuietIndex([QuietSpan(5, 9, frozenset({"NQP003"}))])
        >>> index.touches(6, 8), index.touches(9, 12)
        (True, False)
        """
        return any(start < span.end and span.start < end for span in self._near(start, end))

    def _near(self, start: int, end: int) -> list[QuietSpan]:
        """The spans that may overlap ``[start, end)``: short ones starting within reach, and every long one."""
        first = bisect_left(self._starts, start - self._reach)
        last = bisect_left(self._starts, max(end, start + 1))
        return self._short[first:last] + self._long if self._long else self._short[first:last]
