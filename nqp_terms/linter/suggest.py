"""Which approved rendering a calque's finding suggests, fitted to the role the calque plays where it stands.

The glossary names one rendering to ``use_instead`` of each calque.  That is the right advice for the
calque standing alone, but not always a drop-in where it stands:

- **the whole formula for a piece of it**: when ``use_instead`` is the concept's preferred rendering
  (the default choice, not a deliberate one) and it is no drop-in (a noun phrase for a verb phrase, nine
  words for three), an approved rendering of the concept that *is* one is suggested instead, and the
  finding names the full rendering beside it ("double control": "dual control system", in full "dual
  control system for total energy consumption and energy intensity");
- **a modifier before a noun**: "small giant enterprises" wants "little giant", not "little giant firm
  enterprises": a last word of the suggestion that the text already has after the calque (or a word of
  the same kind: firm, enterprise, company) is left out; a first word that the text has just before it
  is taken into the finding instead ("domestic double cycle": "domestic circulation", not "domestic
  domestic circulation"), so that the suggestion stays the glossary's rendering;
- **a head the family marks optional**: a family ``{inner|internal} roll [competition]`` says that MT
  writes the calque with and without its noun; without it, before another noun ("internal roll
  phenomenon"), the suggestion drops that noun too ("involutionary");
- **a name cut short**: a last word written with a capital is part of a name and stays; when the text
  has it right after the calque (the "Fifteen Five" plan), the finding takes that word in instead;
- **a quotation that ends inside the match**: ``"intra-roll" competition`` matches the rendering "intra-roll
  competition", but the calque is the quoted word: the finding is narrowed to it and suggests the
  rendering without the words it shares after the quote ("involutionary").

Everything about a rendering is worked out once (:func:`plan`); per finding, :meth:`SuggestionPlan.fitted`
looks only at the words right around the match, and only for renderings where something could change.

>>> from nqp_terms.termbase.model import Concept, Term
>>> firm = Concept(id="x", subject_fields=(), terms={"zh": (Term(term="小巨人企业", status="preferred", unsourced=True),),
...     "en": (Term(term="little giant firm", status="preferred", unsourced=True),
...            Term(term="small giant", status="deprecated", use_instead="little giant firm"))})
>>> chosen = plan(firm.terms["en"][1], firm)
>>> chosen.text, chosen.fitted("87 small giant enterprises", 3, 14)
('little giant firm', (3, 14, 'little giant'))
>>> chosen.fitted("a small giant.", 2, 13) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..termbase.model import Concept, Term
from .wording import FIRM_NOUNS as _FIRM_NOUNS, drop_in, same_word

# Quote marks a quotation may open or close with (straight, curly, corner, guillemets).
_OPENING = "\"'“‘「『«"
_CLOSING = "\"'”’」』»"
_QUOTE_INSIDE = re.compile(f"[{re.escape(_CLOSING)}]")
_NEXT_WORD = re.compile(rf"[ \t{re.escape(_CLOSING)}]*[ \t]+[{re.escape(_OPENING)}]?([^\W\d_][\w'’-]*)"
                        rf"|[{re.escape(_CLOSING)}]+[ \t]*([^\W\d_][\w'’-]*)")
_QUOTE_OPENS_INSIDE = re.compile(f"[{re.escape(_OPENING)}]")
_CLOSING_MARKS, _OPENING_MARKS = frozenset(_CLOSING), frozenset(_OPENING)
# What, beside a match, leaves no word there to compare: the ends of the text, of a line or a clause.
_ENDS = frozenset(("", "\n", ",", ".", ";", ":", "!", "?", ")", "(", "。", "，"))
_ANY_LETTER = "abcdefghijklmnopqrstuvwxyz"
# Words after a noun that show the calque is the noun itself, not a modifier of the next one: function
# words, the verbs "be", "have", "do" and the modals.  (A word ending in -ed or -ly is taken for a verb
# or an adverb as well.)
_NOT_A_NOUN = frozenset("""
    a an the this that these those its it their his her our your my of in on at to for from by with as into onto
    upon over under about between among through during within without against and or but nor so yet than then
    is are was were be been being am has have had having do does did will would shall should can could may
    might must which who whom whose where when while whether if because although though not also only even
    just still already very more most less least such both either neither each every all any some no
