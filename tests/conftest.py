"""Shared fixtures: the frozen test glossary and writable copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import nqp_terms

FIXTURE = Path(__file__).parent / "fixtures" / "glossary"
REPO = Path(__file__).parent.parent
#: Debian's Chromium and its driver, which the browser tests drive through Selenium (downloads nothing).
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@contextmanager
def headless_chromium(window_size: str) -> Iterator[object]:
    """A headless Chromium under Selenium, failing with the install command when it is missing."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"the browser test needs Debian's Chromium and its driver, missing: {', '.join(missing)}; "
                    "install them with: apt-get update && apt-get install -y chromium chromium-driver", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # No network beyond loopback here: switch off everything Chromium would fetch on its own.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size={window_size}", "--lang=en"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


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
