"""Families of wordings: one pattern in the glossary for the many ways machine translation words a calque.

A deprecated or superseded rendering may carry a ``pattern`` instead of (or beside) one fixed
``term``.  The pattern language is small (the whole of it is documented in ``glossary/README.md``):

- words are written as they are: ``the list``;
- ``{a|b|c}`` is one slot with alternatives, each one or more words (``{take the lead|take command}``);
  an empty alternative makes the slot optional (``{the|}``);
- ``[words]`` is optional (``[and]``, ``[,]``, ``[of the country]``);
- ``word*`` or ``{a|b}*`` may be doubled, as machine translation doubles a repeated character
  (``specialized* and new`` also stands for ``specialized, specialized and new``);
- ``~word`` or ``~{a|b}`` marks a verb: every member is generated with all its marked verbs
  in the same form, bare, ``-s``, ``-ing`` and ``-ed`` (and the past participle of irregular verbs).

Plurals of the head noun and British/American spellings are added later, when the linter builds its
matcher, for families and plain renderings alike.  Expansion is capped (:data:`MAX_MEMBERS`): a pattern
that would generate more members is a validation error, so that one careless pattern cannot
slow every scan down.

>>> members("~{uncover|unveil} the list and ~take {the lead|command}")[:3]
['uncover the list and take the lead', 'uncovers the list and takes the lead', 'uncovering the list and taking the lead']
>>> "unveiling the list and taking command" in members("~{uncover|unveil} the list and ~take {the lead|command}")
True
>>> members("specialized* [and] special")
['specialized and special', 'specialized special', 'specialized, specialized and special', 'specialized, specialized special']
>>> members("{inner|internal} {loop|cycle}")
['inner loop', 'inner cycle', 'internal loop', 'internal cycle']
>>> members("stick {neck")
Traceback (most recent call last):
...
nqp_terms.termbase.families.PatternError: unclosed '{' at character 7 of 'stick {neck'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

#: The most members one family may expand to (before plurals and spellings are added).
MAX_MEMBERS = 512
#: Characters with a meaning in a pattern; a pattern is any term that holds one of them.
SYNTAX = frozenset("{}[]|~*")
_FORMS = ("base", "s", "ing", "ed", "en")


class PatternError(ValueError):
    """A pattern that cannot be read or that expands to too many members; the message says which and why."""


# A parsed pattern is a sequence of nodes.  A node is a word (str), or a choice between sequences,
# which also carries whether it is a verb slot and whether it may be doubled.
@dataclass(frozen=True)
class _Choice:
    options: tuple[tuple[object, ...], ...]
    verb: bool = False
    doubled: bool = False


@dataclass(frozen=True)
class _Word:
    text: str
    verb: bool = False


def is_pattern(text: str) -> bool:
    """Whether a term is written in the pattern language (it has one of ``{}[]|~*``).

    >>> is_pattern("bull nose"), is_pattern("{bull|ox} nose")
    (False, True)
    """
    return any(c in SYNTAX for c in text)


def members(pattern: str, *, limit: int = MAX_MEMBERS) -> list[str]:
    """Every wording a pattern stands for, each verb in every form; raises :class:`PatternError`."""
    forms: dict[str, None] = {}
    for member in _expand_words(pattern, limit):
        forms.update(dict.fromkeys(_verb_forms(member)))
    return list(forms)


@lru_cache(maxsize=4096)
def _parsed(pattern: str) -> tuple[object, ...]:
    return _Parser(pattern).sequence(closing="")


def _expand_words(pattern: str, limit: int) -> list[tuple[_Word, ...]]:
    nodes = _parsed(pattern)
    expansions = _expand(nodes, limit, pattern)
    seen: dict[str, tuple[_Word, ...]] = {}
    for words in expansions:
        seen.setdefault(_join(words), words)
    if not seen or not any(seen):
        raise PatternError(f"{pattern!r} stands for no words at all")
    return [words for key, words in seen.items() if key]


def _expand(nodes: tuple[object, ...], limit: int, pattern: str) -> list[tuple[_Word, ...]]:
    results: list[tuple[_Word, ...]] = [()]
    for node in nodes:
        if isinstance(node, _Word):
            results = [r + (node,) for r in results]
            continue
        assert isinstance(node, _Choice)
        options: list[tuple[_Word, ...]] = []
        for option in node.options:
            for words in _expand(option, limit, pattern):
                if node.verb and words:  # the verb is the first word of the chosen alternative
                    words = (_Word(words[0].text, verb=True), *words[1:])
                options.append(words)
        if node.doubled:
            options += [first + (_Word(","),) + second for first, second in product(options, options)
                        if first and first == second]
        results = [r + o for r, o in product(results, options)]
        if len(results) > limit:
            raise PatternError(f"{pattern!r} expands to more than {limit} members; split it into smaller families "
                               "or use fewer alternatives")
    return results


def _join(words: tuple[_Word, ...]) -> str:
    text = ""
    for word in words:
        if word.text in ",;" or not text:
            text += word.text
        else:
            text += " " + word.text
    return text.strip(" ,")


def _verb_forms(words: tuple[_Word, ...]) -> list[str]:
    """The member with every marked verb in one form at a time: bare, -s, -ing, -ed, past participle."""
    if not any(w.verb for w in words):
        return [_join(words)]
    forms: dict[str, None] = {}
    for form in _FORMS:
        forms[_join(tuple(_Word(inflect_verb(w.text, form)) if w.verb else w for w in words))] = None
    return list(forms)


class _Parser:
    def __init__(self, pattern: str):
        self.pattern = pattern
        self.position = 0

    def error(self, message: str) -> PatternError:
        return PatternError(f"{message} at character {self.position + 1} of {self.pattern!r}")

    def sequence(self, closing: str) -> tuple[object, ...]:
        """Nodes up to one of the ``closing`` characters (not consumed) or the end."""
        nodes: list[object] = []
        text = self.pattern
        while self.position < len(text):
            char = text[self.position]
            if char in closing:
                return tuple(nodes)
            if char.isspace():
                self.position += 1
                continue
            verb = char == "~"
            if verb:
                self.position += 1
                if self.position >= len(text) or text[self.position].isspace():
                    raise self.error("'~' must stand right before the verb it marks")
                char = text[self.position]
            if char == "{":
                start = self.position
                self.position += 1
                options = [self.sequence(closing="|}")]
                while self.position < len(text) and text[self.position] == "|":
                    self.position += 1
                    options.append(self.sequence(closing="|}"))
                if self.position >= len(text):
                    self.position = start
                    raise self.error("unclosed '{'")
                self.position += 1
                nodes.append(_Choice(tuple(options), verb=verb, doubled=self._doubled()))
            elif char == "[":
                start = self.position
                self.position += 1
                inner = self.sequence(closing="]")
                if self.position >= len(text):
                    self.position = start
                    raise self.error("unclosed '['")
                self.position += 1
                nodes.append(_Choice((inner, ()), verb=verb, doubled=False))
            elif char in "}]|*":
                raise self.error(f"unexpected {char!r}")
            else:
                match = re.compile(r"[^\s{}\[\]|~*]+").match(text, self.position)
                assert match
                self.position = match.end()
                for piece in re.findall(r"[,;]|[^,;]+", match.group()):
                    nodes.append(_Word(piece, verb=verb and piece not in ",;"))  # a comma is never the verb
                    verb = False
                if self._doubled():
                    last = nodes.pop()
                    nodes.append(_Choice(((last,),), doubled=True))
        return tuple(nodes)  # at the end; a caller waiting for a closing bracket reports it

    def _doubled(self) -> bool:
        if self.position < len(self.pattern) and self.pattern[self.position] == "*":
            self.position += 1
            return True
        return False


# ------------------------------------------------------------------ verbs

# Verbs machine translation uses in calques whose forms do not follow the rules: (past, past participle).
_IRREGULAR = {
    "be": ("was", "been"), "beat": ("beat", "beaten"), "break": ("broke", "broken"), "bring": ("brought", "brought"),
    "build": ("built", "built"), "buy": ("bought", "bought"), "catch": ("caught", "caught"),
    "cut": ("cut", "cut"), "do": ("did", "done"), "draw": ("drew", "drawn"), "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"), "feed": ("fed", "fed"), "fight": ("fought", "fought"), "find": ("found", "found"),
    "fly": ("flew", "flown"), "forget": ("forgot", "forgotten"), "get": ("got", "got"), "begin": ("began", "begun"), "give": ("gave", "given"), "go": ("went", "gone"),
    "grow": ("grew", "grown"), "hang": ("hung", "hung"), "have": ("had", "had"), "hold": ("held", "held"),
    "keep": ("kept", "kept"), "lay": ("laid", "laid"), "lead": ("led", "led"), "leave": ("left", "left"),
    "let": ("let", "let"), "make": ("made", "made"), "meet": ("met", "met"), "put": ("put", "put"),
    "ride": ("rode", "ridden"), "rise": ("rose", "risen"), "run": ("ran", "run"), "see": ("saw", "seen"),
    "seek": ("sought", "sought"), "set": ("set", "set"), "shake": ("shook", "shaken"), "sit": ("sat", "sat"),
    "speak": ("spoke", "spoken"), "stand": ("stood", "stood"), "stick": ("stuck", "stuck"),
    "strike": ("struck", "struck"), "swallow": ("swallowed", "swallowed"), "take": ("took", "taken"),
    "teach": ("taught", "taught"), "tell": ("told", "told"), "think": ("thought", "thought"),
    "throw": ("threw", "thrown"), "win": ("won", "won"), "write": ("wrote", "written"),
}
_VOWELS = "aeiou"


def is_irregular_verb(word: str) -> bool:
    """Whether ``word`` is the bare form of a verb in the table of irregular verbs ("go", "take", "stick").

    >>> is_irregular_verb("go"), is_irregular_verb("Take"), is_irregular_verb("bull")
    (True, True, False)
    """
    return word.lower() in _IRREGULAR


def inflect_verb(verb: str, form: str) -> str:
    """``verb`` in ``form``: ``base``, ``s``, ``ing``, ``ed`` (simple past) or ``en`` (past participle).

    >>> [inflect_verb("take", f) for f in ("base", "s", "ing", "ed", "en")]
    ['take', 'takes', 'taking', 'took', 'taken']
    >>> [inflect_verb(v, "ing") for v in ("uncover", "unveil", "stick", "cut", "tie", "see", "carry", "forget")]
    ['uncovering', 'unveiling', 'sticking', 'cutting', 'tying', 'seeing', 'carrying', 'forgetting']
    >>> [inflect_verb(v, "ed") for v in ("uncover", "carry", "stop", "compact", "pass")]
    ['uncovered', 'carried', 'stopped', 'compacted', 'passed']
    >>> [inflect_verb(v, "s") for v in ("pass", "carry", "reach", "go")]
    ['passes', 'carries', 'reaches', 'goes']
    """
    word = verb.lower()
    if form == "base" or not word.isalpha():
        return verb
    if form == "s":
        if word.endswith(("s", "x", "z", "ch", "sh", "o")):
            return verb + "es"
        if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
            return verb[:-1] + "ies"
        return verb + "s"
    if form in ("ed", "en") and word in _IRREGULAR:
        return _IRREGULAR[word][0 if form == "ed" else 1]
    if form == "ing":
        if word.endswith("ie"):
            return verb[:-2] + "ying"
        if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
            return verb[:-1] + "ing"
        return _doubled_final(verb) + "ing"
    # -ed, and the past participle of a regular verb
    if word.endswith("e"):
        return verb + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    return _doubled_final(verb) + "ed"


# Verbs of two syllables stressed on the last, which double their final consonant as one-syllable verbs do.
_STRESSED_LAST = frozenset("admit begin commit control compel equip forget occur omit permit prefer propel "
                           "rebel refer regret submit transfer".split())


def _doubled_final(verb: str) -> str:
    """A one-syllable verb ending consonant-vowel-consonant doubles it (stop, stopping), as does a verb
    stressed on its last syllable (forget, forgetting); others do not (open, opening)."""
    word = verb.lower()
    if word in _STRESSED_LAST:
        return verb + verb[-1]
    syllables = len(re.findall(r"[aeiouy]+", word))
    if (syllables == 1 and len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS
            and word[-3] not in _VOWELS):
        return verb + verb[-1]
    return verb