""".split())


@dataclass(frozen=True)
class SuggestionPlan:
    """What the findings of one deprecated rendering suggest, and how the words around a match may fit it."""

    #: The rendering suggested where the calque stands alone (``use_instead``, or a drop-in in its place).
    text: str | None
    #: Why the suggestion cannot replace the calque as it stands (a rewrite), or None for a drop-in.
    rewrite: str | None = None
    #: The glossary's ``use_instead`` when a shorter drop-in is suggested in its place.
    in_full: str | None = None
    #: The suggestion's last word, when the family also writes the calque without it ("[competition]").
    optional_head: str | None = None
    #: Whether a word before or after the match can double the suggestion's first or last word: not when the
    #: calque itself always begins (ends) with that word ("new quality productivity": "new quality productive
    #: forces"), for then the text would double it already.
    first_may_double: bool = True
    last_may_double: bool = True

    @property
    def fits(self) -> bool:
        """Whether :meth:`fitted` can change anything: there is a suggestion."""
        return self.text is not None

    def __post_init__(self) -> None:
        # The letters a word beside a match must start (after it) or end (before it) with, in lower case, for
        # the suggestion's edge words to matter; empty for a one-word suggestion.  Any letter after the match,
        # for an optional head, which drops before any noun.
        words = (self.text or "").lower().split()
        lasts, firsts = "", ""
        if len(words) > 1:
            firsts = words[0][-1] if self.first_may_double else ""
            lasts = _ANY_LETTER if self.optional_head else "" if not self.last_may_double else \
                "".join({w[0] for w in _FIRM_NOUNS}) if words[-1] in _FIRM_NOUNS else words[-1][0]
        #: The letters the word after (before) a match must begin (end) with for fitting to change anything:
        #: read by the engine, which skips :meth:`fitted` for the many findings where neither is there.
        object.__setattr__(self, "lasts", lasts)
        object.__setattr__(self, "firsts", firsts)

    def fitted(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """The span and suggestion fitted to the words around ``text[start:end]``, or None if they fit as they are.

        Most matches have no quotation mark beside them and neither edge word of the suggestion beside them
        either: :func:`might_fit` finds that out from a few characters, and the engine asks it first.

        >>> quoted = SuggestionPlan("involutionary competition")
        >>> quoted.fitted('rectify "intra-roll" competition now', 9, 32)
        (9, 19, 'involutionary')
        >>> SuggestionPlan("domestic circulation").fitted("the domestic double cycle", 13, 25)
        (4, 25, 'domestic circulation')
        >>> SuggestionPlan("15th Five-Year Plan").fitted('the "Fifteen Five" plan begins', 5, 17)
        (4, 23, '15th Five-Year Plan')
        >>> SuggestionPlan("15th Five-Year Plan").fitted('the "Fifteen Five" plan begins', 5, 23)
        (4, 23, '15th Five-Year Plan')
        >>> SuggestionPlan("new quality productive forces").fitted('develop "new quality" productivity now', 9, 34)
        (8, 34, 'new quality productive forces')
        >>> SuggestionPlan("crux").fitted('the bull “nose” of reform', 4, 14)
        (4, 15, 'crux')
        """
        suggestion = self.text
        if suggestion is None or not might_fit(self, text, start, end):
            return None
        words = suggestion.split()
        fitted_start, fitted_end = start, end
        found = text[start:end]
        inside = _QUOTE_INSIDE.search(found, 1, len(found) - 1)
        if inside and start and text[start - 1] in _OPENING and not found[inside.start() + 1].isalpha():
            # A quotation that ends inside the match: the words after it belong to the sentence, not the calque,
            # if the suggestion ends with them too; otherwise the fix replaces the quotation marks as well.
            outside = found[inside.end():].split()
            shared = words[len(words) - len(outside):]
            if outside and len(outside) < len(words) and all(same_word(a, b) for a, b in zip(outside, shared)) \
                    and not any(word[:1].isupper() for word in shared):  # a name's words stay together
                words = words[: len(words) - len(outside)]
                fitted_end = start + inside.start()
            else:
                fitted_start -= 1
        elif end < len(text) and text[end] in _CLOSING and _QUOTE_OPENS_INSIDE.search(found, 1, len(found) - 1):
            # A quotation that opens inside the match and closes right after it: the fix replaces its marks too.
            opening = _QUOTE_OPENS_INSIDE.search(found, 1, len(found) - 1)
            if opening and not found[opening.start() - 1].isalpha():
                fitted_end += 1
        if len(words) > 1:
            following = _NEXT_WORD.match(text, fitted_end)
            after = following and (following.group(1) or following.group(2))
            if after and words[-1][:1].isupper() and after.lower() == words[-1].lower():
                # A name's last word is never cut off ("15th Five-Year" is no name): the finding takes in the
                # word the text has after the calque, and the quotes around the calque if there are any.
                fitted_end = following.end()
                if fitted_start and text[fitted_start - 1] in _OPENING and _QUOTE_INSIDE.search(text, end, fitted_end):
                    fitted_start -= 1
            elif after and same_word(after, words[-1]):
                words = words[:-1]
            elif after and self.optional_head and words[-1].lower() == self.optional_head and \
                    not found.lower().rstrip().endswith(self.optional_head) and _is_noun_like(after):
                words = words[:-1]
        if len(words) > 1:
            # The text has the suggestion's first word right before the match: the finding takes it in, so that
            # the suggestion stays the glossary's rendering and the fix writes the word once.
            preceding = _previous_word(text, fitted_start)
            if preceding and same_word(preceding[0], words[0]):
                fitted_start = preceding[1]
        fitted = " ".join(words)
        if fitted == suggestion and (fitted_start, fitted_end) == (start, end):
            return None
        return fitted_start, fitted_end, fitted


def might_fit(plan: SuggestionPlan, text: str, start: int, end: int) -> bool:
    """Whether :meth:`SuggestionPlan.fitted` could change anything at ``text[start:end]``.

    False in the common case, decided on a few characters: no quotation mark beside the match, and neither
    word beside it begins (after it) or ends (before it) with a letter the suggestion's edge words could
    match.  (Characters are read by index: a slice of a long text costs twice as much, and every finding
    of dense text passes here.)

    >>> might_fit(SuggestionPlan("little giant firm"), "two small giant enterprises", 4, 15)
    True
    >>> might_fit(SuggestionPlan("little giant firm"), "two small giant, and more", 4, 15)
    False
    """
    length = len(text)
    after = text[end] if end < length else ""
    before = text[start - 1] if start else ""
    if after in _CLOSING_MARKS or before in _OPENING_MARKS:
        return True
    lasts, firsts = plan.lasts, plan.firsts  # type: ignore[attr-defined]
    return bool(lasts or firsts) and not (
        (after in _ENDS or (after == " " and end + 1 < length and text[end + 1].lower() not in lasts)) and
        (before in _ENDS or (before == " " and start > 1 and text[start - 2].lower() != firsts)))


def _previous_word(text: str, start: int) -> tuple[str, int] | None:
    """The word before ``text[start:]`` and where it starts, across spaces and quotation marks, or None if
    a word runs into it.

    >>> _previous_word("the domestic “double cycle", 14), _previous_word("co-domestic", 3)
    (('domestic', 4), None)
    """
    offset = max(0, start - 40)
    before = text[offset:start]
    stripped = before.rstrip(" \t" + _OPENING)
    if len(stripped) == len(before) or not stripped.strip():
        return None  # nothing between them, or no word before
    last = stripped.rsplit(None, 1)[-1]
    word = last.strip(_CLOSING + _OPENING)
    if not word[:1].isalpha() or not last.endswith(word):
        return None  # a closing quotation mark after it: the word belongs to something else
    return word, offset + len(stripped) - len(word)


def _is_noun_like(word: str) -> bool:
    lower = word.lower()
    return lower not in _NOT_A_NOUN and not lower.endswith(("ed", "ly"))


def plan(term: Term, concept: Concept) -> SuggestionPlan:
    """What findings of the deprecated or superseded ``term`` of ``concept`` suggest (see the module)."""
    suggestion = term.use_instead
    if suggestion is None:
        return SuggestionPlan(None)
    english = concept.in_language("en")
    target = next((t for t in english if t.term == suggestion), None)
    rewrite = drop_in(term, target, suggestion)
    in_full = None
    if rewrite and target is not None and target.status == "preferred":
        # The preferred rendering was named by default; an approved one that fits the calque's place is better
        # advice.  A use_instead naming an admitted rendering was chosen on purpose and is kept.
        fitting = _drop_in_alternative(term, english, suggestion)
        if fitting is not None:
            suggestion, in_full, rewrite = fitting, suggestion, None
    calque = [member.lower().split() for member in (_members(term.pattern) if term.pattern else [term.term])]
    edges = suggestion.lower().split()
    return SuggestionPlan(suggestion, rewrite, in_full, _optional_head(term, suggestion),
                          first_may_double=not all(words[:1] == edges[:1] for words in calque),
                          last_may_double=not all(words[-1:] == edges[-1:] for words in calque))


def _drop_in_alternative(term: Term, english: tuple[Term, ...], named: str) -> str | None:
    """The approved rendering nearest the calque's length that can replace it as it stands, sourced first."""
    length = len(term.term.split())
    candidates = [t for t in english if t.is_approved and t.term != named and drop_in(term, t, t.term) is None]
    if not candidates:
        return None
    best = min(candidates, key=lambda t: (not t.sources, abs(len(t.term.split()) - length)))
    return best.term


def _optional_head(term: Term, suggestion: str) -> str | None:
    """The suggestion's last word, if the family writes the calque both with it and without it."""
    if term.pattern is None or " " not in suggestion.strip():
        return None
    head = suggestion.split()[-1].lower()
    endings = {member.split()[-1].lower() for member in _members(term.pattern) if member.split()}
    return head if head in endings and len(endings) > 1 else None


def _members(pattern: str) -> list[str]:
    """The wordings of a family pattern (families are imported for the first finding of a family's calque:
    a warm run over a text with none never needs them)."""
    from ..termbase.families import members

    return members(pattern)
