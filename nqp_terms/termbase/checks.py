"""Consistency rules that look across fields, records and files.

The pydantic models check each record's shape; these rules check what a
shape cannot: that references resolve, that a rendering is not both approved
and deprecated, that pinyin fits its characters, that scripts are pure.  Each
rule has a stable code, listed in :data:`RULES`, and every problem found is
reported (the loader never stops at the first).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..text.hanzi import simplified_only, traditional_only
from ..text.keys import chinese_key, english_key
from .model import Concept, Language, Problem, Source, SubjectField, Term
from .provenance import Registry, concept_note_problems, source_problems
from ..text.pinyin import HAN, reading_problem
from .yamlfile import YamlDocument

_SPACE_BETWEEN_HAN = re.compile(rf"{HAN.pattern}\s+{HAN.pattern}")

#: Every code a glossary problem can carry, with what it means.
RULES: dict[str, str] = {
    "file-unreadable": "the file could not be read (missing, too large, or not UTF-8)",
    "no-glossary-files": "a path holds no glossary YAML files",
    "yaml-syntax": "the file is not valid YAML",
    "duplicate-key": "a mapping repeats a key",
    "schema": "a field is unknown, missing or of the wrong type or value",
    "duplicate-id": "two concepts, sources or subject fields share an id",
    "file-name": "a one-concept file is not named after its concept id",
    "unknown-subject-field": "a subject field is not in subject-fields.yaml",
    "two-preferred": "a language has more than one preferred term",
    "duplicate-term": "a concept lists the same term twice in one language",
    "missing-pinyin": "a Simplified Chinese term has no pinyin",
    "pinyin-mismatch": "the pinyin does not fit the characters (syllable count or reading)",
    "wrong-script": "Traditional-only characters in zh-Hans, or Simplified-only ones in zh-Hant",
    "stray-whitespace": "leading, trailing, doubled or invisible whitespace inside a term",
    "confusable": "a character that looks like another: full-width Latin, ASCII punctuation in Chinese, Cyrillic in English",
    "missing-source": "a preferred or admitted English term cites no source and is not marked unsourced",
    "unsourced-with-sources": "a term both cites sources and is marked unsourced",
    "unknown-source": "a cited source id is not in the source registry",
    "unusable-source": "an approved rendering cites a source that cannot support it (machine translation, no URL)",
    "missing-replacement": "a deprecated or superseded term does not say what to use instead",
    "unknown-replacement": "use_instead names no preferred or admitted term of the concept",
    "deprecated-is-approved": "a deprecated term equals a preferred or admitted term somewhere in the glossary",
    "family-pattern": "a family's pattern cannot be read, expands to too many members, or is on an approved term",
    "family-examples": "a family has no flagged or no not_flagged example sentences",
    "deprecated-with-sources": "a deprecated term cites sources (use seen_in for evidence of a bad rendering)",
    "unknown-concept": "a related concept id does not exist",
    "lookup-form-without-term": "lookup forms for a language that has no term",
    "blocked-domain": "a source is on a domain glossary/publishers.yaml blocks (spam, adult content, aggregators)",
    "source-domain-kind": "an official or state-media source is not on a domain of that kind and names no original",
    "undated-source": "an official or state-media source has no publication date",
    "outside-citation": "a note cites a file outside the project",
    "deprecated-without-evidence": "a deprecated rendering has no seen_in evidence with a URL and is not anticipated",
}


@dataclass(frozen=True)
class Located:
    """A validated record and where it was written."""

    record: Concept | Source | SubjectField
    document: YamlDocument
    path: tuple[str | int, ...]


class _Reporter:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def __call__(self, located: Located, field: tuple[str | int, ...], code: str, message: str) -> None:
        assert code in RULES, code
        concept = located.record.id if isinstance(located.record, Concept) else None
        self.problems.append(Problem(
            file=located.document.file, line=located.document.line_of(located.path + field),
            concept=concept, field=_dotted(field), message=message, code=code))


def _dotted(path: Iterable[str | int]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def check(concepts: list[Located], sources: dict[str, Located], subject_fields: set[str],
          registry: Registry | None = None, *, policy: bool = False) -> list[Problem]:
    """Run every cross-record rule and return the problems, in file order.

    ``registry`` is the publisher registry: blocked domains and notes citing outside files are
    always errors.  ``policy`` applies the evidence policy a glossary opts into by keeping its
    own ``publishers.yaml`` (as the shipped one does): official and state-media sources on their
    kind of domain and dated, and deprecated renderings with evidence of use.
    """
    report = _Reporter()
    registry = registry or Registry(())
    for located in sources.values():
        assert isinstance(located.record, Source)
        for field_name, code, message in source_problems(located.record, registry, policy=policy):
            report(located, (field_name,), code, message)
    by_id: dict[str, Located] = {}
    for located in concepts:
        concept = located.record
        assert isinstance(concept, Concept)
        if concept.id in by_id:
            first = by_id[concept.id]
            report(located, ("id",), "duplicate-id",
                   f"concept id {concept.id!r} is already used in {first.document.file}:{first.document.line_of(first.path + ('id',))}")
        else:
            by_id[concept.id] = located

    approved = _approved_keys(concepts)
    for located in concepts:
        _check_concept(located, by_id, sources, subject_fields, approved, report, policy)
        for path, code, message in concept_note_problems(located.record):  # type: ignore[arg-type]
            report(located, path, code, message)
    return report.problems


def _approved_keys(concepts: list[Located]) -> dict[tuple[Language, str], list[str]]:
    """Every preferred or admitted term, by language and match key, with the concepts using it."""
    keys: dict[tuple[Language, str], list[str]] = defaultdict(list)
    for located in concepts:
        concept = located.record
        assert isinstance(concept, Concept)
        for language, terms in concept.terms.items():
            for term in terms:
                if term.is_approved:
                    keys[(language, term_key(language, term.term))].append(concept.id)
    return keys


@lru_cache(maxsize=None)
def term_key(language: Language, text: str) -> str:
    """The match key of a term: the same text is keyed many times across the rules."""
    return english_key(text) if language == "en" else chinese_key(text)


def _check_concept(located: Located, by_id: dict[str, Located], sources: dict[str, Located],
                   subject_fields: set[str], approved: dict[tuple[Language, str], list[str]],
                   report: _Reporter, policy: bool = False) -> None:
    concept = located.record
    assert isinstance(concept, Concept)
    file_stem = located.document.file.rsplit("/", 1)[-1].removesuffix(".yaml").removesuffix(".yml")
    if located.path == () and file_stem != concept.id:
        report(located, ("id",), "file-name", f"the file is named {file_stem!r}; expected {concept.id}.yaml")
    for index, field_id in enumerate(concept.subject_fields):
        if field_id not in subject_fields:
            report(located, ("subject_fields", index), "unknown-subject-field",
                   f"{field_id!r} is not in subject-fields.yaml; expected one of {', '.join(sorted(subject_fields))}")
    for index, related in enumerate(concept.related):
        if related not in by_id:
            report(located, ("related", index), "unknown-concept", f"no concept has the id {related!r}")
    for language, forms in concept.lookup_forms.items():
        if not concept.in_language(language):
            report(located, ("lookup_forms", language), "lookup-form-without-term",
                   f"lookup forms for {language} but the concept has no {language} term")

    for language, terms in concept.terms.items():
        preferred = [i for i, t in enumerate(terms) if t.status == "preferred"]
        for index in preferred[1:]:
            report(located, ("terms", language, index, "status"), "two-preferred",
                   f"{terms[index].term!r} is a second preferred {language} term (the first is "
                   f"{terms[preferred[0]].term!r}); expected at most one, make the others admitted")
        seen: dict[str, int] = {}
        approved_here = {term_key(language, t.term): t.term for t in terms if t.is_approved}
        for index, term in enumerate(terms):
            where = ("terms", language, index)
            key = term_key(language, term.term)
            if key in seen:
                report(located, where + ("term",), "duplicate-term",
                       f"{term.term!r} repeats term {seen[key]} of {language} (after normalisation)")
            seen.setdefault(key, index)
            for code, message in _term_text_problems(language, term.term):
                report(located, where + ("term",), code, message)
            _check_chinese(located, where, language, term, report)
            _check_sources(located, where, language, term, sources, report)
            if not term.is_approved:
                _check_deprecated(located, where, language, term, approved_here, approved, report)
                if policy:
                    _check_evidence(located, where, language, term, sources, report)
            if term.pattern is not None:
                _check_family(located, where, language, term, approved, report)


def _term_text_problems(language: Language, text: str) -> Iterator[tuple[str, str]]:
    if text != text.strip():
        yield "stray-whitespace", f"{text!r} has leading or trailing whitespace"
    if "  " in text or any(c in text for c in "\t\n\r\u00a0\u3000"):
        yield "stray-whitespace", f"{text!r} has a doubled space, a tab, a line break or a non-breaking space"
    invisible = [] if text.isprintable() else [c for c in text if unicodedata.category(c) == "Cf"]
    if invisible:
        names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in invisible)
        yield "stray-whitespace", f"{text!r} contains invisible characters: {names}"
    if language == "en":
        wide = [c for c in text if 0xFF01 <= ord(c) <= 0xFF5E]
        if wide:
            yield "confusable", f"full-width characters {''.join(wide)!r} in an English term; expected ASCII"
        foreign = [c for c in text if c.isalpha() and unicodedata.name(c, "").split(" ")[0] in ("CYRILLIC", "GREEK")]
        if foreign:
            yield "confusable", f"{''.join(foreign)!r} looks Latin but is {unicodedata.name(foreign[0])}"
        if HAN.search(text):
            yield "confusable", f"Chinese characters in an English term {text!r}"
    else:
        ascii_punct = [c for c in text if c in ",;:!?()\"'"]
        if ascii_punct:
            yield "confusable", (f"ASCII punctuation {''.join(ascii_punct)!r} in a Chinese term; "
                                 "expected full-width (，；：！？（）“”)")
        if _SPACE_BETWEEN_HAN.search(text):
            yield "stray-whitespace", f"a space between Chinese characters in {text!r}"
        wide = [c for c in text if 0xFF10 <= ord(c) <= 0xFF5A and c.isalnum()]
        if wide:
            yield "confusable", f"full-width letters or digits {''.join(wide)!r}; expected ASCII (5G, AI)"


def _check_chinese(located: Located, where: tuple[str | int, ...], language: Language, term: Term,
                   report: _Reporter) -> None:
    if language == "en":
        if term.pinyin is not None:
            report(located, where + ("pinyin",), "schema", "pinyin is only for Chinese terms")
        return
    if term.pinyin is None:
        if language == "zh-Hans" and HAN.search(term.term):
            report(located, where + ("pinyin",), "missing-pinyin",
                   f"{term.term!r} has no pinyin; expected a tone-marked reading")
    elif unicodedata.normalize("NFC", term.pinyin) != term.pinyin:
        report(located, where + ("pinyin",), "pinyin-mismatch", "the pinyin is not NFC (use precomposed tone marks)")
    else:
        problem = reading_problem(term.term, term.pinyin)
        if problem:
            report(located, where + ("pinyin",), "pinyin-mismatch", f"{term.pinyin!r} for {term.term!r}: {problem}")
    if language == "zh-Hans":
        wrong = traditional_only(term.term)
        if wrong:
            report(located, where + ("term",), "wrong-script",
                   f"Traditional-only characters {''.join(wrong)!r} in a zh-Hans term {term.term!r}")
    else:
        wrong = simplified_only(term.term)
        if wrong:
            report(located, where + ("term",), "wrong-script",
                   f"Simplified-only characters {''.join(wrong)!r} in a zh-Hant term {term.term!r}")


def _check_sources(located: Located, where: tuple[str | int, ...], language: Language, term: Term,
                   sources: dict[str, Located], report: _Reporter) -> None:
    for field_name, ids in (("sources", term.sources), ("seen_in", term.seen_in)):
        for index, source_id in enumerate(ids):
            if source_id not in sources:
                report(located, where + (field_name, index), "unknown-source",
                       f"no source has the id {source_id!r}; expected an id from glossary/sources/")
            elif field_name == "sources":
                source = sources[source_id].record
                assert isinstance(source, Source)
                if source.kind == "machine-translation" or source.url is None:
                    report(located, where + (field_name, index), "unusable-source",
                           f"{source_id!r} ({source.kind}{', no URL' if source.url is None else ''}) cannot "
                           "support an approved rendering; cite a published source or mark it unsourced")
    for index, context in enumerate(term.contexts):
        if context.source not in sources:
            report(located, where + ("contexts", index, "source"), "unknown-source",
                   f"no source has the id {context.source!r}")
    if term.sources and term.unsourced:
        report(located, where + ("unsourced",), "unsourced-with-sources",
               "the term cites sources and is marked unsourced; expected one or the other")
    if term.is_approved and language == "en" and not term.sources and not term.unsourced:
        report(located, where + ("term",), "missing-source",
               f"{term.status} rendering {term.term!r} cites no source; expected `sources:` "
               "or `unsourced: true`")


def _check_evidence(located: Located, where: tuple[str | int, ...], language: Language, term: Term,
                    sources: dict[str, Located], report: _Reporter) -> None:
    """A deprecated rendering is an error only with evidence that it circulates: a page where it was seen."""
    if term.status != "deprecated" or language != "en" or term.anticipated:
        return
    # A source without a URL is a document the project holds (the seed article in seeds/).
    if not term.seen_in:
        report(located, where + ("seen_in",), "deprecated-without-evidence",
               f"deprecated rendering {term.term!r} cites no page where it was seen; add `seen_in:` with a source "
               "that has a URL, or mark it `anticipated: true` if it is only expected")


def _check_deprecated(located: Located, where: tuple[str | int, ...], language: Language, term: Term,
                      approved_here: dict[str, str], approved: dict[tuple[Language, str], list[str]],
                      report: _Reporter) -> None:
    concept = located.record
    assert isinstance(concept, Concept)
    if term.sources:
        report(located, where + ("sources",), "deprecated-with-sources",
               f"a {term.status} term cites sources; list the evidence that it circulates under `seen_in`")
    if term.use_instead is None:
        report(located, where + ("term",), "missing-replacement",
               f"{term.status} term {term.term!r} has no `use_instead`; expected the preferred or admitted "
               "term to use instead")
    elif term_key(language, term.use_instead) not in approved_here:
        choices = "; ".join(repr(t) for t in approved_here.values()) or "none"
        report(located, where + ("use_instead",), "unknown-replacement",
               f"{term.use_instead!r} is not a preferred or admitted {language} term of {concept.id}; "
               f"expected one of: {choices}")
    clashes = approved.get((language, term_key(language, term.term)), [])
    if clashes:
        report(located, where + ("term",), "deprecated-is-approved",
               f"{term.term!r} is deprecated here but approved in {', '.join(sorted(set(clashes)))}; "
               "the linter would both require and forbid it")


def _check_family(located: Located, where: tuple[str | int, ...], language: Language, term: Term,
                  approved: dict[tuple[Language, str], list[str]], report: _Reporter) -> None:
    """A family expands within its cap, never to an approved rendering, and carries examples both ways."""
    from .families import PatternError, members

    assert term.pattern is not None
    if language != "en" or term.is_approved:
        report(located, where + ("pattern",), "family-pattern",
               f"a pattern is for deprecated or superseded English renderings, not a {term.status} {language} term")
        return
    try:
        wordings = members(term.pattern)
    except PatternError as error:
        report(located, where + ("pattern",), "family-pattern", str(error))
        return
    if term_key(language, term.term) not in {term_key(language, w) for w in wordings}:
        report(located, where + ("term",), "family-pattern",
               f"{term.term!r} is not a member of its pattern {term.pattern!r}")
    for wording in wordings:
        clashes = approved.get((language, term_key(language, wording)), [])
        if clashes:
            names = ", ".join(f"{concept_id} ({_approved_wording(located, concept_id, wording)})"
                              for concept_id in sorted(set(clashes)))
            report(located, where + ("pattern",), "deprecated-is-approved",
                   f"the family {term.pattern!r} has the member {wording!r}, which is approved in {names}")
    if not (term.examples.flagged and term.examples.not_flagged):
        report(located, where + ("pattern",), "family-examples",
               f"the family {term.pattern!r} needs `examples:` with `flagged` and `not_flagged` sentences")


def _approved_wording(located: Located, concept_id: str, wording: str) -> str:
    """How the approved rendering that a family member collides with is written (the member, if not at hand)."""
    concept = located.record
    if isinstance(concept, Concept) and concept.id == concept_id:
        key = term_key("en", wording)
        return next((repr(t.term) for t in concept.in_language("en") if t.is_approved and
                     term_key("en", t.term) == key), repr(wording))
    return repr(wording)
