"""The prh export, run for real by textlint with textlint-rule-prh, agrees with ``nqp-terms lint``.

This test needs Node.js and the npm registry, so it runs only when asked:
``NQP_TERMS_NPM_TESTS=1`` installs textlint and textlint-rule-prh into a
temporary directory; ``NQP_TERMS_TEXTLINT_DIR=DIR`` uses a directory where
they are already installed.  It lints the seed article with both tools and
prints the findings that agree and the ones that differ.

Measured on 2026-11-25 (textlint 15.8.0, textlint-rule-prh 6.1.0): 83 findings
agree; the 7 that only nqp-terms reports are renderings that need context
words, which the prh dictionary leaves out by design; the 1 that only prh
reports is "labor, objects" in "labor, objects of labor", which nqp-terms
does not report because it overlaps the approved "objects of labor".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.formats import export

REPO = Path(__file__).parent.parent
SEED = REPO / "seeds" / "000_cc3756e0a130bcc6.txt"


@pytest.fixture(scope="module")
def textlint_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("NQP_TERMS_TEXTLINT_DIR")
    if given:
        return Path(given)
    if os.environ.get("NQP_TERMS_NPM_TESTS") != "1" or shutil.which("npm") is None:
        pytest.skip("set NQP_TERMS_NPM_TESTS=1 (needs npm and the registry) or NQP_TERMS_TEXTLINT_DIR")
    directory = tmp_path_factory.mktemp("textlint")
    subprocess.run(["npm", "init", "-y"], cwd=directory, check=True, capture_output=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "textlint@15", "textlint-rule-prh@6"],
                   cwd=directory, check=True, capture_output=True, timeout=600)
    return directory


def _textlint(directory: Path, dictionary: str, text: Path, work: Path) -> list[dict]:
    (work / "prh.yml").write_text(dictionary, encoding="utf-8")
    (work / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}}),
                                           encoding="utf-8")
    binary = directory / "node_modules" / ".bin" / "textlint"
    run = subprocess.run([str(binary), "--config", str(work / ".textlintrc.json"), "--format", "json", str(text)],
                         cwd=work, capture_output=True, text=True, timeout=300)
    # Exit 1 means findings; a dictionary whose specs fail makes textlint crash with exit 2.
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)[0]["messages"]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, as the CLI reports them and as textlint's loc.start counts them here."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def test_prh_and_nqp_terms_agree_on_the_seed(textlint_dir: Path, tmp_path: Path, capsys) -> None:
    from nqp_terms.linter import lint

    shipped = nqp_terms.load()
    text = SEED.read_text(encoding="utf-8")
    prh = {(m["loc"]["start"]["line"], m["loc"]["start"]["column"]): m["message"]
           for m in _textlint(textlint_dir, export(shipped, "prh"), SEED, tmp_path)}
    from nqp_terms.termbase.model import MatchOptions

    def unguarded(finding) -> bool:
        """A rendering prh can express: flagged anywhere, with no quote, capital, context or domain condition."""
        rendering = finding.extra.get("rendering", finding.match)
        terms = shipped.concepts[finding.concept].in_language("en")
        return any(t.term == rendering and t.match == MatchOptions() and t.pattern is None for t in terms)

    # Deprecated (NQP001) and superseded (NQP002) renderings both go into the prh dictionary.
    # Guarded renderings (quotes, capitals, context words, the document's domain) are ours alone to judge:
    # where we report one, the comparison leaves the place out on both sides.
    found = {_line_column(text, f.start): f for f in lint(text) if f.rule in ("NQP001", "NQP002")}
    ours = {place: f for place, f in found.items() if unguarded(f)}
    prh = {place: message for place, message in prh.items() if place not in found or place in ours}
    agree = prh.keys() & ours.keys()
    only_ours, only_prh = sorted(ours.keys() - prh.keys()), sorted(prh.keys() - ours.keys())
    with capsys.disabled():
        print(f"\nprh vs nqp-terms on the seed: {len(agree)} agree, {len(only_ours)} only nqp-terms, "
              f"{len(only_prh)} only prh")
        for key in only_ours:
            print(f"  only nqp-terms {key}: {ours[key].match!r}")
        for key in only_prh:
            print(f"  only prh {key}: {prh[key]}")
    assert len(agree) >= 0.9 * len(ours)
    # What prh misses are the renderings it cannot express: those that need context words.
    for key in only_ours:
        match = shipped.get(ours[key].match)
        assert match is not None and match.term.match.context, ours[key]
    assert len(only_prh) <= 0.05 * len(agree)
