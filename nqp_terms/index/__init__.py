"""Lookup over a validated glossary: match keys in tables, and the :class:`Index` that answers queries.

- :mod:`.tables`: every match key of every term, packed for the cache;
- :mod:`.lookup`: :class:`Index`, exact lookup, suggestions and search;
- :mod:`.match`: :class:`Match`, what a lookup returns.

This room reads records (:mod:`nqp_terms.termbase.model`) and keys
(:mod:`nqp_terms.text`); it never reads files.
"""

from .lookup import Index
from .match import Match
from .tables import Tables, index_tables

__all__ = ["Index", "Match", "Tables", "index_tables"]
