"""Finding messages in the interface language: the English message read back into its parts and re-told.

The engine writes every message in English from a handful of templates, listed here once.  To show a
finding in another language (``nqp-terms lint --lang zh``), :func:`translate` recognises which template
made the message, takes the values out of it, and formats the translated template (from the
command line's message catalog) with them.  A message no template recognises stays in English.

>>> catalog = {"“{match}” is a deprecated rendering of {zh}; use “{suggestion}”": "“{match}”是{zh}的弃用译法；请用“{suggestion}”"}
>>> translate("“Bull nose” is a deprecated rendering of 牛鼻子; use “crux”", lambda m: catalog.get(m, m))
'“Bull nose”是牛鼻子的弃用译法；请用“crux”'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def _(message: str) -> str:
    """Marks a message for extraction into the catalog (``pybabel extract``); translated in :func:`translate`."""
    return message


#: The templates of the messages the linter and the bilingual check write, core messages first.
CORE = (
    _("“{match}” is a deprecated rendering of {zh}; use “{suggestion}”"),
    _("“{match}” is a superseded rendering of {zh}; use “{suggestion}”"),
    _("Chinese characters left untranslated: {run} is “{suggestion}”"),
    _("Chinese characters left untranslated"),
    _("quotation marks in reversed order (”…“)"),
    _("Chinese punctuation “{mark}” in English text"),
    _("{zh} is rendered “{written}” here but “{first}” earlier; use one rendering throughout"),
    _("“{written}” is written “{term}” in official English, with a hyphen"),
    _("{zh} is translated with the deprecated rendering “{match}”; use “{suggestion}”"),
    _("{zh} is translated with the superseded rendering “{match}”; use “{suggestion}”"),
    _("{zh} has no approved rendering in the target; expected “{preferred}” or one of: {admitted}"),
    _("{zh} has no approved rendering in the target; expected “{preferred}”"),
)
#: Clauses the engine appends to a core message.
SUFFIXES = (
    _(" (rewrite the phrase: {reason}, so --fix leaves it)"),
    _("; reported without a context word in its sentence because the document reads as Chinese policy "
      "writing ({terms} glossary terms; cue words: {cues})"),
    _("; reported without a context word in its sentence because the document reads as Chinese policy "
      "writing ({terms} glossary term; cue words: {cues})"),
)
#: Reasons a suggestion is not a drop-in replacement (see :func:`nqp_terms.linter.wording.drop_in`).
REASONS = (
    _("the calque is a verb phrase and the suggestion is not"),
    _("the calque is a {pos} and the suggestion a {other}"),
    _("the suggestion is much longer than the calque"),
    _("the suggestion is a clause, not a phrase"),
)


@cache
def _pattern(template: str, *, at_end: bool = False) -> re.Pattern[str]:
    """A regular expression that reads the values of ``template``'s placeholders back out of a message."""
    pieces = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>.+?)" for index, piece in enumerate(pieces))
    return re.compile(regex + "$" if at_end else regex)


def translate(message: str, gettext: Callable[[str], str]) -> str:
    """``message`` in the language of ``gettext``; unchanged if no template recognises it."""
    tail = ""
    for template in SUFFIXES:
        found = _pattern(template, at_end=True).search(message)
        if found:
            values = dict(found.groupdict())
            if "reason" in values:
                values["reason"] = _fill(values["reason"], REASONS, gettext) or values["reason"]
            tail = gettext(template).format(**values) + tail
            message = message[: found.start()]
    core = _fill(message, CORE, gettext)
    return (core if core is not None else message) + tail


def _fill(text: str, templates: tuple[str, ...], gettext: Callable[[str], str]) -> str | None:
    for template in templates:
        found = _pattern(template).fullmatch(text)
        if found:
            return gettext(template).format(**found.groupdict())
    return None
