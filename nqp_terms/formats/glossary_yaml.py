"""The glossary's own format: records written as a glossary directory of YAML files.

The layout is the one :mod:`nqp_terms.termbase.layout` reads: one file per
concept under ``concepts/``, the sources in ``sources/``, and
``subject-fields.yaml``.  The TBX import writes what it read this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ..termbase.model import Concept, Source, SubjectField
from ..termbase.validation import as_data


class Records(Protocol):
    """The records to write (:class:`~nqp_terms.formats.tbx.read.ImportedGlossary` is one)."""

    @property
    def concepts(self) -> Sequence[Concept]: ...

    @property
    def sources(self) -> Sequence[Source]: ...

    @property
    def subject_fields(self) -> Sequence[SubjectField]: ...


def write_glossary(imported: Records, directory: Path) -> list[Path]:
    """Write the records as a glossary directory (concepts/, sources/, subject-fields.yaml); return the files."""
    import yaml

    def dump(value: Any) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)

    written = []
    (directory / "concepts").mkdir(parents=True, exist_ok=True)
    for concept in imported.concepts:
        path = directory / "concepts" / f"{concept.id}.yaml"
        path.write_text(dump(as_data(concept, exclude_defaults=True)), encoding="utf-8")
        written.append(path)
    if imported.sources:
        (directory / "sources").mkdir(exist_ok=True)
        path = directory / "sources" / "imported.yaml"
        path.write_text(dump([as_data(s, exclude_defaults=True) for s in imported.sources]),
                        encoding="utf-8")
        written.append(path)
    if imported.subject_fields:
        path = directory / "subject-fields.yaml"
        path.write_text(dump([as_data(f) for f in imported.subject_fields]), encoding="utf-8")
        written.append(path)
    return written
