"""What reading one TBX file gathers as it goes: warnings, sources, subject fields and counts.

Every fitting of a foreign file to the glossary's rules is reported, never
done silently: the counts become the summary warnings of
:func:`summary_warnings`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ...termbase.model import Language, SubjectField
from .sources import SourceRegistry


@dataclass
class ReadState:
    """The reader's running state for one file."""

    sources: SourceRegistry
    warnings: list[str]
    default_language: Language | None
    shipped_fields: list[SubjectField]
    #: Subject fields described in ``back``, by their ``refObject`` id (``field.<id>``).
    described_fields: dict[str, SubjectField] = field(default_factory=dict)
    #: Subject fields the concepts use, by id.
    fields: dict[str, SubjectField] = field(default_factory=dict)
    skipped_languages: Counter[str] = field(default_factory=Counter)
    generated_pinyin: int = 0
    marked_unsourced: int = 0
    dropped_history: int = 0  # transacGrp: who changed what when; the glossary's history is git


def summary_warnings(state: ReadState) -> None:
    """Add the warnings that count what was fitted or left out across the whole file."""
    if state.skipped_languages:
        listed = ", ".join(repr(tag) for tag in sorted(state.skipped_languages))
        state.warnings.insert(0, f"left out {sum(state.skipped_languages.values())} langSec elements in "
                                 f"languages nqp-terms does not hold: {listed}")
    if state.generated_pinyin:
        state.warnings.append(f"{state.generated_pinyin} Simplified Chinese terms had no pinyin; pypinyin's "
                              "reading was added, marked in each term's note for review")
    if state.dropped_history:
        state.warnings.append(f"{state.dropped_history} transacGrp elements (change history) were left out")
    if state.marked_unsourced:
        state.warnings.append(f"{state.marked_unsourced} approved English terms cite no published source "
                              "with a URL and are marked unsourced")
