"""Official English quoted in the glossary is what the linter must accept.

Every term's ``contexts`` are sentences as an official or state-media page printed them.  Linting
them is a check of the data and of the rules together: no error may fire on them, and the
missing-hyphen rule may not fire on a form that official English itself prints.
"""

from __future__ import annotations

import pytest

import nqp_terms
from nqp_terms.linter import Linter


def official_contexts() -> list[tuple[str, str]]:
    glossary = nqp_terms.load()
    found = []
    for concept in glossary:
        for term in concept.terms.get("en", ()):
            for context in term.contexts:
                source = glossary.sources.get(context.source)
                if source is not None and source.kind in ("official", "state-media"):
                    found.append((concept.id, context.text))
    return found


def test_no_official_context_is_an_error_or_a_missing_hyphen() -> None:
    linter = Linter(nqp_terms.load())
    contexts = official_contexts()
    assert len(contexts) > 500
    wrong = [(concept, f.rule, f.match, text) for concept, text in contexts for f in linter.lint(text)
             if f.severity == "error" or f.rule == "NQP007"]
    assert wrong == []


@pytest.mark.parametrize("text", [
    "China aims to promote its ice and snow economy as a new growth point",  # People's Daily, 2024
    "China will accelerate efforts to build a high standard market system",  # Xinhua on SCIO, 2024
])
def test_a_hyphen_official_english_drops_itself_is_not_required(text: str) -> None:
    assert [f.rule for f in nqp_terms.lint(text)] == []


def test_a_hyphen_official_english_always_writes_is_still_required() -> None:
    assert [f.rule for f in nqp_terms.lint("We will pursue high quality development.")] == ["NQP007"]
