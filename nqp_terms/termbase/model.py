"""The records of the termbase, and the exceptions the library raises.

The model is concept-first, as TBX and IATE are: a :class:`Concept` holds, per
language, a list of :class:`Term` objects, each with its own status and
sources.  Everything is immutable; records compare and hash on their
canonical key (a concept's id, a term's language and text).

The records are plain frozen dataclasses so that using the termbase costs no
more than importing the standard library.  Glossary files are validated
against these same classes by pydantic (:mod:`nqp_terms.termbase.validation`), which is
imported only when YAML has to be read: a lookup served from the cache never
pays for it.

>>> term = Term(term="new quality productive forces", status="preferred",
...             sources=("qiushi-xi-columns",))
>>> term
Term('new quality productive forces', status='preferred')
>>> term.is_approved
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

#: The languages a concept may hold terms in.  BCP 47 tags, with the script
#: subtag because Simplified and Traditional forms are separate designations.
Language = Literal["zh-Hans", "zh-Hant", "en"]
LANGUAGES: tuple[Language, ...] = ("zh-Hans", "zh-Hant", "en")

#: TBX ``administrativeStatus`` values, without the ``-admn-sts`` suffix.
Status = Literal["preferred", "admitted", "deprecated", "superseded"]
APPROVED_STATUSES = frozenset({"preferred", "admitted"})

#: TBX-Basic ``termType`` picklist.
TermType = Literal["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"]
PartOfSpeech = Literal["noun", "verb", "adjective", "adverb", "other"]
GrammaticalNumber = Literal["singular", "plural", "massNoun", "otherNumber"]

#: Where a source stands, from most to least authoritative.  ``machine-translation``
#: sources are evidence that a bad rendering circulates, never support for a good one.
SourceKind = Literal[
    "official", "state-media", "media", "academic", "third-party", "machine-translation", "editorial"
]

#: What a publisher's domain hosts, in ``glossary/publishers.yaml``: ``blocked`` is for spam,
#: adult-content, content-farm and aggregator domains that are never cited.
PublisherKind = Literal["official", "state-media", "academic", "media", "third-party", "blocked"]

#: When a deprecated rendering should be reported by the linter.
#: ``quoted-or-capitalised`` is for calques of slogans that are ordinary words
#: otherwise ("Introduced", "Go out").
#: ``policy-document`` is for calques that are ordinary English anywhere but in Chinese policy writing
#: ("my country" for 我国): they fire only where the linter's domain signal says the document is that.
MatchWhen = Literal["anywhere", "quoted", "capitalised", "quoted-or-capitalised", "policy-document"]

# Concept ids are URL slugs and XML NCNames (TBX conceptEntry/@id): lower-case
# ASCII words joined by hyphens, never starting with a digit.
CONCEPT_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SOURCE_ID = CONCEPT_ID
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")

# Every record is a dataclass that is frozen (immutable), keyword-only (fields
# read as in the YAML) and slotted (a 10,000-concept glossary holds a great many).
# What pydantic applies when it validates a glossary file against a record:
# a misspelt field is an error, never silently dropped.
_STRICT_FIELDS: dict[str, Any] = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class Source:
    """A publication that attests a rendering, cited by its ``id``.

    ``date`` is the publication date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``),
    ``None`` when the page carries none; ``accessed`` is when we read it.
    ``url`` may be ``None`` only for documents we hold ourselves (the seeds),
    which can attest a bad rendering but never support a good one.
    """

    # YAML reads a bare year (``date: 2023``) as an integer; it is still a date.
    __pydantic_config__ = {**_STRICT_FIELDS, "coerce_numbers_to_str": True}

    id: str
    publisher: str
    title: str
    date: str | None
    url: str | None
    accessed: str
    kind: SourceKind
    # The original's URL when ``url`` is a copy on another site (a mirror): a copy
    # never stands alone as evidence for an official or state-media rendering.
    copy_of: str | None = None
    note: str | None = None

    def __repr__(self) -> str:
        return f"Source({self.id!r}, publisher={self.publisher!r}, date={self.date!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Source) and other.id == self.id

    def __hash__(self) -> int:
        return hash(("source", self.id))


@dataclass(frozen=True, kw_only=True, slots=True)
class MatchOptions:
    """How the linter recognises a deprecated rendering in running text.

    The defaults suit a multi-word calque: any case, anywhere.  A calque that
    is also an everyday word ("Go out") narrows ``when`` and may require
    ``context`` words in the same sentence.  ``unless`` words in the same
    sentence silence it whatever else holds: they mark the everyday use
    ("my country" beside "said" or "I").
    """

    __pydantic_config__ = _STRICT_FIELDS

    case_sensitive: bool = False
    when: MatchWhen = "anywhere"
    context: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class LintExamples:
    """Sentences the linter must flag and must not flag for this rendering."""

    __pydantic_config__ = _STRICT_FIELDS

    flagged: tuple[str, ...] = ()
    not_flagged: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Context:
    """A short attested sentence using the term, with the source it is quoted from.

    ``zh`` is the matching sentence of the source's Chinese text, when the
    source is an official bilingual pair; ``locator`` says where in the source
    (a section or paragraph, such as "Part III, 2").
    """

    __pydantic_config__ = _STRICT_FIELDS

    text: str
    source: str
    zh: str | None = None
    locator: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Term:
    """One designation of a concept in one language.

    Preferred and admitted terms cite ``sources`` (ids in the source registry)
    or say plainly that they are ``unsourced``.  Deprecated and superseded
    terms name the rendering to ``use_instead`` and may cite where they were
    ``seen_in``.

    >>> import nqp_terms
    >>> crux = nqp_terms.load().concept("niubizi").preferred("en")
    >>> crux.term, crux.status, crux.is_approved
    ('crux', 'preferred', True)
    """

    __pydantic_config__ = _STRICT_FIELDS

    term: str
    status: Status
    # A family of wordings (deprecated or superseded English only), in the pattern language of
    # nqp_terms.termbase.families; ``term`` is then one member, the first unless given.
    pattern: str | None = None
    pinyin: str | None = None
    term_type: TermType = "fullForm"
    pos: PartOfSpeech | None = None
    grammatical_number: GrammaticalNumber | None = None
    geographical_usage: str | None = None
    sources: tuple[str, ...] = ()
    unsourced: bool = False
    use_instead: str | None = None
    seen_in: tuple[str, ...] = ()
    # A deprecated form nobody has been seen to write: expected from MT, not evidence.
    anticipated: bool = False
    reason: str | None = None
    # Shared immutable defaults: a default_factory would build two records per term.
    match: MatchOptions = MatchOptions()
    examples: LintExamples = LintExamples()
    contexts: tuple[Context, ...] = ()
    usage_note: str | None = None
    note: str | None = None

    @property
    def is_approved(self) -> bool:
        """True for preferred and admitted terms: the ones a translator may use."""
        return self.status in APPROVED_STATUSES

    def __repr__(self) -> str:
        return f"Term({self.term!r}, status={self.status!r})"


def yaml_name(field_name: str) -> str:
    """The key a field is written under in YAML: language fields use their BCP 47 tag."""
    return "zh-Hans" if field_name == "zh_hans" else field_name


@dataclass(frozen=True, kw_only=True, slots=True)
class Definition:
    """Short definitions in our own words, one per language (``zh-Hans`` in YAML)."""

    __pydantic_config__ = {**_STRICT_FIELDS, "alias_generator": yaml_name, "populate_by_name": True}

    en: str | None = None
    zh_hans: str | None = None
    # Where the facts of the definition come from (a source id), as IATE asks;
    # the wording is still our own.
    source: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class Concept:
    """A concept with its terms in Simplified and Traditional Chinese and English.

    >>> concept = Concept(
    ...     id="niubizi", subject_fields=("set-phrases",),
    ...     terms={"zh-Hans": (Term(term="牛鼻子", status="preferred", pinyin="niúbízi"),),
    ...            "en": (Term(term="crux", status="preferred", unsourced=True),
    ...                   Term(term="bull nose", status="deprecated", use_instead="crux"))})
    >>> concept
    Concept(id='niubizi', zh='牛鼻子', en='crux')
    >>> [t.term for t in concept.deprecated("en")]
    ['bull nose']
    """

    __pydantic_config__ = _STRICT_FIELDS

    id: str
    subject_fields: tuple[str, ...]
    definition: Definition = Definition()
    terms: dict[Language, tuple[Term, ...]]
    lookup_forms: dict[Language, tuple[str, ...]] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    #: Translated by sense, not by a fixed rendering (a metaphor such as 牛鼻子, rendered "the key"): the
    #: bilingual check never reports its rendering as missing above info, and leaves it out of term
    #: accuracy when it is absent.  Its deprecated calques are still errors.
    sense_rendered: bool = False
    usage_note: str | None = None
    note: str | None = None

    def in_language(self, language: Language) -> tuple[Term, ...]:
        """All terms in ``language``, in the order the glossary lists them."""
        return self.terms.get(language, ())

    def preferred(self, language: Language) -> Term | None:
        """The preferred term in ``language``, or the first admitted one if none is preferred."""
        terms = self.in_language(language)
        for term in terms:
            if term.status == "preferred":
                return term
        return next((t for t in terms if t.status == "admitted"), None)

    def admitted(self, language: Language) -> tuple[Term, ...]:
        return tuple(t for t in self.in_language(language) if t.status == "admitted")

    def deprecated(self, language: Language) -> tuple[Term, ...]:
        """Deprecated and superseded terms: the renderings not to use."""
        return tuple(t for t in self.in_language(language) if not t.is_approved)

    @property
    def zh(self) -> str | None:
        term = self.preferred("zh-Hans")
        return term.term if term else None

    @property
    def zh_hant(self) -> str | None:
        term = self.preferred("zh-Hant")
        return term.term if term else None

    @property
    def en(self) -> str | None:
        term = self.preferred("en")
        return term.term if term else None

    @property
    def pinyin(self) -> str | None:
        term = self.preferred("zh-Hans")
        return term.pinyin if term else None

    def __repr__(self) -> str:
        return f"Concept(id={self.id!r}, zh={self.zh!r}, en={self.en!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Concept) and other.id == self.id

    def __hash__(self) -> int:
        return hash(("concept", self.id))


@dataclass(frozen=True, kw_only=True, slots=True)
class Publisher:
    """A domain in the publisher registry and the kind of publication it hosts.

    A domain covers its subdomains (``gov.cn`` covers ``english.www.gov.cn``);
    the most specific entry wins.
    """

    __pydantic_config__ = _STRICT_FIELDS

    domain: str
    publisher: str
    kind: PublisherKind
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class SubjectField:
    """An entry of the controlled list of subject fields."""

    __pydantic_config__ = _STRICT_FIELDS

    id: str
    en: str
    zh: str


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class GlossaryData:
    """Everything a glossary directory holds, validated; the unit the cache stores.

    ``concepts`` is a tuple, or the cache's sequence that builds each concept on first use.
    """

    concepts: Sequence[Concept]
    sources: tuple[Source, ...]
    subject_fields: tuple[SubjectField, ...]
    spelling_variants: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------- errors


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    """One thing wrong with a glossary: where it is and what was expected."""

    file: str
    line: int | None
    concept: str | None
    field: str | None
    message: str
    code: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where, self.code]
        if self.concept:
            parts.append(self.concept)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


class GlossaryError(ValueError):
    """A glossary could not be loaded; ``problems`` lists every reason, not only the first.

    >>> import nqp_terms
    >>> try:
    ...     nqp_terms.load("no/such/glossary")
    ... except GlossaryError as error:
    ...     [(p.file, p.code) for p in error.problems]
    [('no/such/glossary', 'file-unreadable')]
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the glossary"
        super().__init__(header + ":\n" + "\n".join(f"  {p}" for p in problems))


