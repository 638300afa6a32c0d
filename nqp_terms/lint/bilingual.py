"""Check Chinese→English segment pairs: every glossary term in the source needs an approved rendering in the target.

For each term found in the Chinese source (Simplified or Traditional, however
spaced or quoted), the English target must use its preferred or an admitted
rendering.  A deprecated rendering is an error (NQP101); no rendering at all is
a warning (NQP102).  **Term accuracy** is approved renderings over source
terms found, the way machine translation is scored for terminology.

>>> import nqp_terms
>>> checker = Checker(nqp_terms.load())
>>> result = checker.check("要发挥揭榜挂帅机制作用", "Give play to Uncover the list and take the lead")
>>> [(f.rule, f.match, f.suggestion[:29]) for f in result.findings]
[('NQP101', 'Uncover the list and take the lead', 'open competition mechanism to')]
>>> result.terms_found, result.terms_approved
(1, 0)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from ..glossary import Glossary
from ..input_policy import Errors, checked
from ..keys import chinese_key
from ..model import Concept
from ..normalize import CHINESE_STEPS, normalize_mapped
from .config import LintConfig
from .engine import Linter
from .finding import Finding
from .matcher import Hit


@dataclass
class CheckResult:
    """Findings for one or more segment pairs, with the counts behind term accuracy."""

    findings: list[Finding] = field(default_factory=list)
    terms_found: int = 0
    terms_approved: int = 0

    @property
    def accuracy(self) -> float | None:
        """Approved renderings / source terms found; ``None`` when the source had no glossary term."""
        return self.terms_approved / self.terms_found if self.terms_found else None

    def add(self, other: CheckResult) -> None:
        self.findings += other.findings
        self.terms_found += other.terms_found
        self.terms_approved += other.terms_approved


class Checker:
    """The bilingual check, built once for a glossary."""

    def __init__(self, glossary: Glossary, config: LintConfig | None = None):
        self.glossary = glossary
        self.linter = Linter(glossary, config)

    @cached_property
    def _chinese(self):  # type: ignore[no-untyped-def]
        import ahocorasick_rs

        keys: dict[str, list[Concept]] = {}
        for concept in self.glossary:
            for language in ("zh-Hans", "zh-Hant"):
                for term in concept.in_language(language):  # type: ignore[arg-type]
                    key = chinese_key(term.term)
                    if key and concept not in keys.setdefault(key, []):
                        keys[key].append(concept)
            for form in concept.lookup_forms.get("zh-Hans", ()):
                key = chinese_key(form)
                if key and concept not in keys.setdefault(key, []):
                    keys[key].append(concept)
        patterns = list(keys)
        automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        return automaton, patterns, keys

    def source_concepts(self, source: str) -> list[tuple[Concept, int, int]]:
        """Glossary concepts named in the Chinese ``source``, leftmost-longest, with their spans in it."""
        # Match keys drop spaces and quotes; keep only Han, letters and digits, with a map back to the source.
        mapped = normalize_mapped(source, steps=CHINESE_STEPS)
        kept = [(i, c) for i, c in enumerate(mapped.text) if c in "+×" or unicodedata.category(c)[0] not in "PZS"]
        # One character for one (İ lower-cases to two), so that key offsets index ``kept``.
        key_text = "".join(c.lower() if len(c.lower()) == 1 else c for _, c in kept)
        automaton, patterns, keys = self._chinese
        found = []
        for number, start, end in automaton.find_matches_as_indexes(key_text):
            span = mapped.original_span(kept[start][0], kept[end - 1][0] + 1)
            for concept in keys[patterns[number]]:
                found.append((concept, span[0], span[1]))
        return found

    def check(self, source: str, target: str, *, segment: str = "1", errors: Errors = "strict") -> CheckResult:
        """Check one pair; findings' offsets are in ``target``.  ``errors``: see :mod:`nqp_terms.input_policy`."""
        source, target = checked(source, errors, "source"), checked(target, errors, "target")
        result = CheckResult()
        concepts = self.source_concepts(source)
        hits = self.linter.terms.matcher.find(target)
        for concept, _, _ in concepts:
            result.terms_found += 1
            approved = [h for h in hits if any(r.approved and r.concept.id == concept.id for r in h.payloads)]
            if approved:
                result.terms_approved += 1
                continue
            bad = [h for h in hits if any(not r.approved and r.concept.id == concept.id for r in h.payloads)]
            preferred = concept.en
            if bad:
                hit: Hit = bad[0]
                rendering = next(r for r in hit.payloads if r.concept.id == concept.id)
                result.findings.append(Finding(
                    rule="NQP101", severity=self.linter.config.severity_of("NQP101"), start=hit.start, end=hit.end,
                    match=target[hit.start:hit.end],
                    message=f"{concept.zh} is translated with the {rendering.term.status} rendering "
                            f"“{target[hit.start:hit.end]}”; use “{rendering.term.use_instead}”",
                    suggestion=rendering.term.use_instead, concept=concept.id, zh=concept.zh,
                    reason=rendering.term.reason, source=self.linter._source_of(rendering, rendering.term.use_instead),
                    url=self.linter.url(concept.id), segment=segment))
            else:
                result.findings.append(Finding(
                    rule="NQP102", severity=self.linter.config.severity_of("NQP102"), start=0, end=0, match="",
                    message=f"{concept.zh} has no approved rendering in the target; expected “{preferred}”"
                            + (f" or one of: {', '.join(t.term for t in concept.admitted('en'))}"
                               if concept.admitted("en") else ""),
                    suggestion=preferred, concept=concept.id, zh=concept.zh, url=self.linter.url(concept.id),
                    segment=segment))
        result.findings = [f for f in result.findings if self.linter.config.enabled(f.rule)]
        return result
