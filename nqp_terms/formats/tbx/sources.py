"""The sources of an imported TBX file: those its ``back`` describes, and those made from reference text.

TBX cites a source with ``admin type="source"``: a ``target`` pointing at a
record in ``back`` (what our own export writes), or only text.  Text becomes
a source record of its own, usable as support only if it is a URL.

>>> registry = SourceRegistry("2025-01-01", [])
>>> from lxml import etree
>>> registry.resolve(etree.fromstring('<admin type="source">http://www.gov.cn/a.htm</admin>'))
'www-gov-cn-a-htm'
>>> registry.usable("www-gov-cn-a-htm"), registry.get("www-gov-cn-a-htm").kind
(True, 'third-party')
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from ...termbase.model import HTTP_URL, Source
from ...termbase.validation import ValidationError, validate
from .elements import items, local, text


def slug(text: str) -> str:
    """A lower-case ASCII slug for ids made from free text; '' when nothing is left.

    >>> slug("Oxford2007"), slug("http://www.example.org/a_b.htm"), slug("星")
    ('oxford2007', 'www-example-org-a-b-htm', '')
    """
    text = re.sub(r"^https?://", "", text.lower())
    words = re.findall(r"[a-z0-9]+", text)
    result = "-".join(words)[:60].strip("-")
    if result and result[0].isdigit():
        result = "x-" + result
    return result


class SourceRegistry:
    """Sources by id: those the file's ``back`` describes, and those made from reference text."""

    def __init__(self, accessed: str, warnings: list[str]) -> None:
        self.accessed = accessed
        self.warnings = warnings
        self.described: dict[str, Source] = {}
        self.made: dict[str, Source] = {}
        self._by_text: dict[str, str] = {}
        self.used: set[str] = set()

    def read_back(self, back: Any) -> None:
        """Take in the source records of ``back`` (``refObjectSec type="source"``)."""
        for section in back:
            if local(section) == "refObjectSec" and section.get("type") == "source":
                for record in section:
                    if (record.get("id") or "").startswith("source."):
                        self._describe(record)

    def _describe(self, record: Any) -> None:
        record_id = record.get("id")
        given = items(record)
        values = {f.name: given.get(f.name) for f in fields(Source) if f.name != "id"}
        try:
            self.described[record_id] = validate(Source, {"id": record_id.removeprefix("source."), **values})
        except ValidationError as error:
            self.warnings.append(f"source record {record_id!r} in back is invalid and was left out: "
                                 f"{error.errors()[0]['msg']}")

    def resolve(self, admin: Any) -> str:
        """The id of the source an ``admin type="source"`` names, creating one for plain text."""
        target = admin.get("target")
        if target in self.described:
            source_id = self.described[target].id
        else:
            source_id = self._from_text(text(admin))
        self.used.add(source_id)
        return source_id

    def get(self, source_id: str) -> Source:
        return next(s for s in (*self.described.values(), *self.made.values()) if s.id == source_id)

    def usable(self, source_id: str) -> bool:
        """Whether the source may support an approved rendering (the glossary's unusable-source rule)."""
        source = self.get(source_id)
        return source.url is not None and source.kind != "machine-translation"

    def _from_text(self, reference: str) -> str:
        if reference in self._by_text:
            return self._by_text[reference]
        source_id = self._free_id(slug(reference) or "source")
        url = reference if HTTP_URL.match(reference) else None
        publisher = re.sub(r"^https?://([^/]+).*$", r"\1", reference) if url else reference
        self.made[source_id] = Source(
            id=source_id, publisher=publisher, title=reference, date=None, url=url, accessed=self.accessed,
            kind="third-party", note="Imported from TBX, which gave only this reference text; "
                                     "accessed is the date of the import.")
        self._by_text[reference] = source_id
        return source_id

    def _free_id(self, base: str) -> str:
        taken = {s.id for s in self.described.values()} | set(self.made)
        source_id, number = base, 2
        while source_id in taken:
            source_id, number = f"{base}-{number}", number + 1
        return source_id

    def records(self, complete: bool) -> list[Source]:
        """The sources to write: every described one if ``complete``, else those cited, and all made ones."""
        described = list(self.described.values()) if complete else [s for s in self.described.values()
                                                                      if s.id in self.used]
        return sorted(described + list(self.made.values()), key=lambda s: s.id)
