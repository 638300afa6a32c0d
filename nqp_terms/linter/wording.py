"""Write a suggestion into the text as good English: inflected, cased and introduced like the words it replaces.

A fix replaces a calque with the glossary's rendering.  Pasted as it stands in the glossary, that would
lose the plural ("small giants" → "little giant firm"), capitalise a common noun mid-sentence ("grasp the
Crux"), double a word at an edge ("domestic domestic circulation") or leave "a" before a vowel.  Here:

- **number**: a plural match of a singular rendering makes the suggestion's head noun plural;
- **case**: ALL CAPS stays ALL CAPS, a Title Case heading or title gets Title Case, the start of a sentence
  a capital; anywhere else the suggestion is written as the glossary writes it (a name keeps its capitals,
  a common noun gets none);
- **article**: "a"/"an" right before the match agrees with the replacement's first sound;
- **edges**: a word of the replacement that the text already has right before or after it is not repeated;
- a possessive ("bull nose's") needs nothing: the "'s" is outside the match and stays.

Whether a suggestion may replace the match at all (a *drop-in*: same grammatical role and about the same
length) is decided once per rendering by :func:`drop_in`; other findings carry the suggestion but no fix.

>>> text = "They met two small giants and an bull nose."
>>> replacement(text, 13, 25, "little giant firm", "small giant")
(13, 25, 'little giant firms')
>>> replacement(text, 33, 42, "crux", "bull nose")
(30, 42, 'a crux')
>>> replacement("We grasp the Bull nose.", 13, 22, "crux", "bull nose")
(13, 22, 'crux')
>>> replacement("Bull nose first.", 0, 9, "crux", "bull nose")
(0, 9, 'Crux')
>>> replacement("the domestic double cycle", 13, 25, "domestic circulation", "double cycle")
(13, 25, 'circulation')
"""

from __future__ import annotations

import re

from ..termbase.model import Term
from ..text.plurals import singular
from .terms import _in_title, _in_title_case_line, _sentence_initial

_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with".split())
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(an?|An?|AN)([ \t]+)$")
_WORD_BEFORE = re.compile(r"([\w'’-]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([\w'’-]+)")
# Words that start with a vowel letter but a consonant sound, and the reverse.
_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|uti|ure|eu|ewe|one|once|ubiq)", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honou?r|heir)", re.IGNORECASE)
_AN_LETTERS = frozenset("AEFHILMNORSX")  # letters whose names start with a vowel sound: "an SME", "an NDRC"


def drop_in(term: Term, suggestion_term: Term | None, suggestion: str) -> str | None:
    """None if ``suggestion`` can replace a match of ``term`` as it stands, else why it cannot (a rewrite).

    >>> calque = Term(term="bull nose", status="deprecated", use_instead="crux")
    >>> drop_in(calque, None, "crux") is None
    True
    >>> drop_in(Term(term="x y z", status="deprecated", pattern="~uncover the list"), None, "open competition mechanism")
    'the calque is a verb phrase and the suggestion is not'
    >>> drop_in(calque, None, "specialized and sophisticated SMEs that produce novel and unique products")
    'the suggestion is much longer than the calque'
    """
    written = term.pattern or term.term
    if (term.pos == "verb" or "~" in written) and not (suggestion_term and suggestion_term.pos == "verb"):
        return "the calque is a verb phrase and the suggestion is not"
    if term.pos and suggestion_term is not None and suggestion_term.pos and term.pos != suggestion_term.pos:
        return f"the calque is a {term.pos} and the suggestion a {suggestion_term.pos}"
    words, suggested = len(term.term.split()), len(suggestion.split())
    if suggested > max(2 * words, words + 3):
        return "the suggestion is much longer than the calque"
    relative = {"that", "which", "who", "whose"}
    if relative & set(suggestion.lower().split()) and not relative & set(written.lower().split()):
        return "the suggestion is a clause, not a phrase"
    return None


def replacement(text: str, start: int, end: int, suggestion: str, rendering: str) -> tuple[int, int, str]:
    """The edit that puts ``suggestion`` in place of ``text[start:end]``, a match of ``rendering``."""
    found = text[start:end]
    new = _with_number(found, suggestion, rendering)
    new = _with_case(found, new, text, start, end)
    new, start, end = _without_doubled_edges(text, start, end, new)
    return _with_article(text, start, end, new)


