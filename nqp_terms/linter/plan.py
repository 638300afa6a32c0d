"""The compiled matcher plan, cached beside the glossary it was made from.

Building the linter for a glossary means building every concept, expanding every English term into its
plural and spelling variants, and working out per pattern what a hit of it means (the engine's
``_PatternPlan``).  At 10,000 concepts that is most of a second, paid on every run, while the scan of a
small file takes milliseconds.  So the result is stored as plain data: the patterns, which renderings
each stands for (as numbers), and the plan's per-pattern lists.  A warm run reads it back with one
``marshal.loads``, makes a :class:`LazyRendering` per rendering (a concept is built only when a finding
needs it), and compiles the automaton.

The file sits in the glossary cache's directory, under the glossary cache's key (which already changes
with every glossary file, the Python version and the code that validates a glossary) combined with the
matcher kind and the linter's own code: ``glossary-<key>-plan-<code>.marshal``, so that clearing the
glossary cache clears it too.  It is read as :mod:`nqp_terms.termbase.cache` reads its files: a CRC-32
of the payload first, then the shape of every part is checked, and any failure means the plan is built
afresh, never a traceback.  Only lists of plain values (and renderings, stored as their numbers) are
cached; a plan attribute of any other kind turns the plan part of the cache off rather than being guessed.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from ..glossary import Glossary
from ..termbase.model import Concept, Term
from ..termbase.cache import read_signed, signed
from .terms import Rendering, TermMatcher

_FORMAT = 1
PlanT = TypeVar("PlanT")
_PLAIN = (type(None), bool, int, str)


class LazyRendering(Rendering):
    """A rendering known by its numbers: its concept is built from the glossary cache on first use.

    >>> import nqp_terms
    >>> glossary = nqp_terms.load()
    >>> rendering = LazyRendering(glossary.data.concepts, 0, 0)
    >>> rendering.concept is glossary.data.concepts[0], rendering.term is glossary.data.concepts[0].in_language("en")[0]
    (True, True)
    """

    def __init__(self, concepts: Sequence[Concept], concept_number: int, term_number: int):
        object.__setattr__(self, "_where", (concepts, concept_number, term_number))

    @property  # type: ignore[override]
    def concept(self) -> Concept:
        concepts, concept_number, _ = self._where  # type: ignore[attr-defined]
        return concepts[concept_number]

    @property  # type: ignore[override]
    def term(self) -> Term:
        concepts, concept_number, term_number = self._where  # type: ignore[attr-defined]
        return concepts[concept_number].in_language("en")[term_number]


def numbered_renderings(glossary: Glossary) -> tuple[list[Rendering], list[tuple[int, int]]]:
    """Every English rendering of the glossary in the linter's order, with its (concept, term) numbers."""
    renderings, numbers = [], []
    for concept_number, concept in enumerate(glossary.data.concepts):
        for term_number, term in enumerate(concept.in_language("en")):
            renderings.append(Rendering(concept, term))
            numbers.append((concept_number, term_number))
    return renderings, numbers


def plan_file(glossary: Glossary, engine: str) -> Path | None:
    """Where the plan of this glossary and matcher kind is cached; ``None`` when it cannot be."""
    from ..termbase.cache import cache_dir

    directory = cache_dir()
    if directory is None or not glossary.origin:
        return None  # a glossary built in memory has no key
    import hashlib

    digest = hashlib.sha256(f"{_FORMAT}\0{engine}\0{glossary.origin}".encode())
    code = Path(__file__).parent
    try:
        for name in sorted(os.listdir(code)):
            if name.endswith(".py"):
                digest.update(name.encode() + b"\0" + (code / name).read_bytes())
    except OSError:
        return None
    return directory / f"glossary-{glossary.origin}-plan-{digest.hexdigest()[:16]}.marshal"


class CachedPlan:
    """What a plan file holds, checked: the renderings' numbers, the patterns and their renderings, the plan."""

    def __init__(self, document: Any):
        numbers, keys, payloads, plan = (document["renderings"], document["keys"], document["payloads"],
                                         document["plan"])
        # The checks run in C (max, min, join over the whole lists): a wrong type raises TypeError, a number
        # out of range fails a bound, and either way the caller builds the plan afresh.
        count = len(numbers)
        if len(keys) != len(payloads) or not isinstance("".join(keys), str):
            raise ValueError("not a plan")
        if numbers and (min(map(min, numbers)) < 0 or {len(n) for n in numbers} != {2}):
            raise ValueError("not a plan")
        if payloads and (min(map(min, payloads)) < 0 or max(map(max, payloads)) >= count):
            raise ValueError("not a plan")
        if plan is not None:
            for kind, values in plan.values():
                if kind not in ("plain", "renderings") or len(values) != len(keys):
                    raise ValueError("not a plan")
                numbered = [v for v in values if v is not None] if kind == "renderings" else []
                if numbered and (min(numbered) < 0 or max(numbered) >= count):
                    raise ValueError("not a plan")
        self.numbers, self.keys, self.payloads, self.plan = numbers, keys, payloads, plan

    def renderings(self, glossary: Glossary) -> list[Rendering]:
        concepts = glossary.data.concepts
        if self.numbers and max(map(itemgetter(0), self.numbers)) >= len(concepts):
            raise ValueError("the plan does not fit the glossary")
        return [LazyRendering(concepts, c, t) for c, t in self.numbers]


