"""Compare or regenerate the shipped JSON Schemas: ``python -m nqp_terms.schema --check`` or ``--write``.

The arguments are parsed before anything is written, and writing needs
``--write``: ``--help``, a typo or no option at all leaves the files alone.
A developer's tool, so its messages are in English only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import SCHEMA_DIR, generate, render, write


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nqp_terms.schema",
        description="The JSON Schemas of the glossary files are generated from the records. "
                    "Compare the shipped files with what the records give, or rewrite them.")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", action="store_true",
                        help="compare the schema files with the records; exit 1 and name the stale files if they differ")
    action.add_argument("--write", action="store_true", help="rewrite the schema files from the records")
    parser.add_argument("--dir", type=Path, default=SCHEMA_DIR, metavar="DIR",
                        help="the folder of the schema files (default: the package's own, %(default)s)")
    return parser


def stale_files(directory: Path) -> list[Path]:
    """The schema files in ``directory`` that are missing or differ from what the records give."""
    stale = []
    for name, schema in generate().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(schema):
            stale.append(path)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits on --help or a bad argument, before any write
    if args.write:
        for path in write(args.dir):
            print(path)
        return 0
    stale = stale_files(args.dir)
    for path in stale:
        print(f"{path}: differs from the records; run: python -m nqp_terms.schema --write", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
