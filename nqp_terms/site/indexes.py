"""The ways into the glossary besides search: A–Z by pinyin, by English, by subject field, and the calque list.

Every index is at ``index/<name>/``; each line links to the concept page.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from ..glossary import Glossary
from ..termbase.model import Concept
from .markup import generated_notice, md, toneless

_LETTERS = list(string.ascii_uppercase)


def _link(concept: Concept) -> str:
    return f"../concepts/{concept.id}.md"


def _letter_bar(present: Iterable[str]) -> str:
    have = set(present)
    return " · ".join(f"[{letter}](#{_anchor(letter)})" if letter in have else letter
                      for letter in [*_LETTERS, "#"] if letter in have or letter in _LETTERS)


def _anchor(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


def _grouped(title: str, intro: str, rows: list[tuple[str, str]]) -> str:
    """A page of ``(sort key, line)`` rows under A–Z headings."""
    rows.sort(key=lambda row: row[0])
    groups: dict[str, list[str]] = {}
    for key, line in rows:
        first = key[:1].upper()
        groups.setdefault(first if first in _LETTERS else "#", []).append(line)
    out = [generated_notice("glossary/"), f"# {title}", "", intro, "", _letter_bar(groups), ""]
    for letter, lines in groups.items():
        out += [f"## {letter} {{ #{_anchor(letter)} }}", "", *lines, ""]
    return "\n".join(out)


def by_pinyin(glossary: Glossary) -> str:
    rows = []
    for concept in glossary:
        pinyin = concept.pinyin or ""
        rows.append((toneless(pinyin) + " " + pinyin,
                     f"- [{md(pinyin)} <span lang=\"zh-Hans\">{md(concept.zh or '')}</span>]({_link(concept)})"
                     f" — {md(concept.en or '')}"))
    return _grouped("By pinyin 按拼音", f"All {len(glossary)} concepts, A–Z by the pinyin of the Chinese term.", rows)


def by_english(glossary: Glossary) -> str:
    rows = []
    for concept in glossary:
        for term in concept.in_language("en"):
            if term.is_approved:
                status = "" if term is concept.preferred("en") else f" *({term.status})*"
                rows.append((term.term.casefold(), f"- [{md(term.term)}]({_link(concept)}){status}"
                             f" — <span lang=\"zh-Hans\">{md(concept.zh or '')}</span>"))
    return _grouped("By English 按英文", "Every preferred and acceptable English rendering, A–Z. "
                    "Renderings not to use are in the [calque list](calques.md).", rows)


def by_subject(glossary: Glossary) -> str:
    out = [generated_notice("glossary/subject-fields.yaml"), "# By subject field 按领域", ""]
    members: dict[str, list[Concept]] = {f: [] for f in glossary.subject_fields}
    for concept in glossary:
        for field_id in concept.subject_fields:
            members.setdefault(field_id, []).append(concept)
    out += [f"- [{md(f.en)} · {md(f.zh)}](#{f.id}) ({len(members[f.id])})" for f in glossary.subject_fields.values()]
    out.append("")
    for field in glossary.subject_fields.values():
        out += [f"## {md(field.en)} · {md(field.zh)} {{ #{field.id} }}", ""]
        for concept in sorted(members[field.id], key=lambda c: toneless(c.pinyin or c.id)):
            out.append(f"- [<span lang=\"zh-Hans\">{md(concept.zh or '')}</span> {md(concept.pinyin or '')}]"
                       f"({_link(concept)}) — {md(concept.en or '')}")
        out.append("")
    return "\n".join(out)


def calque_list(glossary: Glossary) -> str:
    """Every deprecated and superseded English rendering, with what to use instead."""
    rows = sorted(((term, concept) for concept in glossary for term in concept.deprecated("en")),
                  key=lambda pair: pair[0].term.casefold())
    out = ["---", "search:", "  boost: 0.5", "---", generated_notice("glossary/"),
           "# Calque list 误译清单", "",
           f"All {len(rows)} English renderings the glossary says not to use: machine-translation calques, "
           "mistranslations and superseded renderings. The linter reports each of them "
           "([NQP001](../rules/deprecated-rendering.md), [NQP002](../rules/superseded-rendering.md)).", "",
           "| do not use | use instead | Chinese | why |", "| --- | --- | --- | --- |"]
    for term, concept in rows:
        status = "" if term.status == "deprecated" else " *(superseded)*"
        out.append(f"| <del>{md(term.term)}</del>{status} | [{md(term.use_instead or '')}]({_link(concept)}) "
                   f"| <span lang=\"zh-Hans\">{md(concept.zh or '')}</span> | {md(term.reason or '')} |")
    return "\n".join(out) + "\n"
