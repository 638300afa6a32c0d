"""Which concepts and terms an export holds: the filter every format shares.

An export can be limited to some subject fields (a concept is kept if it has
any of them) and to some term statuses (other terms are left out, and a
concept left with no terms at all is dropped).  Unknown names are a
``ValueError`` that lists the valid ones.

>>> import nqp_terms
>>> glossary = nqp_terms.load()
>>> concepts = select(glossary, subject_fields=["set-phrases"], statuses=["deprecated"])
>>> all("set-phrases" in c.subject_fields for c in concepts)
True
>>> {t.status for c in concepts for ts in c.terms.values() for t in ts}
{'deprecated'}
>>> select(glossary, statuses=["forbidden"])
Traceback (most recent call last):
...
ValueError: unknown term status 'forbidden'; expected one of: admitted, deprecated, preferred, superseded
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import get_args

from ..glossary import Glossary
from ..termbase.model import Concept, Status

STATUSES: tuple[str, ...] = tuple(sorted(get_args(Status)))


def select(glossary: Glossary, *, subject_fields: Iterable[str] | None = None,
           statuses: Iterable[str] | None = None) -> list[Concept]:
    """The concepts to export, sorted by id, with only the terms of the wanted statuses."""
    fields = _checked(subject_fields, sorted(glossary.subject_fields), "subject field")
    wanted = _checked(statuses, STATUSES, "term status")
    chosen = []
    # Sorted by id so that an export does not depend on the order files were read in.
    for concept in sorted(glossary, key=lambda c: c.id):
        if fields is not None and not fields.intersection(concept.subject_fields):
            continue
        if wanted is not None:
            terms = {language: kept for language, terms in concept.terms.items()
                     if (kept := tuple(t for t in terms if t.status in wanted))}
            if not terms:
                continue
            concept = replace(concept, terms=terms)
        chosen.append(concept)
    return chosen


def _checked(values: Iterable[str] | None, valid: Iterable[str], what: str) -> frozenset[str] | None:
    if values is None:
        return None
    chosen = frozenset(values)
    known = list(valid)
    unknown = sorted(chosen.difference(known))
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r}; expected one of: {', '.join(known)}")
    return chosen
