"""An OmegaT glossary: ``source<TAB>target<TAB>comment``, one line per Chinese term and approved rendering.

OmegaT reads a glossary line by line, splits it at tabs and trims the fields;
a tab or line break inside a field would split an entry, so whitespace inside
fields is folded to single spaces.  Every preferred or admitted Chinese term
(Simplified and Traditional) is paired with every approved English rendering,
preferred first, each pair once (a Traditional form written like the Simplified
one, as in CPI or 三大工程, adds no line); the comment says which is preferred, gives the pinyin, and
lists the renderings not to use.  Lines starting with ``#`` are comments to
OmegaT; the first line is the header OmegaT itself writes.

>>> import nqp_terms
>>> from nqp_terms.formats import export
>>> lines = export(nqp_terms.load(), "omegat").splitlines()
>>> lines[0]
'# Glossary in tab-separated format -*- coding: utf-8 -*-'
>>> [line for line in lines if line.startswith("牛鼻子\\t")][0].split("\\t")[:2]
['牛鼻子', 'crux']
"""

from __future__ import annotations

from collections.abc import Sequence

from ..glossary import Glossary
from ..termbase.model import Concept

HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-"


def field(text: str) -> str:
    """Text safe inside one OmegaT field: no tabs or line breaks, no surrounding spaces.

    >>> field(" a\\tb\\nc ")
    'a b c'
    """
    return " ".join(text.split())


def render(glossary: Glossary, concepts: Sequence[Concept]) -> str:
    lines = [HEADER]
    for concept in concepts:
        english = sorted((t for t in concept.in_language("en") if t.is_approved),
                         key=lambda t: t.status != "preferred")  # stable: keeps the glossary's order otherwise
        avoid = [t.term for t in concept.deprecated("en")]
        written: set[tuple[str, str]] = set()
        for language in ("zh-Hans", "zh-Hant"):
            for source in concept.in_language(language):
                if not source.is_approved:
                    continue
                for target in english:
                    if (source.term, target.term) in written:
                        continue  # Simplified comes first and carries the pinyin
                    written.add((source.term, target.term))
                    comment: list[str] = [target.status]
                    if source.pinyin:
                        comment.append(source.pinyin)
                    if target.unsourced:
                        comment.append("unsourced")
                    if avoid:
                        comment.append("do not use: " + "; ".join(avoid))
                    if target.usage_note:
                        comment.append(target.usage_note)
                    comment.append(f"[{concept.id}]")
                    lines.append("\t".join((field(source.term), field(target.term), field(" · ".join(comment)))))
    return "\n".join(lines) + "\n"
