"""Where the glossary's evidence comes from: the publisher registry and the rules it enforces.

``glossary/publishers.yaml`` gives each domain the kind of publication it hosts.
A source that claims to be ``official`` or ``state-media`` must sit on a domain
of that kind, or be a copy that names its original (``copy_of``) on one; a
blocked domain (spam, adult content, aggregators) is never cited; an official
or state-media source carries its publication date; and no note cites a file
outside the project.

>>> from nqp_terms.termbase.model import Publisher
>>> registry = Registry([Publisher(domain="gov.cn", publisher="PRC government", kind="official"),
...                      Publisher(domain="en84.com", publisher="aggregator", kind="blocked")])
>>> registry.kind_of("https://english.www.gov.cn/news/202403/12/content.html")
'official'
>>> registry.kind_of("https://www.en84.com/15998.html"), registry.kind_of("https://example.org/x")
('blocked', None)
>>> outside_files("Listed in seed-terms.md; see glossary/README.md and http://x.cn/a.md")
['seed-terms.md']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from .model import Concept, Publisher, Source

#: Source kinds that must be backed by a domain of the same kind.
AUTHORITATIVE = ("official", "state-media")

# A file name with an extension people cite in notes; URLs are removed before matching.
_FILE_NAME = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w.-]+\.(?:md|txt|tsv|csv|ya?ml|json|py|ipynb|docx?|xlsx?))\b",
                        re.IGNORECASE)
_URL = re.compile(r"\bhttps?://\S+")
#: Files inside the project that a note may name.
_PROJECT_PREFIXES = ("glossary/", "seeds/", "docs/", "README.md")


def host(url: str) -> str | None:
    """The lower-case host name of ``url``, without a trailing dot or port.

    >>> host("HTTP://en.People.cn.:80/n3/2024/0305/x.html")
    'en.people.cn'
    """
    try:
        name = urlsplit(url).hostname
    except ValueError:
        return None
    return name.rstrip(".").lower() if name else None


class Registry:
    """Publisher domains by name, answering for a URL with its most specific entry."""

    def __init__(self, publishers: Iterable[Publisher]) -> None:
        self.by_domain = {p.domain.rstrip(".").lower(): p for p in publishers}

    def __bool__(self) -> bool:
        return bool(self.by_domain)

    def entry_for(self, url: str | None) -> Publisher | None:
        """The registry entry covering the host of ``url``, or ``None``."""
        name = host(url) if url else None
        while name:
            if name in self.by_domain:
                return self.by_domain[name]
            _, _, name = name.partition(".")
        return None

    def kind_of(self, url: str | None) -> str | None:
        entry = self.entry_for(url)
        return entry.kind if entry else None


def outside_files(text: str) -> list[str]:
    """File names in ``text`` that point outside the project (URLs and project paths are fine)."""
    cleaned = _URL.sub(" ", text)
    return [name for name in _FILE_NAME.findall(cleaned) if not name.startswith(_PROJECT_PREFIXES)]


def source_problems(source: Source, registry: Registry, *, policy: bool = True) -> Iterator[tuple[str, str, str]]:
    """``(field, code, message)`` for each provenance rule ``source`` breaks.

    Blocked domains and notes citing outside files always count; the kind-of-domain and date
    rules only under the evidence ``policy``.
    """
    for field_name in ("url", "copy_of"):
        url = getattr(source, field_name)
        if url and registry.kind_of(url) == "blocked":
            entry = registry.entry_for(url)
            yield (field_name, "blocked-domain",
                   f"{host(url)} is a blocked domain ({entry.publisher if entry else ''}); cite the publisher's "
                   "own page, or mark the rendering unsourced")
    if source.kind in AUTHORITATIVE and registry and policy:
        where = source.copy_of or source.url
        found = registry.kind_of(where)
        if where and found != source.kind and found != "blocked":
            what = "the original (copy_of)" if source.copy_of else "the page"
            registered = f"registered as {found}" if found else "not in glossary/publishers.yaml"
            yield ("copy_of" if source.copy_of else "url", "source-domain-kind",
                   f"{_a(source.kind)} source must be on {_a(source.kind)} domain, but {what} is on {host(where)} "
                   f"({registered}); cite the publisher's page, add `copy_of: <original URL>`, or give the kind "
                   "of the site that hosts it")
        if source.date is None:
            yield ("date", "undated-source", f"{_a(source.kind)} source needs its publication date (YYYY[-MM[-DD]])")
    if source.note:
        for name in outside_files(source.note):
            yield ("note", "outside-citation", f"the note cites {name!r}, a file outside the project; cite a "
                   "publication, or say it in our own words")


def concept_note_problems(concept: Concept) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """``(field path, code, message)`` for notes of ``concept`` that cite files outside the project."""
    texts: list[tuple[tuple[str | int, ...], str | None]] = [(("note",), concept.note),
                                                             (("usage_note",), concept.usage_note)]
    for language, terms in concept.terms.items():
        for index, term in enumerate(terms):
            for name in ("note", "usage_note", "reason"):
                texts.append((("terms", language, index, name), getattr(term, name)))
    for path, text in texts:
        for name in outside_files(text or ""):
            yield (path, "outside-citation",
                   f"cites {name!r}, a file outside the project; notes speak of the term, not of how it was found")


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
