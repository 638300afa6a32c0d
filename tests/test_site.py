"""The reference site: built with ``mkdocs build --strict`` from the glossary, then read as a translator would.

The build tests read the generated HTML; the browser test opens the site in
headless Chromium (Debian's ``chromium`` and ``chromium-driver``), searches it and
keeps a screenshot.  Expectations come from the glossary itself, so the tests
hold while the data grows.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO, headless_chromium

import nqp_terms
from nqp_terms.linter.config import SITE_URL
from nqp_terms.linter.rules import RULES
from nqp_terms.site import site_pages

SEED = REPO / "seeds" / "000_cc3756e0a130bcc6.txt"
# Screenshots are kept under the test's tmp dir, and copied here to be looked at.
SCREENSHOT_COPY = Path("/tmp/nqp-terms-site.png")
SEARCH_SCREENSHOT_COPY = Path("/tmp/nqp-terms-site-search.png")
ZH_SEARCH_SCREENSHOT_COPY = Path("/tmp/nqp-terms-site-zh-search.png")


def build_site(target: Path, glossary: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    if glossary is not None:
        env["NQP_TERMS_SITE_GLOSSARY"] = str(glossary)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


#: Where the site is served in the browser tests: a sub-path, as on GitHub Pages.
SUB_PATH = "nqp-terms/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English site, built into ``nqp-terms/`` under a web root of its own."""
    target = tmp_path_factory.mktemp("web") / SUB_PATH
    result = build_site(target)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return target


