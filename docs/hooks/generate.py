"""MkDocs hook: add the pages generated from the glossary to the build (nothing is written to docs/).

The pages come from :func:`nqp_terms.site.site_pages`.  ``NQP_TERMS_SITE_GLOSSARY``
names another glossary directory to build from (the benchmark's synthetic
glossaries); by default the site shows the shipped glossary.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import nqp_terms
from nqp_terms.site import export_files, reference_nav, site_pages
from nqp_terms.site.search import segmenter_words
from nqp_terms.site.search_index import weigh_own_terms, without_concept_tags

SEED = Path("seeds") / "000_cc3756e0a130bcc6.txt"

# jieba (Material's Chinese segmenter) reports loading its dictionary at DEBUG level on stderr.
logging.getLogger("jieba").setLevel(logging.WARNING)


# The glossary the pages were built from, for the search index written after them.
_built: dict[str, nqp_terms.Glossary] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List every reference page in the navigation, under the "Reference" section of mkdocs.yml.

    The pages (one per public name and per command) are generated, so mkdocs.yml names only the
    section's two index pages and the list of the rest comes from the code.
    """
    for entry in config.nav or []:
        if isinstance(entry, dict) and "Reference" in entry:
            entry["Reference"] = reference_nav()
            return config
    raise PluginError('mkdocs.yml: the nav has no "Reference" section for the generated reference pages')


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).resolve().parent
    other = os.environ.get("NQP_TERMS_SITE_GLOSSARY")
    glossary = nqp_terms.load(other) if other else nqp_terms.load()
    _teach_the_segmenter(glossary)
    _built["glossary"] = glossary
    downloads = export_files(glossary)
    guide = files.get_file_from_path("exports.md") is not None
    generated: dict[str, str | bytes] = {**site_pages(glossary, root / SEED, downloads=downloads,
                                                      exports_guide=guide), **downloads}
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is generated from the glossary; remove the hand-written file")
        files.append(File.generated(config, path, content=content))
    return files


def _teach_the_segmenter(glossary: nqp_terms.Glossary) -> None:
    """Make each glossary term one word to jieba, with which Material's search plugin cuts the pages' Chinese.

    The pages are indexed after ``on_files``, so the words are in jieba's dictionary in time.  Without jieba
    (the ``docs`` extra not installed) the plugin does not segment, and there is nothing to teach.
    """
    try:
        import jieba
    except ImportError:
        return
    for word in segmenter_words(glossary):
        jieba.add_word(word)  # with the frequency jieba suggests to keep the word whole


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    """Weigh each concept's own Chinese in the search index, and drop the concept pages' tags from it.

    Why: :mod:`nqp_terms.site.search_index`.
    """
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file() or "glossary" not in _built:
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index = weigh_own_terms(without_concept_tags(index), _built["glossary"])
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
