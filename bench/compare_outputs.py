"""Save the linter's outputs on a fixed set of texts, or compare them with outputs saved before.

Run:  python bench/compare_outputs.py save DIR [--before PACKAGE_DIR]
      python bench/compare_outputs.py compare DIR

A guard for work on the speed of the lint engine, which must not change a single finding: ``save`` writes
what ``nqp-terms lint`` prints (JSON, JSON Lines and text) for the seed, a dense and a clean text of 1 MB,
a dense 3 MB text (linted in chunks, with the document's state carried from one to the next) and the
development set (``bench/devset_lint.py --json``, excerpt by excerpt and page by page), all with this
checkout's glossary; ``compare`` makes the same outputs with the current code and says which differ.
``--before DIR`` runs the package found in DIR instead (a ``git archive`` of an older commit's
``nqp_terms``), so that a baseline can be made after the fact with the same glossary.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = REPO / "glossary"
sys.path.insert(0, str(REPO / "bench"))

from bench_lint import OFFICIAL, SEED, text_of  # noqa: E402


def inputs(scratch: Path) -> dict[str, Path]:
    """The texts linted, written to ``scratch``: the same bytes on every run."""
    seed, official = SEED.read_text(encoding="utf-8"), OFFICIAL.read_text(encoding="utf-8")
    # Official English and MT in turns: the document's first renderings are official, later ones are not.
    mixed = "".join(f"{official}\n\n{seed}\n\n{official.upper() if n % 3 == 0 else official}\n\n" for n in range(12))
    texts = {"dense-1mb.md": text_of(1), "clean-1mb.md": text_of(1, OFFICIAL), "dense-3mb.md": text_of(3),
             "mixed.md": mixed}
    paths = {name: scratch / name for name in texts}
    for name, text in texts.items():
        paths[name].write_text(text, encoding="utf-8")
    paths["seed.txt"] = SEED
    return paths


def commands(paths: dict[str, Path]) -> dict[str, list[str]]:
    """Output name -> the arguments of the run that makes it."""
    lint = ["-m", "nqp_terms", "--no-shipped", "--glossary", str(GLOSSARY), "lint", "--fail-on", "never"]
    runs: dict[str, list[str]] = {}
    for name, path in paths.items():
        for form in ("json", "jsonl", "text"):
            runs[f"{name}.{form}"] = [*lint, str(path), "--format", form]
        runs[f"{name}.ignore6.json"] = [*lint, str(path), "--format", "json", "--ignore", "NQP006"]
    runs["mixed.md.select67.json"] = [*lint, str(paths["mixed.md"]), "--format", "json", "--select", "NQP006,NQP007"]
    runs["seed.txt.python.json"] = [*lint, str(paths["seed.txt"]), "--format", "json", "--matcher", "python"]
    runs["seed.txt.pretty.json"] = [*lint, str(paths["seed.txt"]), "--format", "json", "--pretty"]
    runs["seed.txt.sarif"] = [*lint, str(paths["seed.txt"]), "--format", "sarif"]
    devset = [str(REPO / "bench" / "devset_lint.py"), "--json", "--glossary", str(GLOSSARY)]
    runs["devset.json"] = devset
    runs["devset-by-page.json"] = [*devset, "--by-page"]
    return runs


def produce(before: Path | None, scratch: Path) -> dict[str, bytes]:
    env = dict(os.environ)
    if before is not None:
        env["PYTHONPATH"] = str(before)
        if not (before / "glossary").exists():  # the package reads its spelling variants from beside it
            (before / "glossary").symlink_to(GLOSSARY)
    outputs = {}
    for name, arguments in commands(inputs(scratch)).items():
        # From a neutral directory: ``python -m`` puts the working directory first on the path.
        done = subprocess.run([sys.executable, *arguments], env=env, cwd=tempfile.gettempdir(),
                              capture_output=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{name}: exit status {done.returncode}\n{done.stderr.decode(errors='replace')}")
        outputs[name] = done.stdout
    return outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("directory", type=Path)
    parser.add_argument("--before", type=Path, help="run the package in this directory instead of this checkout's")
    args = parser.parse_args()
    # One fixed directory for the inputs: their paths are part of the output.
    scratch = Path(tempfile.gettempdir()) / "nqp-compare-inputs"
    scratch.mkdir(exist_ok=True)
    outputs = produce(args.before, scratch)
    if args.action == "save":
        args.directory.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            (args.directory / name).write_bytes(data)
        print(f"saved {len(outputs)} outputs in {args.directory}")
        return 0
    different = 0
    for name, data in outputs.items():
        saved = (args.directory / name).read_bytes()
        if saved == data:
            print(f"same       {name} ({len(data):,} bytes)")
            continue
        different += 1
        print(f"DIFFERENT  {name} ({len(saved):,} bytes saved, {len(data):,} now)")
        diff = difflib.unified_diff(saved.decode(errors="replace").splitlines(),
                                    data.decode(errors="replace").splitlines(), "saved", "now", lineterm="", n=1)
        for line in list(diff)[:20]:
            print("    " + line[:300])
    print(f"{different} of {len(outputs)} outputs differ")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
