"""nqp-terms: a curated Chinese–English termbase for texts on new quality productive forces.

>>> import nqp_terms
>>> match = nqp_terms.lookup("新質生產力")
>>> match.concept.en
'new quality productive forces'
>>> nqp_terms.lookup("Uncover the list and take the lead").use_instead
'open competition mechanism'
>>> nqp_terms.get("no such term") is None
True
"""

from .checker import check, check_file
from .glossary import Glossary, clear_caches, compose, get, load, lookup, search
from .index.match import Match
from .linter import fix, lint
from .termbase.model import AmbiguousTerm, Concept, GlossaryError, Term, TermNotFound
from .text.normalize import normalize, normalize_and_explain

__version__ = "0.1.0"

__all__ = [
    "AmbiguousTerm",
    "Concept",
    "Glossary",
    "GlossaryError",
    "Match",
    "Term",
    "TermNotFound",
    "check",
    "check_file",
    "clear_caches",
    "compose",
    "fix",
    "get",
    "lint",
    "load",
    "lookup",
    "normalize",
    "normalize_and_explain",
    "search",
]
