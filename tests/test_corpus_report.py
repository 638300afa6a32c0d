"""The corpus report: one HTML file that works offline, read in headless Chromium as a reviewer would.

The report of a ``check`` run over a year of dated segment pairs is opened from disk in Debian's
Chromium (as ``tests/test_site.py`` opens the site) with no server and no network; the test reads
the charts and tables the browser shows and keeps a screenshot to look at.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, headless_chromium

pytest.importorskip("pyarrow", reason="the corpus extra: pip install 'nqp-terms[corpus]'")
pytest.importorskip("matplotlib", reason="the corpus extra: pip install 'nqp-terms[corpus]'")

from nqp_terms.cli import main  # noqa: E402
from nqp_terms.corpus.report import ReportError, render_report  # noqa: E402
from nqp_terms.corpus.run import run_corpus  # noqa: E402
from nqp_terms.corpus.readers import Fields  # noqa: E402
from nqp_terms.linter.config import SITE_URL  # noqa: E402

SCREENSHOT_COPY = Path("/tmp/nqp-terms-corpus-report.png")
PAIRS = [line.split("\t") for line in (REPO / "tests" / "data" / "bilingual" / "sample.tsv")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def check_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year of segment pairs: the translation of 抓住牛鼻子 improves in the second half of the year."""
    folder = tmp_path_factory.mktemp("report")
    with (folder / "pairs.jsonl").open("w", encoding="utf-8") as handle:
        for month in range(1, 13):
            for day, (zh, en) in enumerate(PAIRS, start=1):
                if zh == "抓住牛鼻子" and month > 6:
                    en = "Grasp the crux"
                handle.write(json.dumps({"zh": zh, "en": en, "date": f"2025-{month:02d}-{day:02d}"},
                                        ensure_ascii=False) + "\n")
    run_corpus([str(folder / "pairs.jsonl")], folder / "out", mode="check", jobs=1,
               fields=Fields(source="zh", target="en", date="date"))
    assert main(["corpus", "report", str(folder / "out")]) == 0
    return folder / "out"


def test_the_report_is_one_file_that_needs_nothing_else(check_run: Path) -> None:
    page = (check_run / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "@import" not in page
    assert not re.search(r"""(?:src|href)=["'](?!https://nqp-terms\.github\.io/nqp-terms/(?:concepts|rules)/)[a-z]+:""",
                         page)  # the only links out are to the reference site's pages
    assert page.count("<svg") >= 5  # concepts, rules, accuracy, two distributions, time


def test_a_directory_without_a_finished_run_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no summary.json"):
        render_report(tmp_path)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with headless_chromium("1100,5200") as driver:
        yield driver


def test_a_reviewer_reads_the_report_in_the_browser(check_run: Path, browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver: object = browser
    driver.get((check_run / "report.html").as_uri())  # type: ignore[attr-defined]
    # Nothing was fetched: no stylesheet, font, script or image beside the file itself.
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0  # type: ignore[attr-defined]

    charts = driver.find_elements(By.CSS_SELECTOR, "figure svg")  # type: ignore[attr-defined]
    assert len(charts) >= 5 and all(chart.size["width"] > 300 and chart.size["height"] > 100 for chart in charts)

    # The bars of the concept chart link to the concepts' pages on the reference site.
    concept_chart = driver.find_element(By.CSS_SELECTOR, "#concepts svg")  # type: ignore[attr-defined]
    links = {a.get_attribute("href") or a.get_attribute("xlink:href")
             for a in concept_chart.find_elements(By.CSS_SELECTOR, "a")}
    assert f"{SITE_URL}concepts/jiebang-guashuai/" in links and f"{SITE_URL}concepts/niubizi/" in links
    # Chart labels are text the browser draws, Chinese included.
    assert "揭榜挂帅" in concept_chart.text

    # Term accuracy per concept, worst first: 揭榜挂帅 is always wrong, 牛鼻子 right half the year.
    rows = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in driver.find_elements(By.CSS_SELECTOR, "#accuracy tbody tr")]  # type: ignore[attr-defined]
    accuracy = [float(row[-1].rstrip("%")) for row in rows]
    assert accuracy == sorted(accuracy) and rows[0][0].startswith("揭榜挂帅") and accuracy[0] == 0.0
    crux = next(row for row in rows if row[0].startswith("牛鼻子"))
    assert crux[1:] == ["12", "6", "0", "6", "50.0%"]  # in the source, approved, wrong, missing, accuracy

    # Over time: twelve months, the second half with the better rendering of 牛鼻子.
    months = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
              for row in driver.find_elements(By.CSS_SELECTOR, "#time tbody tr")]  # type: ignore[attr-defined]
    assert [m[0] for m in months] == [f"2025-{n:02d}" for n in range(1, 13)]
    assert float(months[0][-1].rstrip("%")) < float(months[-1][-1].rstrip("%"))

    screenshot = tmp_path / "report.png"
    assert driver.save_screenshot(str(screenshot))  # type: ignore[attr-defined]
    shutil.copy(screenshot, SCREENSHOT_COPY)
