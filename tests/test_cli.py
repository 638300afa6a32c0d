"""The command line: output formats, exit codes, languages, help."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURE

from nqp_terms.cli import ExitStatus, main

FIXTURE_ONLY = ["--no-shipped", "--glossary", str(FIXTURE)]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*FIXTURE_ONLY, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_lookup_prints_the_preferred_rendering_and_its_source(capsys) -> None:
    code, out, _ = run(capsys, "lookup", "新质生产力")
    assert code == ExitStatus.OK
    assert "new quality productive forces" in out
    assert "http://en.qstheory.cn/2024-11/12/c_1043431.htm" in out
    assert "Do not use: new quality productivity" in out


def test_lookup_of_a_calque_says_what_to_use(capsys) -> None:
    code, out, _ = run(capsys, "lookup", "Uncover the list and take the lead")
    assert code == 0
    assert out.startswith("'uncover the list and take the lead' is a deprecated rendering. Use: open competition")


def test_lookup_json_has_the_documented_fields(capsys) -> None:
    code, out, _ = run(capsys, "lookup", "Bull nose", "--format", "json")
    record = json.loads(out)
    assert code == 0
    assert {"id", "zh", "zh_hant", "pinyin", "en", "status", "alternatives", "deprecated", "sources",
            "matched"} <= set(record)
    assert record["id"] == "niubizi" and record["zh"] == "牛鼻子" and record["en"] == "crux"
    assert record["matched"] == {"query": "Bull nose", "via": "en", "term": "bull nose", "language": "en",
                                 "status": "deprecated", "deprecated": True, "use_instead": "crux",
                                 "how": "exact", "text": None}
    assert record["deprecated"][0]["term"] == "bull nose"


def test_lookup_json_lists_sources_with_publisher_title_date_and_url(capsys) -> None:
    _, out, _ = run(capsys, "lookup", "新質生產力", "--format", "json")
    record = json.loads(out)
    assert record["zh_hant"] == "新質生產力" and record["alternatives"] == ["new productive forces"]
    assert {"publisher", "title", "date", "url", "accessed"} <= set(record["sources"][0])


def test_a_typo_is_corrected_and_says_so(capsys) -> None:
    code, out, _ = run(capsys, "lookup", "bull nise")
    assert code == ExitStatus.OK
    assert out.startswith("not found: 'bull nise'; showing results for 'bull nose'\n")
    code, out, _ = run(capsys, "lookup", "high-quality", "developement", "--format", "json")
    assert code == ExitStatus.OK
    record = json.loads(out)
    assert record["id"] == "gaozhiliang-fazhan"
    assert record["matched"]["how"] == "corrected" and record["matched"]["text"] == "high-quality development"


def test_words_given_unquoted_are_one_query(capsys) -> None:
    code, out, _ = run(capsys, "lookup", "Bull", "nose", "--format", "json")
    assert code == ExitStatus.OK and json.loads(out)["matched"]["query"] == "Bull nose"


def test_a_longer_query_names_the_term_it_contains(capsys) -> None:
    code, out, _ = run(capsys, "lookup", "加快发展新质生产力")
    assert code == ExitStatus.OK
    assert out.startswith("'加快发展新质生产力' is not a term; it contains the term '新质生产力'\n")


def test_not_found_exits_1_with_suggestions(capsys) -> None:
    # A typo keeps the first letter of its word: "full nose" is suggested "bull nose", not corrected to it.
    code, out, _ = run(capsys, "lookup", "full nose")
    assert code == ExitStatus.FAILURE
    assert "Did you mean: bull nose" in out


def test_not_found_in_json(capsys) -> None:
    code, out, _ = run(capsys, "lookup", "full nose", "--format", "json")
    assert code == 1
    assert json.loads(out) == {"query": "full nose", "error": "not found", "suggestions": ["bull nose"]}


def test_lookup_and_search_join_words_typed_without_quotes(capsys) -> None:
    assert run(capsys, "lookup", "Bull", "nose") == run(capsys, "lookup", "Bull nose")
    code, out, _ = run(capsys, "lookup", "Bull", "nose", "--format", "json")
    assert code == 0 and json.loads(out)["matched"]["query"] == "Bull nose"
    assert json.loads(out)["id"] == "niubizi"
    assert run(capsys, "search", "productive", "forces") == run(capsys, "search", "productive forces")


def test_usage_errors_exit_2(capsys) -> None:
    assert main(["lookup"]) == ExitStatus.USAGE
    assert main(["no-such-command"]) == ExitStatus.USAGE
    code, _, err = run(capsys, "lookup", "   ")
    assert code == ExitStatus.USAGE and "non-empty" in err


def test_search_lists_matching_concepts(capsys) -> None:
    code, out, _ = run(capsys, "search", "productive")
    assert code == 0
    assert out.splitlines()[0].startswith("xinzhi-shengchanli\t新质生产力\tnew quality productive forces")
    code, out, _ = run(capsys, "search", "揭榜", "--format", "json")
    assert json.loads(out)[0]["id"] == "jiebang-guashuai"


def test_normalize_explains_its_steps(capsys) -> None:
    code, out, _ = run(capsys, "normalize", "”Go out“", "--explain")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == '"go out"'
    assert lines[1].startswith("  fold_quotes: ")
    code, out, _ = run(capsys, "normalize", "新質生產力", "--format", "json")
    assert json.loads(out) == {"input": "新質生產力", "output": "新质生产力", "steps": ["to_simplified"]}


@pytest.mark.parametrize("command", ["lookup", "search", "validate", "normalize"])
def test_every_command_has_help(capsys, command: str) -> None:
    assert main([command, "--help"]) == 0
    assert "--format" in capsys.readouterr().out


def test_messages_in_chinese_with_lang_zh(capsys) -> None:
    code, out, _ = run(capsys, "--lang", "zh", "lookup", "bull nose")
    assert code == 0
    assert "是不推荐译法。请使用：crux" in out
    assert "英语: crux" in out   # the language name comes from Babel's CLDR data


def test_messages_follow_the_locale(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", "zh_CN.UTF-8")
    code, out, _ = run(capsys, "lookup", "full nose")
    assert code == 1 and out.startswith("未找到")
    monkeypatch.setenv("LANGUAGE", "en_GB.UTF-8")
    _, out, _ = run(capsys, "lookup", "bull nise")
    assert out.startswith("not found")


def test_help_in_chinese(capsys) -> None:
    assert main(["--lang", "zh", "lookup", "--help"]) == 0
    assert "按中文术语、拼音或英文译法查找概念" in capsys.readouterr().out


def test_the_module_runs_as_a_script() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "nqp_terms", *FIXTURE_ONLY, "lookup", "牛鼻子"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "crux" in result.stdout
