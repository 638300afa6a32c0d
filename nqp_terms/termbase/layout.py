"""Where glossary files are and which role each plays: the layout of a glossary directory on disk.

A glossary directory holds ``concepts/*.yaml``, ``sources/*.yaml``,
``subject-fields.yaml`` and ``spelling-variants.yaml`` (see
``glossary/README.md``).  Discovery (:func:`find_files`) and the cache key
(:mod:`nqp_terms.termbase.cache`) share one definition of a glossary file,
:data:`YAML_SUFFIXES`.

>>> files, problems = find_files([shipped_glossary_path()])
>>> problems, len(files.subject_fields), len(files.spelling_variants)
([], 1, 1)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Problem

#: What counts as a glossary file, for discovery and for the cache key alike.
YAML_SUFFIXES = (".yaml", ".yml")


def shipped_glossary_path() -> Path:
    """The glossary that ships with the package.

    In a wheel it is packaged as ``nqp_terms/_glossary``; in a source checkout
    (an editable install) it is the repository's ``glossary/`` folder.
    """
    # A path beside the package rather than importlib.resources: the glossary is
    # read as files (walked, stat'ed for the cache key), which a zipped package
    # could not offer anyway, and importlib.resources costs 15 ms to import.
    packaged = Path(__file__).parent.parent / "_glossary"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "glossary"


# ------------------------------------------------------------ discovery


@dataclass
class GlossaryFiles:
    """The files of one or more glossary directories, sorted by role."""

    concepts: list[Path] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)
    subject_fields: list[Path] = field(default_factory=list)
    spelling_variants: list[Path] = field(default_factory=list)
    publishers: list[Path] = field(default_factory=list)

    def all(self) -> list[Path]:
        return [*self.subject_fields, *self.spelling_variants, *self.publishers, *self.sources, *self.concepts]


def find_files(paths: Iterable[Path]) -> tuple[GlossaryFiles, list[Problem]]:
    """Sort the YAML files under ``paths`` by role; a directory without any is a problem."""
    files = GlossaryFiles()
    problems: list[Problem] = []
    for path in paths:
        if path.is_file():
            _classify(path, files)
        elif path.is_dir():
            found = sorted(
                Path(folder, name)
                for folder, _, names in os.walk(path)
                for name in names
                if name.endswith(YAML_SUFFIXES)
            )
            for file in found:
                _classify(file, files)
            if not found:
                problems.append(Problem(file=str(path), line=None, concept=None, field=None, code="no-glossary-files",
                                        message="no glossary files (*.yaml) in this directory"))
        else:
            problems.append(Problem(file=str(path), line=None, concept=None, field=None, code="file-unreadable",
                                    message="no such file or directory"))
    return files, problems


def _classify(path: Path, files: GlossaryFiles) -> None:
    if path.suffix not in YAML_SUFFIXES:
        files.concepts.append(path)  # reported as unreadable YAML, not silently ignored
    elif path.stem == "subject-fields":
        files.subject_fields.append(path)
    elif path.stem == "spelling-variants":
        files.spelling_variants.append(path)
    elif path.stem == "publishers":
        files.publishers.append(path)
    elif path.parent.name == "sources":
        files.sources.append(path)
    else:
        files.concepts.append(path)
