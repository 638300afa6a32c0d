"""The reference site's pages, generated from a glossary at build time and never committed.

:func:`site_pages` returns every generated page as Markdown keyed by its path in
the docs tree; ``docs/hooks/generate.py`` hands them to MkDocs.  Nothing here
imports MkDocs.

>>> import nqp_terms
>>> from pathlib import Path
>>> pages = site_pages(nqp_terms.load(), Path("seeds/000_cc3756e0a130bcc6.txt"))
>>> "concepts/jiebang-guashuai.md" in pages, "rules/deprecated-rendering.md" in pages
(True, True)
>>> "reference/api/lookup.md" in pages, "reference/cli/lookup.md" in pages
(True, True)
"""

from __future__ import annotations

from pathlib import Path

from ..glossary import Glossary
from ..linter.rules import RULES
from .concepts import concept_page, concept_path
from .downloads import downloads_page, export_files
from .home import home_page
from .reference import reference_nav, reference_pages
from .indexes import by_english, by_pinyin, by_subject, calque_list
from .rules import rule_page, rule_path, rules_index
from .usage import cli_page, library_page

__all__ = ["export_files", "reference_nav", "site_pages"]


def site_pages(glossary: Glossary, seed: Path, *, downloads: dict[str, bytes] | None = None,
               exports_guide: bool = False) -> dict[str, str]:
    """Every generated page, ``{docs path: Markdown}``, for ``glossary`` and the seed article at ``seed``.

    ``downloads`` are the export files (:func:`export_files`) the downloads page offers;
    ``exports_guide`` says that ``docs/exports.md`` exists to link to.
    """
    downloads = export_files(glossary) if downloads is None else downloads
    pages = {"downloads/index.md": downloads_page(downloads, guide=exports_guide),
             "index.md": home_page(glossary, seed.read_text(encoding="utf-8"), seed.name),
             "index/pinyin.md": by_pinyin(glossary),
             "index/english.md": by_english(glossary),
             "index/subjects.md": by_subject(glossary),
             "index/calques.md": calque_list(glossary),
             "rules/index.md": rules_index(),
             "usage/cli.md": cli_page(seed),
             "usage/library.md": library_page()}
    pages.update({concept_path(c.id): concept_page(glossary, c) for c in glossary})
    pages.update({rule_path(r): rule_page(r) for r in RULES.values()})
    pages.update(reference_pages())
    return pages

