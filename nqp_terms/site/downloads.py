"""The exports, built with the site from the same glossary, and the page that offers them.

Each format of :mod:`nqp_terms.formats` becomes one file under ``downloads/``,
so the files on the site always match the pages beside them.
"""

from __future__ import annotations

from ..formats import FORMATS, SUFFIXES, export
from ..glossary import Glossary
from .markup import generated_notice

#: What each format is for, in a line; the formats themselves are documented in nqp_terms.formats.
PURPOSE = {
    "tbx": "TBX v3 (TBX-Basic): the termbase exchange standard, for CAT tools and terminology systems",
    "tbx2": "TBX v2 (`martif`), for translate-toolkit, Weblate and older CAT tools",
    "csv": "one row per term, UTF-8, for spreadsheets and scripts",
    "csv-bom": "the same CSV with a byte-order mark, which Excel needs to read Chinese",
    "omegat": "OmegaT glossary (tab-separated); put it in the project's glossary folder",
    "json": "the whole glossary with sources, for programs",
    "prh": "a textlint-rule-prh dictionary: the calques as replacements",
    "vale": "a Vale substitution rule: the calques as replacements",
}


def download_name(format: str) -> str:
    """``nqp-terms.tbx`` for the main format of a suffix, ``nqp-terms-tbx2.tbx`` for the others."""
    suffix = SUFFIXES[format]
    return f"nqp-terms{suffix}" if suffix == f".{format}" else f"nqp-terms-{format}{suffix}"


def export_files(glossary: Glossary) -> dict[str, bytes]:
    """Every export of ``glossary``, ``{site path: content}``."""
    files = {}
    for format in FORMATS:
        content = export(glossary, format)
        files[f"downloads/{download_name(format)}"] = content if isinstance(content, bytes) else content.encode("utf-8")
    return files


def downloads_page(files: dict[str, bytes], *, guide: bool) -> str:
    """The page listing the export files; ``guide`` links the hand-written exports guide (docs/exports.md)."""
    out = [generated_notice("glossary/ by nqp_terms.formats"), "# Downloads 下载", "",
           "The whole glossary in the formats of CAT tools, linters and programs, exported from the same data "
           "as these pages when the site was built. `nqp-terms export --format FORMAT` makes the same files, "
           "and can select subject fields or statuses.", ""]
    if guide:
        out += ["How to load each format into your tools: [Exports](../exports.md).", ""]
    out += ["| format | file | size | what it is for |", "| --- | --- | --- | --- |"]
    for format in FORMATS:
        name = download_name(format)
        size = len(files[f"downloads/{name}"])
        out.append(f"| `{format}` | [{name}]({name}){{ download }} | {size / 1024:,.0f} KB "
                   f"| {PURPOSE.get(format, '')} |")
    return "\n".join(out) + "\n"
