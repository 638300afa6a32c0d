"""The linter on real text nobody on the project wrote (tests/data/realmt*/, see their READMEs).

Ordinary English from general web pages uses many words that are also calques of Chinese policy
terms ("stuck neck", "go out", "bullnose", "big cycle"); official English on Chinese policy uses the
approved renderings.  Both must stay silent.  Real machine translation must be caught: these are
floors under the figures ``bench/devset_lint.py`` reports, so that a change to the data or the rules
that loses much of what the dev set measures fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

import nqp_terms
from nqp_terms.linter import Linter

DATA = Path(__file__).parent / "data"
REAL = DATA / "realmt"
#: Every real-text set: the first dev set and the sets built blind in later sessions.  Their
#: official and ordinary excerpts must all stay silent.
REAL_SETS = sorted(DATA.glob("realmt*"))


def excerpts(name: str) -> list[dict[str, str]]:
    return [excerpt for folder in REAL_SETS for excerpt in yaml.safe_load((folder / name).read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(nqp_terms.load())


@pytest.mark.parametrize("excerpt", excerpts("ordinary.yaml"), ids=lambda e: e["id"])
def test_ordinary_english_draws_no_warning_or_error(linter: Linter, excerpt: dict[str, str]) -> None:
    assert [(f.rule, f.match) for f in linter.lint(excerpt["text"]) if f.severity in ("error", "warning")] == []


@pytest.mark.parametrize("excerpt", excerpts("official.yaml"), ids=lambda e: e["id"])
def test_official_english_draws_no_warning_or_error(linter: Linter, excerpt: dict[str, str]) -> None:
    assert [(f.rule, f.match) for f in linter.lint(excerpt["text"]) if f.severity in ("error", "warning")] == []


def test_real_machine_translation_is_caught_with_few_false_alarms() -> None:
    spec = importlib.util.spec_from_file_location("devset_lint", Path(__file__).parent.parent / "bench" / "devset_lint.py")
    assert spec is not None and spec.loader is not None
    devset = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = devset  # its dataclasses look their module up
    spec.loader.exec_module(devset)
    scores, _ = devset.evaluate(REAL, by_page=False)
    assert scores.calques > 150
    assert scores.found / scores.calques >= 0.75
    assert scores.term_findings_on_calques / scores.term_findings_on_mt >= 0.95