@pytest.fixture(scope="module")
def zh_site(site: Path) -> Path:
    """The Chinese interface, built with mkdocs.zh.yml into the English site's ``zh/``, as it is published."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.zh.yml",
                             "--site-dir", str(site / "zh")], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"mkdocs build --strict -f mkdocs.zh.yml failed:\n{result.stderr}"
    return site / "zh"


def page(site: Path, path: str) -> str:
    """The text of a built page, tags kept, entities decoded."""
    return html.unescape((site / path / "index.html").read_text(encoding="utf-8"))


def text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


# ------------------------------------------------------------------ the build


def test_every_concept_has_a_page_where_the_linter_points(site: Path) -> None:
    import yaml

    assert yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"] == SITE_URL
    glossary = nqp_terms.load()
    missing = [c.id for c in glossary if not (site / "concepts" / c.id / "index.html").is_file()]
    assert missing == []
    urls = {f.url for f in nqp_terms.lint(SEED.read_text(encoding="utf-8")) if f.url}
    assert urls, "the seed article has findings with concept URLs"
    for url in urls:
        assert url.startswith(SITE_URL)
        assert (site / url.removeprefix(SITE_URL) / "index.html").is_file(), url


def test_a_concept_page_shows_the_preferred_english_large_and_its_sources(site: Path) -> None:
    concept = nqp_terms.load().concept("xinzhi-shengchanli")
    markup = page(site, "concepts/xinzhi-shengchanli")
    preferred = re.search(r'<div class="nqp-preferred">(.*?)</div>', markup, re.S)
    assert preferred and concept.en in text_of(preferred.group(1))
    for zh in (concept.zh, concept.zh_hant, concept.pinyin, "xinzhi shengchanli"):
        assert zh in markup
    for source_id in concept.preferred("en").sources:
        source = nqp_terms.load().sources[source_id]
        if source.url:
            assert f'href="{source.url}"' in markup
        assert source.date is None or source.date in markup
    for bad in concept.deprecated("en"):
        assert f"<del>{bad.term}</del>" in markup


def test_unsourced_renderings_are_marked_low_reliability(site: Path) -> None:
    glossary = nqp_terms.load()
    for concept in glossary:
        unsourced = [t for t in concept.in_language("en") if t.is_approved and not t.sources]
        markup = page(site, f"concepts/{concept.id}")
        assert markup.count("unsourced · low reliability") == len(unsourced), concept.id
    crux = page(site, "concepts/niubizi")
    assert re.search(r"crux.*?unsourced · low reliability", crux, re.S)


def test_each_sourced_rendering_shows_where_its_evidence_comes_from(site: Path) -> None:
    """Official first-hand, state media first-hand, copy or third party: the label a translator weighs."""
    from nqp_terms.termbase.stats import evidence_class

    glossary = nqp_terms.load()
    seen = set()
    for concept in list(glossary)[::7]:
        markup = page(site, f"concepts/{concept.id}")
        for term in concept.in_language("en"):
            if term.is_approved and term.sources:
                label = evidence_class(glossary, term)
                seen.add(label)
                assert f"{label} · " in markup, (concept.id, term.term, label)
    assert {"official first-hand", "state media first-hand"} <= seen
    nqpf = page(site, "concepts/xinzhi-shengchanli")
    assert re.search(r"new quality productive forces.*?(official|state media) first-hand", nqpf, re.S)


def test_contexts_definitions_and_related_concepts_are_on_the_page(site: Path) -> None:
    for concept in nqp_terms.load():
        words = text_of(page(site, f"concepts/{concept.id}"))
        markup = page(site, f"concepts/{concept.id}")
        for term in concept.in_language("en"):
            for context in term.contexts:
                assert " ".join(context.text.split()) in words, concept.id
        if concept.definition.en:
            assert " ".join(concept.definition.en.split()) in words, concept.id
        for related in concept.related:
            assert f'href="../{related}/"' in markup, concept.id


def test_the_calque_list_names_every_rendering_not_to_use(site: Path) -> None:
    listing = page(site, "index/calques")
    bad = [(t, c) for c in nqp_terms.load() for t in c.deprecated("en")]
    assert bad
    for term, concept in bad:
        assert f"<del>{term.term}</del>" in listing, term.term
        assert f'href="../../concepts/{concept.id}/"' in listing


def test_the_indexes_reach_every_concept(site: Path) -> None:
    glossary = nqp_terms.load()
    for index in ("pinyin", "english", "subjects"):
        listing = page(site, f"index/{index}")
        unlisted = [c.id for c in glossary if c.en and f'href="../../concepts/{c.id}/"' not in listing]
        assert unlisted == [], index


@pytest.mark.parametrize("code", list(RULES))
def test_each_lint_rule_has_its_page(site: Path, code: str) -> None:
    rule = RULES[code]
    markup = page(site, f"rules/{rule.name}")
    headings = re.findall(r"<h2[^>]*>(.*?)<a", markup)
    assert headings[:4] == ["What it flags", "Why", "Example", "Use instead"]
    for text in (rule.summary, rule.why, rule.example, rule.instead):
        assert text in text_of(markup) or text in markup


def test_the_home_page_shows_the_seed_calques_marked_and_corrected(site: Path) -> None:
    home = page(site, "")
    example = re.search(r'<div class="nqp-seed">(.*?)</div>', home, re.S)
    assert example
    marked = re.findall(r'<del class="nqp-calque"[^>]*>(.*?)</del> <ins class="nqp-fix"><a href="([^"]+)">(.*?)</a>',
                        example.group(1))
    assert len(marked) >= 3
    assert ("Bull nose", "concepts/niubizi/", "Crux") in marked
    assert 'name="q"' in home  # the search box


def test_the_usage_pages_show_commands_that_ran(site: Path) -> None:
    cli = page(site, "usage/cli")
    for command in ("lint", "check", "lookup", "search", "validate", "stats", "normalize"):
        assert f'id="{command}"' in cli
    assert "$ nqp-terms lookup 新质生产力" in text_of(cli)
    assert "new quality productive forces" in cli
    assert "lint-output/" in cli
    assert "('NQP001', 'Bull nose', 'crux')" in page(site, "usage/library")


def test_the_exports_are_downloads_built_from_the_same_glossary(site: Path) -> None:
    from nqp_terms.formats import export

    listing = page(site, "downloads")
    for format, name in (("tbx", "nqp-terms.tbx"), ("csv", "nqp-terms.csv"), ("omegat", "nqp-terms-omegat.utf8")):
        assert f'href="{name}"' in listing
        built = export(nqp_terms.load(), format)
        expected = built if isinstance(built, bytes) else built.encode("utf-8")
        assert (site / "downloads" / name).read_bytes() == expected, name


def test_generated_pages_are_not_left_in_the_docs_folder(site: Path) -> None:
    assert not (REPO / "docs" / "concepts").exists()
    assert not (site / "hooks").exists()


def test_the_chinese_interface_builds_from_the_same_pages(zh_site: Path) -> None:
    home = (zh_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in home and 'placeholder="搜索"' in home
    assert (zh_site / "concepts" / "xinzhi-shengchanli" / "index.html").is_file()


def language_links(markup: str) -> dict[str, str]:
    """The language switch of a built page: ``{language: href}``."""
    return {lang: href for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"',
                                                    markup)}


@pytest.mark.parametrize("base", ["https://nqp-terms.github.io/nqp-terms/", "http://localhost:8000/"])
def test_the_language_switch_links_are_relative_so_any_sub_path_works(site: Path, zh_site: Path,
                                                                      base: str) -> None:
    from urllib.parse import urljoin

    for path in ("", "concepts/suanli/", "index/calques/"):
        for built, url in ((site, urljoin(base, path)), (zh_site, urljoin(base, "zh/" + path))):
            links = language_links(page(built, path.rstrip("/")))
            assert {lang: urljoin(url, href) for lang, href in links.items()} == {
                "en": base, "zh": base + "zh/"}, (url, links)


def test_the_search_index_keeps_each_glossary_term_whole(site: Path) -> None:
    import json

    from nqp_terms.site.search import han_runs

    # Material's plugin cuts Chinese with jieba and joins the words with U+200B, which its separator splits on.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for concept in nqp_terms.load():
        words = separator.split(titles[f"concepts/{concept.id}/"])
        assert [run for run in han_runs(concept.zh or "") if run not in words] == [], (concept.id, words)


def test_a_small_glossary_builds_its_own_site(tmp_path: Path) -> None:
    result = build_site(tmp_path, FIXTURE)
    assert result.returncode == 0, result.stderr
    built = sorted(p.name for p in (tmp_path / "concepts").iterdir())
    assert built == sorted(c.id for c in nqp_terms.load(FIXTURE, use_cache=False))


def test_glossary_text_shows_as_written_never_as_markup() -> None:
    import markdown

    from nqp_terms.termbase.model import Concept, Definition, GlossaryData, SubjectField, Term

    note = "Not *emphasis*, not <b>bold</b>, not [a link](x) | nor a table cell."
    concept = Concept(id="ceshi", subject_fields=("set-phrases",), usage_note=note,
                      definition=Definition(en="An *en* definition.", zh_hans="中文<b>定义</b>*星号*"),
                      terms={"zh-Hans": (Term(term="测试", status="preferred", pinyin="cèshì"),),
                             "en": (Term(term="test_case", status="preferred", unsourced=True),)})
    glossary = nqp_terms.Glossary(GlossaryData(concepts=(concept,), sources=(), subject_fields=(
        SubjectField(id="set-phrases", en="Set phrases", zh="套语"),)))
    page_markdown = site_pages(glossary, SEED)["concepts/ceshi.md"]
    body = page_markdown.split("---\n", 2)[2]
    rendered = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables"])
    words = html.unescape(text_of(rendered))
    assert note in words
    assert "An *en* definition." in words and "中文<b>定义</b>*星号*" in words
    assert "<em>" not in rendered and "<b>" not in rendered and 'href="x"' not in rendered


# ------------------------------------------------------------------ in a browser


@pytest.fixture(scope="module")
def served(site: Path, zh_site: Path) -> Iterator[str]:
    """The URL of the site, both interfaces, served over HTTP from the sub-path ``/nqp-terms/``."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(site.parent)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with headless_chromium("1280,1000") as driver:
        yield driver


