"""The cache of validated glossaries: same records as validation gives, rebuilt when stale or damaged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE

import nqp_terms
from nqp_terms.termbase.layout import shipped_glossary_path
from nqp_terms.termbase.validation import as_data


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("NQP_TERMS_CACHE", str(directory))
    return directory


def _everything(glossary: nqp_terms.Glossary) -> list[object]:
    # Records compare on their ids alone; compare every field instead.
    data = glossary.data
    return [*map(as_data, data.concepts), *map(as_data, data.sources), *map(as_data, data.subject_fields),
            data.spelling_variants]


def test_the_cache_gives_back_exactly_what_validation_gave(cache_dir: Path) -> None:
    validated = nqp_terms.load(shipped_glossary_path(), use_cache=False)
    written = nqp_terms.load(shipped_glossary_path())
    assert len(list(cache_dir.glob("glossary-*"))) == 1
    cached = nqp_terms.load(shipped_glossary_path())
    assert _everything(cached) == _everything(written) == _everything(validated)
    assert cached.lookup("Bull nose").use_instead == validated.lookup("Bull nose").use_instead


def test_a_lookup_from_the_cache_does_not_import_pydantic(cache_dir: Path) -> None:
    env = {**os.environ, "NQP_TERMS_CACHE": str(cache_dir)}
    code = ("import sys, nqp_terms\nprint(nqp_terms.lookup('揭榜挂帅').concept.id)\n"
            "print('pydantic' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert first.stdout.split() == ["jiebang-guashuai", "True"]  # the first run validated the YAML
    assert again.stdout.split() == ["jiebang-guashuai", "False"]


def test_a_damaged_cache_file_is_rebuilt_not_trusted(cache_dir: Path) -> None:
    nqp_terms.load(FIXTURE)
    (cached,) = cache_dir.glob("glossary-*")
    whole = cached.read_bytes()
    middle = len(whole) // 2
    flipped = whole[:middle] + bytes([whole[middle] ^ 0x20]) + whole[middle + 1:]
    for damaged in (whole[: len(whole) // 3], b"\x00\x01", b"", flipped):
        cached.write_bytes(damaged)
        glossary = nqp_terms.load(FIXTURE, use_cache=True)
        assert glossary.lookup("bull nose").concept.id == "niubizi"
        assert cached.read_bytes() == whole  # written again, whole


def test_editing_a_glossary_file_invalidates_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "glossary"
    shutil.copytree(FIXTURE, copy)
    assert nqp_terms.load(copy).concept("niubizi").en == "crux"
    path = copy / "concepts" / "niubizi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("term: crux", "term: crux of the matter")
                    .replace("use_instead: crux", "use_instead: crux of the matter"), encoding="utf-8")
    assert nqp_terms.load(copy).concept("niubizi").en == "crux of the matter"


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("NQP_TERMS_CACHE", "off")
    nqp_terms.load(FIXTURE)
    assert not any(tmp_path.iterdir())
