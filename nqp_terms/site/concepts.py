"""One page per concept, at ``concepts/<id>/``: the URL the linter's findings point to.

A translator opens it to learn how to render a term: the preferred English
large and copyable, the acceptable alternatives, the renderings not to use and
why, and where each rendering was published.  A rendering that cites no
publication is marked as unsourced, of low reliability.
"""

from __future__ import annotations

from ..glossary import Glossary
from ..termbase.model import Concept, Source, Term
from ..termbase.stats import evidence_class
from .markup import attr, generated_notice, html_text, md, toneless
from .search import prefix_keys, search_boost, search_title


def concept_path(concept_id: str) -> str:
    """Where a concept's page lives in the docs tree; it is served at ``concepts/<id>/``."""
    return f"concepts/{concept_id}.md"


def source_line(source: Source) -> str:
    """A source as a Markdown list item: publisher, linked title, date, when accessed, kind."""
    title = f"[{md(source.title)}]({source.url})" if source.url else f"*{md(source.title)}* (not online)"
    date = source.date or "undated"
    note = f" {md(source.note)}" if source.note else ""
    return (f"{md(source.publisher)}, {title}, {date}; accessed {source.accessed}; "
            f"*{source.kind}*.{note} <span class=\"nqp-source-id\">`{source.id}`</span>")


#: What each evidence class tells a translator, shown as the label's tooltip.
_EVIDENCE_HINTS = {
    "official first-hand": "printed on the government or Party publisher's own site",
    "state media first-hand": "printed on the state news outlet's own site",
    "copy": "an official or state-media text read on another site that names its original",
    "third party": "printed by other media, academics or organisations",
}


def _reliability(glossary: Glossary, term: Term) -> str:
    level = glossary.reliability(term)
    if not term.sources:
        return ('<span class="nqp-unsourced" title="no publication of this rendering was found">'
                "unsourced · low reliability</span>")
    evidence = evidence_class(glossary, term)
    return (f'<span class="nqp-reliability nqp-{level}" title="{_EVIDENCE_HINTS.get(evidence, "")}">'
            f"{evidence} · {level} reliability</span>")


def _cited(glossary: Glossary, ids: tuple[str, ...]) -> str:
    parts = []
    for source_id in ids:
        source = glossary.sources.get(source_id)
        if source is None:
            parts.append(f"`{source_id}`")
        elif source.url:
            parts.append(f"[{md(source.publisher)}, {source.date or 'undated'}]({source.url})")
        else:
            parts.append(f"{md(source.publisher)}, {source.date or 'undated'}")
    return "; ".join(parts)


def _term_details(glossary: Glossary, term: Term) -> list[str]:
    lines = []
    if term.sources:
        lines.append(f"    - Sources: {_cited(glossary, term.sources)}")
    for label, value in (("Usage", term.usage_note), ("Note", term.note)):
        if value:
            lines.append(f"    - {label}: {md(value)}")
    for context in term.contexts:
        lines.append(f"    - Context: “{md(context.text)}” ({_cited(glossary, (context.source,))})")
    return lines


def _chinese_table(concept: Concept) -> list[str]:
    lines = ["| | term | pinyin |", "| --- | --- | --- |"]
    for language, label in (("zh-Hans", "Simplified 简体"), ("zh-Hant", "Traditional 繁體")):
        for term in concept.in_language(language):  # type: ignore[arg-type]
            pinyin = term.pinyin or concept.pinyin or ""
            plain = f" ({md(toneless(pinyin))})" if pinyin and toneless(pinyin) != pinyin else ""
            status = "" if term.status == "preferred" else f" *{term.status}*"
            lines.append(f"| {label} | <span lang=\"{language}\">{md(term.term)}</span>{status} "
                         f"| {md(pinyin)}{plain} |")
    return lines


