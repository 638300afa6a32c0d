"""The README's console examples run and print what the README says (its Python examples are doctests)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from nqp_terms.cli import main

README = Path(__file__).parent.parent / "README.md"


def console_examples() -> list[tuple[str, list[str]]]:
    """Each ``$ nqp-terms ...`` line of a console block, with the output lines shown under it."""
    examples: list[tuple[str, list[str]]] = []
    in_console = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```console"):
            in_console = True
        elif line.startswith("```"):
            in_console = False
        elif in_console and line.startswith("$ nqp-terms "):
            examples.append((line[2:], []))
        elif in_console and examples and line != "...":
            examples[-1][1].append(line)
    return examples


@pytest.mark.parametrize(("command", "expected"), console_examples())
def test_console_example(command: str, expected: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(shlex.split(command)[1:])
    printed = capsys.readouterr().out.splitlines()
    assert code in (0, 1)  # lint exits 1 when it finds what the example shows it finding
    assert printed[: len(expected)] == expected
