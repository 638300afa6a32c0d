"""The compiled matcher plan, cached beside the glossary it was made from.

Building the linter for a glossary means building every concept, expanding every English term into its
plural and spelling variants, and working out per pattern what a hit of it means (the engine's
``_PatternPlan``).  At 10,000 concepts that is most of a second, paid on every run, while the scan of a
small file takes milliseconds.  So the result is stored as plain data: the patterns, which renderings
each stands for (as numbers, in flat lists of ints, which marshal reads several times faster than
tuples), and the plan's per-pattern lists.  A warm run reads it back with one ``marshal.loads`` and
compiles the automaton; a rendering (a :class:`LazyRendering`, whose concept is built only when a
finding needs it) and the tuple of renderings a pattern stands for are made when first asked for, so a
run over a small text makes a few of the 20,000 renderings of a 10,000-concept glossary.

The file sits in the glossary cache's directory, under the glossary cache's key (which already changes
with every glossary file, the Python version and the code that validates a glossary) combined with the
matcher kind and the linter's own code: ``glossary-<key>-plan-<code>.marshal``, so that clearing the
glossary cache clears it too.  It is read as :mod:`nqp_terms.termbase.cache` reads its files: the
payload's HMAC under the user's secret first, then the shape of every part is checked, and any failure
means the plan is built afresh, never a traceback.  Only lists of plain values (and renderings, stored as their numbers) are
cached; a plan attribute of any other kind turns the plan part of the cache off rather than being guessed.
"""

from __future__ import annotations

import gc
import marshal
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from itertools import accumulate
from operator import is_not
from pathlib import Path
from typing import Any, TypeVar, overload

from ..glossary import Glossary
from ..termbase.model import Concept, Term
from ..termbase.cache import read_signed, signed
from .terms import Rendering, TermMatcher

_FORMAT = 2
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
    """What a plan file holds, checked: the renderings' numbers, the patterns and their renderings, the plan.

    Renderings are numbered in the linter's order; rendering ``r`` is term ``term_numbers[r]`` of concept
    ``concept_numbers[r]``.  Pattern ``p`` stands for renderings ``flat[ends[p - 1]:ends[p]]``.
    """

    def __init__(self, document: Any):
        concept_numbers, term_numbers, keys, flat, ends, plan = (
            document["concept_numbers"], document["term_numbers"], document["keys"], document["flat"],
            document["ends"], document["plan"])
        # The checks run in C (min, max, join, map over whole lists): a wrong type raises TypeError, a number
        # out of range fails a bound, and either way the caller builds the plan afresh.
        count = len(concept_numbers)
        if len(term_numbers) != count or len(keys) != len(ends) or not isinstance("".join(keys), str):
            raise ValueError("not a plan")
        if count and min(min(concept_numbers), min(term_numbers)) < 0:
            raise ValueError("not a plan")
        if flat and (min(flat) < 0 or max(flat) >= count):
            raise ValueError("not a plan")
        # Every pattern stands for at least one rendering: the ends rise strictly, up to the flat list's end
        # (in order, and no two alike: sorting a sorted list and hashing ints run in C, pairing them does not).
        if ends and (ends[0] < 1 or ends[-1] != len(flat) or ends != sorted(ends) or len(set(ends)) != len(ends)):
            raise ValueError("not a plan")
        if plan is not None:
            for kind, values in plan.values():
                if kind not in ("plain", "renderings") or len(values) != len(keys):
                    raise ValueError("not a plan")
                numbered = list(filter(partial(is_not, None), values)) if kind == "renderings" else []
                if numbered and (min(numbered) < 0 or max(numbered) >= count):
                    raise ValueError("not a plan")
        self.concept_numbers, self.term_numbers, self.keys, self.plan = concept_numbers, term_numbers, keys, plan
        self.flat, self.ends = flat, ends

    def renderings(self, glossary: Glossary) -> NumberedRenderings:
        concepts = glossary.data.concepts
        if self.concept_numbers and max(self.concept_numbers) >= len(concepts):
            raise ValueError("the plan does not fit the glossary")
        return NumberedRenderings(concepts, self.concept_numbers, self.term_numbers)


class NumberedRenderings(Sequence[Rendering]):
    """The glossary's English renderings by number, each a :class:`LazyRendering` made on first use (and
    then the same object: the linter keys what findings share by rendering)."""

    def __init__(self, concepts: Sequence[Concept], concept_numbers: list[int], term_numbers: list[int]):
        self._concepts, self._concept_numbers, self._term_numbers = concepts, concept_numbers, term_numbers
        self._made: list[Rendering | None] = [None] * len(concept_numbers)

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, number: int) -> Rendering: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[Rendering]: ...
    def __getitem__(self, number: int | slice) -> Rendering | Sequence[Rendering]:
        if isinstance(number, slice):
            return [self[n] for n in range(*number.indices(len(self)))]
        rendering = self._made[number]
        if rendering is None:
            rendering = self._made[number] = LazyRendering(self._concepts, self._concept_numbers[number],
                                                           self._term_numbers[number])
        return rendering

    def __iter__(self) -> Iterator[Rendering]:
        return map(self.__getitem__, range(len(self._made)))


class _PatternRenderings(Sequence[tuple[Rendering, ...]]):
    """For each pattern, the tuple of renderings it stands for (the matcher's ``payloads``), made on first use."""

    def __init__(self, renderings: NumberedRenderings, flat: list[int], ends: list[int]):
        self._renderings, self._flat, self._ends = renderings, flat, ends
        self._made: list[tuple[Rendering, ...] | None] = [None] * len(ends)

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, number: int) -> tuple[Rendering, ...]: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[tuple[Rendering, ...]]: ...
    def __getitem__(self, number: int | slice) -> tuple[Rendering, ...] | Sequence[tuple[Rendering, ...]]:
        if isinstance(number, slice):
            return [self[n] for n in range(*number.indices(len(self)))]
        made = self._made[number]
        if made is None:
            if number < 0:
                number += len(self._made)
            start = self._ends[number - 1] if number > 0 else 0
            made = self._made[number] = tuple(map(self._renderings.__getitem__, self._flat[start:self._ends[number]]))
        return made

    def __iter__(self) -> Iterator[tuple[Rendering, ...]]:
        return map(self.__getitem__, range(len(self._made)))