def read_plan(path: Path) -> CachedPlan | None:
    """The plan stored at ``path``, or ``None`` when there is none or it is damaged or foreign."""
    try:
        payload = read_signed(path)  # signed like the glossary cache: a poisoned plan is never read
        if payload is None:
            return None
        document = marshal.loads(payload)
        if not isinstance(document, dict) or document.get("format") != _FORMAT:
            return None
        return CachedPlan(document)
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        return None


def plan_data(plan: object, renderings: Sequence[Rendering]) -> dict[str, tuple[str, list[Any]]] | None:
    """The plan's per-pattern lists as plain data, renderings by number; ``None`` if any is of another kind."""
    number_of = {id(rendering): number for number, rendering in enumerate(renderings)}
    data: dict[str, tuple[str, list[Any]]] = {}
    for name, values in vars(plan).items():
        if not isinstance(values, list):
            return None
        if all(type(v) in _PLAIN for v in values):
            data[name] = ("plain", values)
        elif all(v is None or id(v) in number_of for v in values):
            data[name] = ("renderings", [None if v is None else number_of[id(v)] for v in values])
        else:
            return None
    return data


def write_plan(path: Path, numbers: list[tuple[int, int]], keys: list[str], payloads: list[tuple[int, ...]],
               plan: dict[str, tuple[str, list[Any]]] | None) -> None:
    """Store a plan; a cache directory that cannot be written only costs speed."""
    document = {"format": _FORMAT, "renderings": numbers, "keys": keys, "payloads": payloads, "plan": plan}
    from ..safe_write import write_file

    try:
        payload = marshal.dumps(document)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # As the glossary cache is written: a random temporary name, never through a symlink, renamed atomically.
        write_file(path, signed(payload), mode=0o600, follow_symlinks=False)
    except (OSError, ValueError):
        pass


def restore_plan(plan_type: type[PlanT], data: dict[str, tuple[str, list[Any]]],
                 renderings: Sequence[Rendering]) -> PlanT:
    """A plan object of ``plan_type`` with its lists read back, renderings looked up by number."""
    plan = object.__new__(plan_type)
    for name, (kind, values) in data.items():
        setattr(plan, name, values if kind == "plain" else [None if v is None else renderings[v] for v in values])
    return plan


class PlanCache:
    """The linter's way to its term matcher and pattern plan: from the cache when it fits, else built and stored."""

    def __init__(self, glossary: Glossary, engine: str):
        self.glossary, self.engine = glossary, engine
        self.path = plan_file(glossary, engine)
        self.cached = read_plan(self.path) if self.path is not None else None
        self.renderings: Sequence[Rendering] = ()
        self.numbers: list[tuple[int, int]] = []
        self.terms: TermMatcher | None = None

    def term_matcher(self) -> TermMatcher:
        from .matcher import Matcher, PurePythonMatcher

        spelling = self.glossary.data.spelling_variants
        if self.cached is not None:
            try:
                renderings = self.cached.renderings(self.glossary)
            except ValueError:
                self.cached = None
            else:
                self.renderings = renderings
                stand_for = renderings.__getitem__
                patterns = dict(zip(self.cached.keys, [tuple(map(stand_for, numbers))
                                                       for numbers in self.cached.payloads]))
                terms = TermMatcher(tuple(renderings), spelling, self.engine)
                factory = PurePythonMatcher if self.engine == "python" else Matcher
                vars(terms)["matcher"] = factory(patterns)  # what the cached_property would have built
                self.terms = terms
                return terms
        renderings, self.numbers = numbered_renderings(self.glossary)
        self.renderings = renderings
        self.terms = TermMatcher(tuple(renderings), spelling, self.engine)
        return self.terms

    def pattern_plan(self, plan_type: type[PlanT], build: Callable[[], PlanT]) -> PlanT:
        """The engine's plan (a ``plan_type`` that ``build`` makes), read back, or built and stored."""
        if self.cached is not None and self.cached.plan is not None:
            return restore_plan(plan_type, self.cached.plan, self.renderings)
        plan = build()
        if self.path is not None and self.cached is None and self.numbers and self.terms is not None:
            matcher = self.terms.matcher
            number_of = {id(rendering): number for number, rendering in enumerate(self.renderings)}
            payloads = [tuple(number_of[id(r)] for r in renderings) for renderings in matcher.payloads]
            write_plan(self.path, self.numbers, list(matcher.patterns), payloads, plan_data(plan, self.renderings))
        return plan
