"""A concept found by a query, and how it was found.

>>> import nqp_terms
>>> match = nqp_terms.lookup("Bull nose")
>>> match.concept.id, match.via, match.is_deprecated, match.use_instead
('niubizi', 'en', True, 'crux')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..termbase.model import Concept, Language, Term

Via = Literal["zh-Hans", "zh-Hant", "pinyin", "en"]
#: How a query reached its term:
#: ``exact`` (the whole query is the term, up to case, spacing, width, spelling and plurals),
#: ``reordered`` (the halves of a coordination swapped), ``part`` (a known term inside a longer query),
#: ``shortened`` (the query is a run of words inside the terms of one concept only, "Greater Bay Area"),
#: ``corrected`` (a typo corrected; only when corrections are asked for), and, for search results only,
#: ``prefix`` (a term starts with the text), ``substring`` (a term contains it) and ``fuzzy`` (a near miss).
How = Literal["exact", "reordered", "part", "shortened", "corrected", "prefix", "substring", "fuzzy"]


@dataclass(frozen=True)
class Match:
    """A concept found by a query, and how: which term matched, in which language or notation.

    When the query was a deprecated rendering, :attr:`is_deprecated` is true
    and :attr:`use_instead` names the rendering to use.

    >>> import nqp_terms
    >>> match = nqp_terms.lookup("Bull nose")
    >>> match.concept.id, match.term.term, match.via, match.is_deprecated, match.use_instead
    ('niubizi', 'bull nose', 'en', True, 'crux')
    """

    concept: Concept
    term: Term
    language: Language
    via: Via
    query: str
    how: How = "exact"
    #: What matched when it is not the whole query: the part, the reordered or the corrected text.
    matched_text: str | None = None

    @property
    def is_deprecated(self) -> bool:
        return not self.term.is_approved

    @property
    def use_instead(self) -> str | None:
        """For a deprecated match, the approved rendering to use instead."""
        return self.term.use_instead if self.is_deprecated else None

    def __repr__(self) -> str:
        how = "" if self.how == "exact" else f", how={self.how!r}, matched_text={self.matched_text!r}"
        return (f"Match(concept={self.concept.id!r}, term={self.term.term!r}, "
                f"via={self.via!r}, status={self.term.status!r}{how})")

    def __str__(self) -> str:
        headline = f"{self.concept.zh} ({self.concept.pinyin}) = {self.concept.en}  [{self.concept.id}]"
        if self.is_deprecated:
            return f"{headline}\n  {self.term.term!r} is a {self.term.status} rendering; use {self.use_instead!r}"
        return headline
