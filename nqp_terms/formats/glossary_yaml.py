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

    from ..safe_write import create_new, ensure_directory

    def write(path: Path, value: Any) -> None:
        # Each file is new (O_EXCL, never through a symlink): an import never overwrites anything.
        create_new(path, dump(value).encode("utf-8"))
        written.append(path)

    written: list[Path] = []
    ensure_directory(directory)
    ensure_directory(directory / "concepts")
    for concept in imported.concepts:
        write(directory / "concepts" / f"{concept.id}.yaml", as_data(concept, exclude_defaults=True))
    if imported.sources:
        ensure_directory(directory / "sources")
        write(directory / "sources" / "imported.yaml", [as_data(s, exclude_defaults=True) for s in imported.sources])
    if imported.subject_fields:
        write(directory / "subject-fields.yaml", [as_data(f) for f in imported.subject_fields])
    return written
