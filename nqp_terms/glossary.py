"""The :class:`Glossary` object, and the shipped glossary behind the module-level functions.

The glossary puts the rooms below it together: files become validated
records (:mod:`nqp_terms.termbase.load`), lookup tables are built from the
records (:mod:`nqp_terms.index`), and both go through the on-disk cache
(:mod:`nqp_terms.termbase.cache`).  It also hands normalisation its spelling
table (:func:`nqp_terms.text.normalize.use_spelling_variants`).

>>> import nqp_terms
>>> glossary = nqp_terms.load()            # the shipped glossary
>>> match = glossary.lookup("Bull nose")
>>> match.concept.zh, match.is_deprecated
('牛鼻子', True)
>>> "xinzhi-shengchanli" in glossary
True
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .index.match import Match
from .termbase.layout import shipped_glossary_path
from .termbase.load import read_glossary, shipped_spelling_variants
from .termbase.model import Concept, GlossaryData, Source, SubjectField, Term, TermNotFound
from .text.normalize import use_spelling_variants
from .text.input_policy import Errors, checked

if TYPE_CHECKING:  # lookup is imported on first use: a lint never looks up
    from .index.compose import Composition
    from .index.lookup import Index
    from .index.tables import Tables

# English normalisation respells British forms with the shipped table, read on first use.
use_spelling_variants(shipped_spelling_variants)

Reliability = Literal["high", "medium", "low"]
_RELIABILITY_BY_KIND: dict[str, Reliability] = {
    "official": "high", "state-media": "high", "media": "medium", "academic": "medium", "third-party": "medium",
    "editorial": "low", "machine-translation": "low",
}


class Glossary:
    """A validated termbase: concepts by id, the source registry, and lookup over both languages.

    >>> import nqp_terms
    >>> glossary = nqp_terms.load()
    >>> "niubizi" in glossary, glossary.concept("niubizi").zh
    (True, '牛鼻子')
    >>> glossary.lookup("Bull nose").use_instead
    'crux'
    """

    def __init__(self, data: GlossaryData, *, origin: str = "",
                 tables: Tables | Callable[[], Tables] | None = None) -> None:
        self.data = data
        self.origin = origin
        self._tables = tables
        self.concepts: Mapping[str, Concept] = _ConceptsById(data.concepts)
        self.sources: Mapping[str, Source] = {s.id: s for s in data.sources}
        self.subject_fields: Mapping[str, SubjectField] = {f.id: f for f in data.subject_fields}

    @classmethod
    def from_paths(cls, *paths: str | Path, over_shipped: bool = False, use_cache: bool = True) -> Glossary:
        """Load glossary directories (or files), alone or layered over the shipped glossary."""
        base, base_key = (None, "")
        if over_shipped:
            shipped = _shipped_glossary()
            base, base_key = shipped.data, shipped.origin
        loaded = load_glossary_data([Path(p) for p in paths], base=base, base_key=base_key, use_cache=use_cache)
        return cls(loaded.data, origin=loaded.key, tables=loaded.tables)

    @cached_property
    def _index(self) -> Index:
        from .index.lookup import Index

        tables = self._tables
        return Index(self.data.concepts, tables() if callable(tables) else tables)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __repr__(self) -> str:
        return f"<Glossary: {len(self.concepts)} concepts, {len(self.sources)} sources>"

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id; raises :class:`TermNotFound` for an unknown id."""
        try:
            return self.concepts[concept_id]
        except KeyError:
            raise TermNotFound(concept_id, self._index.suggestions(concept_id)) from None

    def get(self, query: str, *, corrections: bool = False, errors: Errors = "strict") -> Match | None:
        """Find the concept a query names, or ``None``.  See :meth:`lookup` for what a query may be."""
        return self._index.find(checked(query, errors, "query"), corrections=corrections)

    def lookup(self, query: str, *, corrections: bool = False, errors: Errors = "strict") -> Match:
        """Find the concept a query names.

        The query may be Simplified or Traditional Chinese (with spaces, full-width
        characters or quotes around it), pinyin (tone marks, tone numbers or none),
        or an English term of any status, in any case, singular or plural, British or
        American, with hyphens or spaces.  A longer query finds the longest known
        term inside it, and a coordination finds its concept in either order;
        the match says so (``how`` is ``"part"`` or ``"reordered"``, and
        ``matched_text`` names the term).  Raises :class:`TermNotFound` with
        suggestions, or :class:`AmbiguousTerm`.  A lone surrogate or NUL in the query raises
        ``ValueError``, or with ``errors="replace"`` becomes U+FFFD (:mod:`nqp_terms.text.input_policy`).

        Lookup is strict about spelling: with ``corrections=True`` a query one or
        two typing mistakes from exactly one concept's term finds it, with
        ``how == "corrected"`` (the command line does this).

        >>> glossary = load()
        >>> glossary.get("patiemt capital") is None
        True
        >>> match = glossary.lookup("patiemt capital", corrections=True)
        >>> match.concept.id, match.how, match.matched_text
        ('naixin-ziben', 'corrected', 'patient capital')
        """
        return self._index.lookup(checked(query, errors, "query"), corrections=corrections)

    def compose(self, query: str, *, errors: Errors = "strict") -> Composition | None:
        """A draft English rendering of a Chinese phrase made of known terms, or ``None``.

        For a phrase that is no term of its own but strings terms together with policy verbs and
        connectives; a draft, not an attested rendering (see :mod:`nqp_terms.index.compose`).

        >>> draft = load().compose("灵活就业和新就业形态")
        >>> draft.en, draft.concepts
        ('flexible employment and new forms of employment', ('linghuo-jiuye', 'xin-jiuye-xingtai'))
        """
        return self._index.compose(checked(query, errors, "query"))

    def search(self, text: str, limit: int = 20, *, errors: Errors = "strict") -> list[Match]:
        """Concepts whose terms (Chinese, pinyin or English) start with or contain ``text``."""
        return self._index.search(checked(text, errors, "query"), limit)

    def reliability(self, term: Term) -> Reliability:
        """How far a rendering can be trusted, from the best source it cites.

        ``high`` for official and state-media sources, ``medium`` for other
        publications, ``low`` for unsourced renderings.
        """
        kinds = [self.sources[s].kind for s in term.sources if s in self.sources]
        if not kinds:
            return "low"
        order = {"high": 0, "medium": 1, "low": 2}
        return min((_RELIABILITY_BY_KIND[k] for k in kinds), key=order.__getitem__)


