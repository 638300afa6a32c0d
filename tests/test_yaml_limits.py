"""YAML with limits: a "billion laughs" in a glossary directory is refused at once (issue 16).

A 450-byte file of nested aliases once took `validate` 1 min 44 s and 1.3 GB.  Now the expansion is
counted in nodes, the file is refused with its name and line, and the other files are still checked.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

import pytest

import nqp_terms
from nqp_terms.cli import main
from nqp_terms.termbase.model import GlossaryError

# Nine levels of ten aliases each: 10**9 nodes once expanded, in under 500 bytes.
BOMB = "\n".join([
    "a0: &a0 [x,x,x,x,x,x,x,x,x,x]",
    *(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)),
    "id: bomb",
    "subject_fields: [" + ",".join(["*a8"] * 10) + "]",
    "terms: {}",
]) + "\n"


def test_the_bomb_is_small() -> None:
    assert len(BOMB.encode()) < 600


def test_validate_refuses_the_bomb_quickly_and_reports_the_other_files(capsys, glossary_copy: Path) -> None:
    (glossary_copy / "concepts" / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    niubizi = glossary_copy / "concepts" / "niubizi.yaml"
    niubizi.write_text(niubizi.read_text(encoding="utf-8").replace("subject_fields:", "subject_feilds:", 1),
                       encoding="utf-8")
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    code = main(["validate", "--format", "json", str(glossary_copy)])
    assert time.process_time() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before < 200_000  # KiB
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and not report["valid"]
    by_file = {(Path(p["file"]).name, p["code"]) for p in report["problems"]}
    assert ("bomb.yaml", "yaml-aliases") in by_file
    assert any(name == "niubizi.yaml" for name, _ in by_file)
    bomb = next(p for p in report["problems"] if p["code"] == "yaml-aliases")
    assert bomb["line"] is not None and "more than 10000 nodes" in bomb["message"]


def test_loading_a_glossary_with_the_bomb_raises_a_glossary_error(glossary_copy: Path) -> None:
    (glossary_copy / "concepts" / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    with pytest.raises(GlossaryError) as raised:
        nqp_terms.load(glossary_copy, use_cache=False)
    assert [p.code for p in raised.value.problems] == ["yaml-aliases"]


def test_a_few_aliases_are_still_fine(glossary_copy: Path) -> None:
    path = glossary_copy / "concepts" / "niubizi.yaml"
    text = path.read_text(encoding="utf-8")
    hant = text[text.index("  zh-Hant:\n"):text.index("  en:\n")]
    text = text.replace("  zh-Hans:\n", "  zh-Hans: &hans\n", 1).replace(hant, "  zh-Hant: *hans\n", 1)
    path.write_text(text, encoding="utf-8")
    concept = nqp_terms.load(glossary_copy, use_cache=False).get("牛鼻子").concept
    assert concept.zh_hant == "牛鼻子"
