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
from dataclasses import dataclass

# Order matters only for readability: every pattern is applied to the whole text.
_CODE_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(`+)[^`\n](?:.*?[^`])??\1", re.DOTALL)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"'`]+")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|^\s{0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SWITCH = re.compile(r"<!--\s*nqp-terms\s+(disable|enable)\b([^>]*?)-->")
_PATTERNS = ((_CODE_FENCE, ("```", "~~~")), (_INLINE_CODE, ("`",)), (_URL, ("http", "www.")),
             (_LINK_TARGET, ("](", "]:")), (_COMMENT, ("<!--",)))


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
             for pattern, needles in _PATTERNS if any(n in text for n in needles)
             for m in pattern.finditer(text)]
    open_regions: dict[frozenset[str], int] = {}
    for switch in _SWITCH.finditer(text) if "nqp-terms" in text else ():
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
