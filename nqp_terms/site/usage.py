"""The pages on using nqp-terms: the command line and the library, with output produced at build time.

Every example on these pages is run while the site is built, so the page shows
what the installed code does, never what it did when someone last copied it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
from pathlib import Path

from ..cli import build_parser, main
from ..i18n import Messages
from .markup import generated_notice

#: Example runs (argv after ``nqp-terms``) shown under each command's help.
CLI_EXAMPLES: dict[str, list[list[str]]] = {
    "lookup": [["lookup", "新质生产力"], ["lookup", "Uncover the list and take the lead"]],
    "search": [["search", "揭榜"]],
    "lint": [["lint", "--select", "deprecated-rendering", "{seed}"]],
    "check": [["check", "{pairs}"]],
    "validate": [["validate"]],
    "stats": [["stats"]],
    "normalize": [["normalize", "adhere to ”Introduced“", "--explain"]],
}
_MAX_LINES = 12

#: Library examples, run in order in one namespace; each shown with its result as in a Python session.
LIBRARY_EXAMPLES: list[tuple[str, str]] = [
    ("Look a term up in Chinese (either script), pinyin or English", "import nqp_terms"),
    ("", "match = nqp_terms.lookup('揭榜挂帅')"),
    ("", "match.concept.en"),
    ("", "nqp_terms.lookup('xinzhi shengchanli').concept.zh"),
    ("A deprecated rendering finds its concept, and says what to use instead", "bad = nqp_terms.lookup('Bull nose')"),
    ("", "bad.is_deprecated, bad.use_instead"),
    ("`get` returns None where `lookup` raises TermNotFound (a LookupError) with suggestions", "nqp_terms.get('no such term') is None"),
    ("Search by prefix or substring, in either language", "[m.concept.id for m in nqp_terms.search('揭榜')]"),
    ("Lint English text: findings are data with stable rule codes",
     "[(f.rule, f.match, f.suggestion) for f in nqp_terms.lint('We will grasp the Bull nose.')]"),
    ("Check a Chinese source segment against its translation", "nqp_terms.check('加快发展新质生产力', 'Speed up new quality productivity').accuracy"),
    ("Normalise text the way lookup does, and see which steps changed it", "nqp_terms.normalize_and_explain('adhere to ”Introduced“')"),
    ("Load your own glossary over the shipped one", "glossary = nqp_terms.load()"),
    ("", "glossary.concept('niubizi').preferred('en')"),
]


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--lang", "en", *argv])
    return status, out.getvalue() + err.getvalue()


def cli_page(seed: Path) -> str:
    ui = Messages.for_language("en")
    parser = build_parser(ui)
    # argparse keeps the subcommands in its private action list; there is no public accessor.
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    subparsers: dict[str, argparse.ArgumentParser] = dict(commands.choices)
    out = [generated_notice("nqp_terms/cli.py"), "# The command line 命令行", "",
           "Each command's help and an example run, both produced when this site was built. "
           "Every command takes `--format json` (`lint` and `check` also `sarif`); the finding schema is in "
           "[Linter output](../lint-output.md).", "",
           "Exit status: 0 found, valid or clean; 1 not found, invalid, or a finding at or above `--fail-on`; "
           "2 a usage or input error.", "", "## nqp-terms", "", "```text", parser.format_help().rstrip(), "```", ""]
    with tempfile.TemporaryDirectory() as scratch:
        pairs = Path(scratch) / "pairs.tsv"
        pairs.write_text("加快发展新质生产力\tSpeed up new quality productivity\n"
                         "推行揭榜挂帅\tAdopt the open competition mechanism\n", encoding="utf-8")
        # Every command the parser has, so a new command is documented the day it lands.
        for name, subparser in subparsers.items():
            out += [f"## {name}", "", "```text", subparser.format_help().rstrip(), "```", ""]
            for argv in CLI_EXAMPLES.get(name, []):
                shown = [a.replace("{seed}", "seeds/" + seed.name).replace("{pairs}", "pairs.tsv") for a in argv]
                real = [a.replace("{seed}", str(seed)).replace("{pairs}", str(pairs)) for a in argv]
                status, text = _run(real)
                text = text.replace(str(seed), "seeds/" + seed.name).replace(str(pairs), "pairs.tsv")
                lines = text.rstrip().splitlines()
                if len(lines) > _MAX_LINES:
                    lines = [*lines[:_MAX_LINES], f"... ({len(lines) - _MAX_LINES} more lines)"]
                out += ["```console", "$ nqp-terms " + " ".join(_quoted(a) for a in shown), *lines,
                        f"$ echo $?", str(status), "```", ""]
    return "\n".join(out)


def _quoted(arg: str) -> str:
    return f'"{arg}"' if any(c in arg for c in " ”“") else arg


def library_page() -> str:
    namespace: dict[str, object] = {}
    out = [generated_notice("nqp_terms/__init__.py"), "# The Python library", "",
           "The module-level functions use the shipped glossary; `nqp_terms.load(path, over_shipped=True)` "
           "gives a `Glossary` object with the same methods over your own glossary directory. "
           "These examples ran when this site was built.", ""]
    for caption, source in LIBRARY_EXAMPLES:
        if caption:
            if out[-1] == "```":
                out.append("")
            out += [caption + ":", "", "```pycon"]
        else:
            out.pop()  # continue the previous session block
        out.append(f">>> {source}")
        try:
            result = eval(compile(source, "<site example>", "eval"), namespace)  # noqa: S307 - our own examples
        except SyntaxError:
            exec(compile(source, "<site example>", "exec"), namespace)  # noqa: S102
        else:
            if result is not None:
                out.append(repr(result))
        out.append("```")
    out += ["", "The full API is in the docstrings: `help(nqp_terms)`.", ""]
    return "\n".join(out)
