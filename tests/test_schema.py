"""The shipped JSON Schemas are what the models generate, byte for byte."""

from __future__ import annotations

import json

import pytest

from nqp_terms.schema import SCHEMA_DIR, generate, render


@pytest.mark.parametrize("name", sorted(generate()))
def test_the_shipped_schema_matches_the_models(name: str) -> None:
    shipped = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert shipped == render(generate()[name]), "run: python -m nqp_terms.schema --write"


def test_regenerating_gives_the_same_bytes(tmp_path) -> None:
    from nqp_terms.schema import write

    for path in write(tmp_path):
        assert path.read_bytes() == (SCHEMA_DIR / path.name).read_bytes()


def test_the_concept_schema_forbids_unknown_fields_and_names_the_statuses() -> None:
    schema = json.loads((SCHEMA_DIR / "concept.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    term = schema["$defs"]["Term"]
    assert term["additionalProperties"] is False
    assert term["properties"]["status"]["enum"] == ["preferred", "admitted", "deprecated", "superseded"]
    assert set(schema["properties"]["terms"]["propertyNames"]["enum"]) == {"zh-Hans", "zh-Hant", "en"}
    assert "zh-Hans" in schema["$defs"]["Definition"]["properties"]


def test_the_fixture_concepts_fit_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    import yaml

    schema = json.loads((SCHEMA_DIR / "concept.schema.json").read_text(encoding="utf-8"))
    for path in sorted((Path(__file__).parent / "fixtures" / "glossary" / "concepts").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_the_fixture_sources_fit_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    from nqp_terms.termbase.yamlfile import read_yaml_text

    schema = json.loads((SCHEMA_DIR / "sources.schema.json").read_text(encoding="utf-8"))
    path = Path(__file__).parent / "fixtures" / "glossary" / "sources" / "core.yaml"
    # The glossary's own loader: dates stay strings, as a YAML 1.2 language server reads them.
    document = read_yaml_text(path.read_text(encoding="utf-8"), str(path))
    jsonschema.validate(document.data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**document.data[0], "url": "ftp://example"}], schema)


def test_the_shipped_publisher_registry_fits_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    import yaml

    schema = json.loads((SCHEMA_DIR / "publishers.schema.json").read_text(encoding="utf-8"))
    registry = yaml.safe_load((Path(__file__).parent.parent / "glossary" / "publishers.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(registry, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**registry[0], "kind": "trusted"}], schema)


def test_the_pre_commit_hooks_run_existing_commands() -> None:
    from pathlib import Path

    import yaml

    from nqp_terms.cli import build_parser
    from nqp_terms.i18n import Messages

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["nqp-terms-lint", "nqp-terms-validate"]
    parser = build_parser(Messages.for_language("en"))
    for hook in hooks:
        program, command = hook["entry"].split()
        assert program == "nqp-terms" and hook["language"] == "python"
        parser.parse_args([command, *hook.get("args", []), *([] if hook.get("pass_filenames") is False else ["x.md"])])


# ------------------------------------------------------- the schema tool


def _schema_tool(*args: str, cwd) -> "subprocess.CompletedProcess[str]":
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "nqp_terms.schema", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def _stale_copy(tmp_path):
    """A copy of the schema folder with one file out of date, to point the tool at with --dir."""
    import shutil

    folder = tmp_path / "schema"
    folder.mkdir()
    for name in generate():
        shutil.copy(SCHEMA_DIR / name, folder / name)
    (folder / "concept.schema.json").write_text("{}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("args", [["--help"], [], ["--wirte"]])
def test_the_schema_tool_writes_nothing_unless_asked(tmp_path, args: list[str]) -> None:
    folder = _stale_copy(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = _schema_tool(*args, "--dir", str(folder), cwd=tmp_path)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    if args == ["--help"]:
        assert result.returncode == 0 and "--write" in result.stdout and "--check" in result.stdout
    else:  # no option, or a misspelt one: a usage error that names the options
        assert result.returncode == 2 and "--check" in result.stderr and "--write" in result.stderr


def test_the_schema_tool_checks_and_writes_on_request(tmp_path) -> None:
    folder = _stale_copy(tmp_path)
    check = _schema_tool("--check", "--dir", str(folder), cwd=tmp_path)
    assert check.returncode == 1
    assert check.stderr == f"{folder / 'concept.schema.json'}: differs from the records; " \
                           "run: python -m nqp_terms.schema --write\n"
    assert _schema_tool("--write", "--dir", str(folder), cwd=tmp_path).returncode == 0
    assert (folder / "concept.schema.json").read_bytes() == (SCHEMA_DIR / "concept.schema.json").read_bytes()
    assert _schema_tool("--check", "--dir", str(folder), cwd=tmp_path).returncode == 0
    assert _schema_tool("--check", cwd=tmp_path).returncode == 0  # the shipped files are up to date
