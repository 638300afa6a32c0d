"""The cache is checked, not trusted (issue 16).

In a shared NQP_TERMS_CACHE a file with a valid checksum and an altered suggestion once made --fix
write that text into documents.  Now each file is signed with a per-user secret kept outside the
cache directory; a record that fails to build is discarded and rebuilt; only regular files of a
bounded size are opened; and a glossary file replaced by one of the same size and time is seen.
"""

from __future__ import annotations

import marshal
import os
import shutil
import stat
import threading
import zlib
from pathlib import Path

import pytest
from conftest import FIXTURE

import nqp_terms
from nqp_terms.termbase import cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("NQP_TERMS_CACHE", str(directory))
    monkeypatch.setenv("NQP_TERMS_CACHE_SECRET", str(tmp_path / "private" / "secret"))
    return directory


def _poisoned(document: dict) -> dict:
    """The cached glossary with niubizi's deprecated rendering suggesting something else."""
    concepts = []
    for raw in document["concepts"]:
        data = marshal.loads(raw)
        for term in data.get("terms", {}).get("en", []):
            if term.get("use_instead") == "crux":
                term["use_instead"] = "PWNED"
        concepts.append(marshal.dumps(data))
    return {**document, "concepts": concepts}


def test_a_poisoned_cache_file_is_never_served(cache_dir: Path) -> None:
    nqp_terms.load(FIXTURE)
    (cached,) = cache_dir.glob("glossary-*")
    content = cached.read_bytes()
    header = len(cache._MAGIC) + 32
    payload = marshal.dumps(_poisoned(marshal.loads(content[header:])))
    attempts = [
        zlib.crc32(payload).to_bytes(4, "big") + payload,  # the old format: a valid CRC is no proof
        content[:header] + payload,  # the genuine signature over other content
        cache._MAGIC + b"\x00" * 32 + payload,  # a made-up signature
    ]
    for attempt in attempts:
        cached.write_bytes(attempt)
        glossary = nqp_terms.load(FIXTURE)
        assert glossary.lookup("Bull nose").use_instead == "crux"
        assert nqp_terms.fix("We grasp the Bull nose.", glossary)[0] == "We grasp the crux."


def test_the_secret_is_private_and_outside_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    nqp_terms.load(FIXTURE)
    secret = tmp_path / "private" / "secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and len(secret.read_bytes()) == 32
    assert not secret.is_relative_to(cache_dir)


def test_a_secret_others_can_read_is_not_used(cache_dir: Path, tmp_path: Path) -> None:
    cache._secret_at.cache_clear()
    secret = tmp_path / "private" / "secret"
    secret.parent.mkdir()
    secret.write_bytes(os.urandom(32))
    secret.chmod(0o644)
    try:
        assert nqp_terms.load(FIXTURE).lookup("Bull nose").use_instead == "crux"
        assert not cache_dir.exists() or not list(cache_dir.glob("glossary-*"))  # no cache without a secret
    finally:
        cache._secret_at.cache_clear()


def test_a_record_that_fails_to_build_is_discarded_and_rebuilt(cache_dir: Path) -> None:
    nqp_terms.load(FIXTURE)
    (cached,) = cache_dir.glob("glossary-*")
    header = len(cache._MAGIC) + 32
    document = marshal.loads(cached.read_bytes()[header:])
    document["concepts"] = [marshal.dumps({**marshal.loads(raw), "no_such_field": 1}) for raw in document["concepts"]]
    payload = marshal.dumps(document)
    cached.write_bytes(cache._MAGIC + cache._mac(payload) + payload)  # signed: as if our own code wrote it
    glossary = nqp_terms.load(FIXTURE)
    assert glossary.lookup("Bull nose").concept.id == "niubizi"
    assert nqp_terms.load(FIXTURE).lookup("bull nose").use_instead == "crux"


@pytest.mark.parametrize("kind", ["symlink to /dev/zero", "fifo", "too large"])
def test_only_regular_files_of_bounded_size_are_opened(cache_dir: Path, kind: str, monkeypatch) -> None:
    nqp_terms.load(FIXTURE)
    (cached,) = cache_dir.glob("glossary-*")
    cached.unlink()
    if kind == "symlink to /dev/zero":
        cached.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(cached)
    else:
        cached.write_bytes(b"x" * 2000)
        monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 1000)
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(nqp_terms.load(FIXTURE).lookup("Bull nose")), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert outcome and outcome[0].concept.id == "niubizi"  # no hang, no MemoryError


def test_a_replacement_of_the_same_size_and_time_is_not_served_stale(cache_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "glossary"
    shutil.copytree(FIXTURE, copy)
    assert nqp_terms.load(copy).concept("niubizi").en == "crux"
    path = copy / "concepts" / "niubizi.yaml"
    status = path.stat()
    text = path.read_text(encoding="utf-8").replace("term: crux\n", "term: xurc\n").replace(
        "use_instead: crux\n", "use_instead: xurc\n")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns
    assert nqp_terms.load(copy).concept("niubizi").en == "xurc"
