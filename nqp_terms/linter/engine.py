"""Run every rule over a text and return findings, most precise first.

>>> import nqp_terms
>>> linter = Linter(nqp_terms.load())
>>> [(f.rule, f.match, f.suggestion) for f in linter.lint("We will grasp the Bull nose of reform.")]
[('NQP001', 'Bull nose', 'crux')]
>>> linter.lint("The company introduced a product and new quality productive forces.")
[]
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import accumulate, compress
from operator import attrgetter, itemgetter, sub

from ..glossary import Glossary
from ..text.input_policy import Errors, checked
from ..text.keys import english_key
from ..text.lazy_regex import LazyRegex
from ..text.pinyin import HAN
from .config import LintConfig
from .documents import JoinedDocuments, SEPARATOR_WORD
from .finding import Finding, FindingTemplate
from .markup import QuietIndex, QuietState, may_be_quiet, quiet_spans
from .matcher import CanonicalView, canonical_view
from .plan import PlanCache
from .rules import RULES
from .sentences import sentence_bounds
from .domain import DomainSignal, Evidence
from .terms import BY_DOMAIN, Rendering, TermMatcher, options_verdict
from .suggest import SuggestionPlan, might_fit, plan as suggestion_plan
from .words import HyphenPlan, JoinedText, join_broken_words

# Runs of Chinese characters with the punctuation that joins them.  Its classes of CJK ranges take
# milliseconds to compile, and English text seldom holds one: compiled for the first text that has one.
_CHINESE_RUN = LazyRegex(rf"{HAN.pattern}(?:[{HAN.pattern[1:-1]}、，·]*{HAN.pattern})?")
#: The first character of the ideograph blocks HAN stands for: a stretch of text without a character from
#: here up holds no Chinese run (curly quotes, dashes and accented letters all come before it).
_FIRST_HAN = "\u3400"
# A reversed pair stands where quotes open and close: ” after a space or the start, “ before a space,
# punctuation or the end.  Quotes glued to letters on the wrong side are unbalanced, not reversed.
_REVERSED_QUOTES = re.compile(r"(?<![^\s(\[—–>*_-])”([^“”\n]{0,200}?)“(?![^\s.,;:!?)\]—–<*_-])")
_CHINESE_MARKS = re.compile(r"[《》〈〉「」『』【】]|[，。；：！？（）、]")
# Where one sentence ends and the next begins: a full stop, question or exclamation mark (with any closing
# quotes or brackets) before white space, a Chinese one, a blank line, or a line break before a heading,
# quotation or list item.  A match never spans one: "grew by three. New policies" holds no "three new".
# A line break inside a paragraph is no break: wrapped text still matches.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]*_]*(?=\s)|[。！？]|\n[ \t]*\n|\n(?=[ \t]*(?:[#>*+-]|\d{1,9}[.)])\s)")
_SENTENCE_FINAL = frozenset(".!?…。！？")
_LIST_MARK = re.compile(r"[,;/]")
_BREAK_OR_LIST = re.compile(_SENTENCE_BREAK.pattern + r"|[,;/]")
# The same two, written to begin with one character class (each alternative checks, looking back, that the
# character is one of its own): the regex engine then skips to the next such character in a tight loop
# instead of trying every alternative at every position, three times as fast on the span of a hit.
_BREAK_ALTERNATIVES = r"(?<=[.!?…])[\"'”’)\]*_]*(?=\s)|(?<=[。！？])|(?<=\n)[ \t]*\n|(?<=\n)(?=[ \t]*(?:[#>*+-]|\d{1,9}[.)])\s)"
_FAST_BREAK = re.compile(rf"[.!?…。！？\n](?:{_BREAK_ALTERNATIVES})")
_FAST_BREAK_OR_LIST = re.compile(rf"[.!?…。！？\n,;/](?:{_BREAK_ALTERNATIVES}|(?<=[,;/]))")


_POSITION = attrgetter("start", "end", "rule")
_START = attrgetter("start")
_UNSEEN = object()  # not in a cache (where None is a value)
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
# The same renderings recur throughout a document; key each once.
_english_key = lru_cache(maxsize=65536)(english_key)


@dataclass
class DocumentState:
    """What the linter remembers across the chunks of one document: the first rendering of each concept."""

    first_rendering: dict[str, tuple[str, str]] = field(default_factory=dict)  # concept -> (key, text as written)
    first_pattern: dict[str, int] = field(default_factory=dict)  # concept -> number of its first hit's pattern
    #: The domain signal's verdict, once a chunk showed the document to be policy writing.
    policy: Evidence | None = None
    #: Code fences, HTML blocks and switched-off regions still open at the end of the last chunk.
    quiet: QuietState = field(default_factory=QuietState)


class _PatternPlan:
    """What the linter does with a hit, worked out once per pattern (indexed by pattern number)."""

    def __init__(self, payloads: list[tuple[Rendering, ...]], keys: list[str]):
        #: The first approved rendering among those a pattern stands for, if any.
        self.approving = [next((r for r in renderings if r.approved), None) for renderings in payloads]
        self.is_approved = [rendering is not None for rendering in self.approving]
        self.not_approved = [rendering is None for rendering in self.approving]
        #: For approved patterns, the concept of the approved rendering, whose consistency the hit is about.
        self.concept_of = [rendering.concept.id if rendering else None for rendering in self.approving]
        #: For the other patterns: the rendering to report, if the first of them has no match options
        #: that could refuse a hit (then no other is looked at); None where options must be checked.
        self.always = [renderings[0] if rendering is None and _unconditional(renderings[0]) else None
                       for renderings, rendering in zip(payloads, self.approving)]
        #: The concept a hit of the pattern is evidence of for the domain signal: approved renderings of two
        #: words or more ("China" is everyday English) and calques that need no guard (a guarded one would be
        #: evidence of itself); and whether it is a calque, which weighs more (see .domain).
        self.domain_concept = [approving.concept.id if approving and " " in approving.term.term.strip()
                               else always.concept.id if always else None
                               for approving, always in zip(self.approving, self.always)]
        self.domain_calque = [approving is None and always is not None
                              for approving, always in zip(self.approving, self.always)]
        #: For approved patterns written with a hyphen ("high-quality development"): the rendering to check a hit
        #: against.  (Plain lists and renderings only: the plan is cached as plain data, see .plan.)
        self.hyphen_rendering = [HyphenPlan.rendering_of(renderings) if approving else None
                                 for renderings, approving in zip(payloads, self.approving)]
        self.hyphenated = [rendering is not None for rendering in self.hyphen_rendering]
        #: Whether a hit of the pattern must be checked for a sentence break inside it: it has several words,
        #: and none of its renderings holds sentence-final punctuation itself.
        self.may_cross = [" " in key.strip() and not any(_SENTENCE_FINAL.intersection(r.term.term) for r in renderings)
                          for renderings, key in zip(payloads, keys)]
        #: The list punctuation (comma, semicolon, slash) the pattern's renderings hold: a hit may span only that.
        self.list_marks = ["".join(c for c in ",;/" if any(c in (r.term.pattern or r.term.term) for r in renderings))
                           for renderings in payloads]


def _unconditional(rendering: Rendering) -> bool:
    """Whether :func:`~.terms.options_verdict` accepts every hit of this rendering."""
    options = rendering.term.match
    return not options.case_sensitive and options.when == "anywhere" and not options.context and not options.unless


class Linter:
    """The rules, built once for a glossary and a configuration."""

    def __init__(self, glossary: Glossary, config: LintConfig | None = None, *, engine: str = "aho-corasick"):
        self.glossary = glossary
        self.config = config or LintConfig()
        self.engine = engine
        # What findings of one rendering or concept share, made on first use.
        self._templates: dict[Rendering, tuple[str, str, FindingTemplate, SuggestionPlan | None]] = {}
        self._inconsistent: dict[str, FindingTemplate] = {}
        self._agrees: dict[tuple[int, str], bool] = {}  # see _consistency
        self.domain = DomainSignal(**self.config.domain)
        self._hyphen_plans: dict[Rendering, HyphenPlan] = {}
        # Pattern number and text as written -> its repair (see _hyphen_findings): a document writes its
        # terms the same few ways again and again.
        self._repairs: dict[tuple[int, str], str | None] = {}

    @cached_property
    def terms(self) -> TermMatcher:
        return self._plans.term_matcher()

    @cached_property
    def _plans(self) -> PlanCache:
        """Patterns and plan from the cache beside the glossary's, or built (and stored) on the first run."""
        return PlanCache(self.glossary, self.engine)

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

    def _term_findings(self, text: str, view: CanonicalView, state: DocumentState,
                       documents: JoinedDocuments | None = None) -> list[Finding]:
        # Hits arrive as plain (start, end, pattern number) rows in the offsets of the canonical view, sorted
        # by start, longest first; what depends only on the pattern was worked out once, in _plan.  Dense
        # text has tens of thousands of hits per megabyte and most are dropped, so the loops below do as
        # little per hit as they can, and map offsets back to the text in one batch for the hits kept.
        # Comparing canonical offsets compares the text's: the map back is increasing on word characters.
        # With ``documents``, the text is many documents joined (see .documents): no hit crosses from one
        # into the next, so every rule below reads each as it would alone, but for what concerns a document
        # as a whole: its first renderings (NQP006) and its domain signal, kept per document.
        plan = self._plan
        starts, ends, numbers = self.terms.matcher.canonical_spans(view)
        hits = list(zip(starts, ends, numbers))
        approved = list(compress(hits, map(plan.is_approved.__getitem__, numbers)))
        approved_starts = list(map(_FIRST, approved))

        # NQP006 remembers the document's first renderings for nothing else: switched off, it costs nothing.
        if not self.config.enabled("NQP006"):
            findings = []
        elif documents is None:
            findings = self._consistency(text, view, approved, state)
        else:
            # Each document's own first renderings.  Its state is not kept beyond this text, so a document whose
            # every concept is named by one pattern only (most short ones) renders none two ways: skipped.
            findings = []
            cuts, concept_of = documents.cuts(approved_starts), plan.concept_of
            for document, low, high in zip(range(len(documents.starts)), cuts, cuts[1:]):
                if high - low < 2:
                    continue
                part = approved[low:high]
                patterns = set(map(_THIRD, part))
                if len(patterns) > len(set(map(concept_of.__getitem__, patterns))):
                    findings += self._consistency(text, view, part, documents.states[document], kept=False)

        # Never inside an approved rendering: a bad "new quality productive" must not fire inside
        # "new quality productive forces".  Only approved hits that start at or before a hit can win it (a calque
        # that starts first is reported, as "general tone of seeking progress" against "seeking progress while
        # ensuring stability"), and if none of those reaches past its start (the running maximum of their ends),
        # none does.
        reach_ends = list(accumulate(map(_SECOND, approved), max))
        reach = max(map(sub, map(_SECOND, approved), approved_starts), default=0)
        payloads, always = self.terms.matcher.payloads, plan.always
        kept_renderings: list[Rendering] = []
        by_domain: dict[int, _DomainQuestion] = {}  # finding's index -> the signal that let it fire
        taken_until = -1

        # Few hits are of renderings to report; those that span a sentence break or a list mark are dropped
        # here.  (Approved ones are checked only where they matter, in _consistency and _shadowed: they are many.)
        # Each is mapped back to the text once, in one batch, for every use below.
        reportable = list(compress(hits, map(plan.not_approved.__getitem__, numbers)))
        places = list(zip(view.original_offsets(map(_FIRST, reportable)),
                          view.original_offsets(map(_SECOND, reportable), end=True)))
        question_at = self._domain_questions(text, state, documents, starts, numbers, reportable, places)
        kept_places: list[tuple[int, int]] = []
        for (start, end, number), span in _within_sentences(text, reportable, places, plan.may_cross,
                                                             plan.list_marks):
            if start < taken_until:  # leftmost-longest: a longer hit at or before this start was reported
                continue
            rendering = always[number]
            domain = None
            if rendering is None:
                is_policy = question_at(start)
                for candidate in payloads[number]:
                    verdict = options_verdict(candidate, text, *span, is_policy)
                    if verdict:
                        rendering = candidate
                        domain = is_policy if verdict == BY_DOMAIN else None
                        break
                if rendering is None:
                    continue
            before = bisect_right(approved_starts, start)
            if before and reach_ends[before - 1] > start and _shadowed(text, view, approved, approved_starts, reach,
                                                                       start, end, span, plan.may_cross):
                continue
            if domain is not None:  # (noted only now: a shadowed hit is no finding, and gives none its reason)
                by_domain[len(kept_places)] = domain
            taken_until = end
            kept_places.append(span)
            kept_renderings.append(rendering)

        templates = self._templates
        for index, ((start, end), rendering) in enumerate(zip(kept_places, kept_renderings)):
            prefix, suffix, stamp, suggestion = templates.get(rendering) or self._deprecated_template(rendering)
            found = text[start:end]
            # Asked first, in one call: whether fitting could change anything (it rarely can).
            fitted = suggestion.fitted(text, start, end) if suggestion is not None and \
                might_fit(suggestion, text, start, end) else None
            if fitted is None:
                finding = stamp.at(start, end, found, prefix + found + suffix)
            else:  # the suggestion fitted to the words around the match (see .suggest)
                start, end, fitting = fitted
                found = text[start:end]
                finding = stamp.at(start, end, found, prefix + found + self._advice(rendering, suggestion, fitting))
                _set_suggestion(finding, fitting)
            if index in by_domain:
                why = by_domain[index].evidence
                assert why is not None
                explained = why.explain()
                finding.extra["why"] = explained
                _set_message(finding, f"{finding.message}; {explained}")
            findings.append(finding)
        if self.config.enabled("NQP007"):
            findings += self._hyphen_findings(text, view, approved)
        return findings

    def _domain_questions(self, text: str, state: DocumentState, documents: JoinedDocuments | None,
                          starts: list[int], numbers: list[int], reportable: list[tuple[int, int, int]],
                          places: list[tuple[int, int]]) -> Callable[[int], _DomainQuestion]:
        """For a hit's canonical start, the domain signal of its document (asked only on first need)."""
        if documents is None:
            question = _DomainQuestion(self, text, text, numbers, reportable, places, state)
            return lambda start: question
        questions: dict[int, _DomainQuestion] = {}
        cuts: list[list[int]] = []

        def question_at(start: int) -> _DomainQuestion:
            document = documents.document_at(start)
            if document not in questions:
                if not cuts:
                    cuts.extend((documents.cuts(starts), documents.cuts(list(map(_FIRST, reportable)))))
                (low, high), (first, last) = cuts[0][document: document + 2], cuts[1][document: document + 2]
                questions[document] = _DomainQuestion(self, text, documents.text_of(document), numbers[low:high],
                                                      reportable[first:last], places[first:last],
                                                      documents.states[document])
            return questions[document]
        return question_at

    def _hyphen_findings(self, text: str, view: CanonicalView, approved: list[tuple[int, int, int]]) -> list[Finding]:
        """NQP007: an approved rendering written with a space where official English has a hyphen."""
        plan = self._plan
        checked = list(compress(approved, map(plan.hyphenated.__getitem__, map(_THIRD, approved))))
        if not checked:
            return []
        findings: list[Finding] = []
        reported_until = -1
        repairs = self._repairs
        if len(repairs) > 65536:  # a bound for a long run over many documents, not a real case
            repairs.clear()
        for start, end, number in zip(view.original_offsets(map(_FIRST, checked)),
                                      view.original_offsets(map(_SECOND, checked), end=True), map(_THIRD, checked)):
            if start < reported_until:
                continue
            written = text[start:end]
            fixed = repairs.get((number, written), _UNSEEN)
            if fixed is None:
                continue
            rendering = plan.hyphen_rendering[number]
            assert rendering is not None
            hyphens = self._hyphen_plans.get(rendering) or self._hyphen_plans.setdefault(
                rendering, HyphenPlan.of([rendering]))  # type: ignore[arg-type]
            if fixed is _UNSEEN:
                fixed = repairs[number, written] = hyphens.repaired(written)
                if fixed is None:
                    continue
            reported_until = end
            rendering = hyphens.rendering
            findings.append(self._finding(
                "NQP007", start, end, text,
                f"“{written}” is written “{rendering.term.term}” in official English, with a hyphen",
                suggestion=fixed, concept=rendering.concept.id, zh=rendering.concept.zh,
                url=self.url(rendering.concept.id), extra={"fix": [[0, end - start, fixed]]}))
        return findings

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        """The words of the glossary's patterns long enough to be broken across a line."""
        return frozenset(word for key in self.terms.matcher.patterns for word in key.split() if len(word) > 4)

    @cached_property
    def _plan(self) -> _PatternPlan:
        terms = self.terms
        return self._plans.pattern_plan(_PatternPlan, lambda: _PatternPlan(terms.matcher.payloads,
                                                                           list(terms.matcher.patterns)))

    def _deprecated_template(self, rendering: Rendering) -> tuple[str, str, FindingTemplate, SuggestionPlan | None]:
        """What every finding of one deprecated rendering shares, computed once: message around the match."""
        term, concept = rendering.term, rendering.concept
        code = "NQP001" if term.status == "deprecated" else "NQP002"
        # What the fix needs to write the suggestion into the text: the rendering the match stands for, and
        # whether the suggestion can replace it as it stands (worked out once, here, not per finding).
        chosen = suggestion_plan(term, concept)
        extra: dict[str, object] = {"rendering": term.pattern or term.term}
        if chosen.rewrite:
            extra["rewrite"] = chosen.rewrite
        if chosen.in_full:
            extra["in_full"] = chosen.in_full
        prototype = Finding(
            rule=code, severity=self.config.severity_of(code), start=0, end=0, match="", message="",
            suggestion=chosen.text, concept=concept.id, zh=concept.zh, reason=term.reason,
            source=self._source_of(rendering, chosen.text), url=self.url(concept.id), extra=extra)
        template = ("“", self._advice(rendering, chosen, chosen.text), FindingTemplate(prototype),
                    chosen if chosen.fits else None)
        self._templates[rendering] = template
        return template

    @staticmethod
    def _advice(rendering: Rendering, chosen: SuggestionPlan, suggestion: str | None) -> str:
        """The end of a finding's message: what the match is, and what to write instead."""
        advice = f"; use “{suggestion}”" if suggestion else ""
        if chosen.rewrite:
            advice += f" (rewrite the phrase: {chosen.rewrite}, so --fix leaves it)"
        if chosen.in_full:
            advice += f" (in full: “{chosen.in_full}”)"
        return f"” is a {rendering.term.status} rendering of {rendering.concept.zh}{advice}"

    def _consistency(self, text: str, view: CanonicalView, approved: list[tuple[int, int, int]],
                     state: DocumentState, kept: bool = True) -> list[Finding]:
        """NQP006: a concept rendered otherwise than it first was in the document.

        ``kept=False``: ``state`` is new, and no later chunk will read it (the first renderings of concepts
        named only once need not be noted in it).
        """
        first_pattern, first_rendering = state.first_pattern, state.first_rendering
        concept_of = self._plan.concept_of
        # A hit of the pattern its concept was first rendered with says nothing new; nor does any later hit
        # of a pattern once it is that.  Such hits are skipped in C (compress reads the flags lazily); the
        # rest wait until their offsets are mapped back to the text, all at once.  The flags are bytes: a
        # list of a flag per pattern (15,000 of them) cost 60 µs a call to fill and free, which on a corpus
        # of short segments was a third of the linter's time.
        unsettled = bytearray(b"\x01") * len(concept_of)
        noted = set(first_rendering)
        waiting = []
        for hit in compress(approved, map(unsettled.__getitem__, map(_THIRD, approved))):
            number = hit[2]
            concept = concept_of[number]
            if first_pattern.setdefault(concept, number) == number and concept in noted:
                unsettled[number] = 0
                continue
            noted.add(concept)  # the first rendering of the concept is noted when this hit's turn comes
            waiting.append(hit)
        if not kept:  # a concept with one hit waiting is rendered once here and noted for no one
            named = Counter(map(concept_of.__getitem__, map(_THIRD, waiting)))
            waiting = [hit for hit in waiting if named[concept_of[hit[2]]] > 1]
        if not waiting:
            return []

        # In document order, as if no hit had waited.
        english_key, agrees, payloads, approving = _english_key, self._agrees, self.terms.matcher.payloads, \
            self._plan.approving
        may_cross = self._plan.may_cross
        findings = []
        approved_starts = list(map(_FIRST, approved))
        for (c_start, c_end, _), start, end, number in zip(waiting, view.original_offsets(map(_FIRST, waiting)),
                                                           view.original_offsets(map(_SECOND, waiting), end=True),
                                                           map(_THIRD, waiting)):
            concept = concept_of[number]
            if first_pattern[concept] == number and concept in first_rendering:
                continue
            if may_cross[number] and _FAST_BREAK.search(text, start, end):
                continue  # not a rendering: the words belong to two sentences
            written = text[start:end]
            if _is_acronym(written) or _within_longer(approved, approved_starts, c_start, c_end, concept, concept_of):
                continue  # "(BRI)" after "Belt and Road Initiative"; one use matched by two renderings
            used = english_key(written)
            first = first_rendering.get(concept)
            if first is None:
                first = first_rendering[concept] = (used, " ".join(written.split()))
            if first[0] == used:
                continue
            # Whether one of the pattern's own renderings has the first one's key depends on nothing else.
            if (number, first[0]) not in agrees:
                agrees[number, first[0]] = any(english_key(r.term.term) == first[0] for r in payloads[number])
            if agrees[number, first[0]]:
                continue
            if not self.config.side_by_side and _side_by_side(text, start, first[1]):
                continue  # "the new development pattern (or paradigm)": two renderings offered together
            rendering = approving[number]
            assert rendering is not None
            findings.append(self._inconsistency_template(rendering).at(
                start, end, written, f"{rendering.concept.zh} is rendered “{written}” here but "
                f"“{first[1]}” earlier; use one rendering throughout"))
        return findings

    def _inconsistency_template(self, rendering: Rendering) -> FindingTemplate:
        concept = rendering.concept
        if concept.id not in self._inconsistent:
            self._inconsistent[concept.id] = FindingTemplate(Finding(
                rule="NQP006", severity=self.config.severity_of("NQP006"), start=0, end=0, match="", message="",
                suggestion=None, concept=concept.id, zh=concept.zh, url=self.url(concept.id)))
        return self._inconsistent[concept.id]

    def _chinese_findings(self, text: str, stretches: Iterable[tuple[int, int]]) -> list[Finding]:
        findings: list[Finding] = []
        stretches = [(start, end) for start, end in stretches if end > start and max(text[start:end]) >= _FIRST_HAN]
        if not stretches:
            return findings
        finditer = _CHINESE_RUN.compiled.finditer
        for run in (m for start, end in stretches for m in finditer(text, start, end)):
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

    def lint(self, text: str, *, state: DocumentState | None = None, errors: Errors = "strict") -> list[Finding]:
        """Findings in ``text``, ordered by position.  Pass one ``state`` to every chunk of a long document.

        A lone surrogate or NUL raises ``ValueError``, or with ``errors="replace"`` is read as U+FFFD
        (offsets are unchanged; see :mod:`nqp_terms.text.input_policy`).
        """
        text = _checked_text(text, errors)
        with _collector_paused():
            return self._lint(text, state or DocumentState(), carried=state is not None)

    def lint_many(self, texts: Iterable[str], *, errors: Errors = "strict") -> list[list[Finding]]:
        """The findings of each of ``texts``, each as :meth:`lint` gives them, linted dozens at a time.

        Faster than a call of :meth:`lint` per text when the texts are short (segments of a translation
        memory, lines of a corpus), for the linter's cost per call is then most of its time; see
        :mod:`nqp_terms.linter.documents`.

        >>> import nqp_terms
        >>> linter = Linter(nqp_terms.load())
        >>> texts = ["We will grasp the Bull nose of reform.", "Nothing here.", "We will Go out and Introduced"]
        >>> [[f.match for f in found] for found in linter.lint_many(texts)]
        [['Bull nose'], [], ['Go out', 'Introduced']]
        >>> linter.lint_many(texts) == [linter.lint(text) for text in texts]
        True
        """
        texts = [_checked_text(text, errors) for text in texts]
        with _collector_paused():
            found: list[list[Finding]] = []
            batch: list[str] = []
            size = 0
            for text in texts:
                if len(text) >= _BATCH_CHARACTERS:  # long enough to repay its own call
                    found += self._lint_batch(batch)
                    found.append(self._lint(text, DocumentState()))
                    batch, size = [], 0
                    continue
                batch.append(text)
                size += len(text)
                if size >= _BATCH_CHARACTERS:
                    found += self._lint_batch(batch)
                    batch, size = [], 0
            found += self._lint_batch(batch)
            return found

    @cached_property
    def _patterns_hold_separator(self) -> bool:
        return any(SEPARATOR_WORD in key for key in self.terms.matcher.patterns)

    def _lint_batch(self, texts: list[str]) -> list[list[Finding]]:
        """:meth:`_lint` of each of ``texts``, from one pass over them joined (see :mod:`.documents`)."""
        if len(texts) < 2 or self._patterns_hold_separator:
            return self._lint_each(texts)
        documents = JoinedDocuments.join(texts)
        if documents.holds_separator():
            return self._lint_each(texts)
        text = documents.text
        # A word broken by a hyphen at a line end makes the engine read another text: such documents alone.
        broken = join_broken_words(text, lambda: self._vocabulary)
        if broken.positions:
            alone = {documents.document_of(broken.original(position)) for position in broken.positions}
            others = [index for index in range(len(texts)) if index not in alone]
            found: list[list[Finding]] = [[] for _ in texts]
            for index in alone:
                found[index] = self._lint(texts[index], DocumentState())
            for index, findings in zip(others, self._lint_batch([texts[index] for index in others])):
                found[index] = findings
            return found
        view = canonical_view(text)
        if not documents.locate(view):  # cannot happen after holds_separator; a guard, not a path
            return self._lint_each(texts)
        documents.states = defaultdict(DocumentState)
        findings = self._term_findings(text, view, DocumentState(), documents)
        findings += self._non_ascii_findings(text, view)
        enabled = self._enabled
        if len(enabled) < len(RULES):
            findings = [finding for finding in findings if finding.rule in enabled]
        findings.sort(key=_POSITION)
        # Each finding to its document, at the document's offsets.  (Findings just made are the linter's own:
        # their offsets are moved in their dictionaries, as FindingTemplate fills them.)
        found: list[list[Finding]] = [[] for _ in texts]
        starts = documents.starts
        for finding, document in zip(findings, map(documents.document_of, map(_START, findings))):
            if document:
                fields = vars(finding)
                fields["start"] -= starts[document]
                fields["end"] -= starts[document]
            found[document].append(finding)
        for document, kept in enumerate(found):
            if kept and may_be_quiet(texts[document]):
                found[document] = _not_quiet(kept, QuietIndex(quiet_spans(texts[document])), enabled)
        return found

    def _lint_each(self, texts: list[str]) -> list[list[Finding]]:
        """:meth:`_lint` of each of ``texts`` on its own, each a new document."""
        return [self._lint(text, DocumentState()) for text in texts]

    @cached_property
    def _enabled(self) -> frozenset[str]:
        """The rules the configuration switches on (it is frozen: worked out once per linter)."""
        return frozenset(code for code in RULES if self.config.enabled(code))

    def _non_ascii_findings(self, text: str, view: CanonicalView) -> list[Finding]:
        """NQP003-NQP005.  Chinese characters, Chinese marks and curly quotes are all non-ASCII: look only there."""
        findings: list[Finding] = []
        if self.config.enabled("NQP003"):
            findings += self._chinese_findings(text, view.non_ascii)
        if self.config.enabled("NQP004") or self.config.enabled("NQP005"):
            findings += self._quote_findings(text, view.non_ascii)
        return findings

    def _lint(self, text: str, state: DocumentState, carried: bool = False) -> list[Finding]:
        view = canonical_view(text)
        findings: list[Finding] = []
        # The vocabulary is gathered only for a text with a broken word (30,000 patterns at 10,000 concepts).
        joined = join_broken_words(text, lambda: self._vocabulary)
        if joined.positions:  # a word broken by a hyphen at a line end: match the text with it joined
            findings += [_moved_back(f, joined, text)
                         for f in self._term_findings(joined.text, canonical_view(joined.text), state)]
        else:
            findings += self._term_findings(text, view, state)
        findings += self._non_ascii_findings(text, view)
        enabled = self._enabled
        # A chunk of a longer document is always scanned, for what it leaves open goes on in the next one.
        quiet = QuietIndex(quiet_spans(text, state.quiet)) if carried else \
            QuietIndex(quiet_spans(text)) if findings and may_be_quiet(text) else None
        kept = _not_quiet(findings, quiet, enabled) if quiet else [f for f in findings if f.rule in enabled]
        kept.sort(key=_POSITION)
        return kept