class _Patterns(Mapping[str, tuple[Rendering, ...]]):
    """The matcher's ``patterns`` (canonical key -> renderings), over the cached keys; a dict only if asked."""

    def __init__(self, keys: list[str], payloads: Sequence[tuple[Rendering, ...]]):
        self._keys, self._payloads = keys, payloads

    def _numbers(self) -> dict[str, int]:
        numbers = self.__dict__.get("_by_key")
        if numbers is None:
            numbers = self.__dict__["_by_key"] = {key: number for number, key in enumerate(self._keys)}
        return numbers

    def __getitem__(self, key: str) -> tuple[Rendering, ...]:
        return self._payloads[self._numbers()[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._numbers()

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class _RenderingColumn(Sequence[Rendering | None]):
    """A plan list of renderings stored by number (or ``None``), each looked up when first read."""

    def __init__(self, numbers: list[int | None], renderings: NumberedRenderings):
        self._numbers, self._renderings = numbers, renderings

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> Rendering | None: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Rendering | None]: ...
    def __getitem__(self, index: int | slice) -> Rendering | None | Sequence[Rendering | None]:
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        number = self._numbers[index]
        return None if number is None else self._renderings[number]

    def __iter__(self) -> Iterator[Rendering | None]:
        return map(self.__getitem__, range(len(self._numbers)))


def read_plan(path: Path) -> CachedPlan | None:
    """The plan stored at ``path``, or ``None`` when there is none or it is damaged or foreign."""
    try:
        payload = read_signed(path)  # signed like the glossary cache: a poisoned plan is never read
        if payload is None:
            return None
        collecting = gc.isenabled()
        gc.disable()  # every object read here stays alive: a collection would find nothing to free
        try:
            document = marshal.loads(payload)
        finally:
            if collecting:
                gc.enable()
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
    document = {"format": _FORMAT, "concept_numbers": [c for c, _ in numbers], "term_numbers": [t for _, t in numbers],
                "keys": keys, "flat": [n for numbers in payloads for n in numbers],
                "ends": list(accumulate(map(len, payloads))), "plan": plan}
    from ..safe_write import write_file

    try:
        payload = marshal.dumps(document)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # As the glossary cache is written: a random temporary name, never through a symlink, renamed atomically.
        write_file(path, signed(payload), mode=0o600, follow_symlinks=False)
    except (OSError, ValueError):
        pass


def restore_plan(plan_type: type[PlanT], data: dict[str, tuple[str, list[Any]]],
                 renderings: NumberedRenderings) -> PlanT:
    """A plan object of ``plan_type`` with its lists read back, renderings looked up by number when read."""
    plan = object.__new__(plan_type)
    for name, (kind, values) in data.items():
        setattr(plan, name, values if kind == "plain" else _RenderingColumn(values, renderings))
    return plan


class PlanCache:
    """The linter's way to its term matcher and pattern plan: from the cache when it fits, else built and stored."""

    def __init__(self, glossary: Glossary, engine: str):
        self.glossary, self.engine = glossary, engine
        self.path = plan_file(glossary, engine)
        self.cached = read_plan(self.path) if self.path is not None else None
        self.renderings: Sequence[Rendering] = ()
        self.numbered: NumberedRenderings | None = None
        self.numbers: list[tuple[int, int]] = []
        self.terms: TermMatcher | None = None

    def term_matcher(self) -> TermMatcher:
        from .matcher import DeferredMatcher, PurePythonMatcher

        spelling = self.glossary.data.spelling_variants
        if self.cached is not None:
            try:
                renderings = self.cached.renderings(self.glossary)
            except ValueError:
                self.cached = None
            else:
                self.renderings = self.numbered = renderings
                keys = self.cached.keys
                payloads = _PatternRenderings(renderings, self.cached.flat, self.cached.ends)
                terms = TermMatcher(renderings, spelling, self.engine)  # type: ignore[arg-type]
                # The automaton is compiled when a text long enough to repay it comes (see DeferredMatcher).
                factory = PurePythonMatcher if self.engine == "python" else DeferredMatcher
                # What the cached_property would have built, with the patterns in the cached order.
                vars(terms)["matcher"] = factory.from_keys(keys, payloads, _Patterns(keys, payloads))
                self.terms = terms
                return terms
        renderings, self.numbers = numbered_renderings(self.glossary)
        self.renderings = renderings
        self.terms = TermMatcher(tuple(renderings), spelling, self.engine)
        return self.terms

    def pattern_plan(self, plan_type: type[PlanT], build: Callable[[], PlanT]) -> PlanT:
        """The engine's plan (a ``plan_type`` that ``build`` makes), read back, or built and stored."""
        if self.cached is not None and self.cached.plan is not None and self.numbered is not None:
            return restore_plan(plan_type, self.cached.plan, self.numbered)
        plan = build()
        if self.path is not None and self.cached is None and self.numbers and self.terms is not None:
            matcher = self.terms.matcher
            number_of = {id(rendering): number for number, rendering in enumerate(self.renderings)}
            payloads = [tuple(number_of[id(r)] for r in renderings) for renderings in matcher.payloads]
            write_plan(self.path, self.numbers, list(matcher.patterns), payloads, plan_data(plan, self.renderings))
        return plan
