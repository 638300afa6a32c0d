"""Whether a document is Chinese policy or economic discourse: the signal that lets guarded calques fire.

Many calques are also ordinary English ("my country", "small giant", "new national system").  The
glossary guards them with ``context`` words that must stand in the same sentence.  Machine-translated
policy writing often has no such word nearby, yet the whole document leaves no doubt about what it is.
The *domain signal* reads the document once and counts two kinds of evidence:

- **glossary terms**: distinct concepts the document names, with an approved rendering or a calque
  that needs no guard ("new quality productive forces", "high-quality development", "bull nose");
- **cue words**: distinct words and names of Chinese policy writing ("the CPC Central Committee",
  "State Council", "Xi Jinping", "five-year plan", "provincial", "socialist", ...).

A document is policy discourse when it names at least ``min_terms`` concepts and the terms and cues
together reach ``threshold``.  Then a guarded calque is reported without a local cue, and its finding
says so.  Ordinary English rarely names a glossary concept at all, so it stays silent.  Both numbers
and extra cue words are settings (``[tool.nqp-terms] domain = {threshold = 3, min-terms = 1, cues = [...]}``),
and ``threshold = 0`` turns the signal off.

>>> signal = DomainSignal()
>>> evidence = signal.evidence("The Party Central Committee and the State Council set out the plan.", 2)
>>> evidence.is_policy, evidence.terms, sorted(evidence.cues)
(True, 2, ['central committee', 'state council', 'the party'])
>>> DomainSignal().evidence("My country house has a small garden.", 0).is_policy
False
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

#: Words and names that mark Chinese policy or economic discourse (matched whole, in any case).
CUES: tuple[str, ...] = (
    "Communist Party of China", "CPC", "Party Central Committee", "Central Committee", "State Council",
    "Xi Jinping", "General Secretary", "Politburo", "National People's Congress", "NPC", "CPPCC",
    "five-year plan", "government work report", "socialism", "socialist", "Chinese characteristics",
    "Chinese modernization", "provincial", "municipal", "party committee", "party committees", "county",
    "prefecture", "autonomous region", "cadres", "the masses", "new era", "new development",
    "high-quality development", "common prosperity", "rejuvenation", "the Party", "people's congress",
    "NDRC", "MIIT", "State-owned", "SOEs", "yuan", "RMB", "Belt and Road", "Xinhua", "Qiushi",
    "Chinese path", "national rejuvenation", "the whole country", "our country", "the whole province",
    "China's", "Chinese",
)


@dataclass(frozen=True)
class Evidence:
    """What the signal found in one document, and its verdict."""

    terms: int
    cues: frozenset[str]
    is_policy: bool

    def explain(self) -> str:
        """A short clause for a finding: why a guarded calque was reported without a local cue."""
        shown = ", ".join(sorted(self.cues)[:3]) if self.cues else "none"
        return (f"reported without a context word in its sentence because the document reads as Chinese policy "
                f"writing ({self.terms} glossary term{'s' if self.terms != 1 else ''}; cue words: {shown})")


@dataclass(frozen=True)
class DomainSignal:
    """The settings of the signal; :meth:`evidence` applies them to a document."""

    threshold: int = 3
    min_terms: int = 1
    extra_cues: tuple[str, ...] = field(default=())

    @cached_property
    def _cue_pattern(self) -> re.Pattern[str]:
        words = sorted({c.lower() for c in (*CUES, *self.extra_cues)}, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)

    @property
    def enabled(self) -> bool:
        return self.threshold > 0

    def evidence(self, text: str, terms: int) -> Evidence:
        """The verdict on ``text``, which names ``terms`` distinct glossary concepts."""
        if not self.enabled:
            return Evidence(terms, frozenset(), False)
        # Eight cue words are plenty of evidence: stop reading a long document there.
        cues: set[str] = set()
        for match in self._cue_matches(text):
            cues.add(match.group().lower())
            if len(cues) >= 8:
                break
        return Evidence(terms, frozenset(cues), terms >= self.min_terms and terms + len(cues) >= self.threshold)

    @cached_property
    def _cue_automaton(self) -> tuple[Any, int] | None:
        """An Aho-Corasick automaton over the lower-cased cue words and the longest one's length; None when
        a cue word is not ASCII (then the regex scans alone)."""
        words = sorted({c.lower() for c in (*CUES, *self.extra_cues)})
        if not all(word and word.isascii() for word in words):
            return None
        import ahocorasick_rs

        return ahocorasick_rs.AhoCorasick(words), max(map(len, words))

    def _cue_matches(self, text: str) -> Iterator[re.Match[str]]:
        """What ``_cue_pattern.finditer(text)`` finds, in order.

        The regex tries its fifty alternatives at every position of the text, and official English names
        fewer than eight cue words, so the whole text was read that way (a tenth of a second per megabyte).
        Here an automaton over the lower-cased text finds where a cue word could begin, and the regex is
        tried at those places only, in order, each after the end of the match before: what finditer does
        at every other place fails at the first letter.  A few letters match an ASCII letter in a regex
        that ignores case without lower-casing to it (the dotless and dotted i, the long s, the Kelvin
        sign); a text with one of them is read by the regex alone.  The text is read in growing blocks,
        for a document that reaches eight cues early is not read further.
        """
        found = self._cue_automaton
        if found is None or (not text.isascii() and any(c in text for c in "\u0130\u0131\u017f\u212a")):
            yield from self._cue_pattern.finditer(text)
            return
        automaton, longest = found
        match = self._cue_pattern.match
        reached, position, block = 0, 0, 1 << 16
        while position < len(text):
            stop = min(len(text), position + block)
            # A cue word beginning in the block ends within ``longest`` characters after it.
            window = text[position: stop + longest].lower()
            starts = sorted({start for _, start, _ in automaton.find_matches_as_indexes(window, overlapping=True)
                             if start < stop - position})
            for start in starts:
                if position + start >= reached:
                    cue = match(text, position + start)
                    if cue is not None:
                        reached = cue.end()
                        yield cue
            position, block = stop, block * 4
