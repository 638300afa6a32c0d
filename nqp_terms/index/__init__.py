"""Lookup over a validated glossary: match keys in tables, and the :class:`Index` that answers queries.

- :mod:`.tables`: every match key of every term, packed for the cache;
- :mod:`.lookup`: :class:`Index`, exact lookup, suggestions and search;
- :mod:`.match`: :class:`Match`, what a lookup returns.

This room reads records (:mod:`nqp_terms.termbase.model`) and keys
(:mod:`nqp_terms.text`); it never reads files.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lookup import Index
    from .match import Match
    from .tables import Tables, index_tables

__all__ = ["Index", "Match", "Tables", "index_tables"]

# Each name is imported on first use: a lint reads records through the glossary cache and never looks up.
_MODULE_OF = {"Index": "lookup", "Match": "match", "Tables": "tables", "index_tables": "tables"}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
