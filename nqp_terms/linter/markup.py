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
from collections.abc import Iterator
from dataclasses import dataclass, field

# Every scan below is linear in the text: each pattern either consumes what it looks at or fails at its
# first character, and no pattern can backtrack over more than one line.  (The regexes used before could:
# repeated fence markers, decreasing backtick runs and unclosed comments or link targets took seconds to
# minutes on a few kilobytes.)  Blocks follow CommonMark: fenced and indented code, HTML blocks, link
# reference definitions, front matter; then, in what is left, inline code, URLs, link targets and comments.
_BLOCK_START = re.compile(
    r"^(?:(?P<fence> {0,3}(?P<marker>`{3,}|~{3,})(?P<info>[^\n]*))"
    r"|(?P<html> {0,3}<(?P<tag>!--|!\[CDATA\[|[?!]|/?[A-Za-z][A-Za-z0-9-]{0,20}))"
    r"|(?P<definition> {0,3}\[[^\[\]\n]{1,999}\]:[^\n]*)"
    r"|(?P<indented>(?: {4}| {0,3}\t)[^\n]*?\S))", re.MULTILINE)
# Lines that may start a block; the regex engine finds a literal "\n" far faster than it tries ^ everywhere.
_MAYBE_BLOCK = re.compile(r"\n(?=[ \t`~<\[])")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
_NOT_INDENTED = re.compile(r"^(?! {4}| {0,3}\t|[ \t]*$)", re.MULTILINE)
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_FRONT_MATTER_END = {"---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE),
                     "+++": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)}
# HTML blocks of CommonMark's kinds 1 to 6, by how they end.
_RAW_TAGS = ("script", "pre", "style", "textarea")
_BLOCK_TAGS = frozenset("""address article aside base basefont blockquote body caption center col colgroup dd details
    dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html
    iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table
    tbody td tfoot th thead title tr track ul""".split())
_RAW_END = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"'`]+")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)?")  # consumes up to the ")" or the line's end: a miss is not retried
_SWITCH = re.compile(r"<!--[ \t]*nqp-terms[ \t]+(disable|enable)\b([^>\n]{0,1000}?)-->")


@dataclass(frozen=True)
class QuietSpan:
    """A span where findings are dropped: all of them (``only`` empty) or those of some rules or concepts."""

    start: int
    end: int
    only: frozenset[str]

    def silences(self, start: int, end: int, keys: set[str]) -> bool:
        overlaps = start < self.end and self.start < end
        return overlaps and (not self.only or bool(self.only & keys))


@dataclass
class QuietState:
    """What a document's scan carries from one chunk to the next (see ``lint.files``).

    A block open at the end of a chunk (a code fence, an HTML block or comment) goes on in the next
    one, and so does a region switched off by a comment; ``None`` and empty when nothing is open.
    """

    fence: tuple[str, int] | None = None  # the open fence's character and length
    html_end: str | None = None  # what ends the open HTML block: a string, or "" for a blank line
    regions: dict[frozenset[str], int] = field(default_factory=dict)  # only -> where the region began
    started: bool = False  # past the document's first chunk: no front matter any more


def quiet_spans(text: str, state: QuietState | None = None) -> list[QuietSpan]:
    """Code, HTML blocks and comments, link definitions and targets, URLs and front matter; then the switched-off
    regions.  With a ``state``, blocks and regions left open by the previous chunk are continued, and those
    left open at the end of ``text`` are recorded in it."""
    state = state if state is not None else QuietState()
    quiet: list[tuple[int, int]] = []
    position = _carried_block(text, state, quiet)
    if not state.started:
        position = max(position, _front_matter(text, quiet))
        state.started = True
    prose = _blocks(text, position, state, quiet)
    for start, end in prose:
        _inline(text, start, end, quiet)
    spans = [QuietSpan(start, end, frozenset()) for start, end in sorted(quiet) if end > start]
    _switch_regions(text, state, spans)
    return spans


def _carried_block(text: str, state: QuietState, quiet: list[tuple[int, int]]) -> int:
    """Close (or continue) the block the previous chunk left open; where scanning goes on."""
    if state.fence is not None:
        end = _fence_end(text, 0, *state.fence)
        state.fence = None if end is not None else state.fence
        end = len(text) if end is None else end
    elif state.html_end is not None:
        end = _html_end(text, 0, state.html_end)
        state.html_end = None if end is not None else state.html_end
        end = len(text) if end is None else end
    else:
        return 0
    quiet.append((0, end))
    return end