#: How many characters of short texts :meth:`Linter.lint_many` joins into one.  A few dozen segments repay the
#: cost per call; at 64K the text is long enough for sentence_bounds to index its every full stop, which
#: cost more than the few windows it saved (7% more instructions than at 16K, measured with cachegrind).
_BATCH_CHARACTERS = 1 << 14


def _checked_text(text: str, errors: Errors) -> str:
    """``text`` as the linter reads it (see :mod:`nqp_terms.text.input_policy`), or ValueError if it is no str."""
    if not isinstance(text, str):
        raise ValueError(f"lint takes a str, not {type(text).__name__}")
    return checked(text, errors)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector switched off while a text is linted.

    Hits and findings are hundreds of thousands of small objects that all live until the end, so the
    collector finds nothing to free, but walks the whole heap (the glossary included) again and again
    while they are made; that doubled the time of a large text.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _not_quiet(findings: list[Finding], quiet: QuietIndex, enabled: AbstractSet[str]) -> list[Finding]:
    """The findings of rules switched on that no quiet span silences."""
    kept = []
    for finding in findings:
        if finding.rule not in enabled:
            continue
        if quiet.touches(finding.start, finding.end):  # the keys are worth making only then
            keys = {finding.rule, finding.name} | ({finding.concept} if finding.concept else set())
            if quiet.silences(finding.start, finding.end, keys):
                continue
        kept.append(finding)
    return kept


