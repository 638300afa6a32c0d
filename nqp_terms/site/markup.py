"""Glossary text made safe for Markdown, and the few inline pieces every page uses.

Glossary text is data, not markup: an asterisk or angle bracket in a note must
show as itself.

>>> md("x*y <b> [z]")
'x\\\\*y &lt;b&gt; \\\\[z\\\\]'
>>> toneless("xīnzhì shēngchǎnlì"), toneless("lǜsè")
('xinzhi shengchanli', 'lvse')
"""

from __future__ import annotations

import re
import unicodedata

# Characters Python-Markdown and its extensions give a meaning to inside running text.
_SPACE = re.compile(r"\s+")
_SPECIAL = re.compile(r"([\\`*_\[\]#|{}!+])")


def md(text: str) -> str:
    """``text`` escaped so that Markdown shows it literally (one line: each run of white space becomes one space)."""
    text = _SPACE.sub(" ", text)
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_text(text: str) -> str:
    """``text`` inside a raw HTML block, where Markdown is not processed: only ``&``, ``<`` and ``>`` escaped."""
    return " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """``text`` for an HTML attribute value in double quotes."""
    return " ".join(text.split()).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def toneless(pinyin: str) -> str:
    """Pinyin without tone marks, ``ü`` written ``v`` as people type it; word spaces kept."""
    decomposed = unicodedata.normalize("NFD", pinyin.casefold()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def generated_notice(what: str) -> str:
    """The comment that opens every generated page."""
    return f"<!-- Generated at build time from {what} by nqp_terms.site; do not edit. -->\n"
