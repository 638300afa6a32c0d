"""`--fix` never destroys text and cannot be turned against its user (issue 16).

A fix never joins two sentences, reaches a fixed point in one pass, writes through a random
exclusive temporary file, keeps the BOM, line endings and mode, writes a symlink's target (the link
stays), refuses hard links and read-only files unless --force, and reports only real writes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.cli import main
from nqp_terms.safe_write import WriteRefused, read_snapshot, replace_file, write_file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------- what a fix changes


def test_a_rendering_is_never_matched_across_a_sentence_end(capsys, tmp_path: Path) -> None:
    document = tmp_path / "s.md"
    document.write_text("Output grew by three. New policies followed.\n", encoding="utf-8")
    code, out, err = run(capsys, "lint", "--fix", str(document))
    assert document.read_text(encoding="utf-8") == "Output grew by three. New policies followed.\n"
    assert code == 0 and out == "" and "0 files fixed" in err


@pytest.mark.parametrize("text", ["grew by three! New policies", "grew by three?\nNew policies",
                                  "by three\n\nnew policies", "by three.” New policies", "by three。New policies",
                                  "by three\n- new"])
def test_every_kind_of_sentence_break_stops_a_match(text: str) -> None:
    assert [f.match for f in nqp_terms.lint(text) if f.rule == "NQP001"] == []


def test_a_line_break_inside_a_sentence_still_matches() -> None:
    assert [f.match for f in nqp_terms.lint("It builds new quality\nproductivity.")] == ["new quality\nproductivity"]


#: A glossary where one fix would make another calque: "bean green" -> "green bean" turns
#: "bean green soup" into "green bean soup", itself a calque of another concept.
CHAINED = {
    "concepts/lvdou.yaml": """id: lvdou
subject_fields: [set-phrases]
terms:
  zh-Hans: [{term: 绿豆, status: preferred, pinyin: lǜdòu}]
  en:
    - {term: green bean, status: preferred, unsourced: true}
    - {term: bean green, status: deprecated, use_instead: green bean}
""",
    "concepts/lvdoutang.yaml": """id: lvdoutang
subject_fields: [set-phrases]
terms:
  zh-Hans: [{term: 绿豆汤, status: preferred, pinyin: lǜdòutāng}]
  en:
    - {term: mung bean soup, status: preferred, unsourced: true}
    - {term: green bean soup, status: deprecated, use_instead: mung bean soup}