class _DomainQuestion:
    """Whether one document is Chinese policy writing: the domain signal, worked out on first need (a guarded
    calque without a local cue), from the document's hits and text, or carried in its state from an earlier
    chunk.  Hits and places are in the offsets of ``text``; ``document`` is the document's own text."""

    def __init__(self, linter: Linter, text: str, document: str, numbers: list[int],
                 reportable: list[tuple[int, int, int]], places: list[tuple[int, int]], state: DocumentState):
        self.linter, self.text, self.document, self.numbers = linter, text, document, numbers
        self.reportable, self.places, self.state = reportable, places, state
        self.evidence: Evidence | None = None

    def __call__(self) -> bool:
        if self.evidence is None:
            self.evidence = self.state.policy or self._weigh()
            if self.evidence.is_policy:
                self.state.policy = self.evidence
        return self.evidence.is_policy

    def _weigh(self) -> Evidence:
        plan = self.linter._plan
        named = {(plan.domain_concept[n], plan.domain_calque[n]) for n in set(self.numbers)}
        calques = {concept for concept, calque in named if calque and concept}
        terms = {concept for concept, calque in named if not calque and concept} - calques
        # A guarded calque that its own sentence confirms is as sure a sign as an unguarded one.
        calques |= _confirmed_calques(self.text, self.reportable, self.places, plan.always,
                                      self.linter.terms.matcher.payloads)
        return self.linter.domain.evidence(self.document, len(terms - calques), len(calques))