def _front_matter(text: str, quiet: list[tuple[int, int]]) -> int:
    opening = text[:3]
    if opening not in _FRONT_MATTER_END or text[3:4] not in ("\n", "\r"):
        return 0
    closing = _FRONT_MATTER_END[opening].search(text, 4)
    if closing is None:
        return 0  # not front matter: a thematic break
    quiet.append((0, closing.end()))
    return closing.end()


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _fence_end(text: str, position: int, char: str, length: int) -> int | None:
    """The end of the line closing a fence of ``length`` ``char`` opened before ``position``; None if none does."""
    closing = re.compile(rf"^ {{0,3}}{re.escape(char)}{{{length},}}[ \t]*$", re.MULTILINE).search(text, position)
    return None if closing is None else closing.end()


def _html_end(text: str, position: int, end_marker: str) -> int | None:
    """The end of the line where an HTML block opened before ``position`` ends; None if it does not."""
    if end_marker == "":
        blank = _BLANK_LINE.search(text, max(0, position - 1))
        return None if blank is None else blank.start()
    if end_marker == "</raw>":
        found = _RAW_END.search(text, position)
        return None if found is None else _line_end(text, found.end())
    found = text.find(end_marker, position)
    if found < 0:
        return None
    # A comment is invisible only up to its end; what follows it on the line is shown, and linted.
    return found + len(end_marker) if end_marker == "-->" else _line_end(text, found + len(end_marker))


def _html_kind(tag: str, line: str) -> str | None:
    """How an HTML block opened by ``<tag`` ends (CommonMark kinds 1 to 6), or None if it is no block."""
    if tag == "!--":
        return "-->"
    if tag == "?":
        return "?>"
    if tag == "![CDATA[":
        return "]]>"
    if tag == "!":
        return ">" if line[line.index("<") + 2: line.index("<") + 3].isalpha() else None
    name = tag.lstrip("/").lower()
    if not tag.startswith("/") and name in _RAW_TAGS:
        return "</raw>"
    if name in _BLOCK_TAGS:
        after = line[line.index("<") + len(tag) + 1:][:2]
        if after == "" or after[0] in " \t>" or after == "/>":
            return ""
    return None


