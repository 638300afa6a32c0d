"""The home page: what the project is, a search box, and the seed article's calques marked by the linter.

The example paragraph is chosen, linted and marked at build time, so it always
shows what the current glossary and linter do to the seed article.
"""

from __future__ import annotations

from ..glossary import Glossary
from ..linter import Linter
from ..linter.finding import Finding
from ..linter.fix import match_case
from .markup import attr, generated_notice, md


def example_paragraph(text: str, linter: Linter) -> tuple[str, list[Finding]]:
    """The paragraph of ``text`` with the most findings that have a suggestion, and those findings."""
    best: tuple[str, list[Finding]] = ("", [])
    for paragraph in (p.strip() for p in text.split("\n")):
        findings = [f for f in linter.lint(paragraph) if f.suggestion]
        if len(findings) > len(best[1]) or not best[0]:
            best = (paragraph, findings)
    return best


def marked(paragraph: str, findings: list[Finding]) -> str:
    """``paragraph`` as Markdown, each finding struck through and followed by its correction."""
    out, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue  # overlapping findings: the first one wins, as --fix does
        out.append(md(paragraph[position:finding.start]))
        title = attr(f"{finding.rule} {finding.message}")
        correction = match_case(finding.match, finding.suggestion or "")
        target = f"concepts/{finding.concept}.md" if finding.concept else f"rules/{finding.name}.md"
        out.append(f'<del class="nqp-calque" title="{title}">{md(finding.match)}</del> '
                   f'<ins class="nqp-fix">[{md(correction)}]({target})</ins>')
        position = finding.end
    out.append(md(paragraph[position:]))
    return "".join(out)


def home_page(glossary: Glossary, seed_text: str, seed_name: str) -> str:
    paragraph, findings = example_paragraph(seed_text, Linter(glossary))
    deprecated = sum(len(c.deprecated("en")) for c in glossary)
    return "\n".join([
        "---", "search:", "  exclude: true", "---", generated_notice("glossary/ and the seed article"),
        "# nqp-terms", "",
        "A curated, sourced Chinese–English termbase for texts about **new quality productive forces** "
        "(<span lang=\"zh-Hans\">新质生产力</span>) and the economic policy discourse around them: for each "
        "concept, the rendering official English uses, where it was published, the acceptable alternatives, "
        "and the machine-translation calques to avoid. 一个有出处的中英术语库。", "",
        f"{len(glossary)} concepts · {deprecated} renderings not to use · {len(glossary.sources)} sources", "",
        '<form class="nqp-search" action="." method="get" role="search">'
        '<label for="nqp-q">Search the glossary 搜索术语</label> '
        '<input id="nqp-q" name="q" type="search" placeholder="揭榜挂帅, xinzhi shengchanli, bull nose">'
        ' <button type="submit">Search</button></form>', "",
        "Or browse [by pinyin](index/pinyin.md), [by English](index/english.md), "
        "[by subject field](index/subjects.md), the [calque list](index/calques.md) and the "
        "[lint rules](rules/index.md).", "",
        "## The seed example", "",
        f"One paragraph of the machine translation this project started from (`{seed_name}`), as "
        f"`nqp-terms lint` reads it with this glossary: {len(findings)} findings, each "
        "<del>struck through</del> and followed by the correction, linked to its concept page.", "",
        f'<div class="nqp-seed" markdown>\n\n{marked(paragraph, findings)}\n\n</div>', "",
        "## Use it", "",
        "- [The command line](usage/cli.md): `nqp-terms lint`, `check`, `lookup`, `search`, `validate`, "
        "`stats`, `normalize`.",
        "- [The Python library](usage/library.md).",
        "- [Linter output](lint-output.md): the JSON schema of findings.",
        "- [The bilingual check](check.md): what `check` accepts, skips and scores, and term accuracy.",
        "- [Downloads](downloads/index.md): the glossary as TBX, CSV, OmegaT and more, built with this site.", "",
    ])