#: How many guarded hits the domain signal looks at for local confirmation, and how many confirmed concepts
#: it needs at most (two weigh more than the threshold): a bound for dense text, where hits are many.
_CONFIRM_LOOKS, _CONFIRM_ENOUGH = 64, 2


def _confirmed_calques(text: str, hits: list[tuple[int, int, int]], places: list[tuple[int, int]],
                       always: list[Rendering | None], payloads: list[tuple[Rendering, ...]]) -> set[str]:
    """The concepts of guarded calques among ``hits`` whose match options accept them on local evidence alone."""
    confirmed: set[str] = set()
    looked = 0
    for (_, _, number), (start, end) in zip(hits, places):
        if always[number] is not None:
            continue  # an unguarded calque: counted already
        looked += 1
        if looked > _CONFIRM_LOOKS or len(confirmed) >= _CONFIRM_ENOUGH:
            break
        concept = next((candidate.concept.id for candidate in payloads[number]
                        if candidate.concept.id not in confirmed and options_verdict(candidate, text, start, end)),
                       None)
        if concept is not None:
            confirmed.add(concept)
    return confirmed


def _is_acronym(written: str) -> bool:
    """An acronym ("BRI", "SMEs") says nothing about which full rendering a document uses."""
    letters = written.rstrip("s")
    return 1 < len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _within_longer(approved: list[tuple[int, int, int]], starts: list[int], start: int, end: int, concept: str,
                   concept_of: list[str | None]) -> bool:
    """Whether a longer approved hit of the same concept covers canonical ``[start, end)``: the same use."""
    # Walk back from the last hit starting at or before ``start``, by index: a slice would copy the list
    # up to there, for every hit (quadratic in the hits of a chunk).
    for index in range(bisect_left(starts, start + 1) - 1, -1, -1):
        a_start, a_end, number = approved[index]
        if a_start < start - 200:
            break
        if a_end >= end and a_end - a_start > end - start and concept_of[number] == concept:
            return True
    return False


