"""Whether a document is Chinese policy or economic discourse: the signal that lets guarded calques fire.

Many calques are also ordinary English ("my country", "small giant", "new national system").  The
glossary guards them with ``context`` words that must stand in the same sentence.  Machine-translated
policy writing often has no such word nearby, yet the whole document leaves no doubt about what it is.
The *domain signal*
reads the document once and weighs three kinds of evidence:

- **glossary terms**: distinct concepts the document names with an approved rendering of two words
  or more ("new quality productive forces", "high-quality development"); a one-word rendering
  ("China", "crux", "workers") is everyday English and says nothing;
- **calques**: distinct concepts the document names with a calque that needs no guard ("new quality
  productivity", "entity economy"), or with a guarded one that a context word in its own sentence
  confirms ("stuck neck" beside "key technologies").  Nobody writes those but a translator from
  Chinese, so each weighs :data:`CALQUE_WEIGHT`: one of them reaches the default threshold alone;
- **cue words**: distinct words, names and set phrases of Chinese policy writing: Party and state
  bodies ("the CPC Central Committee", "State Council"), Chinese provinces and cities, plans and
  campaigns ("five-year plan", "reform and opening up", "since the founding of New China"), and the
  stock phrases of its translations ("scientific and technological", "comprehensively deepen reform").
  A Party or state body (:data:`INSTITUTIONS`) is as specific as a glossary concept: it weighs double
  and counts towards ``min_terms``.

A document is policy discourse when it names at least ``min_terms`` concepts (terms, calques or
bodies) and the weighted evidence reaches ``threshold``.  Then a guarded calque is reported without a local cue,
and its finding says why.  Ordinary English rarely names a glossary concept at all, and a page that
merely mentions China, Beijing or a Chinese dish names none, so it stays silent.  Both numbers and
extra cue words are settings (``[tool.nqp-terms] domain = {threshold = 3, min-terms = 1, cues = [...]}``),
and ``threshold = 0`` turns the signal off.

>>> signal = DomainSignal()
>>> evidence = signal.evidence("The Party Central Committee and the State Council set out the plan.", 2)
>>> evidence.is_policy, evidence.terms, sorted(evidence.cues)
(True, 2, ['central committee', 'state council', 'the party'])
>>> signal.evidence("Zhejiang has comprehensively deepened reforms of scientific and technological work.", 1).is_policy
True
>>> signal.evidence("Our new menu brings a taste of Beijing to Chinese food lovers.", 0).is_policy
False
>>> signal.evidence("The Communist Party of China inherits Chinese culture.", 0).is_policy
True
>>> DomainSignal().evidence("My country house has a small garden.", 0).is_policy
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from collections.abc import Callable

#: Words and names that mark Chinese policy or economic discourse (matched whole, in any case).
#: Party and state bodies: naming one counts like naming a glossary concept (see :meth:`DomainSignal.evidence`).
INSTITUTIONS: tuple[str, ...] = (
    "Communist Party of China", "CPC", "Party Central Committee", "Central Committee", "State Council",
    "Politburo", "Political Bureau", "National People's Congress", "CPPCC", "party committee", "party committees",
    "party group", "people's government", "people's congress", "Central Economic Work Conference", "NDRC", "MIIT",
    "National Development and Reform Commission", "Ministry of Industry and Information Technology",
    "Ministry of Science and Technology", "Ministry of Commerce", "People's Bank of China",
)
CUES: tuple[str, ...] = (
    *INSTITUTIONS,
    # people and words of Party and state
    "Xi Jinping", "General Secretary", "NPC", "the Party", "Comrade", "cadres", "the masses", "two sessions",
    "State-owned", "SOEs", "Xinhua", "Qiushi",
    # plans, campaigns and doctrine
    "five-year plan", "government work report", "socialism", "socialist", "Chinese characteristics",
    "Chinese modernization", "new era", "new development", "high-quality development", "common prosperity",
    "rejuvenation", "national rejuvenation", "Chinese path", "Belt and Road", "reform and opening up",
    "reform and opening-up", "founding of New China", "New China", "poverty alleviation", "rural revitalization",
    "epidemic prevention and control",
    # the stock phrases of its translations
    "scientific and technological", "comprehensively deepen", "comprehensively deepened", "comprehensively deepening",
    "in an all-round way", "the whole country", "our country", "the whole province", "the whole city",
    # the country's administrative units and places
    "provincial", "municipal", "county", "prefecture", "autonomous region", "yuan", "RMB",
    "China's", "Chinese", "Beijing", "Shanghai", "Tianjin", "Chongqing", "Guangdong", "Jiangsu", "Zhejiang",
    "Shandong", "Henan", "Hebei", "Hubei", "Hunan", "Anhui", "Fujian", "Jiangxi", "Sichuan", "Shaanxi", "Shanxi",
    "Yunnan", "Guizhou", "Guangxi", "Gansu", "Qinghai", "Ningxia", "Xinjiang", "Inner Mongolia", "Heilongjiang",
    "Jilin", "Liaoning", "Hainan", "Shenzhen", "Guangzhou", "Hangzhou", "Nanjing", "Wuhan", "Chengdu", "Xi'an",
    "Jinan", "Qingdao", "Suzhou", "Xiamen", "Hefei", "Zhengzhou", "Changsha", "Xiong'an", "Yangtze River Delta",
    "Greater Bay Area", "Pearl River Delta", "Beijing-Tianjin-Hebei",
)

_WINDOW = 1 << 16
_OVERLAP = 1 + max(map(len, CUES))
_WORD_CHAR = re.compile(r"[\w-]")

_INSTITUTIONS = frozenset(" ".join(name.lower().replace("-", " ").split()) for name in INSTITUTIONS)

#: What one calque counts for, against one approved term or cue word (see the module's docstring): as much
#: as the default threshold, for a calque is a translation from Chinese by definition.
CALQUE_WEIGHT = 3


@dataclass(frozen=True)
class Evidence:
    """What the signal found in one document, and its verdict."""

    terms: int
    cues: frozenset[str]
    is_policy: bool
    calques: int = 0

    def explain(self) -> str:
        """A short clause for a finding: why a guarded calque was reported without a local cue.

        >>> Evidence(1, frozenset({"state council"}), True, calques=1).explain()
        'reported without a context word in its sentence because the document reads as Chinese policy writing (1 glossary term, 1 calque; cue words: state council)'
        """
        shown = ", ".join(sorted(self.cues)[:3]) if self.cues else "none"
        calques = f", {self.calques} calque{'s' if self.calques != 1 else ''}" if self.calques else ""
        return (f"reported without a context word in its sentence because the document reads as Chinese policy "
                f"writing ({self.terms} glossary term{'s' if self.terms != 1 else ''}{calques}; cue words: {shown})")


@dataclass(frozen=True)
class DomainSignal:
    """The settings of the signal; :meth:`evidence` applies them to a document."""

    threshold: int = 3
    min_terms: int = 1
    extra_cues: tuple[str, ...] = field(default=())

    @cached_property
    def _cue_automaton(self) -> tuple[Any, list[str]]:
        """One Aho-Corasick automaton over the cue words in lower case (a regex of a hundred alternatives,
        tried at every position of a clean 10 MB text, cost seconds), and the words by pattern number."""
        import ahocorasick_rs

        words = sorted({" ".join(c.lower().split()) for c in (*CUES, *self.extra_cues)} - {""})
        return ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), words

    def _cues(self, text: str, enough: Callable[[set[str]], bool] | None = None) -> set[str]:
        """The distinct cue words standing whole in ``text``, read window by window until ``enough`` says so.

        >>> sorted(DomainSignal()._cues("Reform and opening-up, reform and opening up; CPCs in Hebei"))
        ['hebei', 'reform and opening up']
        """
        automaton, words = self._cue_automaton
        found: set[str] = set()
        for window_start in range(0, len(text), _WINDOW):
            # Windows overlap by the longest cue, so that none is cut in two; a cue seen twice counts once.
            window = text[window_start: window_start + _WINDOW + _OVERLAP].lower()
            for number, start, end in automaton.find_matches_as_indexes(window):
                if (start and _WORD_CHAR.match(window, start - 1)) or _WORD_CHAR.match(window, end):
                    continue  # part of a longer word: "cpcs", "countywide"
                found.add(words[number].replace("-", " "))  # "opening-up" and "opening up" are one cue
            if enough is not None and enough(found):
                break
        return found

    @property
    def enabled(self) -> bool:
        return self.threshold > 0

    def evidence(self, text: str, terms: int, calques: int = 0) -> Evidence:
        """The verdict on ``text``, which names ``terms`` concepts by approved renderings and ``calques`` by calques."""
        if not self.enabled:
            return Evidence(terms, frozenset(), False, calques)
        named = terms + CALQUE_WEIGHT * calques

        def verdict(cues: set[str]) -> bool:
            # A Party or state body named is as specific as a glossary concept, and weighs as much as a calque.
            bodies = len(cues & _INSTITUTIONS)
            return terms + calques + bodies >= self.min_terms and named + len(cues) + bodies >= self.threshold

        # Stop reading a long document at the first window that settles the verdict.
        cues = self._cues(text, verdict)
        return Evidence(terms, frozenset(cues), verdict(cues), calques)
