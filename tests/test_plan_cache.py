"""The compiled matcher plan, cached beside the glossary: same findings warm or cold, rebuilt when it must be."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.glossary import Glossary
from nqp_terms.linter.engine import Linter
from nqp_terms.linter.plan import LazyRendering, plan_file, read_plan
from nqp_terms.termbase.cache import signed
from nqp_terms.termbase.layout import shipped_glossary_path

REPO = Path(__file__).resolve().parent.parent
SEED = (REPO / "seeds" / "000_cc3756e0a130bcc6.txt").read_text(encoding="utf-8")


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("NQP_TERMS_CACHE", str(directory))
    return directory


@pytest.fixture()
def glossary_dir(tmp_path: Path) -> Path:
    """A copy of the shipped glossary, so that the test can change a file of it."""
    target = tmp_path / "glossary"
    shutil.copytree(shipped_glossary_path(), target)
    return target


def warm_linter(path: Path, engine: str = "aho-corasick") -> Linter:
    linter = Linter(Glossary.from_paths(path), engine=engine)
    linter.lint("warm up")
    return linter


def examples(glossary: Glossary) -> list[str]:
    return [sentence for concept in glossary for term in concept.in_language("en")
            for sentence in (*term.examples.flagged, *term.examples.not_flagged)]


@pytest.mark.parametrize("engine", ["aho-corasick", "python"])
def test_a_warm_linter_finds_what_a_cold_one_does(cache: Path, glossary_dir: Path, engine: str) -> None:
    cold = warm_linter(glossary_dir, engine)
    assert cold._plans.cached is None and plan_file(cold.glossary, engine).is_file()
    warm = warm_linter(glossary_dir, engine)
    assert warm._plans.cached is not None and warm._plans.cached.plan is not None
    uncached = Linter(nqp_terms.load(glossary_dir, use_cache=False), engine=engine)
    sentences = examples(uncached.glossary)
    assert len(sentences) > 50
    for text in [SEED, *sentences]:
        assert warm.lint(text) == uncached.lint(text) == cold.lint(text), text


def test_a_warm_linter_builds_only_the_concepts_its_findings_need(cache: Path, glossary_dir: Path) -> None:
    warm_linter(glossary_dir)
    linter = Linter(Glossary.from_paths(glossary_dir))
    (finding,) = linter.lint("We must grasp the “Bull nose” of reform.")
    assert finding.concept == "niubizi"
    concepts = linter.glossary.data.concepts
    assert all(isinstance(r, LazyRendering) for r in linter.terms.renderings)
    assert concepts.built <= 3 < len(concepts)  # type: ignore[attr-defined]


def test_a_changed_glossary_file_gets_a_new_plan(cache: Path, glossary_dir: Path) -> None:
    first = plan_file(warm_linter(glossary_dir).glossary, "aho-corasick")
    concept = glossary_dir / "concepts" / "niubizi.yaml"
    text = concept.read_text(encoding="utf-8")
    assert "    - term: high on the agenda\n" in text
    concept.write_text(text.replace("    - term: high on the agenda\n", "    - term: high on the to-do list\n"),
                       encoding="utf-8")
    linter = warm_linter(glossary_dir)
    assert plan_file(linter.glossary, "aho-corasick") != first and linter._plans.cached is None
    patterns = linter.terms.matcher.patterns
    assert " high on the to do list " in patterns and " high on the agenda " not in patterns


def test_a_damaged_or_foreign_plan_is_rebuilt_not_trusted(cache: Path, glossary_dir: Path) -> None:
    path = plan_file(warm_linter(glossary_dir).glossary, "aho-corasick")
    assert path is not None and read_plan(path) is not None
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF  # a flipped byte: the signature no longer fits
    path.write_bytes(bytes(content))
    assert read_plan(path) is None
    # Signed, well-formed files whose numbers do not fit: the shape checks refuse them.
    good = {"format": 2, "concept_numbers": [0], "term_numbers": [0], "keys": [" crux "], "flat": [0],
            "ends": [1], "plan": None}
    path.write_bytes(signed(marshal.dumps(good)))
    assert read_plan(path) is not None
    for bad in ({"flat": [5]}, {"ends": [2]}, {"ends": [0]}, {"concept_numbers": [-1]}, {"term_numbers": []},
                {"keys": [" crux ", " nose "]}, {"plan": {"always": ("renderings", [3])}}, {"format": 1}):
        path.write_bytes(signed(marshal.dumps({**good, **bad})))
        assert read_plan(path) is None, bad
    linter = warm_linter(glossary_dir)  # builds afresh and stores a good plan again
    assert linter.lint("the Bull nose")[0].rule == "NQP001"
    assert read_plan(path) is not None


def test_a_glossary_made_in_memory_has_no_plan_file(cache: Path) -> None:
    glossary = nqp_terms.load(shipped_glossary_path(), use_cache=False)
    assert plan_file(glossary, "aho-corasick") is None
    assert Linter(glossary).lint("the Bull nose")[0].suggestion == "crux"