def _side_by_side(text: str, start: int, first: str) -> bool:
    """Whether the document's first rendering of the concept stands earlier in the same sentence."""
    sentence_start, _ = sentence_bounds(text, start, start)
    return " ".join(first.lower().split()) in " ".join(text[sentence_start:start].lower().split())


def _moved_back(finding: Finding, joined: JoinedText, text: str) -> Finding:
    """A finding made on the text with broken words joined, placed back on the text as written."""
    start, end = joined.original(finding.start), joined.original(finding.end, end=True)
    extra = finding.extra
    if "fix" in extra and joined.spans_join(finding.start, finding.end):
        extra = {k: v for k, v in extra.items() if k != "fix"}  # its edits were made on the joined word
    return replace(finding, start=start, end=end, match=text[start:end], extra=extra)


def _set_suggestion(finding: Finding, suggestion: str) -> None:
    """Give a finding just stamped from a template the suggestion fitted to its place."""
    object.__setattr__(finding, "suggestion", suggestion)


def _set_message(finding: Finding, message: str) -> None:
    """Finish the message of a finding just stamped from a template (findings are frozen to their users)."""
    object.__setattr__(finding, "message", message)


def _within_sentences(text: str, hits: list[tuple[int, int, int]], places: list[tuple[int, int]],
                      may_cross: list[bool], list_marks: list[str]) -> list[tuple[tuple[int, int, int], tuple[int, int]]]:
    """``hits``, each with its ``place`` in the text, without those that span a sentence break (see
    ``_SENTENCE_BREAK``) or list punctuation.

    A comma, semicolon or slash inside a hit separates items of a list ("a green, low-carbon and circular
    economy" does not say "green low-carbon") unless the rendering holds it itself.
    """
    # One search finds a sentence break or a list mark; only a rendering that holds a list mark itself (rare)
    # needs a second look at what it found.
    search = _FAST_BREAK_OR_LIST.search
    within = []
    for hit, place in zip(hits, places):
        if may_cross[hit[2]]:
            found = search(text, *place)
            if found is not None and (not list_marks[hit[2]] or _crosses(text, *place, list_marks[hit[2]])):
                continue
        within.append((hit, place))
    return within