def _with_number(found: str, suggestion: str, rendering: str) -> str:
    """The suggestion's head noun made plural when the match is the plural of a singular rendering."""
    words = re.findall(r"[\w'’]+", found)
    if not words:
        return suggestion
    last = words[-1].lower()
    listed = {w.lower() for w in re.findall(r"[\w'’]+", rendering)}
    if singular(last) == last or last in listed or singular(last) not in listed:
        return suggestion
    head = suggestion.split()[-1]
    if singular(head.lower()) != head.lower() or not head.isalpha():
        return suggestion  # already plural, or not a word that takes a plural
    return suggestion[: len(suggestion) - len(head)] + _plural(head)


def _plural(word: str) -> str:
    lower = word.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _with_case(found: str, suggestion: str, text: str, start: int, end: int) -> str:
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return suggestion.upper()
    words = re.findall(r"[^\W\d_][\w'’-]*", found)
    title = all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS) and (
        len(words) > 1 and (_in_title(found, text, start, end) or _in_title_case_line(text, start, end)
                            or _is_heading(text, start) or _whole_line(text, start, end)
                            or _headline(text, start, end)))
    if title:
        return " ".join(w if (w.lower() in _SMALL_WORDS and i) else w[:1].upper() + w[1:]
                        for i, w in enumerate(suggestion.split()))
    if _sentence_initial(text, start):
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _whole_line(text: str, start: int, end: int) -> bool:
    """Whether the match is all there is on its line (a heading or a title on its own)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not re.search(r"\w", text[line_start:start] + text[end: len(text) if line_end < 0 else line_end])


def _headline(text: str, start: int, end: int) -> bool:
    """Whether the match's line, the match included, is a short headline that capitalises every word.

    (The linter's own headline test leaves the match out, so that a capitalised calque cannot make its
    line look like a headline; here the match is already known to be in Title Case.)

    >>> _headline("Develop New Quality Productivity\\n\\nText.", 8, 32), _headline("We Develop It. Then more", 3, 10)
    (True, False)
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: len(text) if line_end < 0 else line_end].strip()
    if len(line) > 120 or re.search(r"[.!?;:,]\s", line) or line.endswith((".", ";", ",")):
        return False
    significant = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in _SMALL_WORDS]
    return len(significant) >= 2 and all(w[0].isupper() for w in significant)


def _is_heading(text: str, start: int) -> bool:
    """A Markdown heading line ("# ...")."""
    line = text[text.rfind("\n", 0, start) + 1: start]
    return line.lstrip().startswith("#")


# Head nouns that say the same thing: "small giant enterprises" → "little giant enterprises", not
# "little giant firm enterprises".
FIRM_NOUNS = frozenset("firm firms enterprise enterprises company companies business businesses".split())


def same_word(one: str, other: str) -> bool:
    """Whether two words are the same, in any case and number, or both name a firm ("enterprises" after
    "little giant firm").

    >>> same_word("Systems", "system"), same_word("enterprises", "firm"), same_word("giant", "giants'")
    (True, True, False)
    """
    one, other = one.lower(), other.lower()
    return one == other or singular(one) == singular(other) or (one in FIRM_NOUNS and other in FIRM_NOUNS)


def _without_doubled_edges(text: str, start: int, end: int, new: str) -> tuple[str, int, int]:
    """Leave out a first or last word of the replacement that the text already has right beside the match.

    >>> _without_doubled_edges("87 small giant enterprises", 3, 14, "little giant firm")
    ('little giant', 3, 14)
    """
    words = new.split()
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if len(words) > 1 and before and same_word(before.group(1), words[0]):
        new = new[len(words[0]):].lstrip()
        words = words[1:]
    after = _WORD_AFTER.match(text, end)
    if len(words) > 1 and after and same_word(after.group(1), words[-1]):
        new = new[: len(new) - len(words[-1])].rstrip()
    return new, start, end


def _with_article(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """The edit widened to the article before the match when "a"/"an" must change to agree."""
    article = _ARTICLE_BEFORE.search(text, max(0, start - 6), start)
    if not article or not new:
        return start, end, new
    wanted = "an" if _vowel_sound(new) else "a"
    written = article.group(1)
    if written.lower() == wanted:
        return start, end, new
    if written.isupper() and len(written) > 1:
        wanted = wanted.upper()
    elif written[0].isupper():
        wanted = wanted.capitalize()
    return article.start(1), end, f"{wanted}{article.group(2)}{new}"


def _vowel_sound(phrase: str) -> bool:
    first = phrase.split()[0].strip("“\"'‘(")
    if len(first) > 1 and first.isupper():  # an acronym is read letter by letter
        return first[0] in _AN_LETTERS
    if _VOWEL_SOUND.match(first):
        return True
    return first[:1].lower() in "aeiou" and not _CONSONANT_SOUND.match(first)
