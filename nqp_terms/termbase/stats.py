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

from ..text.pinyin import HAN
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
class Target:
    """One of the data policy's targets, as measured: ``met`` is false where the glossary falls short."""

    name: str
    measured: str
    goal: str
    met: bool


#: How far a rendering can be trusted, from its best source, most trusted first.
EVIDENCE_CLASSES = ("official first-hand", "state media first-hand", "copy", "third party", "unsourced")


def evidence_class(glossary: Termbase, term: Term) -> str:
    """The reliability of a rendering, as the reference site labels it.

    First-hand means the page is on the publisher's own domain (validation checks that against
    ``glossary/publishers.yaml``); a copy is an official or state-media text on another site that
    names its original (``copy_of``); media, academic and other publications are third party.
    """
    found = [glossary.sources[s] for s in term.sources if s in glossary.sources]
    classes = set()
    for source in found:
        if source.kind in ("official", "state-media"):
            first = "official first-hand" if source.kind == "official" else "state media first-hand"
            classes.add("copy" if source.copy_of else first)
        elif source.kind in ("media", "academic", "third-party", "editorial"):
            classes.add("third party")
    return next((name for name in EVIDENCE_CLASSES if name in classes), "unsourced")


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
    preferred_english_by_evidence: dict[str, int] = field(default_factory=dict)
    deprecated_anticipated: int = 0
    targets: list[Target] = field(default_factory=list)
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
    deprecated = with_evidence = anticipated = strictly_deprecated = deprecated_with_evidence = 0
    kinds: Counter[str] = Counter()
    evidence: Counter[str] = Counter()
    incomplete: Counter[str] = Counter()
    unsourced: list[Unsourced] = []
    for concept in glossary:
        for language, terms in concept.terms.items():
            for term in terms:
                by_language.setdefault(language, Counter())[term.status] += 1
                if language == "en" and not term.is_approved:
                    deprecated += 1
                    with_evidence += bool(term.seen_in)
                    anticipated += term.anticipated
                    if term.status == "deprecated":
                        strictly_deprecated += 1
                        deprecated_with_evidence += bool(term.seen_in)
                if language == "en" and term.is_approved and not term.sources:
                    unsourced.append(Unsourced(concept.id, language, term.term, term.status))
        english = concept.preferred("en")
        kinds[best_source_kind(glossary, english) if english else "no English term"] += 1
        evidence[evidence_class(glossary, english) if english else "unsourced"] += 1
        for gap in _gaps(concept):
            incomplete[gap] += 1
    total = len(glossary)
    strong = kinds["official"] + kinds["state-media"]
    first_hand = evidence["official first-hand"] + evidence["state media first-hand"]
    targets = [
        Target("concepts", str(total), ">= 700", total >= 700),
        *(Target(f"concepts with {gap}", f"{total - incomplete[gap]}/{total}", "all", not incomplete[gap])
          for gap in GAPS),
        Target("preferred English with a first-hand official or state-media source",
               f"{first_hand}/{total} ({first_hand / total:.1%}); copies {evidence['copy']}" if total else "0",
               ">= 95%", total > 0 and first_hand >= 0.95 * total),
        Target("deprecated renderings with evidence of use",
               f"{deprecated_with_evidence}/{strictly_deprecated}; anticipated {anticipated}",
               "all but the anticipated", deprecated_with_evidence + anticipated >= strictly_deprecated),
    ]
    return GlossaryStats(
        concepts=total,
        sources=len(glossary.sources),
        concepts_by_subject_field=dict(subject_fields.most_common()),
        terms_by_language_and_status={lang: dict(counts.most_common()) for lang, counts in sorted(by_language.items())},
        deprecated_renderings=deprecated,
        deprecated_with_evidence=with_evidence,
        preferred_english_by_source_kind=dict(kinds.most_common()),
        official_or_state_media_share=round(strong / total, 4) if total else 0.0,
        preferred_english_by_evidence={name: evidence[name] for name in EVIDENCE_CLASSES if evidence[name]},
        deprecated_anticipated=anticipated,
        targets=targets,
        unsourced=unsourced,
    )


#: What every concept carries, by the data policy.
GAPS = ("a definition in English and Chinese", "tone-marked pinyin", "a Traditional form", "subject fields")


def _gaps(concept: Concept) -> list[str]:
    gaps = []
    if not (concept.definition.en and concept.definition.zh_hans):
        gaps.append(GAPS[0])
    simplified = concept.terms.get("zh-Hans", ())
    if not simplified or any(not t.pinyin for t in simplified if HAN.search(t.term)):  # "CPI" has none
        gaps.append(GAPS[1])
    if not concept.terms.get("zh-Hant"):
        gaps.append(GAPS[2])
    if not concept.subject_fields:
        gaps.append(GAPS[3])
    return gaps
