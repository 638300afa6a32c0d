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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..termbase.model import Concept, Term
from ..text.plurals import other_numbers
from .matcher import Matcher, PurePythonMatcher, canonical
from .sentences import REACH, sentence_bounds

QUOTES = "\"'“”‘’「」『』«»＂"


@dataclass(frozen=True, eq=False)  # identity: each term has one Rendering, and hashing stays cheap
class Rendering:
    """A glossary term as the linter sees it."""

    concept: Concept
    term: Term

    @property
    def approved(self) -> bool:
        return self.term.is_approved


def variants(term: str, spelling: Iterable[tuple[str, str]]) -> set[str]:
    """The canonical forms under which ``term`` is matched: itself, its head noun's other number, both spellings."""
    base = canonical(term)
    if not base:
        return set()
    words = base.split()
    forms = {base} | {" ".join([*words[:-1], alt]) for alt in other_numbers(words[-1])}
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

    A deprecated verb phrase (``pos: verb``, or no ``pos`` and a first word that is a common irregular
    verb, "go out") is also written with its first verb inflected, and a two-word deprecated noun phrase
    with its first noun possessive ("bull's nose"), as MT writes them.

    >>> from nqp_terms.termbase.model import Term
    >>> wordings(Term(term="stick neck", status="deprecated", pos="verb"))
    ['stick neck', 'sticks neck', 'sticking neck', 'stuck neck']
    >>> wordings(Term(term="go out", status="deprecated"))
    ['go out', 'goes out', 'going out', 'went out', 'gone out']
    >>> wordings(Term(term="bull nose", status="deprecated"))
    ['bull nose', "bull's nose"]
    >>> wordings(Term(term="x", status="deprecated", pattern="{inner|internal} loop"))
    ['inner loop', 'internal loop']
    """
    # Families and verb forms are needed only when the patterns are built, not by a run from the plan cache.
    from ..termbase.families import inflect_verb, is_irregular_verb, members

    if term.pattern is not None:
        return members(term.pattern)
    found = [term.term]
    if term.is_approved:
        return found
    words = term.term.split()
    if words and (term.pos == "verb" or (term.pos is None and len(words) > 1 and is_irregular_verb(words[0]))):
        found += [" ".join([inflect_verb(words[0], form), *words[1:]]) for form in ("s", "ing", "ed", "en")]
    elif len(words) == 2 and words[0].isalpha() and words[0].islower() and not words[0].endswith("s"):
        found.append(f"{words[0]}'s {words[1]}")
    return list(dict.fromkeys(found))


def _listed_wordings(term: Term) -> list[str]:
    """The wordings a rendering lists itself: its family's members, or its term."""
    from ..termbase.families import members

    return members(term.pattern) if term.pattern is not None else [term.term]


@dataclass(frozen=True)
class TermMatcher:
    """The matcher over every English rendering of a glossary."""

    renderings: tuple[Rendering, ...]
    spelling: tuple[tuple[str, str], ...]
    engine: str = "aho-corasick"

    @cached_property
    def matcher(self) -> Matcher[Rendering]:
        # A wording generated for one rendering ("going out", the -ing form of "go out") that another rendering
        # lists itself, with its own guard and examples, is left to that one.
        listed = {rendering: {canonical(w) for w in _listed_wordings(rendering.term)} for rendering in self.renderings}
        everywhere = set().union(*listed.values())
        grouped: dict[str, list[Rendering]] = {}
        for rendering in self.renderings:
            own = listed[rendering]
            forms = {form for wording in wordings(rendering.term)
                     if canonical(wording) in own or canonical(wording) not in everywhere
                     for form in variants(wording, self.spelling)}
            for form in sorted(forms):
                grouped.setdefault(f" {form} ", []).append(rendering)
        patterns = {key: tuple(value) for key, value in grouped.items()}
        factory = PurePythonMatcher if self.engine == "python" else Matcher
        return factory(patterns)


#: What :func:`options_verdict` says of a hit: refused, accepted on local evidence, or accepted because
#: the document as a whole is Chinese policy writing (see :mod:`nqp_terms.linter.domain`).
LOCAL, BY_DOMAIN = "local", "domain"


