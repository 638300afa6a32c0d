"""What the public functions do with text they cannot handle: lone surrogates and NUL.

A Python ``str`` may hold a lone surrogate (U+D800-U+DFFF: half of a UTF-16
pair, or an undecodable byte smuggled in by ``surrogateescape``), which no
encoder accepts, and NUL, which C libraries (OpenCC) take for the end of the
text.  Every public function that takes text has an ``errors`` argument:

- ``"strict"`` (the default): raise :class:`ValueError` naming the character and its position;
- ``"replace"``: put U+FFFD in its place, one character for one, so offsets stay right.

>>> checked("abc")
'abc'
>>> checked("ab\\ud800c")
Traceback (most recent call last):
...
ValueError: text: a lone surrogate U+D800 at position 2 is not accepted; pass errors='replace' to replace it with U+FFFD
>>> checked("ab\\ud800c\\x00", "replace")
'ab\\ufffdc\\ufffd'
"""

from __future__ import annotations

import re
from typing import Literal

Errors = Literal["strict", "replace"]
ERRORS = ("strict", "replace")
_UNHANDLED = re.compile("[\ud800-\udfff\x00]")


def checked(text: str, errors: Errors = "strict", what: str = "text") -> str:
    """``text`` if it holds no lone surrogate or NUL; else raise or replace, as ``errors`` says."""
    if not isinstance(text, str):
        raise ValueError(f"{what}: expected a str, not {type(text).__name__}")
    if errors not in ERRORS:
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
    if "\x00" not in text:
        if text.isascii():  # the common case, a flag of the str object
            return text
        try:  # a lone surrogate is the one character UTF-16 cannot encode: this fails in C, or passes
            text.encode("utf-16-le")  # several times faster than the regex below over the whole text
        except UnicodeEncodeError:
            pass
        else:
            return text
    found = _UNHANDLED.search(text)
    if found is None:
        return text
    if errors == "replace":
        return _UNHANDLED.sub("\ufffd", text)
    character = found.group()
    kind = "NUL (U+0000)" if character == "\x00" else f"a lone surrogate U+{ord(character):04X}"
    hint = (" (an undecodable byte 0x{:02x}: not UTF-8)".format(ord(character) - 0xDC00)
            if 0xDC80 <= ord(character) <= 0xDCFF else "")
    raise ValueError(f"{what}: {kind} at position {found.start()}{hint} is not accepted; "
                     "pass errors='replace' to replace it with U+FFFD")
