"""Glossary renderings as matcher patterns, and the match options that narrow them.

Every English term of the glossary becomes a pattern: deprecated and
superseded ones to report, preferred and admitted ones so that a bad
rendering is never reported inside an approved one and so that the renderings
a document uses can be compared.  Variants are generated here, once: the
head noun's plural or singular, and British or American spellings.

>>> sorted(variants("industrial cluster", [("centre", "center")]))
['industrial cluster', 'industrial clusters']
>>> sorted(variants("labour objects", [("labour", "labor")]))
['labor object', 'labor objects', 'labour object', 'labour objects']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..termbase.families import inflect_verb, members
from ..termbase.model import Concept, Term
from .matcher import Matcher, PurePythonMatcher, canonical

QUOTES = "\"'“”‘’「」『』«»＂"


@dataclass(frozen=True, eq=False)  # identity: each term has one Rendering, and hashing stays cheap
class Rendering:
    """A glossary term as the linter sees it."""

    concept: Concept
    term: Term

    @property
    def approved(self) -> bool:
        return self.term.is_approved


def _inflections(word: str) -> set[str]:
    if len(word) <= 3 or not word.isalpha():
        return set()
    forms = set()
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith(("sses", "xes", "ches", "shes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.add(word[:-1])
    else:
        if word.endswith(("s", "x", "ch", "sh", "z")):
            forms.add(word + "es")
        elif word.endswith("y") and word[-2] not in "aeiou":
            forms.add(word[:-1] + "ies")
        else:
            forms.add(word + "s")
    return forms


def variants(term: str, spelling: Iterable[tuple[str, str]]) -> set[str]:
    """The canonical forms under which ``term`` is matched: itself, its head noun's other number, both spellings."""
    base = canonical(term)
    if not base:
        return set()
    words = base.split()
    forms = {base} | {" ".join([*words[:-1], alt]) for alt in _inflections(words[-1])}
    pairs: dict[str, str] = {}
    for british, american in spelling:
        pairs[british] = american
        pairs[american] = british
    for form in list(forms):
        swapped = " ".join(pairs.get(word, word) for word in form.split())
        forms.add(swapped)
        # A phrase may mix spellings ("labour modernization"); one swap of each word covers most texts.
        for position, word in enumerate(form.split()):
            if word in pairs:
                split = form.split()
                split[position] = pairs[word]
                forms.add(" ".join(split))
    return forms


def wordings(term: Term) -> list[str]:
    """What a rendering stands for before plurals and spellings: its family's members, or the term itself.

    A deprecated verb phrase (``pos: verb``) is also written with its first verb inflected, and a
    two-word deprecated noun phrase with its first noun possessive ("bull's nose"), as MT writes them.

    >>> from nqp_terms.termbase.model import Term
    >>> wordings(Term(term="stick neck", status="deprecated", pos="verb"))
    ['stick neck', 'sticks neck', 'sticking neck', 'stuck neck']
    >>> wordings(Term(term="bull nose", status="deprecated"))
    ['bull nose', "bull's nose"]
    >>> wordings(Term(term="x", status="deprecated", pattern="{inner|internal} loop"))
    ['inner loop', 'internal loop']
    """
    if term.pattern is not None:
        return members(term.pattern)
    found = [term.term]
    if term.is_approved:
        return found
    words = term.term.split()
    if term.pos == "verb" and words:
        found += [" ".join([inflect_verb(words[0], form), *words[1:]]) for form in ("s", "ing", "ed", "en")]
    elif len(words) == 2 and words[0].isalpha() and words[0].islower() and not words[0].endswith("s"):
        found.append(f"{words[0]}'s {words[1]}")
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class TermMatcher:
    """The matcher over every English rendering of a glossary."""

    renderings: tuple[Rendering, ...]
    spelling: tuple[tuple[str, str], ...]
    engine: str = "aho-corasick"

    @cached_property
    def matcher(self) -> Matcher[Rendering]:
        grouped: dict[str, list[Rendering]] = {}
        for rendering in self.renderings:
            forms = {form for wording in wordings(rendering.term) for form in variants(wording, self.spelling)}
            for form in sorted(forms):
                grouped.setdefault(f" {form} ", []).append(rendering)
        patterns = {key: tuple(value) for key, value in grouped.items()}
        factory = PurePythonMatcher if self.engine == "python" else Matcher
        return factory(patterns)


def options_allow(rendering: Rendering, text: str, start: int, end: int) -> bool:
    """Whether the term's match options accept the hit ``text[start:end]``."""
    options = rendering.term.match
    found = text[start:end]
    if options.case_sensitive and _words(found) != _term_words(rendering.term.term):
        return False
    when = options.when
    if when != "anywhere":
        # Each test only when the option asks for it: this runs for every hit of such a term.
        if when == "quoted":
            allowed = _is_quoted(text, start, end)
        elif when == "capitalised":
            allowed = _capitalised(found, text, start)
        elif when == "quoted-or-capitalised":
            allowed = _is_quoted(text, start, end) or _capitalised(found, text, start)
        else:
            raise ValueError(f"unknown match option when={when!r}")
        if not allowed:
            return False
    if options.context:
        window = text[max(0, start - 250): end + 250].lower()
        if not _context_pattern(tuple(options.context)).search(window):
            return False
    return True


@lru_cache(maxsize=4096)
def _context_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the context ``words``, whole, in lower-case text: one search instead of one per word."""
    return re.compile(r"\b(?:" + "|".join(re.escape(word.lower()) for word in words) + r")\b")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


_term_words = lru_cache(maxsize=4096)(_words)  # a term's words, for every hit of it


def _is_quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 2): start].strip()
    after = text[end: end + 2].strip()
    return bool(before and before[-1] in QUOTES) or bool(after and after[0] in QUOTES)


def _capitalised(found: str, text: str, start: int) -> bool:
    """A capital where no sentence begins: a name, not the everyday word."""
    return found[:1].isupper() and not _sentence_initial(text, start)


def _sentence_initial(text: str, start: int) -> bool:
    """True at the start of the text, a line, or a sentence: there a capital proves nothing."""
    position = start - 1
    while position >= 0 and text[position] in " \t" + QUOTES:
        position -= 1
    return position < 0 or text[position] in ".!?:;\n\r。！？：；"
