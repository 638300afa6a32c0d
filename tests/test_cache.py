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


def _reads_of_contents(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The glossary files whose content the cache key reads from now on."""
    from nqp_terms.termbase import cache

    reads: list[str] = []
    content_hash = cache._content_hash
    monkeypatch.setattr(cache, "_content_hash", lambda path: reads.append(path) or content_hash(path))
    return reads


def test_a_warm_run_finds_the_key_from_the_files_status_alone(cache_dir: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from nqp_terms.termbase import cache

    copy = tmp_path / "glossary"
    shutil.copytree(FIXTURE, copy)
    monkeypatch.setattr(cache, "SETTLED_SECONDS", -3600.0)  # as if the files were written an hour ago
    first = nqp_terms.load(copy)
    assert len(list(cache_dir.glob("key-*"))) == 1  # the key, remembered under the files' status
    reads = _reads_of_contents(monkeypatch)
    again = nqp_terms.load(copy)
    assert reads == [] and again.origin == first.origin
    # Rewritten in place with the same size and modification time: the change time moved, so it is read.
    path = copy / "concepts" / "niubizi.yaml"
    status = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("term: crux\n", "term: xurc\n").replace(
        "use_instead: crux\n", "use_instead: xurc\n"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    assert nqp_terms.load(copy).concept("niubizi").en == "xurc"
    assert str(path) in reads


def test_files_written_moments_ago_are_read_on_every_run(cache_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Within one tick of the file clock a rewrite can keep the change time: such files' status proves nothing.
    from nqp_terms.termbase import cache

    copy = tmp_path / "glossary"
    shutil.copytree(FIXTURE, copy)
    monkeypatch.setattr(cache, "SETTLED_SECONDS", 3600.0)  # as if every file had been written this instant
    nqp_terms.load(copy)
    assert not list(cache_dir.glob("key-*"))
    reads = _reads_of_contents(monkeypatch)
    nqp_terms.load(copy)
    assert len(reads) == len(list(copy.rglob("*.yaml")))


def test_a_remembered_key_not_signed_by_this_user_is_not_trusted(cache_dir: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from nqp_terms.termbase import cache

    copy = tmp_path / "glossary"
    shutil.copytree(FIXTURE, copy)
    monkeypatch.setattr(cache, "SETTLED_SECONDS", -3600.0)
    other = tmp_path / "other"
    shutil.copytree(FIXTURE, other)
    (other / "concepts" / "niubizi.yaml").unlink()
    foreign_key = nqp_terms.load(other).origin  # a glossary without niubizi, in the same cache
    genuine = nqp_terms.load(copy).origin
    (memo,) = set(cache_dir.glob("key-*")) - {m for m in cache_dir.glob("key-*") if genuine.encode() not in
                                               m.read_bytes()}
    memo.write_bytes(memo.read_bytes().replace(genuine.encode(), foreign_key.encode()))  # pointed elsewhere
    reads = _reads_of_contents(monkeypatch)
    loaded = nqp_terms.load(copy)
    assert loaded.origin == genuine and "niubizi" in loaded and reads