def search_results(driver: object) -> list[str]:
    """The pages in the open search box's results, best first, once they have appeared: their paths in the site."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    items = WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a.md-search-result__link"))
    return [re.sub(rf"^https?://[^/]+/{SUB_PATH}|\?.*$", "", a.get_attribute("href")) for a in items]


def test_a_translator_finds_terms_in_the_browser(served: str, browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(served)  # type: ignore[attr-defined]
    assert driver.title.startswith("nqp-terms")  # type: ignore[attr-defined]
    assert driver.find_element(By.CSS_SELECTOR, "h1").text == "nqp-terms"  # type: ignore[attr-defined]
    calques = [d.text for d in driver.find_elements(By.CSS_SELECTOR, ".nqp-seed del")]  # type: ignore[attr-defined]
    assert "Bull nose" in calques

    # The home page's own search box.
    box = driver.find_element(By.ID, "nqp-q")  # type: ignore[attr-defined]
    box.send_keys("揭榜挂帅", Keys.ENTER)
    results = search_results(driver)
    assert results[0] == "concepts/jiebang-guashuai/", results[:3]
    assert driver.save_screenshot(str(tmp_path / "home-search.png"))  # type: ignore[attr-defined]
    shutil.copyfile(tmp_path / "home-search.png", SEARCH_SCREENSHOT_COPY)

    # The search field in the header, on another page.
    driver.get(served + "index/calques/")  # type: ignore[attr-defined]
    field = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__form").click()  # type: ignore[attr-defined]
    field.send_keys("bull nose")
    results = search_results(driver)
    assert results[0] == "concepts/niubizi/", results[:3]

    # Follow the first result: the concept page with the rendering to use and where it was published.
    driver.find_element(By.CSS_SELECTOR, ".md-search-result__item > a.md-search-result__link").click()  # type: ignore[attr-defined]
    preferred = driver.find_element(By.CSS_SELECTOR, ".nqp-preferred code")  # type: ignore[attr-defined]
    assert preferred.text.strip() == nqp_terms.load().concept("niubizi").en
    assert float(preferred.value_of_css_property("font-size").removesuffix("px")) >= 20  # large
    copy = driver.find_element(By.CSS_SELECTOR, ".nqp-preferred button[data-md-type=copy]")  # type: ignore[attr-defined]
    assert copy.get_attribute("title") == "Copy to clipboard"
    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "h2")]  # type: ignore[attr-defined]
    assert {"Preferred English", "Do not use", "Sources"} <= {h.strip("¶ \n") for h in headings}

    driver.get(served + "concepts/xinzhi-shengchanli/")  # type: ignore[attr-defined]
    assert driver.find_element(By.CSS_SELECTOR, ".nqp-preferred code").text.strip() == (  # type: ignore[attr-defined]
        "new quality productive forces")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#sources ~ ul a")]  # type: ignore[attr-defined]
    assert any(link and link.startswith("http") and "127.0.0.1" not in link for link in links)
    shot = tmp_path / "concept-page.png"
    assert driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    shutil.copyfile(shot, SCREENSHOT_COPY)


# The four queries; short terms that longer concepts contain (算力, 碳达峰, 新时代), and one that starts a
# longer one (碳达峰 / 碳达峰碳中和); two long slogans; a term ending in a symbol; English contained in longer titles.
SEARCHES = [("新质生产力", "xinzhi-shengchanli"), ("揭榜挂帅", "jiebang-guashuai"),
            ("xinzhi shengchanli", "xinzhi-shengchanli"), ("bull nose", "niubizi"),
            ("算力", "suanli"), ("碳达峰", "tan-dafeng"), ("碳达峰碳中和", "tan-dafeng-tan-zhonghe"),
            ("新时代", "xin-shidai"), ("tan dafeng", "tan-dafeng"), ("new era", "xin-shidai"),
            ("以科技创新推动产业创新", "yi-keji-chuangxin-tuidong-chanye-chuangxin"),
            ("创新在我国现代化建设全局中的核心地位", "chuangxin-zai-woguo-xiandaihua-jianshe-quanju-zhong-de-hexin-diwei"),
            ("人工智能+", "rengong-zhineng-jia"), ("digital economy", "shuzi-jingji"),
            ("carbon neutrality", "tan-zhonghe")]


@pytest.mark.parametrize(("query", "concept"), SEARCHES)
def test_search_lands_first_on_the_concept_the_query_names(served: str, browser: object, query: str,
                                                           concept: str) -> None:
    from urllib.parse import quote

    from nqp_terms.site.markup import toneless

    # Each query is one of the concept's own terms, or a rendering it lists as not to use.
    named = nqp_terms.load().concept(concept)
    terms = {t.term.casefold() for language in ("zh-Hans", "en") for t in named.in_language(language)}  # type: ignore[arg-type]
    assert query in terms | {toneless(named.pinyin or "")}
    browser.get(f"{served}?q={quote(query)}")  # type: ignore[attr-defined]
    results = search_results(browser)
    assert results[0] == f"concepts/{concept}/", results[:3]


def test_the_chinese_search_and_the_language_switch_work_from_a_sub_path(served: str, browser: object,
                                                                         tmp_path: Path) -> None:
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.get(f"{served}zh/concepts/tan-dafeng/")  # type: ignore[attr-defined]
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh"  # type: ignore[attr-defined]
    # The Chinese interface searches the same index: the page for 碳达峰, not the longer 碳达峰碳中和.
    driver.get(f"{served}zh/?q={quote('碳达峰')}")  # type: ignore[attr-defined]
    assert search_results(driver)[0] == "zh/concepts/tan-dafeng/"
    assert driver.find_element(By.CSS_SELECTOR, "input.md-search__input").get_attribute(  # type: ignore[attr-defined]
        "placeholder") == "搜索"
    shot = tmp_path / "zh-search.png"
    assert driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    shutil.copyfile(shot, ZH_SEARCH_SCREENSHOT_COPY)

    # The switch in the header, from a concept page in each interface, leads to the other one's home.
    for start, language, lands in (("zh/concepts/tan-dafeng/", "en", ""), ("concepts/tan-dafeng/", "zh", "zh/")):
        driver.get(served + start)  # type: ignore[attr-defined]
        link = driver.find_element(By.CSS_SELECTOR, f"a.md-select__link[hreflang={language}]")  # type: ignore[attr-defined]
        driver.execute_script("arguments[0].click()", link)  # type: ignore[attr-defined]
        WebDriverWait(driver, 10).until(lambda d: d.current_url != served + start)
        assert driver.current_url == served + lands
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language  # type: ignore[attr-defined]


# ------------------------------------------------------------- the reference


def code_text(site: Path, path: str) -> str:
    """A built page's text with the tags removed and nothing added: highlighted code reads as it was written."""
    return html.unescape(re.sub(r"<[^>]+>", "", (site / path / "index.html").read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", nqp_terms.__all__)
def test_each_public_name_has_a_page_with_its_signature_and_examples(site: Path, name: str) -> None:
    import inspect

    from nqp_terms.site.reference import signature

    obj = getattr(nqp_terms, name)
    built = code_text(site, f"reference/api/{name}")
    shown = signature(obj).removesuffix(" -> None") if isinstance(obj, type) else signature(obj)
    assert f"nqp_terms.{name}{shown}" in built
    assert "(" in shown and "'" not in shown.split("=")[0]  # annotations as written, not quoted strings
    docstring = inspect.getdoc(obj) or ""
    examples = [line for line in docstring.splitlines() if line.lstrip().startswith(">>>")]
    assert examples, f"{name} has no example in its docstring"
    for line in examples:
        assert line.strip() in built, (name, line)
    summary = re.sub(r":[a-z]+:`~?([^`]+)`", lambda m: m.group(1) if "~" not in m.group(0) else
                     m.group(1).rsplit(".", 1)[-1], docstring.split("\n\n")[0]).replace("``", "")
    assert " ".join(summary.split()) in " ".join(built.split())


def test_a_class_page_lists_its_methods_with_their_docstrings(site: Path) -> None:
    built = code_text(site, "reference/api/Glossary")
    for method in ("lookup", "get", "search", "concept", "reliability"):
        assert f"Glossary.{method}(" in built
    assert "Glossary.from_paths(*paths: str | Path, over_shipped: bool = False" in built  # bound: no cls
    assert "Raises TermNotFound with suggestions, or AmbiguousTerm" in " ".join(built.split())


def _subcommands() -> dict[str, object]:
    import argparse

    from nqp_terms.cli import build_parser
    from nqp_terms.i18n import Messages

    parser = build_parser(Messages.for_language("en"))
    return dict(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)


@pytest.mark.parametrize("command", list(_subcommands()))
def test_each_command_has_a_page_with_its_options(site: Path, command: str) -> None:
    import argparse

    parser = _subcommands()[command]
    text = " ".join(code_text(site, f"reference/cli/{command}").split())
    assert f"nqp-terms {command}" in text
    assert " ".join(parser.format_usage().split()) in text  # type: ignore[attr-defined]
    for action in parser._actions:  # type: ignore[attr-defined]
        if action.help == argparse.SUPPRESS:
            continue
        for option in action.option_strings or [action.metavar or action.dest]:
            assert option in text, (command, option)
        assert " ".join((action.help or "").split()).replace("%(default)s", str(action.default)) in text


def test_the_reference_is_in_the_navigation_and_the_search(site: Path) -> None:
    import json

    from nqp_terms.site.reference import reference_nav

    home = page(site, "")
    names = [*nqp_terms.__all__, *(f"cli/{c}" for c in _subcommands())]
    for name in nqp_terms.__all__:
        assert f'href="reference/api/{name}/"' in home, name  # every page is in the site navigation
    for command in _subcommands():
        assert f'href="reference/cli/{command}/"' in home, command
    assert len(reference_nav()[0]["Python API"]) == len(nqp_terms.__all__) + 1
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    located = {doc["location"]: doc for doc in index["docs"]}
    for name in names:
        location = f"reference/cli/{name[4:]}/" if name.startswith("cli/") else f"reference/api/{name}/"
        assert location in located, location
    # Material indexes a page by its sections: the signature and docstring are under the title's.
    assert any(loc.startswith("reference/api/lookup/") and "lookup(query: str" in doc["text"]
               and "shipped glossary" in doc["text"] for loc, doc in located.items())
    assert any(loc.startswith("reference/cli/lint/") and "--select" in doc["text"] for loc, doc in located.items())
