"""`lint DIR` walks only documents; the summary counts what it found; every message speaks the interface language."""

from __future__ import annotations

from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.cli import main
from nqp_terms.i18n import Messages
from nqp_terms.linter.files import walk_directory
from nqp_terms.linter.messages import CORE, REASONS, SUFFIXES, translate


def test_a_directory_walk_skips_dot_directories_virtualenvs_node_modules_and_gitignored_files(tmp_path: Path) -> None:
    for name in ["a/x.md", ".git/y.md", ".venv/z.md", "env/w.md", "node_modules/p/readme.md", "build/b.md",
                 "docs/keep.md", "docs/notes.txt", "docs/draft/d.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text\n", encoding="utf-8")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")  # a virtualenv by any name
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "docs" / ".gitignore").write_text("*.txt\ndraft/\n", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in walk_directory(str(tmp_path))]
    assert found == ["a/x.md", "docs/keep.md"]


def test_the_summary_counts_findings_and_only_the_files_that_have_them(capsys, tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("We use the entity economy.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("We use the real economy.\n", encoding="utf-8")
    main(["lint", str(tmp_path)])
    assert capsys.readouterr().err.strip() == "1 finding in 1 file"


def test_lang_after_the_subcommand_translates_messages_and_summary(capsys, tmp_path: Path) -> None:
    document = tmp_path / "doc.md"
    document.write_text("We use the entity economy.\n", encoding="utf-8")
    code = main(["lint", "--lang", "zh", str(document)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "“entity economy”是实体经济的弃用译法；请用“real economy”" in out
    assert err.strip() == "1 个文件中发现 1 个问题"


@pytest.mark.parametrize("text", [
    "We use the entity economy and ”going global“ 《here》 and 新质生产力 too.",
    "We pursue High quality development.",
    "The new development pattern came first. Later came the new development paradigm.",
])
def test_every_finding_message_is_translated(text: str) -> None:
    zh = Messages.for_language("zh")
    findings = nqp_terms.lint(text)
    assert findings
    for finding in findings:
        told = translate(finding.message, zh.gettext)
        assert told != finding.message, finding.message


def test_every_template_has_a_chinese_translation() -> None:
    zh = Messages.for_language("zh")
    for template in CORE + SUFFIXES + REASONS:
        assert zh.gettext(template) != template
        assert sorted(__import__("re").findall(r"\{\w+\}", zh.gettext(template))) == \
            sorted(__import__("re").findall(r"\{\w+\}", template))
