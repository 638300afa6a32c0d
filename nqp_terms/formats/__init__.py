"""Exchange formats: the glossary in the formats of CAT tools, linters and programs, and the files read back.

One module per format, its reader and writer together.  :func:`export` picks
a writer by name, after selecting the concepts and terms wanted
(:func:`~nqp_terms.formats.selection.select`).  Every export is
deterministic: the same glossary gives the same bytes.  TBX is read back by
:func:`nqp_terms.formats.tbx.read_tbx`; the segment pairs the bilingual check
reads come from :func:`nqp_terms.formats.bilingual.read_segments` (TSV,
XLIFF, TMX, PO).

===========  =====================================================  ========
format       what it is                                             returns
===========  =====================================================  ========
``tbx``      TBX v3, TBX-Basic dialect, DCA style (:mod:`.tbx`)     bytes
``tbx2``     TBX v2 ``martif`` for translate-toolkit and Weblate     bytes
``csv``      one row per term, UTF-8 (:mod:`.csv`)                  str
``csv-bom``  the same with a byte-order mark, for Excel             str
``omegat``   OmegaT tab-separated glossary (:mod:`.omegat`)         str
``json``     the whole glossary (:mod:`.json`)                      str
``prh``      textlint-rule-prh dictionary (:mod:`.prh`)             str
``vale``     a Vale substitution rule (:mod:`.vale`)                str
===========  =====================================================  ========

>>> import nqp_terms
>>> from nqp_terms.formats import FORMATS, export
>>> FORMATS
('csv', 'csv-bom', 'json', 'omegat', 'prh', 'tbx', 'tbx2', 'vale')
>>> export(nqp_terms.load(), "csv", statuses=["preferred"]).count(",deprecated,")
0
>>> export(nqp_terms.load(), "xlsx")
Traceback (most recent call last):
...
ValueError: unknown export format 'xlsx'; expected one of: csv, csv-bom, json, omegat, prh, tbx, tbx2, vale
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import import_module
from types import MappingProxyType

from ..glossary import Glossary
from .selection import select

# Format name -> (module, function).  Modules are imported when used, so that the
# command line does not load lxml for commands that export nothing.
_RENDERERS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "csv": ("csv", "render"),
    "csv-bom": ("csv", "render_with_bom"),
    "json": ("json", "render"),
    "omegat": ("omegat", "render"),
    "prh": ("prh", "render"),
    "tbx": ("tbx.write", "render"),
    "tbx2": ("tbx.v2", "render"),
    "vale": ("vale", "render"),
})
#: The export formats, by name.
FORMATS: tuple[str, ...] = tuple(sorted(_RENDERERS))

#: The file name suffix each format is usually saved with.
SUFFIXES: Mapping[str, str] = MappingProxyType({
    "csv": ".csv", "csv-bom": ".csv", "json": ".json", "omegat": ".utf8", "prh": ".yml", "tbx": ".tbx",
    "tbx2": ".tbx", "vale": ".yml",
})


def export(glossary: Glossary, format: str, *, subject_fields: Iterable[str] | None = None,
           statuses: Iterable[str] | None = None) -> str | bytes:
    """The glossary (or the part selected) in ``format``: ``bytes`` for TBX, ``str`` for the text formats."""
    if format not in _RENDERERS:
        raise ValueError(f"unknown export format {format!r}; expected one of: {', '.join(FORMATS)}")
    module, function = _RENDERERS[format]
    render = getattr(import_module(f".{module}", __name__), function)
    concepts = select(glossary, subject_fields=subject_fields, statuses=statuses)
    result: str | bytes = render(glossary, concepts)
    return result


__all__ = ["FORMATS", "SUFFIXES", "export", "select"]
