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