class _ConceptsById(Mapping[str, Concept]):
    """Concepts by id, in glossary order, over a sequence that may build them lazily (the cache's)."""

    def __init__(self, concepts: Sequence[Concept]):
        self._concepts = concepts

    @cached_property
    def _numbers(self) -> dict[str, int]:
        """Each concept's number by id, made when first asked for (a lint of a small file may never ask)."""
        ids = getattr(self._concepts, "ids", None) or [c.id for c in self._concepts]
        return dict(zip(ids, range(len(ids))))

    def __getitem__(self, concept_id: str) -> Concept:
        return self._concepts[self._numbers[concept_id]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._numbers


# ---------------------------------------------------------------- loading

#: The source files whose code decides what a cached glossary holds (what is valid, and
#: its lookup keys): a cache written by other code is not trusted.
_CACHED_CODE = ("termbase/model.py", "termbase/validation.py", "termbase/checks.py", "termbase/layout.py",
                "termbase/load.py", "termbase/cache.py", "text/pinyin.py", "text/hanzi.py", "text/keys.py",
                "text/plurals.py", "text/normalize.py", "index/tables.py")


@dataclass(frozen=True)
class LoadedGlossary:
    data: GlossaryData
    key: str
    #: The lookup tables, or from the cache a function that decodes them on first use.
    tables: Tables | Callable[[], Tables] | None


def load_glossary_data(paths: Sequence[Path], *, base: GlossaryData | None = None, base_key: str = "",
                       use_cache: bool = True) -> LoadedGlossary:
    """Like :func:`~nqp_terms.termbase.load.read_glossary`, with lookup tables, through the cache."""
    from .termbase.cache import cache_dir, cache_key, read_cached, write_cached

    directory = cache_dir() if use_cache else None
    if directory is not None:
        from .termbase.cache import _secret

        try:
            _secret()
        except OSError:  # no per-user secret can be kept: an unsigned cache would be trusted blindly
            directory = None
    package = Path(__file__).parent
    key = cache_key(paths, base_key, [package / m for m in _CACHED_CODE], directory) if directory is not None \
        else None
    if directory is not None and key is not None:
        gc_was_enabled = gc.isenabled()
        gc.disable()  # as in read_glossary: every object built here stays alive
        try:
            cached = read_cached(directory, key, lambda: read_glossary(paths, base=base).concepts)
        finally:
            if gc_was_enabled:
                gc.enable()
        if cached is not None:
            return LoadedGlossary(cached[0], key, cached[1])
    from .index.tables import index_tables

    data = read_glossary(paths, base=base)
    tables = index_tables(data.concepts)
    if directory is not None and key is not None:
        write_cached(directory, key, data, tables)
    return LoadedGlossary(data, key or "", tables)


_shipped: Glossary | None = None


def _shipped_glossary() -> Glossary:
    global _shipped  # the one piece of module state: a lazily loaded, clearable cache
    if _shipped is None:
        _shipped = Glossary.from_paths(shipped_glossary_path())
    return _shipped


def load(*paths: str | Path, over_shipped: bool = False, use_cache: bool = True) -> Glossary:
    """Load a glossary.  With no paths, the shipped one; ``over_shipped`` layers yours on top of it.

    Concepts in your glossary with the id of a shipped concept replace it; new ids extend it.
    A glossary that does not validate raises :class:`GlossaryError` with every problem.

    >>> load().concept("niubizi").en
    'crux'
    >>> load("no/such/glossary")
    Traceback (most recent call last):
    nqp_terms.termbase.model.GlossaryError: 1 problem in the glossary:
      no/such/glossary: file-unreadable: no such file or directory
    """
    if not paths:
        return _shipped_glossary() if use_cache else Glossary.from_paths(shipped_glossary_path(), use_cache=False)
    return Glossary.from_paths(*paths, over_shipped=over_shipped, use_cache=use_cache)


def clear_caches() -> None:
    """Forget the loaded shipped glossary and delete the on-disk cache of validated glossaries.

    The next call reads and validates the YAML again.  Here with a cache directory of its own
    (``NQP_TERMS_CACHE``), so the example leaves the user's cache alone:

    >>> import os, tempfile
    >>> saved = os.environ.get("NQP_TERMS_CACHE")
    >>> os.environ["NQP_TERMS_CACHE"] = tempfile.mkdtemp()
    >>> clear_caches()
    >>> lookup("牛鼻子").concept.id
    'niubizi'
    >>> if saved is None: del os.environ["NQP_TERMS_CACHE"]
    ... else: os.environ["NQP_TERMS_CACHE"] = saved
    """
    global _shipped
    from .termbase.cache import clear_cache

    _shipped = None
    clear_cache()


def lookup(query: str, *, corrections: bool = False, errors: Errors = "strict") -> Match:
    """:meth:`Glossary.lookup` on the shipped glossary.

    >>> lookup("xin1 zhi4 sheng1 chan3 li4").concept.en
    'new quality productive forces'
    """
    return _shipped_glossary().lookup(query, corrections=corrections, errors=errors)


def compose(query: str, *, errors: Errors = "strict") -> Composition | None:
    """:meth:`Glossary.compose` on the shipped glossary: a draft for a phrase made of known terms.

    >>> compose("发展新质生产力").en
    'develop new quality productive forces'
    """
    return _shipped_glossary().compose(query, errors=errors)


def get(query: str, *, corrections: bool = False, errors: Errors = "strict") -> Match | None:
    """:meth:`Glossary.get` on the shipped glossary: the match, or ``None`` where :func:`lookup` raises.

    >>> get("牛鼻子").concept.en
    'crux'
    >>> get("no such term") is None
    True
    """
    return _shipped_glossary().get(query, corrections=corrections, errors=errors)


def search(text: str, limit: int = 20, *, errors: Errors = "strict") -> list[Match]:
    """:meth:`Glossary.search` on the shipped glossary.

    >>> [m.concept.id for m in search("揭榜")]
    ['jiebang-guashuai']
    """
    return _shipped_glossary().search(text, limit, errors=errors)
