"""Read-only commands write nothing (issue 16): every subcommand, ``--help`` included, against a copy.

``python -m nqp_terms.schema --help`` once rewrote the shipped schema files.  Here the package and the
repository's data are copied and made read-only, every command runs against the copy in a fresh
process, and afterwards every file of the copy must be byte for byte and time for time as it was, and
nothing may have appeared outside the outputs each command declares and the cache.  (The tests may
run as root, whom read-only modes do not stop: the comparison is what proves it.)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            status = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else os.readlink(path)
            files[str(path.relative_to(root))] = (status.st_mode, status.st_mtime_ns, digest)
    return files


def _make_read_only(root: Path) -> None:
    for folder, directories, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
        Path(folder).chmod(0o555)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("read-only")
    copy = root / "repo"
    copy.mkdir()
    for part in ("nqp_terms", "glossary", "seeds", "pyproject.toml", "README.md"):
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, copy / part)
    shutil.copytree(REPO / "tests" / "data", copy / "tests" / "data")
    # The package finds its shipped glossary beside itself in a wheel, and in the repository otherwise.
    _make_read_only(copy)
    yield root
    for folder, _, _ in os.walk(copy):
        Path(folder).chmod(0o755)


def _commands(repo: Path, out: Path) -> list[tuple[list[str], list[str]]]:
    """Each command, with the outputs (relative to ``out``) it declares."""
    bilingual = sorted(str(p) for p in (repo / "tests" / "data" / "bilingual").iterdir())
    tbx = sorted(str(p) for p in (repo / "tests" / "data" / "tbx").glob("*.tbx"))[0]
    cli = ["-m", "nqp_terms"]
    helps = [[*cli, "--help"], [*cli, "--version"], ["-m", "nqp_terms.schema", "--help"]] + [
        [*cli, name, "--help"] for name in
        ("lookup", "search", "validate", "stats", "lint", "check", "normalize", "export", "import")]
    runs: list[tuple[list[str], list[str]]] = [(command, []) for command in helps]
    runs += [
        ([*cli, "lookup", "新质生产力"], []),
        ([*cli, "lookup", "--format", "json", "Bull nose"], []),
        ([*cli, "lookup", "organiſation"], []),
        ([*cli, "search", "揭榜"], []),
        ([*cli, "validate"], []),
        ([*cli, "validate", str(repo / "glossary")], []),
        ([*cli, "stats", "--format", "json"], []),
        ([*cli, "lint", str(repo / "seeds")], []),
        ([*cli, "lint", "--format", "sarif", str(repo / "seeds")], []),
        ([*cli, "lint", "--diff", str(repo / "seeds")], []),
        ([*cli, "check", *bilingual], []),
        ([*cli, "normalize", "--explain", "“揭榜掛帥”"], []),
        ([*cli, "export", "--format", "tbx"], []),
        ([*cli, "export", "--format", "csv", "-o", str(out / "glossary.csv")], ["glossary.csv"]),
        ([*cli, "import", tbx, "-o", str(out / "imported")], ["imported"]),
    ]
    return runs


def test_every_command_writes_only_what_it_declares(sandbox: Path) -> None:
    repo, out = sandbox / "repo", sandbox / "out"
    out.mkdir()
    home = sandbox / "home"
    home.mkdir()
    cache, secret = sandbox / "cache", sandbox / "secret" / "key"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8", "PYTHONPATH": str(repo),
           "PYTHONDONTWRITEBYTECODE": "1", "NQP_TERMS_CACHE": str(cache), "NQP_TERMS_CACHE_SECRET": str(secret),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config")}
    work = sandbox / "cwd"
    work.mkdir()
    before = _snapshot(repo)
    declared: set[str] = set()
    for command, outputs in _commands(repo, out):
        result = subprocess.run([sys.executable, *command], cwd=work, env=env, capture_output=True, timeout=300)
        assert result.returncode in (0, 1, 2), (command, result.stderr.decode()[-2000:])  # 2: the bad samples
        assert b"Traceback" not in result.stderr, command
        declared |= set(outputs)
        assert _snapshot(repo) == before, f"{command} changed the read-only copy"
        assert not any(work.iterdir()), f"{command} wrote into the working directory"
        assert {p.name for p in out.iterdir()} <= declared, command
        assert not any(home.iterdir()), f"{command} wrote into the home directory"
    assert sorted(p.name for p in sandbox.iterdir()) == ["cache", "cwd", "home", "out", "repo", "secret"]
    assert {p.name for p in out.iterdir()} == declared
