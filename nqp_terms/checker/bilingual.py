"""Check Chinese→English segment pairs: every glossary term in the source needs an approved rendering in the target.

For each term found in the Chinese source (Simplified or Traditional, however
spaced or quoted), the English target should use its preferred or an
admitted rendering.

- **Layered.**  The source is matched longest term first
  (因地制宜发展新质生产力).  When the long term's rendering is absent, the
  check falls back to the terms inside it (因地制宜, 新质生产力) and scores
  those instead.
- **Lenient where a translator is free.**  A rendering counts when it is
  inflected, reordered or wrapped in determiners ("New quality productive
  forces should be developed"; see :mod:`.lenient`).  A concept translated by
  sense (``sense_rendered`` in the glossary, as 牛鼻子 → "the key") is never
  reported missing above info, and is left out of term accuracy when absent.
- **Strict on calques.**  Every deprecated or superseded rendering in the
  target is reported at its own severity with its span, whatever the source
  says: NQP101 (error) when the source has the term, the linter's NQP001
  (error) or NQP002 (warning) when it does not.  No rendering at all is NQP102
  (warning).

**Term accuracy** is approved renderings over the source terms scored (see
``docs/check.md`` for how it relates to the WMT terminology task's
exact-match accuracy).

>>> import nqp_terms
>>> checker = Checker(nqp_terms.load())
>>> result = checker.check("要发挥揭榜挂帅机制作用", "Give play to Uncover the list and take the lead")
>>> [(f.rule, f.match, f.suggestion[:29]) for f in result.findings]
[('NQP101', 'Uncover the list and take the lead', 'open competition mechanism')]
>>> result.terms_found, result.terms_approved, result.terms_wrong
(1, 0, 1)
>>> result = checker.check("要因地制宜发展新质生产力", "We should develop new quality productivity")
>>> [(f.rule, f.severity, f.concept) for f in result.findings if f.severity == "error"]
[('NQP101', 'error', 'xinzhi-shengchanli')]
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from ..glossary import Glossary
from ..text.input_policy import Errors, checked
from ..linter.config import LintConfig
from ..linter.engine import Linter
from ..linter.finding import Finding
from ..linter.terms import Rendering
from ..termbase.model import Concept
from .lenient import LenientRendering, Words
from .source import SourceTerm, SourceTerms

Verdict = Literal["approved", "wrong", "missing"]
_TERM_RULES = frozenset({"NQP001", "NQP002"})


@dataclass
class TermTally:
    """How often one concept was in the source, and how often its rendering was approved, wrong or missing."""

    seen: int = 0
    approved: int = 0
    wrong: int = 0
    missing: int = 0
    unscored: int = 0

    @property
    def accuracy(self) -> float | None:
        scored = self.seen - self.unscored
        return self.approved / scored if scored else None

    def add(self, other: TermTally) -> None:
        self.seen += other.seen
        self.approved += other.approved
        self.wrong += other.wrong
        self.missing += other.missing
        self.unscored += other.unscored


@dataclass
class CheckResult:
    """Findings for one or more segment pairs, with the counts behind term accuracy.

    ``terms_found`` counts the source terms scored; each is approved, wrong (a
    deprecated rendering and no approved one) or missing.  A concept translated
    by sense whose rendering is absent is counted in ``terms_unscored`` only.
    """

    findings: list[Finding] = field(default_factory=list)
    terms_found: int = 0
    terms_approved: int = 0
    terms_wrong: int = 0
    terms_missing: int = 0
    terms_unscored: int = 0
    per_term: dict[str, TermTally] = field(default_factory=dict)

    @property
    def accuracy(self) -> float | None:
        """Approved renderings / source terms scored; ``None`` when the source had no glossary term."""
        return self.terms_approved / self.terms_found if self.terms_found else None

    def add(self, other: CheckResult, *, keep_findings: bool = True) -> None:
        if keep_findings:
            self.findings += other.findings
        self.terms_found += other.terms_found
        self.terms_approved += other.terms_approved
        self.terms_wrong += other.terms_wrong
        self.terms_missing += other.terms_missing
        self.terms_unscored += other.terms_unscored
        per_term = self.per_term
        for concept_id, tally in other.per_term.items():
            mine = per_term.get(concept_id)  # a new tally only for a concept not seen before (once per file)
            if mine is None:
                mine = per_term[concept_id] = TermTally()
            mine.add(tally)

    def counts(self) -> dict[str, object]:
        """The figures machine output carries: accuracy and the found/approved/wrong/missing counts."""
        return {"accuracy": None if self.accuracy is None else round(self.accuracy, 6),
                "terms": self.terms_found, "approved": self.terms_approved, "wrong": self.terms_wrong,
                "missing": self.terms_missing, "unscored": self.terms_unscored}

    def _tally(self, concept: Concept, verdict: Verdict | None) -> None:
        tally = self.per_term.get(concept.id)
        if tally is None:
            tally = self.per_term[concept.id] = TermTally()
        tally.seen += 1
        if verdict is None:
            tally.unscored += 1
            self.terms_unscored += 1
            return
        self.terms_found += 1
        if verdict == "approved":
            tally.approved += 1
            self.terms_approved += 1
        elif verdict == "wrong":
            tally.wrong += 1
            self.terms_wrong += 1
        else:
            tally.missing += 1
            self.terms_missing += 1


class _Target:
    """What the check needs to know of one target: concepts rendered as approved, calques, and its words."""

    def __init__(self, checker: Checker, text: str, calques: list[Finding], approved: set[str],
                 guarded: dict[str, tuple[int, int, Rendering]]):
        self.text = text
        self.calques = calques
        self.wrong = {f.concept for f in calques}
        self.approved, self.guarded = approved, guarded
        self._checker = checker
        self._words: Words | None = None

    def verdict(self, concept: Concept) -> Verdict:
        if concept.id in self.approved:
            return "approved"
        if concept.id in self.wrong:
            return "wrong"
        guarded = self.guarded.get(concept.id)
        if guarded is not None:
            # A calque the linter lets pass in ordinary English ("curve overtaking" on a mountain road) is
            # a calque when the source names its concept.
            self.calques.append(self._checker._guarded_calque(self.text, *guarded))
            self.wrong.add(concept.id)
            return "wrong"
        if self._words is None:
            self._words = Words(self.text)
        if any(r.found_in(self._words) for r in self._checker._lenient(concept)):
            return "approved"
        return "missing"


def _moved(finding: Finding, **changes: object) -> Finding:
    """``dataclasses.replace(finding, **changes)`` without its cost: a copy of the attributes, then the changes."""
    moved = object.__new__(Finding)
    moved.__dict__.update(finding.__dict__)
    moved.__dict__.update(changes)
    return moved


#: Between targets checked in one pass: a paragraph break and a word in no rendering, so that no
#: rendering, and no sentence a guard looks at, spans two targets.
_TARGET_SEPARATOR = "\n\n0\n\n"
def _joined(texts: list[str]) -> tuple[str, list[int]]:
    """The texts joined by :data:`_TARGET_SEPARATOR`, and where each starts."""
    offsets, position = [], 0
    for text in texts:
        offsets.append(position)
        position += len(text) + len(_TARGET_SEPARATOR)
    return _TARGET_SEPARATOR.join(texts), offsets


#: Pairs checked in one pass by :meth:`Checker.check_many`.
BATCH = 256


def _checked_pairs(pairs: Sequence[tuple[str, str]], errors: Errors) -> Sequence[tuple[str, str]]:
    """``pairs`` with each text passed through :func:`~nqp_terms.text.input_policy.checked`: one test of all
    the texts at once when every one is a str without a lone surrogate or NUL (almost always)."""
    try:
        if all(type(source) is str and type(target) is str for source, target in pairs) and \
                checked("".join(map("".join, pairs)), "strict") is not None:
            return pairs
    except ValueError:
        pass
    return [(checked(source, errors, "source"), checked(target, errors, "target")) for source, target in pairs]


class Checker:
    """The bilingual check, built once for a glossary."""

    def __init__(self, glossary: Glossary, config: LintConfig | None = None):
        self.glossary = glossary
        self.linter = Linter(glossary, config)
        self.source_terms = SourceTerms(glossary)
        self._lenient_renderings: dict[str, tuple[LenientRendering, ...]] = {}
        self._missing_made: dict[str, tuple[str, str, str]] = {}  # see _missing

    @property
    def config(self) -> LintConfig:
        return self.linter.config

    def _lenient(self, concept: Concept) -> tuple[LenientRendering, ...]:
        found = self._lenient_renderings.get(concept.id)
        if found is None:
            found = tuple(LenientRendering(t.term) for t in concept.in_language("en") if t.is_approved)
            found += tuple(LenientRendering(form) for form in concept.lookup_forms.get("en", ()))
            self._lenient_renderings[concept.id] = found
        return found

    @cached_property
    def _patterns(self) -> tuple[list[frozenset[str]], list[tuple[Rendering, ...]], list[bool]]:
        """For each pattern of the linter's matcher: the concepts it approves, its guarded calques, and
        whether it stands for any rendering not to use (only then is the linter run on the target)."""
        payloads = self.linter.terms.matcher.payloads
        approving = [frozenset(r.concept.id for r in renderings if r.approved) for renderings in payloads]
        guarded = [tuple(r for r in renderings if not r.approved and (r.term.match.context or
                                                                       r.term.match.unless or
                                                                       r.term.match.when != "anywhere"))
                   for renderings in payloads]
        calques = [any(not r.approved for r in renderings) for renderings in payloads]
        return approving, guarded, calques

    @cached_property
    def _guarded_by_context(self) -> frozenset[str]:
        return frozenset(concept.id for concept in self.glossary for term in concept.in_language("en")
                         if not term.is_approved and term.match.context)

    def _targets(self, texts: list[str]) -> list[_Target]:
        """What the check needs of each target: one pass of the matcher over them all, then the linter over
        the targets where the matcher saw a deprecated or superseded rendering."""
        joined, offsets = _joined(texts)
        single = len(texts) == 1
        approving, guarding, calque_patterns = self._patterns
        approved: list[set[str]] = [set() for _ in texts]
        guarded: list[dict[str, tuple[int, int, Rendering]]] = [{} for _ in texts]
        suspects: set[int] = set()
        starts, ends, numbers = self.linter.terms.matcher.find_spans(joined)
        for start, end, pattern in zip(starts, ends, numbers):
            number = 0 if single else bisect_right(offsets, start) - 1
            if approving[pattern]:
                approved[number].update(approving[pattern])
            if calque_patterns[pattern]:
                suspects.add(number)
            for rendering in guarding[pattern]:
                shift = offsets[number]
                guarded[number].setdefault(rendering.concept.id, (start - shift, end - shift, rendering))
        calques: list[list[Finding]] = [[] for _ in texts]
        linted = sorted(suspects)
        if linted:
            suspect_text, suspect_offsets = _joined([texts[n] for n in linted])
            for finding in self.linter.lint(suspect_text):
                if finding.rule in _TERM_RULES:
                    index = 0 if len(linted) == 1 else bisect_right(suspect_offsets, finding.start) - 1
                    shift = suspect_offsets[index]
                    calques[linted[index]].append(finding if not shift else _moved(
                        finding, start=finding.start - shift, end=finding.end - shift))
        # A guard that looks for context words around a calque reads 250 characters either side, into the
        # neighbouring targets: a pair with such a finding is linted again on its own.
        for number in linted:
            if len(linted) > 1 and any(f.concept in self._guarded_by_context for f in calques[number]):
                calques[number] = [f for f in self.linter.lint(texts[number]) if f.rule in _TERM_RULES]
        return [_Target(self, text, *found) for text, *found in zip(texts, calques, approved, guarded)]

    def _guarded_calque(self, target: str, start: int, end: int, rendering: Rendering) -> Finding:
        term, concept = rendering.term, rendering.concept
        code = "NQP001" if term.status == "deprecated" else "NQP002"
        return Finding(rule=code, severity=self.config.severity_of(code), start=start, end=end,
                       match=target[start:end], message=f"“{target[start:end]}” is a {term.status} rendering of "
                       f"{concept.zh}; use “{term.use_instead}”", suggestion=term.use_instead, concept=concept.id,
                       zh=concept.zh, reason=term.reason, url=self.linter.url(concept.id))

    def source_concepts(self, source: str) -> list[tuple[Concept, int, int]]:
        """Glossary concepts named in the Chinese ``source``, leftmost-longest, with their spans in it."""
        return [(concept, t.start, t.end) for t in self.source_terms.find(source) for concept in t.concepts]

    def check(self, source: str, target: str, *, segment: str = "1", errors: Errors = "strict") -> CheckResult:
        """Check one pair; findings' offsets are in ``target``.  ``errors``: see :mod:`nqp_terms.text.input_policy`."""
        return self.check_many([(source, target)], [segment], errors=errors)[0]

    def check_many(self, pairs: Sequence[tuple[str, str]], segments: Sequence[str] | None = None, *,
                   errors: Errors = "strict") -> list[CheckResult]:
        """Check many pairs, as :meth:`check` does each, in passes over :data:`BATCH` pairs at a time.

        Findings' offsets are in each pair's target; ``segments`` names the pairs (default: 1, 2, ...).
        ``errors`` says what a lone surrogate or NUL does (:mod:`nqp_terms.text.input_policy`); with
        ``"replace"`` it becomes U+FFFD, which keeps every offset.
        """
        results = []
        # As in Linter.lint: the results are many small objects that all live on, so the garbage collector
        # finds nothing to free but walks the heap again and again while they are made (a third of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for first in range(0, len(pairs), BATCH):
                chunk = _checked_pairs(pairs[first:first + BATCH], errors)
                sources = self.source_terms.find_many([source for source, _ in chunk])
                targets = self._targets([target for _, target in chunk])
                for number, (found, seen) in enumerate(zip(sources, targets), start=first):
                    results.append(self._judge(found, seen, segments[number] if segments else str(number + 1)))
        finally:
            if collecting:
                gc.enable()
        return results

    def _judge(self, found: list[SourceTerm], seen: _Target, segment: str) -> CheckResult:
        result = CheckResult()
        if not found and not seen.calques:
            return result
        named: set[str] = set()
        missing: list[Concept] = []
        approved = seen.approved
        for term in found:
            concepts = term.concepts
            if len(concepts) == 1 and concepts[0].id in approved:
                # The common case, as _layered and _Target.verdict decide it: one concept, rendered as approved.
                named.add(concepts[0].id)
                result._tally(concepts[0], "approved")
                continue
            for concept, verdict in self._layered(term, seen):
                named.add(concept.id)
                if verdict == "missing" and concept.sense_rendered:
                    result._tally(concept, None)
                    missing.append(concept)
                    continue
                result._tally(concept, verdict)
                if verdict == "missing":
                    missing.append(concept)
        if seen.calques or missing:  # most pairs have nothing to report
            findings = [self._calque(f, f.concept in named, segment) for f in seen.calques]
            findings += [self._missing(concept, segment) for concept in dict.fromkeys(missing)]
            result.findings = [f for f in findings if self.config.enabled(f.rule)]
        return result

    def _layered(self, term: SourceTerm, target: _Target) -> list[tuple[Concept, Verdict]]:
        """The verdict on a source term; when its rendering is absent, on the terms inside it instead."""
        if len(term.concepts) == 1:
            concept = term.concepts[0]
            verdict = target.verdict(concept)
            if verdict != "missing":
                return [(concept, verdict)]
            verdicts = [(concept, verdict)]
        else:
            verdicts = [(concept, target.verdict(concept)) for concept in term.concepts]
        if any(v != "missing" for _, v in verdicts):
            return [(c, v) for c, v in verdicts if v != "missing"][:1]
        inner = [(concept, target.verdict(concept))
                 for key in self.source_terms.components(term.key)
                 for concept in self.source_terms.concepts_of(key)[:1]]
        if any(v != "missing" for _, v in inner):
            return inner
        return verdicts[:1]

    def _calque(self, finding: Finding, in_source: bool, segment: str) -> Finding:
        """A deprecated or superseded rendering in the target: NQP101 when the source names its concept."""
        if in_source and finding.rule == "NQP001":
            concept = self.glossary.concepts[finding.concept] if finding.concept else None
            message = (f"{concept.zh if concept else finding.zh} is translated with the deprecated rendering "
                       f"“{finding.match}”; use “{finding.suggestion}”")
            return _moved(finding, rule="NQP101", severity=self.config.severity_of("NQP101"), message=message,
                          segment=segment)
        return _moved(finding, segment=segment)

    def _missing(self, concept: Concept, segment: str) -> Finding:
        made = self._missing_made.get(concept.id)
        if made is None:  # what every NQP102 of the concept shares, worked out once
            admitted = concept.admitted("en")
            message = f"{concept.zh} has no approved rendering in the target; expected “{concept.en}”" + (
                f" or one of: {', '.join(t.term for t in admitted)}" if admitted else "")
            severity = self.config.severity_of("NQP102")
            if concept.sense_rendered:
                severity = "info"
                message += " (a term translated by sense: check that its meaning is rendered)"
            made = self._missing_made[concept.id] = (severity, message, self.linter.url(concept.id))
        severity, message, url = made
        return Finding(rule="NQP102", severity=severity, start=0, end=0, match="", message=message,
                       suggestion=concept.en, concept=concept.id, zh=concept.zh, url=url, segment=segment)