def options_verdict(rendering: Rendering, text: str, start: int, end: int,
                    is_policy: Callable[[], bool] | None = None) -> str | None:
    """:data:`LOCAL` or :data:`BY_DOMAIN` if the match options accept the hit, ``None`` if they refuse it.

    ``context`` words are looked for in the hit's own sentence.  When none is there, ``is_policy``
    (asked only then) may still accept the hit for the whole document.  An ``unless`` word in the
    sentence refuses the hit, whatever the document.
    """
    verdict = _accepted_by(rendering, text, start, end, is_policy)
    unless = rendering.term.match.unless
    # Asked last, of a hit the other options accept: most hits of a guarded rendering never get this far.
    if verdict is not None and unless and _has_context(tuple(unless), text, start, end):
        return None
    return verdict


def _accepted_by(rendering: Rendering, text: str, start: int, end: int,
                 is_policy: Callable[[], bool] | None) -> str | None:
    """:func:`options_verdict` before the ``unless`` words are looked for."""
    options = rendering.term.match
    found = text[start:end]
    if options.case_sensitive and _words(found) != _term_words(rendering.term.term):
        return None
    when = options.when
    if when == "policy-document":  # only where the document as a whole is Chinese policy writing
        return BY_DOMAIN if is_policy is not None and is_policy() else None
    if when != "anywhere":
        # Each test only when the option asks for it: this runs for every hit of such a term.
        if when == "quoted":
            allowed = _is_quoted(text, start, end)
        elif when == "capitalised":
            allowed = _capitalised(found, text, start, end)
        elif when == "quoted-or-capitalised":
            allowed = _is_quoted(text, start, end) or _capitalised(found, text, start, end)
        else:
            raise ValueError(f"unknown match option when={when!r}")
        if not allowed:
            return None
    if options.context and not _has_context(tuple(options.context), text, start, end):
        return BY_DOMAIN if is_policy is not None and is_policy() else None
    return LOCAL


def _has_context(words: tuple[str, ...], text: str, start: int, end: int) -> bool:
    """Whether one of the context ``words`` stands in the sentence of the hit ``text[start:end]``."""
    pattern, stems = _context_pattern(words)
    # Each context word begins with its stem: where none of them is near the hit (most hits of MT), the
    # sentence need not be found, nor the regex tried at every position of it.  The sentence lies within
    # REACH characters of the hit, and a stem without a space cannot span the space that joins its halves.
    # (ASCII stems only: lower() of a Σ depends on the letters around it, so a slice's may differ.)
    if all(" " not in stem and stem.isascii() for stem in stems):
        around = text[max(0, start - REACH): end + REACH].lower()
        if not any(stem in around for stem in stems):
            return False
    first, last = sentence_bounds(text, start, end)
    window = text[first:start].lower() + " " + text[end:last].lower()
    return any(stem in window for stem in stems) and pattern.search(window) is not None


