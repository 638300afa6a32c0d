"""Validation: a broken glossary is reported completely, with file, line, concept and field.

The main test plants many kinds of error in one copy of the fixture glossary
and checks that a single validation run reports every one of them where it
was planted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.termbase.checks import RULES
from nqp_terms.cli import main
from nqp_terms.termbase.model import GlossaryError


@dataclass(frozen=True)
class Plant:
    """Replace ``old`` by ``new`` in ``file``; expect ``code`` on the line where ``anchor`` ends up."""

    code: str
    file: str
    old: str
    new: str
    anchor: str

    def apply(self, root: Path) -> None:
        path = root / self.file
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        assert self.old in text, f"{self.old!r} not in {self.file}"
        path.write_text(text.replace(self.old, self.new, 1), encoding="utf-8")

    def line(self, root: Path) -> int:
        """The line of the anchor once every plant is in place (plants shift each other's lines)."""
        text = (root / self.file).read_text(encoding="utf-8")
        assert text.count(self.anchor) == 1, f"anchor {self.anchor!r} is not unique in {self.file}"
        return text[: text.index(self.anchor)].count("\n") + 1


PLANTS = [
    Plant("duplicate-key", "concepts/niubizi.yaml", "subject_fields: [set-phrases]\n",
          "subject_fields: [set-phrases]\nsubject_fields: [set-phrases]\n", "subject_fields: [set-phrases]\ndefinition"),
    Plant("schema", "concepts/gaozhiliang-fazhan.yaml", "lookup_forms:", "lookup_froms:", "lookup_froms:"),
    Plant("schema", "concepts/xiandaihua-chanye-tixi.yaml", "      status: admitted", "      status: allowed",
          "allowed"),
    Plant("two-preferred", "concepts/jiebang-guashuai.yaml",
          "    - term: open bidding for selecting the best candidates\n      status: admitted",
          "    - term: open bidding for selecting the best candidates\n      status: preferred",
          "preferred\n      term_type: phrase\n      sources: [beijing"),
    Plant("deprecated-is-approved", "concepts/niubizi.yaml", "    - term: bull nose\n",
          "    - term: high quality developments\n      status: deprecated\n      use_instead: crux\n"
          "    - term: bull nose\n", "high quality developments"),
    Plant("missing-replacement", "concepts/yinjinlai.yaml",
          "    - term: introduced\n      status: deprecated\n      use_instead: bringing in\n",
          "    - term: introduced\n      status: deprecated\n", "term: introduced"),
    Plant("unknown-source", "concepts/gaozhiliang-fazhan.yaml", "sources: [govcn-2024-02-01-nqpf-explainer]",
          "sources: [no-such-source]", "no-such-source"),
    Plant("unknown-concept", "concepts/zouchuqu.yaml", "related: [yinjinlai]", "related: [yinjinlai, nowhere]",
          "related:"),
    Plant("pinyin-mismatch", "concepts/niubizi.yaml", "      pinyin: niúbízi\n  zh-Hant",
          "      pinyin: niúbí\n  zh-Hant", "niúbí\n"),
    Plant("wrong-script", "concepts/xinzhi-shengchanli.yaml", "    - term: 新质生产力", "    - term: 新質生产力",
          "新質生产力"),
    Plant("wrong-script", "concepts/jiebang-guashuai.yaml", "    - term: 揭榜掛帥", "    - term: 揭榜挂帥", "揭榜挂帥"),
    Plant("stray-whitespace", "concepts/gaozhiliang-fazhan.yaml", "    - term: high-quality development",
          '    - term: "high-quality  development"', "high-quality  development"),
    Plant("confusable", "concepts/xinzhi-shengchanli.yaml", "    - term: new productive forces",
          "    - term: new productive forceｓ", "forceｓ"),
    Plant("missing-source", "concepts/xiandaihua-chanye-tixi.yaml",
          "    - term: modernized industrial system\n      status: preferred\n      unsourced: true\n",
          "    - term: modernized industrial system\n      status: preferred\n", "modernized industrial"),
    Plant("unknown-subject-field", "concepts/zouchuqu.yaml", "subject_fields: [opening-up-trade, set-phrases]",
          "subject_fields: [opening-up-trade, set-phrases, folklore]", "subject_fields"),
    Plant("missing-pinyin", "concepts/zouchuqu.yaml", "      status: preferred\n      pinyin: zǒuchūqù\n  zh-Hant",
          "      status: preferred\n  zh-Hant", "走出去\n      status: preferred\n  zh-Hant"),
    Plant("unknown-replacement", "concepts/zouchuqu.yaml", "      use_instead: going global\n      reason: Literal",
          "      use_instead: go global\n      reason: Literal", "go global"),
    Plant("deprecated-with-sources", "concepts/niubizi.yaml", "      seen_in: [seed-2024-05-20-economic-daily-mt]",
          "      sources: [qiushi-xi-columns]", "sources: [qiushi"),
    Plant("duplicate-id", "concepts/zz-more.yaml", "", "- id: niubizi\n  subject_fields: [set-phrases]\n"
          "  terms: {en: [{term: nose of the ox, status: admitted, unsourced: true}]}\n", "id: niubizi"),
    Plant("yaml-syntax", "concepts/broken.yaml", "", "id: broken\nterms: {en: [x]]\nnote: y\n", "terms"),
]


def _plant_all(root: Path) -> list[tuple[str, str, int]]:
    for plant in PLANTS:
        if not (root / plant.file).exists():
            (root / plant.file).write_text("", encoding="utf-8")
        plant.apply(root)
    return [(plant.code, plant.file, plant.line(root)) for plant in PLANTS]


def test_every_planted_error_is_reported_at_once_with_file_and_line(glossary_copy: Path) -> None:
    expected = _plant_all(glossary_copy)
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(glossary_copy, use_cache=False)
    reported = {(p.code, Path(p.file).relative_to(glossary_copy).as_posix(), p.line) for p in raised.value.problems}
    missing = [e for e in expected if e not in reported]
    assert not missing, f"not reported: {missing}\nreported: {sorted(reported)}"
    assert len({code for code, _, _ in expected}) >= 12


def test_each_problem_names_the_concept_and_field(glossary_copy: Path) -> None:
    _plant_all(glossary_copy)
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(glossary_copy, use_cache=False)
    two_preferred = next(p for p in raised.value.problems if p.code == "two-preferred")
    assert two_preferred.concept == "jiebang-guashuai"
    assert two_preferred.field == "terms.en[1].status"
    assert "at most one" in two_preferred.message


def test_every_reported_code_is_a_documented_rule(glossary_copy: Path) -> None:
    _plant_all(glossary_copy)
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(glossary_copy, use_cache=False)
    assert {p.code for p in raised.value.problems} <= set(RULES)


def test_an_unknown_field_suggests_the_intended_one(glossary_copy: Path) -> None:
    path = glossary_copy / "concepts" / "niubizi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("usage_note:", "usage_nte:"), encoding="utf-8")
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(glossary_copy, use_cache=False)
    assert "unknown field 'usage_nte'; did you mean 'usage_note'?" in str(raised.value)


def test_a_wrong_enum_value_lists_the_expected_values(glossary_copy: Path) -> None:
    Plant("schema", "concepts/niubizi.yaml", "status: deprecated", "status: forbidden", "").apply(glossary_copy)
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(glossary_copy, use_cache=False)
    assert "expected 'preferred', 'admitted', 'deprecated' or 'superseded', got 'forbidden'" in str(raised.value)


def test_the_clean_fixture_validates(glossary: nqp_terms.Glossary) -> None:
    assert len(glossary) == 7


# ----------------------------------------------------- bad input of every kind


def run_validate(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", *args])
    return code, capsys.readouterr().out


def test_validate_exits_0_on_a_clean_glossary(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import FIXTURE

    code, out = run_validate("--no-shipped", str(FIXTURE), capsys=capsys)
    assert code == 0
    assert "valid: 7 concepts" in out
    code, out = run_validate(str(FIXTURE), capsys=capsys)
    assert code == 0
    assert out == f"valid over the shipped glossary: {len(nqp_terms.load(FIXTURE, over_shipped=True))} concepts, " \
                  f"{len(nqp_terms.load(FIXTURE, over_shipped=True).sources)} sources in all\n"


# ------------------------------------- validate PATH reads PATH as --glossary does


_HOUSE_CONCEPT = """id: house-style-nqpf
subject_fields: [set-phrases]
terms:
  en:
    - term: house-style quality forces
      status: admitted
      sources: [qiushi-xi-columns]
related: [xinzhi-shengchanli]
"""


@pytest.fixture
def house_glossary(tmp_path: Path) -> Path:
    """A team's own glossary that cites a shipped source and relates to a shipped concept."""
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "house-style-nqpf.yaml").write_text(_HOUSE_CONCEPT, encoding="utf-8")
    return tmp_path


def test_validate_path_agrees_with_glossary_path(house_glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_validate(str(house_glossary), capsys=capsys)
    assert (code, main(["--glossary", str(house_glossary), "validate"])) == (0, 0)
    assert capsys.readouterr().out == out
    assert out.startswith("valid over the shipped glossary: ")
    assert main(["validate", "--over-shipped", str(house_glossary)]) == 0  # the old option, now the default
    assert capsys.readouterr().out == out
    assert main(["--glossary", str(house_glossary), "lookup", "house-style quality forces"]) == 0


@pytest.mark.parametrize("where", ["global", "command"])
def test_validating_alone_names_the_option_that_resolves_shipped_references(
        house_glossary: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    args = ["--no-shipped", "validate", str(house_glossary)] if where == "global" else \
        ["validate", "--no-shipped", str(house_glossary)]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "unknown-source" in out and "unknown-concept" in out
    assert out.strip().splitlines()[-1] == (
        "References were resolved in these files alone (--no-shipped); without --no-shipped they are also "
        "resolved against the shipped glossary, as --glossary PATH reads them.")


def test_validate_exits_1_and_lists_problems_with_locations(glossary_copy: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _plant_all(glossary_copy)
    code, out = run_validate(str(glossary_copy), capsys=capsys)
    assert code == 1
    assert "concepts/niubizi.yaml:" in out and "duplicate-key" in out
    assert out.strip().splitlines()[-1].endswith("files")


def test_validate_json_lists_every_problem(glossary_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _plant_all(glossary_copy)
    code, out = run_validate(str(glossary_copy), "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert code == 1 and report["valid"] is False
    assert {"file", "line", "concept", "field", "message", "code"} <= set(report["problems"][0])
    assert len(report["problems"]) >= len(PLANTS)


def test_a_non_utf8_file_is_reported_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "latin1.yaml").write_bytes(b"id: latin1\n# caf\xe9\n")
    code, out = run_validate(str(tmp_path), capsys=capsys)
    assert code == 1
    assert "latin1.yaml:2: file-unreadable" in out and "not UTF-8" in out


def test_a_directory_without_yaml_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    code, out = run_validate(str(tmp_path), capsys=capsys)
    assert code == 1
    assert "no-glossary-files" in out


def test_a_missing_path_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_validate(str(tmp_path / "nowhere"), capsys=capsys)
    assert code == 1
    assert "no such file or directory" in out


def test_a_50_mb_file_is_refused_without_parsing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "concepts" / "huge.yaml"
    big.parent.mkdir()
    with big.open("wb") as handle:
        handle.write(b"id: huge\nnote: |\n")
        line = b"  " + b"x" * 1022 + b"\n"
        for _ in range(50 * 1024):
            handle.write(line)
    code, out = run_validate(str(tmp_path), capsys=capsys)
    assert code == 1
    assert "huge.yaml: file-unreadable" in out and "MB" in out


@pytest.mark.parametrize("content", [
    "",                      # empty file
    "- 1\n- 2\n",            # a list of numbers
    "just a string\n",       # a scalar
    "id: [\n",               # broken flow sequence
    "--- \nid: a\n---\nid: b\n",  # two documents
    "!!python/object:os.system {}\n",  # an unsafe tag
    "id: x\nterms: {en: [{term: x, status: preferred, unsourced: true}]}\nsubject_fields: []\n",
])
def test_malformed_files_give_problems_not_tracebacks(tmp_path: Path, content: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "x.yaml").write_text(content, encoding="utf-8")
    code, out = run_validate(str(tmp_path), capsys=capsys)
    assert code == 1
    assert "x.yaml" in out


def test_dates_stay_text_and_bare_years_are_accepted(glossary_copy: Path) -> None:
    sources = glossary_copy / "sources" / "core.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("date: 2024-03-12", "date: 2024"),
                       encoding="utf-8")
    loaded = nqp_terms.load(glossary_copy, use_cache=False)
    assert loaded.sources["chinadaily-2024-03-12-nqpf"].date == "2024"
    assert loaded.sources["qiushi-xi-columns"].accessed == "2026-11-25"


def test_the_pre_commit_hook_validates_as_glossary_path_does(house_glossary: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "nqp-terms-validate")
    (house_glossary / "glossary").mkdir()
    (house_glossary / "concepts").rename(house_glossary / "glossary" / "concepts")
    monkeypatch.chdir(house_glossary)
    assert main([*hook["entry"].split()[1:], *hook["args"]]) == 0
    assert main([*hook["entry"].split()[1:], "--no-shipped", *hook["args"]]) == 1  # the override its comment names
