"""Run every rule over a text and return findings, most precise first.

>>> import nqp_terms
>>> linter = Linter(nqp_terms.load())
>>> [(f.rule, f.match, f.suggestion) for f in linter.lint("We will grasp the Bull nose of reform.")]
[('NQP001', 'Bull nose', 'crux')]
>>> linter.lint("The company introduced a product and new quality productive forces.")
[]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter

from ..glossary import Glossary
from ..keys import english_key
from ..pinyin import HAN
from .config import LintConfig
from .finding import Finding
from .markup import QuietIndex, quiet_spans
from .matcher import CanonicalView, Hit, canonical_view
from .terms import Rendering, TermMatcher, options_allow

# Runs of Chinese characters with the punctuation that joins them.
_CHINESE_RUN = re.compile(rf"{HAN.pattern}(?:[{HAN.pattern[1:-1]}、，·]*{HAN.pattern})?")
# A reversed pair stands where quotes open and close: ” after a space or the start, “ before a space,
# punctuation or the end.  Quotes glued to letters on the wrong side are unbalanced, not reversed.
_REVERSED_QUOTES = re.compile(r"(?<![^\s(\[—–>*_-])”([^“”\n]{0,200}?)“(?![^\s.,;:!?)\]—–<*_-])")
_CHINESE_MARKS = re.compile(r"[《》〈〉「」『』【】]|[，。；：！？（）、]")


_POSITION = attrgetter("start", "end", "rule")
# The same renderings recur throughout a document; key each once.
_english_key = lru_cache(maxsize=65536)(english_key)


@dataclass
class DocumentState:
    """What the linter remembers across the chunks of one document: the first rendering of each concept."""

    first_rendering: dict[str, tuple[str, str]] = field(default_factory=dict)  # concept -> (key, text as written)
    first_pattern: dict[str, int] = field(default_factory=dict)  # concept -> identity of its first hit's pattern


class Linter:
    """The rules, built once for a glossary and a configuration."""

    def __init__(self, glossary: Glossary, config: LintConfig | None = None, *, engine: str = "aho-corasick"):
        self.glossary = glossary
        self.config = config or LintConfig()
        self.engine = engine
        self._approving_cache: dict[int, tuple[tuple[Rendering, ...], Rendering | None]] = {}

    @cached_property
    def terms(self) -> TermMatcher:
        renderings = tuple(Rendering(concept, term) for concept in self.glossary for term in concept.in_language("en"))
        return TermMatcher(renderings, self.glossary.data.spelling_variants, self.engine)

    # ------------------------------------------------------------ helpers

    def url(self, concept_id: str) -> str:
        return f"{self.config.site_url}concepts/{concept_id}/"

    def _source_of(self, rendering: Rendering, suggestion: str | None) -> str | None:
        """Where the suggested rendering was published, as one line."""
        if suggestion is None:
            return None
        target = next((t for t in rendering.concept.in_language("en") if t.term == suggestion), None)
        if target is None:
            return None
        if not target.sources:
            return "unsourced: no publication of this rendering was found"
        source = self.glossary.sources[target.sources[0]]
        return f"{source.publisher}, “{source.title}”, {source.date or 'n.d.'}, {source.url}"

    def _finding(self, code: str, start: int, end: int, text: str, message: str, **fields: object) -> Finding:
        return Finding(rule=code, severity=self.config.severity_of(code), start=start, end=end,
                       match=text[start:end], message=message, **fields)  # type: ignore[arg-type]

    # -------------------------------------------------------------- rules

    def _term_findings(self, text: str, view: CanonicalView, state: DocumentState) -> list[Finding]:
        hits = self.terms.matcher.find(text, view)
        approved: list[Hit[Rendering]] = []
        candidates: list[tuple[Hit[Rendering], Rendering]] = []
        approving = self._approving
        for hit in hits:
            if approving(hit.payloads) is not None:
                approved.append(hit)
                continue
            allowed = [r for r in hit.payloads if options_allow(r, text, hit.start, hit.end)]
            if allowed:
                candidates.append((hit, allowed[0]))

        findings = self._consistency(text, approved, state)

        # Never inside an approved rendering: a bad "new quality productive" must
        # not fire inside "new quality productive forces".  Approved hits are
        # sorted by start, so only those starting within reach need a look.
        approved_starts = [a.start for a in approved]
        reach = max((a.end - a.start for a in approved), default=0)

        def shadowed(hit: Hit[Rendering]) -> bool:
            first = bisect_left(approved_starts, hit.start - reach)
            last = bisect_left(approved_starts, hit.end)
            return any(a.end > hit.start and a.end - a.start >= hit.end - hit.start for a in approved[first:last])

        taken_until = -1
        for hit, rendering in candidates:  # sorted by start, longest first: leftmost-longest
            if hit.start < taken_until or shadowed(hit):
                continue
            taken_until = hit.end
            code, template, fields = self._deprecated_template(rendering)
            found = text[hit.start:hit.end]
            findings.append(Finding(rule=code, severity=fields["severity"], start=hit.start, end=hit.end,
                                    match=found, message=template.format(found=found), suggestion=fields["suggestion"],
                                    concept=fields["concept"], zh=fields["zh"], reason=fields["reason"],
                                    source=fields["source"], url=fields["url"]))
        return findings

    @lru_cache(maxsize=None)  # noqa: B019 - one linter per glossary; the cache lives as long as it does
    def _deprecated_template(self, rendering: Rendering) -> tuple[str, str, dict[str, Any]]:
        """What every finding of one deprecated rendering shares, computed once."""
        term, concept = rendering.term, rendering.concept
        code = "NQP001" if term.status == "deprecated" else "NQP002"
        template = ("“{found}” is a " + term.status + f" rendering of {concept.zh}; use “{term.use_instead}”")
        return code, template, {
            "severity": self.config.severity_of(code), "suggestion": term.use_instead, "concept": concept.id,
            "zh": concept.zh, "reason": term.reason, "source": self._source_of(rendering, term.use_instead),
            "url": self.url(concept.id)}

    def _approving(self, renderings: tuple[Rendering, ...]) -> Rendering | None:
        """The first approved rendering among those a pattern stands for, if any."""
        # Keyed on identity: the matcher hands out the same tuple for every hit of a pattern.
        key = id(renderings)
        if key not in self._approving_cache:
            self._approving_cache[key] = (renderings, next((r for r in renderings if r.approved), None))
        return self._approving_cache[key][1]

    def _consistency(self, text: str, approved: list[Hit[Rendering]], state: DocumentState) -> list[Finding]:
        english_key = _english_key
        findings = []
        first_pattern = state.first_pattern
        for hit in approved:
            rendering = self._approving(hit.payloads)
            assert rendering is not None
            concept = rendering.concept
            if first_pattern.setdefault(concept.id, id(hit.payloads)) == id(hit.payloads):
                # The same pattern as the concept's first rendering: the same words (fast path).
                if concept.id in state.first_rendering:
                    continue
            written = text[hit.start:hit.end]
            used = english_key(written)
            first = state.first_rendering.setdefault(concept.id, (used, " ".join(written.split())))
            if first[0] != used and not any(english_key(r.term.term) == first[0] for r in hit.payloads):
                findings.append(self._finding(
                    "NQP006", hit.start, hit.end, text,
                    f"{concept.zh} is rendered “{written}” here but “{first[1]}” earlier; "
                    "use one rendering throughout",
                    suggestion=None, concept=concept.id, zh=concept.zh, url=self.url(concept.id)))
        return findings

    def _chinese_findings(self, text: str, stretches: Iterable[tuple[int, int]]) -> list[Finding]:
        findings = []
        for run in (m for start, end in stretches for m in _CHINESE_RUN.finditer(text, start, end)):
            match = self.glossary.get(run.group()) if len(run.group()) > 1 else None
            suggestion = match.concept.en if match else None
            findings.append(self._finding(
                "NQP003", run.start(), run.end(), text,
                "Chinese characters left untranslated" + (f": {run.group()} is “{suggestion}”" if suggestion else ""),
                suggestion=suggestion, concept=match.concept.id if match else None,
                zh=match.concept.zh if match else None, url=self.url(match.concept.id) if match else None))
        return findings

    def _quote_findings(self, text: str, stretches: Iterable[tuple[int, int]]) -> list[Finding]:
        findings = []
        pairs = (_REVERSED_QUOTES.match(text, position) for start, end in stretches
                 for position in range(start, end) if text[position] == "”")
        for pair in (p for p in pairs if p):
            inner = pair.group(1)
            findings.append(self._finding(
                "NQP004", pair.start(), pair.end(), text,
                "quotation marks in reversed order (”…“)",
                # Two edits, relative to the finding, so the words between the quotes stay free for other fixes.
                suggestion=f"“{inner}”", extra={"fix": [[0, 1, "“"], [len(pair.group()) - 1, len(pair.group()), "”"]]}))
        for mark in (m for start, end in stretches for m in _CHINESE_MARKS.finditer(text, start, end)):
            if HAN.search(text[max(0, mark.start() - 1): mark.end() + 1]):
                continue  # punctuation of untranslated Chinese: NQP003 reports the run
            findings.append(self._finding(
                "NQP005", mark.start(), mark.end(), text,
                f"Chinese punctuation “{mark.group()}” in English text", suggestion=None))
        return findings

    # ---------------------------------------------------------------- run

    def lint(self, text: str, *, state: DocumentState | None = None) -> list[Finding]:
        """Findings in ``text``, ordered by position.  Pass one ``state`` to every chunk of a long document."""
        if not isinstance(text, str):
            raise ValueError(f"lint takes a str, not {type(text).__name__}")
        state = state or DocumentState()
        view = canonical_view(text)
        findings: list[Finding] = []
        findings += self._term_findings(text, view, state)
        # Chinese characters, Chinese marks and curly quotes are all non-ASCII: look only there.
        if self.config.enabled("NQP003"):
            findings += self._chinese_findings(text, view.non_ascii)
        if self.config.enabled("NQP004") or self.config.enabled("NQP005"):
            findings += self._quote_findings(text, view.non_ascii)
        quiet = QuietIndex(quiet_spans(text)) if findings else None
        kept = []
        for finding in findings:
            if not self.config.enabled(finding.rule):
                continue
            if quiet:
                keys = {finding.rule, finding.name} | ({finding.concept} if finding.concept else set())
                if quiet.silences(finding.start, finding.end, keys):
                    continue
            kept.append(finding)
        kept.sort(key=_POSITION)
        return kept