def _crosses(text: str, start: int, end: int, allowed: str) -> bool:
    """Whether ``text[start:end]`` holds a sentence break, or a list mark its rendering does not hold."""
    return bool(_FAST_BREAK.search(text, start, end)) or \
        any(mark.group() not in allowed for mark in _LIST_MARK.finditer(text, start, end))


def _shadowed(text: str, view: CanonicalView, approved: list[tuple[int, int, int]], approved_starts: list[int],
              reach: int, start: int, end: int, span: tuple[int, int], may_cross: list[bool]) -> bool:
    """Whether an approved hit overlaps canonical ``[start, end)`` (``span`` in the text) and wins it: it
    contains it, or starts before it and is at least as long in the text.  One starting after it never does.

    ``reach`` is the longest approved hit's canonical length: one starting further back ends before ``start``.
    """
    first = bisect_left(approved_starts, start - reach)
    last = bisect_right(approved_starts, start)  # one starting after the calque never wins it
    for a_start, a_end, number in approved[first:last]:
        if a_end <= start:
            continue
        a_span = view.original_span(a_start, a_end) if may_cross[number] else None
        if a_span is not None and _FAST_BREAK.search(text, *a_span):
            continue  # an approved rendering across a sentence break is none
        # Containment is the same in the text, so it decides without the map back; only a partial overlap
        # needs the lengths in the text, which collapsed spaces make differ from the canonical ones.
        if a_end >= end:
            return True
        a_begin, a_finish = a_span or view.original_span(a_start, a_end)
        if a_start < start and a_finish - a_begin >= span[1] - span[0]:
            return True
    return False
