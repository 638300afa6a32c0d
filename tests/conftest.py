"""Shared fixtures: the frozen test glossary and writable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import nqp_terms

FIXTURE = Path(__file__).parent / "fixtures" / "glossary"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def glossary() -> nqp_terms.Glossary:
    """The tiny frozen glossary the logic tests run against."""
    return nqp_terms.load(FIXTURE, use_cache=False)


@pytest.fixture()
def glossary_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture glossary, for planting errors."""
    target = tmp_path / "glossary"
    shutil.copytree(FIXTURE, target)
    return target
