"""Crashes on plausible text (issue 16): OCR letters, lone surrogates, NUL, invalid UTF-8, long TSV cells.

Every public function that takes text says what it does with a lone surrogate or NUL (``errors=``:
``strict`` raises ValueError with the position, ``replace`` reads U+FFFD); case mapping keeps keys
and offsets right for the letters whose lower case or folding differs in length or identity.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.cli import main
from nqp_terms.text.keys import english_key
from nqp_terms.text.normalize import normalize_mapped


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ letters


@pytest.mark.parametrize("query", ["organiſation", "modernısation", "ORGANİSATİON", "ﬁnancial", "ΟΔΟΣ", "Straße"])
def test_lookup_of_ocr_letters_answers_instead_of_crashing(capsys, query: str) -> None:
    code, out, err = run(capsys, "lookup", query)
    assert code in (0, 1) and "Traceback" not in err and (out or err)


def test_the_long_s_and_dotless_i_read_as_s_and_i() -> None:
    assert nqp_terms.normalize("organiſation") == nqp_terms.normalize("organisation") == "organization"
    assert nqp_terms.normalize("modernısation") == "modernization"
    assert english_key("ſyſtem") == english_key("system")
    assert nqp_terms.lookup("modernısed industrial ſyſtem").concept.id == "xiandaihua-chanye-tixi"
    assert [f.match for f in nqp_terms.lint("We grasp the Bull noſe.")] == ["Bull noſe"]


def test_ligatures_and_final_sigma_give_one_key() -> None:
    assert english_key("ﬁnancial") == english_key("financial")
    assert english_key("ΟΔΟΣ") == english_key("οδος") == english_key("ΟΔΟΣ ") == english_key("οδοσ")


@pytest.mark.parametrize("text", ["The organiſation ﬁnance", "İstanbul İİ ı", "STRASSE Straße ΟΔΟΣ ΟΔΟΣx", "ﬃ ﬄ ﬆ"])
def test_offsets_map_back_to_the_text_the_letters_came_from(text: str) -> None:
    mapped = normalize_mapped(text, lang="en")
    assert list(mapped.starts) == sorted(mapped.starts) and list(mapped.ends) == sorted(mapped.ends)
    for index, character in enumerate(mapped.text):
        source = text[mapped.starts[index]:mapped.ends[index]]
        assert source, (index, character)
        if character.isalpha():
            assert nqp_terms.normalize(source, lang="en").find(character) >= 0 or source in "ſıİ", (source, character)


# ------------------------------------------------------------ surrogates, NUL


PUBLIC = {
    "lint": lambda text, **kw: nqp_terms.lint(text, **kw),
    "fix": lambda text, **kw: nqp_terms.fix(text, **kw),
    "check source": lambda text, **kw: nqp_terms.check(text, "", **kw),
    "check target": lambda text, **kw: nqp_terms.check("发展", text, **kw),
    "lookup": lambda text, **kw: nqp_terms.get(text, **kw),
    "search": lambda text, **kw: nqp_terms.search(text, **kw),
    "normalize zh": lambda text, **kw: nqp_terms.normalize(text, lang="zh", **kw),
    "normalize en": lambda text, **kw: nqp_terms.normalize(text, lang="en", **kw),
    "explain": lambda text, **kw: nqp_terms.normalize_and_explain(text, **kw),
}


@pytest.mark.parametrize("name", PUBLIC)
@pytest.mark.parametrize("bad", ["\ud800", "a\udcff新", "新\x00质"])
def test_a_lone_surrogate_or_nul_raises_value_error_with_its_position(name: str, bad: str) -> None:
    with pytest.raises(ValueError, match=r"at position \d+.*errors='replace'"):
        PUBLIC[name](bad)


@pytest.mark.parametrize("name", PUBLIC)
def test_errors_replace_reads_them_as_the_replacement_character(name: str) -> None:
    PUBLIC[name]("Bull nose \ud800 新\x00质", errors="replace")


def test_replacement_keeps_offsets() -> None:
    text = "\ud800 We grasp the Bull nose."
    [finding] = nqp_terms.lint(text, errors="replace")
    assert text[finding.start:finding.end] == finding.match == "Bull nose"


def test_check_of_a_lone_surrogate_says_where_it_is() -> None:
    with pytest.raises(ValueError, match="source: a lone surrogate U\\+D800 at position 0"):
        nqp_terms.check("\ud800", "")


# ----------------------------------------------------------------- the CLI


def test_lint_reports_invalid_utf8_with_the_file_and_byte_offset(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"We grasp the Bull nose.\n\xff\xfe bad\n")
    code, _, err = run(capsys, "lint", str(bad))
    assert code == 2 and f"{bad}: not UTF-8 (byte 0xff at byte offset 24, line 2)" in err


def test_check_reports_invalid_utf8_with_the_file_and_byte_offset(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_bytes("发展\tBull \xff".encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff") + b"\n")
    code, _, err = run(capsys, "check", str(bad))
    assert code == 2 and f"{bad}: not UTF-8: byte 0xff at byte offset" in err


def test_an_undecodable_argument_is_an_input_error_not_a_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "nqp_terms", "lookup", b"organi\xffation"],
                            capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8", "NQP_TERMS_CACHE": "off"})
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"undecodable byte 0xff" in result.stderr


def test_a_tsv_cell_over_128_kib_is_checked(capsys, tmp_path: Path) -> None:
    long = tmp_path / "long.tsv"
    long.write_text("发展新质生产力\t" + "develop new quality productive forces " * 5000 + "\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(long))
    assert code == 0 and "term accuracy 100.0%" in out and "Traceback" not in err


def test_a_nul_in_a_tsv_or_a_document_is_read_not_fatal(capsys, tmp_path: Path) -> None:
    pairs = tmp_path / "nul.tsv"
    pairs.write_bytes("发展新质生产力\tnew quality\x00productivity\n".encode())
    code, out, err = run(capsys, "check", str(pairs))
    assert code in (0, 1, 2) and "Traceback" not in err
    document = tmp_path / "nul.md"
    document.write_bytes(b"We grasp the Bull nose.\x00\n")
    code, out, _ = run(capsys, "lint", str(document))
    assert code == 1 and "NQP001" in out


def test_check_of_a_source_with_dotted_capital_i_finds_the_term() -> None:
    # İ lower-cases to two characters; the source's key once lost its offsets and raised IndexError.
    result = nqp_terms.check("İ揭榜挂帅", "open competition mechanism")
    assert result.terms_found == 1