@lru_cache(maxsize=4096)
def _context_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Any of the context ``words``, whole, in lower-case text (one search instead of one per word), and
    the stems every match begins with."""
    # A plural or third-person -s of a context word counts: "competitions", "industries" for "industry".
    # Not of a word of one or two letters: "I" is no "is", "AI" no "ais".
    stems = tuple(word.lower()[:-1] if word.lower().endswith("y") and len(word) > 2 else word.lower()
                  for word in words)
    alternatives = (re.escape(stem) + ("" if len(word) <= 2 else "(?:y|ies)" if word.lower().endswith("y")
                                       else "(?:s|es)?")
                    for stem, word in zip(stems, words))
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b"), stems


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


_term_words = lru_cache(maxsize=4096)(_words)  # a term's words, for every hit of it


# Curly quotes read as Windows-1252 after a wrong decoding: “ ” ‘ ’ become â€œ â€\x9d (or â€�) â€˜ â€™.
_MOJIBAKE_OPEN = ("â€œ", "â€˜", "â€")
_MOJIBAKE_CLOSE = ("â€", "\u00e2\u20ac")


def _is_quoted(text: str, start: int, end: int) -> bool:
    """Quote marks around the hit, on both sides: straight, curly, reversed Chinese, corner, or mojibake.

    An article may stand between a quote and the hit (‘"the three new items"’), and a full stop or comma
    before the closing quote, as American style writes it (‘"the last kilometer."’); nothing else: a quote
    on one side only belongs to something longer, the title in ‘"When the Lights Go Out" is ...’.

    >>> _is_quoted("adhere to â€œGo outâ€\x9d policy", 13, 19), _is_quoted("to 「Go out」", 4, 10)
    (True, True)
    >>> _is_quoted('"When the Lights Go Out" is a hit', 17, 23), _is_quoted('known as "the three new", and', 14, 23)
    (False, True)
    >>> _is_quoted('the masses "the last kilometer."', 16, 30), _is_quoted('"the last kilometer. Then', 5, 19)
    (True, False)
    """
    before = _ARTICLE_BEFORE.sub("", text[max(0, start - 8): start]).rstrip()
    after = text[end: end + 5].lstrip()
    if after[:1] in (".", ",", "!", "?", ";", ":"):
        after = after[1:]
    return bool(before and (before[-1] in QUOTES or before.endswith(_MOJIBAKE_OPEN))) and \
        bool(after and (after[0] in QUOTES or after.startswith(_MOJIBAKE_CLOSE)))


# An article between an opening quote and the hit.
_ARTICLE_BEFORE = re.compile(r"(?<=[\s\"'“”‘’「『«])(?:the|a|an|The|A|An)\s+$")


def _capitalised(found: str, text: str, start: int, end: int | None = None) -> bool:
    """A capital where no sentence begins and no title runs: a name, not the everyday word.

    >>> _capitalised("Go Out", "When the Lights Go Out", 16, 22), _capitalised("Go out", "We will Go out and invest", 8, 14)
    (False, True)
    """
    if not found[:1].isupper() or _sentence_initial(text, start):
        return False
    end = start + len(found) if end is None else end
    return not (_in_title(found, text, start, end) or _in_title_case_line(text, start, end))


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’]*)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’]*)[ \t]+$")


def _in_title(found: str, text: str, start: int, end: int) -> bool:
    """Whether a hit in Title Case continues a run of capitalised words: "the Lights Go Out" is a title.

    A capitalised word right before or after the hit, not itself at a sentence start, makes it part of a
    longer capitalised name or title ("When the Lights Go Out led the album").
    """
    words = _WORD.findall(found)
    if len(words) < 2 or not all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS):
        return False  # one capitalised word beside another proves nothing: MT capitalises single calques
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if previous and previous.group(1)[0].isupper() and previous.group(1).lower() not in _SMALL_WORDS \
            and not _sentence_initial(text, previous.start(1)):
        return True
    following = _NEXT_WORD.match(text, end)
    return bool(following and following.group(1)[0].isupper() and following.group(1).lower() not in _SMALL_WORDS)


_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs via".split())
_WORD = re.compile(r"[^\W\d_][\w'’]*")


def _in_title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the hit stands in a headline: a short line, without list or bracket punctuation, that
    capitalises nearly every word.  A line of names ("Wang Tinghui, Special Researcher of ...") is no headline.
    """
    first, last = sentence_bounds(text, start, end)
    line_start = max(first, text.rfind("\n", 0, start) + 1)
    line_end = text.find("\n", end, last)
    line = text[line_start:start] + " " + text[end: last if line_end < 0 else line_end]
    if any(mark in line for mark in ",;()[]") or len(line) > 120:
        return False
    others = _WORD.findall(line)
    significant = [w for w in others if w.lower() not in _SMALL_WORDS]
    if len(significant) < 2:
        return False
    return sum(w[0].isupper() for w in significant) >= 0.8 * len(significant)


def _sentence_initial(text: str, start: int) -> bool:
    """True at the start of the text, a line, or a sentence: there a capital proves nothing."""
    position = start - 1
    while position >= 0 and text[position] in " \t" + QUOTES:
        position -= 1
    return position < 0 or text[position] in ".!?:;\n\r。！？：；"
