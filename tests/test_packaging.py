"""The wheel carries the glossary: lookup works from an installed wheel, outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel without network access and install it into a private directory."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(work / "dist"), str(REPO)], check=True)
    (wheel,) = (work / "dist").glob("nqp_terms-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(work / "site"), str(wheel)], check=True)
    return work / "site"


def run_installed(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site), "NQP_TERMS_CACHE": "off"}
    return subprocess.run([sys.executable, *args], cwd="/", env=environment, capture_output=True, text=True,
                          check=False)


def test_lookup_from_the_installed_wheel(installed: Path) -> None:
    result = run_installed(installed, "-c", "import nqp_terms; print(nqp_terms.lookup('新质生产力').concept.en);"
                                            "print(nqp_terms.__file__)")
    assert result.returncode == 0, result.stderr
    english, location = result.stdout.splitlines()
    assert english == "new quality productive forces"
    assert location.startswith(str(installed))  # the wheel, not the source checkout


def test_the_glossary_is_inside_the_wheel(installed: Path) -> None:
    assert (installed / "nqp_terms" / "_glossary" / "concepts" / "xinzhi-shengchanli.yaml").is_file()
    assert (installed / "nqp_terms" / "locale" / "zh_Hans" / "LC_MESSAGES" / "nqp_terms.po").is_file()
    assert (installed / "nqp_terms" / "py.typed").is_file()


def test_the_cli_from_the_installed_wheel(installed: Path) -> None:
    result = run_installed(installed, "-m", "nqp_terms", "--lang", "zh", "lookup", "牛鼻子")
    assert result.returncode == 0, result.stderr
    assert "请勿使用" in result.stdout


def test_the_compiled_catalog_and_the_licence_are_inside_the_wheel(installed: Path) -> None:
    assert (installed / "nqp_terms" / "locale" / "zh_Hans" / "LC_MESSAGES" / "nqp_terms.mo").is_file()
    (dist_info,) = installed.glob("nqp_terms-*.dist-info")
    assert "MIT License" in (dist_info / "licenses" / "LICENSE").read_text(encoding="utf-8")
    metadata = (dist_info / "METADATA").read_text(encoding="utf-8")
    for label in ("Homepage", "Documentation", "Issues", "Changelog"):
        assert f"Project-URL: {label}, https://" in metadata


def test_the_release_files_pass_twine_check(tmp_path: Path) -> None:
    """The sdist and the wheel a release would upload: metadata and README render on a package index."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True)
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
                   cwd=REPO, check=True, capture_output=True)
    files = sorted(str(path) for path in tmp_path.iterdir())
    assert any(name.endswith(".tar.gz") for name in files) and any(name.endswith(".whl") for name in files)
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_links_work_on_a_package_index() -> None:
    """A package index shows the README without the repository around it: links must be absolute."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    relative = [target for target in re.findall(r"\]\(([^)]+)\)", readme) if not target.startswith("https://")]
    assert relative == []


def test_a_corpus_run_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    """The corpus commands work from the wheel (pyarrow and matplotlib come from the corpus extra)."""
    pytest.importorskip("pyarrow", reason="the corpus extra: pip install 'nqp-terms[corpus]'")
    out = tmp_path / "qa"
    run = run_installed(installed, "-m", "nqp_terms", "corpus", "lint", str(REPO / "seeds"), "--out", str(out),
                        "--jobs", "2")
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith("2 documents, ")  # the seed article and the seeds' README
    report = run_installed(installed, "-m", "nqp_terms", "corpus", "report", str(out))
    assert report.returncode == 0, report.stderr
    assert "Findings by concept" in (out / "report.html").read_text(encoding="utf-8")
