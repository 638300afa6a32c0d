"""The linter's rules: stable codes, kebab-case names, default severities and their documentation.

A code never changes meaning.  Each rule documents what it flags, why, an
example and what to use instead; the reference site's rule pages are
generated from these texts.

>>> RULES["NQP001"].name, RULES["NQP001"].severity
('deprecated-rendering', 'error')
>>> rule_by_name("reversed-quotes").code
'NQP004'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

Severity = Literal["error", "warning", "info"]


class SeverityLevel(IntEnum):
    """Severities in order, for ``--fail-on``."""

    info = 1
    warning = 2
    error = 3


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    instead: str
    enabled: bool = True
    #: How the rule matches, for its page on the reference site (Markdown).
    details: str = ""


RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule("NQP001", "deprecated-rendering", "error",
         "A rendering the glossary marks as deprecated: a machine-translation calque or a mistranslation.",
         "Calques such as \"Bull nose\" for 牛鼻子 or \"new quality productivity\" for 新质生产力 are meaningless or "
         "wrong to English readers; official English uses a fixed rendering instead.",
         "We will grasp the Bull nose of innovation.",
         "The rendering the finding suggests (here \"crux\"), as published in official English.",
         details=(
             "A deprecated rendering in the glossary may be a *family of wordings*, a pattern such as "
             "`~{uncover|unveil} the list and ~{take command|take charge}` that stands for every wording machine "
             "translation produces (alternatives `{a|b}`, optional words `[and]`, doubled words `word*`, verbs "
             "`~verb` in every form; see the glossary's README). Plurals, British and American spellings, "
             "possessives and verb forms are generated when the matcher is built; the scan stays one pass.\n\n"
             "A guarded rendering (`match.context`) fires when a context word stands in its own sentence, or "
             "when the whole document reads as Chinese policy writing: glossary terms of two words or more, "
             "calques (each counts double: only a translator from Chinese writes them), Party and state bodies "
             "(\"State Council\", double too) and cue words such as a province or \"scientific and "
             "technological\" reach the threshold; the "
             "finding's `why` says so. `quoted` needs quotes on both sides; `capitalised` ignores Title Case "
             "headlines and titles. A match never crosses a sentence end, a list comma, semicolon or slash the "
             "rendering does not hold; a word broken by a hyphen (at a line end, or inside the word where a "
             "copy lost the line break: \"mod-ernization\") is joined first.\n\n"
             "`--fix` writes the suggestion like the words it replaces (plural, Title Case in a heading, ALL "
             "CAPS, a capital only at a sentence start), makes \"a\"/\"an\" agree and doubles no word at an "
             "edge. A suggestion that is not a drop-in replacement (another grammatical role, or much longer) is "
             "reported with `rewrite` saying why, and `--fix` leaves it.")),
    Rule("NQP002", "superseded-rendering", "warning",
         "An older rendering that official English has replaced.",
         "Superseded renderings (\"going out\" for 走出去) were once official; current texts use the newer one.",
         "China encourages enterprises' going out.",
         "The current rendering (here \"going global\")."),
    Rule("NQP003", "untranslated-chinese", "warning",
         "Chinese characters left untranslated in English text.",
         "Machine translation leaves characters it cannot render, often quoted terms of art.",
         "We will promote 揭榜挂帅 in key projects.",
         "The English rendering of the term; the finding suggests it when the glossary knows the term."),
    Rule("NQP004", "reversed-quotes", "warning",
         "Quotation marks in reversed order, as ”this“.",
         "Machine translation of Chinese text often garbles the Chinese “” pair into ”“, which no English style uses.",
         "We adhere to ”bringing in“ and ”going global“.",
         "Quotation marks in the right order: “bringing in” and “going global”."),
    Rule("NQP005", "chinese-punctuation", "warning",
         "Chinese book-title marks, corner brackets or full-width punctuation in English text.",
         "《》 and 「」 have no place in English; plan and document titles take title case or italics.",
         "the 《14th Five-Year Plan》",
         "Title case or italics for titles (the 14th Five-Year Plan), English quotation marks for quotations."),
    Rule("NQP006", "inconsistent-rendering", "info",
         "One concept rendered two different ways in one document.",
         "Two acceptable renderings of one term in one text suggest two different things to the reader.",
         "new development pattern ... new development paradigm",
         "One of the renderings throughout the document."),
    Rule("NQP007", "missing-hyphen", "warning",
         "An approved rendering written with a space where official English writes a hyphen.",
         "Official English hyphenates compound modifiers of fixed terms (\"high-quality development\"); "
         "\"high quality development\" reads as a different, unofficial wording and splits searches.",
         "We will pursue High quality development.",
         "The rendering with its hyphen, in the case of the text: \"High-quality development\".",
         details=("Only a space where the approved rendering has a hyphen between two words is reported; a "
                  "rendering written with another hyphen or a dash is left alone. `--fix` puts the hyphen in "
                  "and changes nothing else.")),
    Rule("NQP101", "deprecated-in-target", "error",
         "A glossary term in the Chinese source is translated with a deprecated rendering.",
         "The target uses a calque or mistranslation of a term the glossary fixes.",
         "揭榜挂帅 → \"Uncover the list and take the lead\"",
         "The preferred or an admitted rendering of the term."),
    Rule("NQP102", "missing-rendering", "warning",
         "A glossary term in the Chinese source has no approved rendering in the target.",
         "The term may have been paraphrased, dropped, or translated in a way the glossary does not list.",
         "新质生产力 → \"new productivity of quality\"",
         "The preferred or an admitted rendering of the term."),
)}


def rule_by_name(name: str) -> Rule:
    """The rule with this kebab-case name or code; raises ``KeyError``."""
    for rule in RULES.values():
        if name in (rule.name, rule.code):
            return rule
    raise KeyError(name)
