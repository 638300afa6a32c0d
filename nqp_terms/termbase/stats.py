"""Counts that describe a glossary: coverage, statuses, and how well its renderings are sourced.

>>> import nqp_terms
>>> report = glossary_stats(nqp_terms.load())
>>> report.concepts == len(nqp_terms.load())
True
>>> sum(report.preferred_english_by_source_kind.values()) == report.concepts
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from .model import Concept, Source, Term


class Termbase(Protocol):
    """What the counts read: the concepts (by iterating) and the source registry by id.

    :class:`nqp_terms.Glossary` is one; the protocol keeps this room below it.
    """

    @property
    def sources(self) -> Mapping[str, Source]: ...

    def __iter__(self) -> Iterator[Concept]: ...

    def __len__(self) -> int: ...

#: From most to least authoritative; a rendering counts under the best kind it cites.
KIND_ORDER = ("official", "state-media", "media", "academic", "third-party", "editorial", "machine-translation")


@dataclass(frozen=True)
class Unsourced:
    concept: str
    language: str
    term: str
    status: str


@dataclass(frozen=True)
class GlossaryStats:
    concepts: int
    sources: int
    concepts_by_subject_field: dict[str, int]
    terms_by_language_and_status: dict[str, dict[str, int]]
    deprecated_renderings: int
    deprecated_with_evidence: int
    preferred_english_by_source_kind: dict[str, int]
    official_or_state_media_share: float
    unsourced: list[Unsourced] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def best_source_kind(glossary: Termbase, term: Term) -> str:
    """The most authoritative kind among the sources a term cites, or ``unsourced``."""
    kinds = {glossary.sources[s].kind for s in term.sources if s in glossary.sources}
    return next((kind for kind in KIND_ORDER if kind in kinds), "unsourced")


def glossary_stats(glossary: Termbase) -> GlossaryStats:
    """Count concepts, terms, deprecated renderings and sources of ``glossary``."""
    subject_fields = Counter(f for concept in glossary for f in concept.subject_fields)
    by_language: dict[str, Counter[str]] = {}
    deprecated = with_evidence = 0
    kinds: Counter[str] = Counter()
    unsourced: list[Unsourced] = []
    for concept in glossary:
        for language, terms in concept.terms.items():
            for term in terms:
                by_language.setdefault(language, Counter())[term.status] += 1
                if language == "en" and not term.is_approved:
                    deprecated += 1
                    with_evidence += bool(term.seen_in)
                if language == "en" and term.is_approved and not term.sources:
                    unsourced.append(Unsourced(concept.id, language, term.term, term.status))
        english = concept.preferred("en")
        kinds[best_source_kind(glossary, english) if english else "no English term"] += 1
    total = len(glossary)
    strong = kinds["official"] + kinds["state-media"]
    return GlossaryStats(
        concepts=total,
        sources=len(glossary.sources),
        concepts_by_subject_field=dict(subject_fields.most_common()),
        terms_by_language_and_status={lang: dict(counts.most_common()) for lang, counts in sorted(by_language.items())},
        deprecated_renderings=deprecated,
        deprecated_with_evidence=with_evidence,
        preferred_english_by_source_kind=dict(kinds.most_common()),
        official_or_state_media_share=round(strong / total, 4) if total else 0.0,
        unsourced=unsourced,
    )