class TermNotFound(LookupError):
    """No concept matches the query.  ``suggestions`` holds near misses, best first.

    It is a ``LookupError``:

    >>> import nqp_terms
    >>> try:
    ...     nqp_terms.lookup("bull nise")
    ... except LookupError as error:
    ...     error.suggestions
    ('bull nose',)
    """

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()):
        self.query = query
        self.suggestions = suggestions
        message = f"no glossary term matches {query!r}"
        if suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in suggestions[:3]) + "?"
        super().__init__(message)


class AmbiguousTerm(LookupError):
    """The query matches terms of more than one concept; ``candidates`` lists their ids.

    It is a ``LookupError``; the command line lists the candidates.

    >>> error = AmbiguousTerm("SOE reform", ("guoyou-qiye-gaige", "guozi-guoqi-gaige"))
    >>> isinstance(error, LookupError), error.candidates
    (True, ('guoyou-qiye-gaige', 'guozi-guoqi-gaige'))
    >>> str(error)
    "'SOE reform' matches several concepts: guoyou-qiye-gaige, guozi-guoqi-gaige"
    """

    def __init__(self, query: str, candidates: tuple[str, ...]):
        self.query = query
        self.candidates = candidates
        super().__init__(f"{query!r} matches several concepts: {', '.join(candidates)}")
