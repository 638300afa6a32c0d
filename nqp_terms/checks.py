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

from .hanzi import simplified_only, traditional_only
from .keys import chinese_key, english_key
from .model import Concept, Language, Problem, Source, SubjectField, Term
from .pinyin import HAN, reading_problem
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
    "deprecated-with-sources": "a deprecated term cites sources (use seen_in for evidence of a bad rendering)",
    "unknown-concept": "a related concept id does not exist",
    "lookup-form-without-term": "lookup forms for a language that has no term",
    "linter-form": "an English term the linter reads otherwise than it is written: nothing left (dashes only), "
                   "only stop words (it would match everywhere), or punctuation it drops (a trailing full stop)",
}
# Words that say nothing alone: a rendering made only of them would match in almost every sentence.
_STOP_WORDS = frozenset("a an and as at be but by for from in into is it its of on or so than that the this to "
                        "was were with".split())
_DROPPED_PUNCTUATION = ".!?,;:。！？，；：…"


@dataclass(frozen=True)
class Located:
    """A validated record and where it was written.

    ``dropped`` holds the ``(language, term)`` pairs of terms left out because they failed the schema
    (already reported): a rule must not report them again as missing.
    """

    record: Concept | Source | SubjectField
    document: YamlDocument
    path: tuple[str | int, ...]
    dropped: frozenset[tuple[str, str]] = frozenset()


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


def check(concepts: list[Located], sources: dict[str, Located], subject_fields: set[str]) -> list[Problem]:
    """Run every cross-record rule and return the problems, in file order."""
    report = _Reporter()
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
        _check_concept(located, by_id, sources, subject_fields, approved, report)
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
                   report: _Reporter) -> None:
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
            if language == "en":
                for message in _linter_form_problems(term.term):
                    report(located, where + ("term",), "linter-form", message)
            _check_chinese(located, where, language, term, report)
            _check_sources(located, where, language, term, sources, report)
            if not term.is_approved:
                _check_deprecated(located, where, language, term, approved_here, approved, report)


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


def _linter_form_problems(text: str) -> Iterator[str]:
    """What the linter's canonical form of an English rendering loses (see ``lint.matcher``).

    >>> list(_linter_form_problems("—"))
    ["'—' is matched by the linter as '': nothing is left, so it can never match"]
    >>> list(_linter_form_problems("the"))
    ["'the' is matched by the linter as 'the': only stop words, so it would match almost every sentence"]
    >>> list(_linter_form_problems("crux."))
    ["'crux.' is matched by the linter as 'crux': the '.' at its end is dropped; write the term without it"]
    >>> list(_linter_form_problems("new quality productive forces"))
    []
    """
    from .lint.matcher import canonical  # deferred: only validation needs the linter's form

    form = canonical(text)
    shown = f"{text!r} is matched by the linter as {form!r}"
    if not form:
        yield f"{shown}: nothing is left, so it can never match"
        return
    if all(word in _STOP_WORDS for word in form.split()):
        yield f"{shown}: only stop words, so it would match almost every sentence"
    stripped = text.strip()
    for end, character in (("end", stripped[-1:]), ("start", stripped[:1])):
        if character and character in _DROPPED_PUNCTUATION:
            yield f"{shown}: the {character!r} at its {end} is dropped; write the term without it"
    inner = stripped[1:-1]
    for mark in ".!?。！？":
        if f"{mark} " in inner:
            yield f"{shown}: {mark!r} inside ends a sentence, and no match spans a sentence end"
            break


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
    elif term_key(language, term.use_instead) not in approved_here and not any(
            dropped_language == language and term_key(language, dropped) == term_key(language, term.use_instead)
            for dropped_language, dropped in located.dropped):  # a term the schema refused is reported already
        choices = "; ".join(repr(t) for t in approved_here.values()) or "none"
        report(located, where + ("use_instead",), "unknown-replacement",
               f"{term.use_instead!r} is not a preferred or admitted {language} term of {concept.id}; "
               f"expected one of: {choices}")
    clashes = approved.get((language, term_key(language, term.term)), [])
    if clashes:
        report(located, where + ("term",), "deprecated-is-approved",
               f"{term.term!r} is deprecated here but approved in {', '.join(sorted(set(clashes)))}; "
               "the linter would both require and forbid it")