def _blocks(text: str, position: int, state: QuietState, quiet: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quiet the code, HTML and definition blocks from ``position`` on; return the stretches of prose between."""
    prose: list[tuple[int, int]] = []
    covered = position
    if not any(c in text for c in "`~<[\t") and "    " not in text:
        return [(position, len(text))]
    for match in _block_starts(text, position):
        start = match.start()
        if start < covered:
            continue
        end: int | None
        if match.group("fence") is not None:
            marker = match.group("marker")
            if marker[0] == "`" and "`" in match.group("info"):
                continue  # inline code, not a fence
            end = _fence_end(text, match.end(), marker[0], len(marker))
            if end is None:
                state.fence, end = (marker[0], len(marker)), len(text)
        elif match.group("html") is not None:
            line = text[start:_line_end(text, start)]
            kind = _html_kind(match.group("tag"), line)
            if kind is None:
                continue
            end = _html_end(text, start + line.index("<") + 1, kind)
            if end is None:
                state.html_end, end = kind, len(text)
        elif match.group("definition") is not None:
            end = match.end()
        else:
            if not _starts_indented_code(text, start):
                continue
            found = _NOT_INDENTED.search(text, match.end())
            end = len(text) if found is None else found.start()
        prose.append((covered, start))
        quiet.append((start, end))
        covered = end
    prose.append((covered, len(text)))
    return prose


def _block_starts(text: str, position: int) -> Iterator[re.Match[str]]:
    """What ``_BLOCK_START.finditer`` would find from ``position`` (a line start), trying only likely lines."""
    if position == 0 or text[position - 1] == "\n":
        match = _BLOCK_START.match(text, position)
        if match:
            yield match
    for line in _MAYBE_BLOCK.finditer(text, max(0, position - 1)):
        if line.end() > position:
            match = _BLOCK_START.match(text, line.end())
            if match:
                yield match


def _starts_indented_code(text: str, start: int) -> bool:
    """Whether an indented line at ``start`` begins indented code: after a blank line, and not in a list."""
    if start == 0:
        return True
    previous_end = start - 1  # the newline ending the previous line
    previous_start = text.rfind("\n", 0, previous_end) + 1
    if text[previous_start:previous_end].strip():
        return False  # a paragraph's continuation line
    while previous_start > 0:  # back over the blank lines to the last line with text
        previous_end = previous_start - 1
        previous_start = text.rfind("\n", 0, previous_end) + 1
        line = text[previous_start:previous_end]
        if line.strip():
            return not (line[:1] in " \t" or _LIST_ITEM.match(line))  # list content is indented too
    return True


def _inline(text: str, start: int, end: int, quiet: list[tuple[int, int]]) -> None:
    """Inline code, HTML comments, URLs and link targets in the prose ``text[start:end]``."""
    if start >= end:
        return
    if text.find("`", start, end) >= 0:
        _inline_code(text, start, end, quiet)
    comment = text.find("<!--", start, end)
    while comment >= 0:
        close = text.find("-->", comment + 4, end)
        if close < 0:
            break  # every later "<!--" is unclosed too
        quiet.append((comment, close + 3))
        comment = text.find("<!--", close + 3, end)
    for needle in ("http", "www."):
        position = text.find(needle, start, end)
        while position >= 0:
            url = _URL.match(text, position, end)
            if url:
                quiet.append(url.span())
            position = text.find(needle, url.end() if url else position + 1, end)
    if text.find("](", start, end) >= 0:
        quiet.extend(m.span() for m in _LINK_TARGET.finditer(text, start, end) if m.group().endswith(")"))


def _inline_code(text: str, start: int, end: int, quiet: list[tuple[int, int]]) -> None:
    """Code spans: a run of n backticks up to the next run of exactly n in the same paragraph (CommonMark)."""
    group: list[tuple[int, int]] = []
    runs = []
    position = text.find("`", start, end)
    while position >= 0:  # str.find, not a regex: far faster over long text with few backticks
        run_end = position + 1
        while run_end < end and text[run_end] == "`":
            run_end += 1
        runs.append((position, run_end))
        position = text.find("`", run_end, end)
    for run in runs:
        # A blank line between two runs ends a paragraph: no code span reaches across it.
        if group and _BLANK_LINE.search(text, group[-1][1], run[0]):
            _code_spans(group, quiet)
            group = []
        group.append(run)
    _code_spans(group, quiet)


def _code_spans(runs: list[tuple[int, int]], quiet: list[tuple[int, int]]) -> None:
    if len(runs) < 2:
        return
    by_length: dict[int, list[int]] = {}
    for number, (run_start, run_end) in enumerate(runs):
        by_length.setdefault(run_end - run_start, []).append(number)
    next_of_length = dict.fromkeys(by_length, 0)  # each pointer only moves forward: linear in the runs
    number = 0
    while number < len(runs):
        run_start, run_end = runs[number]
        length = run_end - run_start
        same, pointer = by_length[length], next_of_length[length]
        while pointer < len(same) and same[pointer] <= number:
            pointer += 1
        next_of_length[length] = pointer
        if pointer < len(same):
            closing = same[pointer]
            quiet.append((run_start, runs[closing][1]))
            number = closing + 1
        else:
            number += 1


def _switch_regions(text: str, state: QuietState, spans: list[QuietSpan]) -> None:
    """The regions switched off by ``<!-- nqp-terms disable ... -->`` comments, open ones left in ``state``."""
    open_regions = {only: 0 for only in state.regions}  # a region carried from the previous chunk starts here
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
    state.regions = dict(open_regions)


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
        if not self._long:  # the common case, asked for every finding: most have no span near them
            first = bisect_left(self._starts, start - self._reach)
            last = bisect_left(self._starts, max(end, start + 1))
            return first < last and any(start < span.end and span.start < end for span in self._short[first:last])
        return any(start < span.end and span.start < end for span in self._near(start, end))

    def _near(self, start: int, end: int) -> list[QuietSpan]:
        """The spans that may overlap ``[start, end)``: short ones starting within reach, and every long one."""
        first = bisect_left(self._starts, start - self._reach)
        last = bisect_left(self._starts, max(end, start + 1))
        return self._short[first:last] + self._long if self._long else self._short[first:last]
