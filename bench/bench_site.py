"""Benchmark of the reference site build: ``mkdocs build --strict`` for the shipped and a 1,000-concept glossary.

Run:  python bench/bench_site.py [--repeat N] [--count N] [--search]

Each figure is the median wall time of a fresh ``mkdocs build --strict`` process,
printed beside a baseline measured in the same run: the same build from an empty
glossary (MkDocs, Material, the search index and the fixed pages, with no concept
pages).  Budgets (issue 6): the shipped glossary <= 30 s, 1,000 concepts <= 60 s.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import write_synthetic_glossary  # noqa: E402 - the benchmarks share one synthetic glossary


def build_seconds(glossary: Path | None, site_dir: Path) -> tuple[float, int]:
    """Wall time of one strict build, and the number of concept pages it wrote."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "NQP_TERMS_CACHE": "off"}
    if glossary is not None:
        env["NQP_TERMS_SITE_GLOSSARY"] = str(glossary)
    shutil.rmtree(site_dir, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                   check=True, cwd=REPO, env=env)
    elapsed = time.perf_counter() - start
    concepts = site_dir / "concepts"
    return elapsed, len(list(concepts.iterdir())) if concepts.is_dir() else 0


def empty_glossary(root: Path) -> Path:
    (root / "concepts").mkdir(parents=True)
    shutil.copy(REPO / "glossary" / "subject-fields.yaml", root)
    return root


def search_quality(site: Path) -> None:
    import functools
    import http.server
    import re
    import threading
    from urllib.parse import quote

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    import nqp_terms
    from nqp_terms.site.markup import toneless

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for kind, query_of in (("Chinese", lambda c: c.zh), ("pinyin", lambda c: toneless(c.pinyin or "")),
                               ("English", lambda c: c.en)):
            first = top3 = total = 0
            misses = []
            for concept in nqp_terms.load():
                query = query_of(concept)
                if not query:
                    continue
                driver.get(f"{base}?q={quote(query)}")
                try:
                    links = WebDriverWait(driver, 10).until(lambda d: d.find_elements(
                        By.CSS_SELECTOR, ".md-search-result__item > a.md-search-result__link"))
                    found = list(dict.fromkeys(re.sub(r"^https?://[^/]+|\?.*$", "", a.get_attribute("href") or "")
                                               for a in links))
                except Exception:  # noqa: BLE001 - no result within the wait
                    found = []
                total += 1
                first += found[:1] == [f"/concepts/{concept.id}/"]
                top3 += f"/concepts/{concept.id}/" in found[:3]
                if found[:1] != [f"/concepts/{concept.id}/"]:
                    misses.append(f"    {query!r} -> {found[0] if found else 'nothing'}")
            print(f"search by {kind:<8} first {first}/{total} ({first / total:.1%}), "
                  f"in the first three {top3}/{total} ({top3 / total:.1%})", *misses, sep="\n")
    finally:
        driver.quit()
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--count", type=int, default=1000, help="concepts in the synthetic glossary")
    parser.add_argument("--search", action="store_true", help="also measure search quality in Chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        synthetic = root / "synthetic"
        write_synthetic_glossary(synthetic, args.count)
        shutil.copy(REPO / "glossary" / "subject-fields.yaml", synthetic)
        cases = [("empty glossary (baseline)", empty_glossary(root / "empty"), None),
                 ("shipped glossary", None, 30.0),
                 (f"synthetic, {args.count} concepts", synthetic, 60.0)]
        baseline = None
        for label, glossary, budget in cases:
            samples, pages = [], 0
            for _ in range(args.repeat):
                seconds, pages = build_seconds(glossary, root / "site")
                samples.append(seconds)
            median = statistics.median(samples)
            baseline = median if baseline is None else baseline
            over = f"   over baseline {median - baseline:5.2f} s" if budget else ""
            limit = f"   budget {budget:.0f} s: {'ok' if median <= budget else 'OVER'}" if budget else ""
            print(f"{label:<30}{median:6.2f} s  ({pages:>5} concept pages, median of {args.repeat}){over}{limit}")
        if args.search:
            build_seconds(None, root / "site")
            search_quality(root / "site")


if __name__ == "__main__":
    main()
