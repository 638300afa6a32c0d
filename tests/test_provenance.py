"""Where evidence comes from: the publisher registry, and the rules validation enforces with it.

A source that claims to be official or state media must be on such a domain, or name the original
it copies; spam and aggregator domains are never cited; official sources carry a date; notes never
cite files outside the project; a deprecated rendering shows where it was seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import nqp_terms
from nqp_terms.termbase.layout import shipped_glossary_path
from nqp_terms.termbase.model import GlossaryError, Publisher
from nqp_terms.termbase.provenance import Registry, host

SHIPPED = shipped_glossary_path()


def problems(root: Path) -> list[tuple[str, str | None, str]]:
    """``(code, field, file name)`` of every problem validating ``root``."""
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(root, use_cache=False)
    return [(p.code, p.field, Path(p.file).name) for p in raised.value.problems]


def add_source(root: Path, **fields: object) -> None:
    opt_into_the_evidence_policy(root)
    record = {"id": "planted", "publisher": "Somebody", "title": "A page", "date": "2024-03-05",
              "url": "https://english.www.gov.cn/news/202403/05/content.html", "accessed": "2026-12-01",
              "kind": "official", **fields}
    (root / "sources" / "planted.yaml").write_text(yaml.safe_dump([record], allow_unicode=True), encoding="utf-8")
    # Cite it, so that the source is part of the glossary a linter would read.
    concept = root / "concepts" / "niubizi.yaml"
    data = yaml.safe_load(concept.read_text(encoding="utf-8"))
    data["terms"]["en"][0].pop("unsourced", None)
    data["terms"]["en"][0]["sources"] = ["planted"]
    concept.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def opt_into_the_evidence_policy(root: Path) -> None:
    """A glossary with a publishers.yaml of its own follows the shipped glossary's evidence policy."""
    registry = root / "publishers.yaml"
    if not registry.exists():
        registry.write_text("- {domain: example.org, publisher: An example, kind: third-party}\n", encoding="utf-8")


def test_a_glossary_without_a_registry_is_held_only_to_the_basic_rules(glossary_copy: Path) -> None:
    """House glossaries and TBX imports need not document evidence; blocked domains are refused anyway."""
    concept = glossary_copy / "concepts" / "niubizi.yaml"
    data = yaml.safe_load(concept.read_text(encoding="utf-8"))
    next(t for t in data["terms"]["en"] if t["status"] == "deprecated").pop("seen_in")
    concept.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert len(nqp_terms.load(glossary_copy, use_cache=False)) == 7
    opt_into_the_evidence_policy(glossary_copy)
    assert ("deprecated-without-evidence", "terms.en[1].seen_in", "niubizi.yaml") in problems(glossary_copy)


def test_a_registered_official_page_with_a_date_is_accepted(glossary_copy: Path) -> None:
    add_source(glossary_copy)
    assert len(nqp_terms.load(glossary_copy, use_cache=False)) == 7


def test_a_source_on_a_blocked_domain_is_an_error(glossary_copy: Path) -> None:
    add_source(glossary_copy, url="https://www.en84.com/15998.html", kind="third-party")
    assert ("blocked-domain", "url", "planted.yaml") in problems(glossary_copy)


def test_an_official_claim_on_a_mirror_needs_the_original(glossary_copy: Path) -> None:
    add_source(glossary_copy, url="https://www.pakobserver.net/full-text-report/")
    assert ("source-domain-kind", "url", "planted.yaml") in problems(glossary_copy)


def test_a_mirror_that_names_its_official_original_is_accepted(glossary_copy: Path) -> None:
    add_source(glossary_copy, url="https://www.pakobserver.net/full-text-report/",
               copy_of="https://english.www.gov.cn/news/202403/05/content.html")
    assert len(nqp_terms.load(glossary_copy, use_cache=False)) == 7


def test_a_copy_of_an_original_on_a_blocked_domain_is_still_refused(glossary_copy: Path) -> None:
    add_source(glossary_copy, url="https://www.en84.com/15998.html",
               copy_of="https://english.www.gov.cn/news/202403/05/content.html")
    assert ("blocked-domain", "url", "planted.yaml") in problems(glossary_copy)


