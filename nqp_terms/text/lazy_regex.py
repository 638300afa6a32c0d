"""Regular expressions compiled on first use, so that importing the package does not pay for them.

Python compiles a pattern's character classes in Python code, walking every character of a range: a
class of CJK ranges (20,000 characters and more) costs one or two milliseconds each time a process
starts.  A lint of English text never searches for Chinese, so the patterns wait until a search.

>>> han = LazyRegex(r"[\\u4e00-\\u9fff]")
>>> han.pattern, han.search("新质 forces").group()
('[\\\\u4e00-\\\\u9fff]', '新')
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any


class LazyRegex:
    """A regular expression with :class:`re.Pattern`'s methods, compiled when one is first called.

    ``pattern`` and ``flags`` are there before: other patterns are built from them.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def __getattr__(self, name: str) -> Any:  # search, match, findall, finditer, sub, split ...
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r})"