def concept_page(glossary: Glossary, concept: Concept) -> str:
    """The Markdown of one concept's page."""
    fields = [glossary.subject_fields[f] for f in concept.subject_fields if f in glossary.subject_fields]
    preferred = concept.preferred("en")
    zh = concept.zh or concept.id
    # The title is what search ranks first and shows: the Chinese, the English and the pinyin (see .search).
    title = search_title(concept)
    out = ["---", f"title: {_yaml_string(title)}", "tags:"]
    out += [f"  - {_yaml_string(f.en)}" for f in fields]
    out += ["search:", f"  boost: {search_boost(title)}", "---",
            generated_notice(f"glossary/concepts/{concept.id}.yaml")]
    out.append(f"# <span lang=\"zh-Hans\">{md(zh)}</span> {{ #{concept.id} }}")
    out.append("")
    out += _chinese_table(concept)
    out.append("")
    # The glossary's own words, each as one searchable line: toneless pinyin and the id as people type them.
    # Each reading is given spaced and run together ("xinzhi shengchanli", "xinzhishengchanli"), so a query for
    # this concept's pinyin matches it more often than a longer concept whose pinyin merely contains it.
    readings = {toneless(t.pinyin) for t in concept.in_language("zh-Hans") if t.pinyin}
    keywords = sorted(readings | {r.replace(" ", "") for r in readings} | {concept.id.replace("-", " ")})
    out.append(f'<p class="nqp-keywords">Also searched as: {html_text(", ".join(keywords))}</p>')
    # For the search index only, so hidden: each term without its last character, the longest prefix
    # Material's query segmenter can use, which makes it search the term whole (see .search).
    keys = prefix_keys(concept)
    if keys:
        out.append(f'<p class="nqp-search-keys" lang="zh" hidden>{html_text(" ".join(keys))}</p>')
    out.append("")
    if preferred:
        out += ["## Preferred English", "",
                "<div class=\"nqp-preferred\" markdown>", "", "```text", preferred.term, "```", "", "</div>", "",
                f"{_reliability(glossary, preferred)} {_term_meta(preferred)}", ""]
        out += [line[4:] for line in _term_details(glossary, preferred)]
        out.append("")
    else:
        out += ["## Preferred English", "", "No approved English rendering yet.", ""]
    alternatives = [t for t in concept.in_language("en") if t.is_approved and t is not preferred]
    if alternatives:
        out += ["## Acceptable alternatives", ""]
        for term in alternatives:
            out.append(f"- **{md(term.term)}** {_reliability(glossary, term)} {_term_meta(term)}")
            out += _term_details(glossary, term)
        out.append("")
    bad = concept.deprecated("en")
    if bad:
        out += ["## Do not use", "", "| rendering | status | why | use instead | seen in |",
                "| --- | --- | --- | --- | --- |"]
        for term in bad:
            out.append(f"| <del>{md(term.term)}</del> | {term.status} | {md(term.reason or '')} "
                       f"| **{md(term.use_instead or '')}** | {_cited(glossary, term.seen_in)} |")
        out.append("")
        # A superseded rendering was official English once: where it was printed is worth showing.
        for term in bad:
            for context in term.contexts:
                out.append(f"- {term.status} <del>{md(term.term)}</del> in use: “{md(context.text)}” "
                           f"({_cited(glossary, (context.source,))})")
        out.append("")
    definition = concept.definition
    if definition.en or definition.zh_hans:
        out += ["## Definition", ""]
        if definition.en:
            out += [md(definition.en), ""]
        if definition.zh_hans:
            out += [f'<p lang="zh-Hans">{html_text(definition.zh_hans)}</p>', ""]
    if concept.usage_note or concept.note:
        out += ["## Usage notes", ""]
        out += [md(text) + "\n" for text in (concept.usage_note, concept.note) if text]
    if concept.related:
        out += ["## Related concepts", ""]
        for related_id in concept.related:
            related = glossary.concepts.get(related_id)
            label = f"{related.zh} · {related.en}" if related else related_id
            out.append(f"- [{md(label)}]({related_id}.md)")
        out.append("")
    out += ["## Subject fields", ""]
    out += [f"- [{md(f.en)} · {md(f.zh)}](../index/subjects.md#{f.id})" for f in fields]
    out.append("")
    cited = _sources_of(concept)
    if cited:
        out += ["## Sources", ""]
        out += [f"- {source_line(glossary.sources[s])}" for s in cited if s in glossary.sources]
        out.append("")
    out.append(f'<p class="nqp-page-url">Concept id <code>{concept.id}</code>; '
               f'edit <code>glossary/concepts/{attr(concept.id)}.yaml</code>.</p>')
    return "\n".join(out) + "\n"


def _term_meta(term: Term) -> str:
    meta: list[str] = [term.term_type] if term.term_type != "fullForm" else []
    meta += [v for v in (term.pos, term.grammatical_number, term.geographical_usage) if v]
    return f"<small>{md(', '.join(meta))}</small>" if meta else ""


def _sources_of(concept: Concept) -> list[str]:
    seen: dict[str, None] = {}
    for term in (t for language in ("zh-Hans", "zh-Hant", "en") for t in concept.in_language(language)):  # type: ignore[arg-type]
        for source_id in (*term.sources, *term.seen_in, *(c.source for c in term.contexts)):
            seen.setdefault(source_id, None)
    return list(seen)


def _yaml_string(text: str) -> str:
    # A JSON string is a valid YAML flow scalar, whatever quotes or colons the text holds.
    import json

    return json.dumps(" ".join(text.split()), ensure_ascii=False)