def test_state_media_on_an_official_domain_is_not_state_media(glossary_copy: Path) -> None:
    add_source(glossary_copy, kind="state-media")
    assert ("source-domain-kind", "url", "planted.yaml") in problems(glossary_copy)


def test_an_undated_official_source_is_an_error(glossary_copy: Path) -> None:
    add_source(glossary_copy, date=None)
    assert ("undated-source", "date", "planted.yaml") in problems(glossary_copy)


def test_a_note_citing_a_file_outside_the_project_is_an_error(glossary_copy: Path) -> None:
    add_source(glossary_copy, note="Rendering listed in seed-terms.md.")
    assert ("outside-citation", "note", "planted.yaml") in problems(glossary_copy)
    concept = glossary_copy / "concepts" / "zouchuqu.yaml"
    data = yaml.safe_load(concept.read_text(encoding="utf-8"))
    data["note"] = "Round 2: taken from notes/harvest.txt."
    concept.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert ("outside-citation", "note", "zouchuqu.yaml") in problems(glossary_copy)


def test_a_deprecated_rendering_needs_evidence_or_is_marked_anticipated(glossary_copy: Path) -> None:
    opt_into_the_evidence_policy(glossary_copy)
    concept = glossary_copy / "concepts" / "niubizi.yaml"
    data = yaml.safe_load(concept.read_text(encoding="utf-8"))
    deprecated = next(t for t in data["terms"]["en"] if t["status"] == "deprecated")
    deprecated.pop("seen_in")
    concept.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert ("deprecated-without-evidence", "terms.en[1].seen_in", "niubizi.yaml") in problems(glossary_copy)

    deprecated["anticipated"] = True
    concept.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert nqp_terms.load(glossary_copy, use_cache=False).get("bull nose").term.anticipated


def test_a_glossary_may_extend_the_registry(glossary_copy: Path) -> None:
    add_source(glossary_copy, url="https://www.example-ministry.cn/en/page.html")
    assert ("source-domain-kind", "url", "planted.yaml") in problems(glossary_copy)
    (glossary_copy / "publishers.yaml").write_text(
        "- {domain: example-ministry.cn, publisher: An example ministry, kind: official}\n", encoding="utf-8")
    assert len(nqp_terms.load(glossary_copy, use_cache=False)) == 7


def test_the_most_specific_domain_wins() -> None:
    registry = Registry([Publisher(domain="chinadaily.com.cn", publisher="China Daily", kind="state-media"),
                         Publisher(domain="bbs.chinadaily.com.cn", publisher="forum", kind="third-party")])
    assert registry.kind_of("https://language.chinadaily.com.cn/a/1.html") == "state-media"
    assert registry.kind_of("http://BBS.chinadaily.com.cn./thread") == "third-party"
    assert host("not a url") is None and registry.kind_of(None) is None


def test_the_shipped_registry_blocks_the_audited_spam_domains() -> None:
    registry = Registry(Publisher(**entry) for entry in
                        yaml.safe_load((SHIPPED / "publishers.yaml").read_text(encoding="utf-8")))
    for domain in ("ttav89.com", "tsdianying02.cn", "m.niuav103.com", "iruorou.com", "ohmylovin.com", "en84.com"):
        assert registry.kind_of(f"https://{domain}/page.html") == "blocked", domain


def test_every_shipped_source_is_on_a_registered_domain() -> None:
    """Validation refuses blocked domains; this also keeps the registry complete for the site's labels."""
    glossary = nqp_terms.load()
    registry = Registry(Publisher(**entry) for entry in
                        yaml.safe_load((SHIPPED / "publishers.yaml").read_text(encoding="utf-8")))
    unregistered = sorted({host(s.url) for s in glossary.sources.values() if s.url and not registry.kind_of(s.url)})
    blocked = sorted(s.id for s in glossary.sources.values() if registry.kind_of(s.url) == "blocked")
    assert blocked == []
    assert len(unregistered) <= len(glossary.sources) // 20, unregistered