""",
}


@pytest.fixture()
def chained(tmp_path: Path) -> Path:
    root = tmp_path / "chained"
    for name, text in CHAINED.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_fix_that_would_make_a_new_finding_is_not_applied_and_says_so(capsys, tmp_path: Path,
                                                                        chained: Path) -> None:
    glossary = nqp_terms.load(chained, use_cache=False)
    assert nqp_terms.fix("We ate bean green soup.", glossary=glossary) == ("We ate bean green soup.", [])
    document = tmp_path / "t.md"
    document.write_text("We ate bean green soup.\n", encoding="utf-8")
    code, out, err = run(capsys, "--glossary", str(chained), "--no-shipped", "lint", "--fix", str(document))
    assert document.read_text(encoding="utf-8") == "We ate bean green soup.\n"
    assert "not fixed: the replacement would make a new finding, “green bean soup”" in out
    assert code == 1 and "0 files fixed" in err


def test_one_fix_pass_reaches_a_fixed_point() -> None:
    text = "We grasp the Bull nose. Three new, new and the three new ones; ”Go out“ and Introduced."
    fixed, applied = nqp_terms.fix(text)
    assert fixed != text and applied
    assert nqp_terms.fix(fixed) == (fixed, [])


def test_the_public_fix_returns_the_fixed_text_and_the_findings_applied() -> None:
    fixed, applied = nqp_terms.fix("We will grasp the Bull nose of reform.")
    assert fixed == "We will grasp the crux of reform."
    assert [(f.rule, f.match, f.start) for f in applied] == [("NQP001", "Bull nose", 18)]


# ------------------------------------------------------------------- how it writes


def test_bom_line_endings_and_mode_are_kept(capsys, tmp_path: Path) -> None:
    document = tmp_path / "b.md"
    document.write_bytes(b"\xef\xbb\xbfWe grasp the Bull nose.\r\nNext line.\r\n")
    document.chmod(0o640)
    code, _, err = run(capsys, "lint", "--fix", str(document))
    assert document.read_bytes() == b"\xef\xbb\xbfWe grasp the crux.\r\nNext line.\r\n"
    assert stat.S_IMODE(document.stat().st_mode) == 0o640
    assert code == 0 and "1 file fixed" in err


def test_a_planted_temporary_name_cannot_redirect_the_write(capsys, tmp_path: Path) -> None:
    victim = tmp_path / "victim.conf"
    victim.write_text("secret=1\n", encoding="utf-8")
    victim.chmod(0o600)
    document = tmp_path / "doc.md"
    document.write_text("We grasp the Bull nose.\n", encoding="utf-8")
    # The name the old --fix used, planted by anyone who can write the directory.
    (tmp_path / ".doc.md.nqp-terms-fix").symlink_to(victim)
    run(capsys, "lint", "--fix", str(document))
    assert victim.read_text(encoding="utf-8") == "secret=1\n" and stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert not document.is_symlink() and document.read_text(encoding="utf-8") == "We grasp the crux.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".doc.md.nqp-terms-fix", "doc.md", "victim.conf"]


def test_a_symlink_is_fixed_through_the_link_and_stays_a_link(capsys, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("We grasp the Bull nose.\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    code, _, err = run(capsys, "lint", "--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert target.read_text(encoding="utf-8") == "We grasp the crux.\n"
    assert code == 0 and "1 file fixed" in err


def test_hard_links_are_refused_unless_forced_and_then_stay_shared(capsys, tmp_path: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text("We grasp the Bull nose.\n", encoding="utf-8")
    twin = tmp_path / "b.md"
    os.link(document, twin)
    code, _, err = run(capsys, "lint", "--fix", str(document))
    assert code == 2 and "has 2 hard links" in err and "0 files fixed" in err
    assert document.read_text(encoding="utf-8") == "We grasp the Bull nose.\n"
    code, _, err = run(capsys, "lint", "--fix", "--force", str(document))
    assert code == 0 and "1 file fixed" in err
    assert twin.read_text(encoding="utf-8") == "We grasp the crux.\n" and document.stat().st_nlink == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_read_only_files_are_refused_unless_forced(capsys, tmp_path: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text("We grasp the Bull nose.\n", encoding="utf-8")
    document.chmod(0o444)
    code, _, err = run(capsys, "lint", "--fix", str(document))
    assert code == 2 and "read-only" in err and "0 files fixed" in err
    code, _, err = run(capsys, "lint", "--fix", "--force", str(document))
    assert code == 0 and document.read_text(encoding="utf-8") == "We grasp the crux.\n"
    assert stat.S_IMODE(document.stat().st_mode) == 0o444


def test_read_only_by_mode_is_refused_even_for_root(capsys, tmp_path: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text("We grasp the Bull nose.\n", encoding="utf-8")
    document.chmod(0o444)
    code, _, err = run(capsys, "lint", "--fix", str(document))
    assert code == 2 and "read-only" in err and "0 files fixed" in err
    assert document.read_text(encoding="utf-8") == "We grasp the Bull nose.\n"


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    document = tmp_path / "a.md"
    document.write_text("first", encoding="utf-8")
    snapshot = read_snapshot(document)
    document.write_text("someone else's edit", encoding="utf-8")
    with pytest.raises(WriteRefused, match="changed since it was read"):
        replace_file(snapshot, b"fixed")
    assert document.read_text(encoding="utf-8") == "someone else's edit"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left behind


def test_fix_of_standard_input_writes_the_fixed_text_and_exits_by_what_remains(capsys, monkeypatch,
                                                                              chained: Path) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"We grasp the Bull nose.\n")))
    code, out, err = run(capsys, "lint", "--fix", "-")
    assert (code, out) == (0, "We grasp the crux.\n") and "NQP001" in err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"We ate bean green soup.\n")))
    code, out, err = run(capsys, "--glossary", str(chained), "--no-shipped", "lint", "--fix", "-")
    assert (code, out) == (1, "We ate bean green soup.\n") and "not fixed" in err


# ------------------------------------------------------------- the other writers


def test_export_output_follows_the_same_rules(capsys, tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    assert run(capsys, "export", "--format", "json", "-o", str(link))[0] == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith(("{", "["))
    os.link(target, tmp_path / "twin.json")
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(target))
    assert code == 2 and "hard links" in err


def test_import_never_writes_through_a_planted_symlink(capsys, tmp_path: Path) -> None:
    tbx = Path(__file__).parent / "data" / "tbx"
    source = sorted(tbx.glob("*.tbx"))[0]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = tmp_path / "imported"
    target.symlink_to(elsewhere)
    code, _, err = run(capsys, "import", str(source), "-o", str(target))
    assert code == 2 and list(elsewhere.iterdir()) == []


def test_the_cache_replaces_a_planted_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    planted = tmp_path / "cache" / "glossary-x.marshal"
    planted.parent.mkdir()
    planted.symlink_to(victim)
    write_file(planted, b"cache", follow_symlinks=False)
    assert victim.read_bytes() == b"keep" and not planted.is_symlink() and planted.read_bytes() == b"cache"
