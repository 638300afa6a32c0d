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
from dataclasses import dataclass, field
from typing import Any

# Blocks are CommonMark's, as markdown-it-py's block parser finds them (fenced and indented code, HTML
# blocks, link reference definitions; front matter is read here, for CommonMark has none).  The parser costs
# about 8 microseconds a line, so it is handed only the regions of a text that hold a line that may start
# such a block, each from the last *reset line* before it to the first one after: a line starting with a
# letter after a blank line, where CommonMark has closed every list and quote (only a fence or an HTML block
# goes on, and the parse says so).  A region's long lines are cut short for the parser, since a block is
# decided by how its lines begin.  Then, in the paragraphs and headings, inline code, URLs, link targets and
# comments are found by the linear scans below: each pattern either consumes what it looks at or fails at its
# first character, and none can backtrack over more than one line.  (The regexes used before could: repeated
# fence markers, decreasing backtick runs and unclosed comments or link targets took seconds to minutes on a
# few kilobytes.)
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
# A line that may start a block other than a paragraph, heading, list or quote, after any quote or list
# marks: indented code, a fence, HTML, or a link reference definition.  (Without the leading line break for
# the first line of a region.)
# (Possessive: "> > > " can be split into marks and spaces in many ways, and trying them all is exponential.)
_CANDIDATE_BODY = (r"(?:[ \t]*+(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t])))*+"
                   r"(?:[ \t]{4}|[ \t]*+(?:\t|`{3}|~{3}|<[A-Za-z/!?]|\[[^\]\n]{0,999}\]:))")
_CANDIDATE = re.compile(_CANDIDATE_BODY)
_CANDIDATE_LINE = re.compile(r"\n" + _CANDIDATE_BODY)
# A reset line: a letter right after a blank line.
_RESET = re.compile(r"\n\n(?=[^\W\d_])")
_NEAR = 4096  # characters of prose between two regions below which they are parsed as one
_KEPT = 100  # characters of a long line the parser sees; its block is decided long before
# A line longer than that, unless it starts (after white space or quote marks) with what may open a fence,
# an HTML block or a definition, or go on with one: a quote or parenthesis begins a definition's title.
_LONG_LINE = re.compile(rf"^([ \t>]*[^\s`~<\[\"'(>][^\n]{{{_KEPT}}})[^\n]+", re.MULTILINE)
_NEWLINE = re.compile(r"\n")
_HTML_TAG = re.compile(r"[ \t>]*<(!--|!\[CDATA\[|[?!]|/?[A-Za-z][A-Za-z0-9-]{0,20})")
# The parser's tokens that are blocks holding text: prose to lint, or code and HTML to leave quiet.
_LEAF_BLOCKS = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "html_block"})
_PARSER: Any = None
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


#: Every quiet span needs one of these in the text, or front matter at its very start (see may_be_quiet):
#: code spans and fences, HTML blocks, comments and switches, indented code, link definitions and targets, URLs
#: (``_URL`` begins with "http://", "https://" or "www.").
QUIET_MARKS = ("`", "<", "\t", "    ", "~~~", "]:", "](", "://", "www.")
#: In a text of one line, only its start can open a block (a candidate line begins at the start or after a
#: line break, and front matter needs a second line): what else can be quiet is inline.
_INLINE_MARKS = ("`", "<", "](", "://", "www.")
FRONT_MATTER_MARKS = ("---", "+++")


def may_be_quiet(text: str) -> bool:
    """False if :func:`quiet_spans` of ``text`` (from no carried state) is surely empty: no code span or
    fence, HTML, comment or switch, indented line, link definition or target, URL, or front matter.

    Asked before the parse for each short text of a corpus, where it mostly says no: a few substring
    tests (str.find skips ahead to a rare character in C; a regex of them all tried every position).

    >>> may_be_quiet("Plain prose: new quality productive forces."), may_be_quiet("Use `bull nose`.")
    (False, True)
    >>> may_be_quiet("    indented code"), may_be_quiet("Prose,    spaced out"), may_be_quiet("Prose\\n    code")
    (True, False, True)
    """
    if "\n" not in text:
        return _CANDIDATE.match(text) is not None or any(mark in text for mark in _INLINE_MARKS)
    return text.startswith(FRONT_MATTER_MARKS) or any(mark in text for mark in QUIET_MARKS)


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


def _carried_block(text: str, state: QuietState, quiet: list[tuple[int, int]], position: int = 0) -> int:
    """Close (or continue) the block left open before ``position`` (by the previous chunk, or the region of
    text parsed before); where scanning goes on."""
    if state.fence is not None:
        end = _fence_end(text, position, *state.fence)
        state.fence = None if end is not None else state.fence
        end = len(text) if end is None else end
    elif state.html_end is not None:
        end = _html_end(text, position, state.html_end)
        state.html_end = None if end is not None else state.html_end
        end = len(text) if end is None else end
    else:
        return position
    quiet.append((position, end))
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
    r"""Quiet the code, HTML and definition blocks from ``position`` on; return the stretches of prose between.

    >>> text = "Prose.\n\n    indented code\n\n- item\n\n      code in the item\n\n[ref]: https://x.org\n"
    >>> quiet = []
    >>> prose = _blocks(text, 0, QuietState(), quiet)
    >>> [text[start:end] for start, end in quiet]
    ['    indented code\n', '      code in the item\n', '\n[ref]: https://x.org\n']
    >>> [text[start:end].strip() for start, end in prose]
    ['Prose.', '- item']
    """
    prose: list[tuple[int, int]] = []
    while position < len(text):
        candidate = _next_candidate(text, position)
        if candidate < 0:
            prose.append((position, len(text)))
            break
        start = _last_reset(text, position, candidate)
        end = _region_end(text, candidate)
        # A parse has a cost of its own: a candidate near the region's end joins it.
        following = _next_candidate(text, end) if end < len(text) else -1
        while 0 <= following < end + _NEAR:
            end = _region_end(text, following)
            following = _next_candidate(text, end) if end < len(text) else -1
        if start > position:
            prose.append((position, start))
        prose += _region_blocks(text, start, end, state, quiet)
        # A fence or HTML block still open at the region's end goes on past reset lines: close it here.
        position = _carried_block(text, state, quiet, end) if end < len(text) else end
    return prose


