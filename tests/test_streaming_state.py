"""Streaming keeps state (issue 16): a large file is linted in chunks exactly as it would be whole.

Regions switched off by comments and code fences that cross a chunk boundary stay quiet, and a file
without line breaks is cut at sentence ends (or white space) so that memory stays flat.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nqp_terms.linter import files
from nqp_terms.linter.engine import Linter


@pytest.fixture()
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    """Stream every file, in chunks of 2,000 characters."""
    monkeypatch.setattr(files, "STREAM_THRESHOLD", 0)
    monkeypatch.setattr(files, "CHUNK_CHARACTERS", 2000)
    return 2000


FILLER = "The economy grew and new policies followed.\n\n" * 60  # about 2,700 characters


def _streamed(linter: Linter, path: Path) -> list[tuple[str, int, int, int]]:
    return [(f.rule, f.start, f.line, f.column) for f in files.lint_file(linter, str(path)).findings]


def _whole(linter: Linter, path: Path) -> list[tuple[str, int, int, int]]:
    text = path.read_text(encoding="utf-8")
    return [(f.rule, f.start, f.line, f.column) for f in files._locate(linter.lint(text), text, str(path), 1)]


@pytest.mark.parametrize("opening, closing", [("<!-- nqp-terms disable -->", "<!-- nqp-terms enable -->"),
                                              ("<!-- nqp-terms disable niubizi -->", "<!-- nqp-terms enable -->"),
                                              ("```text", "```"), ("~~~~", "~~~~"), ("<div>", "")])
def test_a_quiet_region_across_a_chunk_boundary_stays_quiet(small_chunks: int, tmp_path: Path, glossary,
                                                            opening: str, closing: str) -> None:
    linter = Linter(glossary)
    document = tmp_path / "long.md"
    quiet_part = FILLER.replace("\n\n", "\n") if opening == "<div>" else FILLER
    document.write_text("We grasp the Bull nose.\n\n" + opening + "\n" + quiet_part + "We grasp the Bull nose.\n"
                        + closing + "\n\n" + FILLER + "We grasp the Bull nose again.\n", encoding="utf-8")
    streamed = _streamed(linter, document)
    assert streamed == _whole(linter, document)
    assert [rule for rule, *_ in streamed] == ["NQP001", "NQP001"]


def test_a_file_without_line_breaks_is_cut_at_sentence_ends(small_chunks: int, tmp_path: Path, glossary) -> None:
    linter = Linter(glossary)
    document = tmp_path / "one-line.md"
    document.write_text("We grasp the Bull nose and grew by three. New policies followed. " * 400, encoding="utf-8")
    chunks = list(files._chunks(str(document)))
    assert len(chunks) > 10 and max(map(len, chunks)) <= 2 * small_chunks
    assert all(chunk.endswith(". ") for chunk in chunks)
    streamed = _streamed(linter, document)
    assert streamed == _whole(linter, document) and len(streamed) == 400


def test_a_line_without_any_space_is_cut_between_characters(small_chunks: int, tmp_path: Path) -> None:
    document = tmp_path / "blob.txt"
    document.write_text("新" * 10_000, encoding="utf-8")  # 3 bytes a character: cuts fall inside characters' bytes
    chunks = list(files._chunks(str(document)))
    assert "".join(chunks) == "新" * 10_000 and max(map(len, chunks)) <= 2 * small_chunks


def test_invalid_utf8_in_a_streamed_file_names_the_byte_offset(small_chunks: int, tmp_path: Path, glossary) -> None:
    document = tmp_path / "bad.md"
    document.write_bytes(b"a" * 5000 + b"\xff" + b"b" * 10)
    result = files.lint_file(Linter(glossary), str(document))
    with pytest.raises(ValueError, match="byte offset 5000"):
        list(result.findings)