def _next_candidate(text: str, position: int) -> int:
    """Where the first line at or after ``position`` that may start a block begins; -1 if none does."""
    if (position == 0 or text[position - 1] == "\n") and _CANDIDATE.match(text, position):
        return position
    line = _CANDIDATE_LINE.search(text, position)
    return -1 if line is None else line.start() + 1


def _region_end(text: str, candidate: int) -> int:
    """The first reset line after the line at ``candidate``, or the end of the text."""
    reset = _RESET.search(text, candidate)
    return reset.end() if reset else len(text)


def _last_reset(text: str, low: int, high: int) -> int:
    """The last reset line starting in ``[low, high]``, else ``low``."""
    blank = text.rfind("\n\n", low, high + 1)
    while blank >= 0:
        if _RESET.match(text, blank):
            return blank + 2
        blank = text.rfind("\n\n", low, blank + 1)
    return low


def _region_blocks(text: str, position: int, limit: int, state: QuietState,
                   quiet: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """:func:`_blocks` for ``text[position:limit]``, which starts and ends where CommonMark has no list or
    quote open; a fence or HTML block open at ``limit`` is noted in ``state``."""
    source = text[position:limit]
    # The same lines, each cut to _KEPT characters unless it may start a fence, an HTML block or a definition,
    # and with carriage returns made spaces: the parser would count a lone one as a line break.
    skeleton = _LONG_LINE.sub(r"\1", source).replace("\r", " ")
    starts = [0, *(m.end() for m in _NEWLINE.finditer(source))]
    starts.append(len(source) + 1)

    def offset(line: int) -> int:
        return position + min(starts[line], len(source))

    covered: list[tuple[int, int, bool]] = []  # (start, end, prose?) of every leaf block, in order
    for token in _parser().parse(skeleton):
        kind, where = token.type, token.map
        if where is None or kind not in _LEAF_BLOCKS:
            continue
        first, last = offset(where[0]), offset(where[1])
        if kind in ("paragraph_open", "heading_open"):
            covered.append((first, last, True))
        elif kind == "html_block":
            covered.extend(_html_block(text, first, last, last >= limit, state))
        else:
            covered.append((first, last, False))
            if kind == "fence" and last >= limit and not _closes(text, offset(where[1] - 1), last, token.markup):
                state.fence = (token.markup[0], len(token.markup))
    prose: list[tuple[int, int]] = []
    previous = position
    for start, end, is_prose in covered:
        blank = start > previous and text[previous:start].isspace()
        if start > previous and not blank:
            quiet.append((previous, start))  # lines of no block: link reference definitions, container marks
        if not is_prose:
            quiet.append((start, end))
        elif blank and prose and prose[-1][1] == previous:
            # Paragraphs apart by blank lines: one stretch for the inline scans (code spans stop at a blank line).
            prose[-1] = (prose[-1][0], end)
        else:
            prose.append((start, end))
        previous = max(previous, end)
    if previous < limit and not text[previous:limit].isspace():
        quiet.append((previous, limit))
    return prose


def _html_block(text: str, start: int, end: int, at_end: bool, state: QuietState) -> list[tuple[int, int, bool]]:
    """An HTML block's quiet part, and the prose after a comment on its last line (shown, so linted)."""
    line = text[start:_line_end(text, start)]
    tag = _HTML_TAG.match(line)
    kind = _html_kind(tag.group(1), line) if tag else None
    if kind == "-->":
        opening = start + line.index("<!--")
        close = text.find("-->", opening + 4, end)
        if close >= 0:
            return [(start, close + 3, False), (close + 3, end, True)]
    if at_end and kind and not _html_ends_within(text, start + line.index("<") + 1, end, kind):
        state.html_end = kind  # the block goes on past the parsed text
    return [(start, end, False)]


def _html_ends_within(text: str, start: int, end: int, kind: str) -> bool:
    """Whether the end marker of an HTML block of ``kind`` stands in ``text[start:end]``."""
    if kind == "</raw>":
        return _RAW_END.search(text, start, end) is not None
    return text.find(kind, start, end) >= 0


def _closes(text: str, start: int, end: int, marker: str) -> bool:
    """Whether the line ``text[start:end]`` closes a fence opened with ``marker`` (inside a quote or list too)."""
    return re.fullmatch(rf"[ \t>]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*\n?", text[start:end]) is not None


def _parser() -> Any:
    """markdown-it-py's CommonMark parser, block rules only: the inline rules would parse every paragraph."""
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark").disable(["inline", "text_join"])
    return _PARSER


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
