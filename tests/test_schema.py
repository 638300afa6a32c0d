"""The shipped JSON Schemas are what the models generate, byte for byte."""

from __future__ import annotations

import json

import pytest

from nqp_terms.schema import SCHEMA_DIR, generate, render


@pytest.mark.parametrize("name", sorted(generate()))
def test_the_shipped_schema_matches_the_models(name: str) -> None:
    shipped = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert shipped == render(generate()[name]), "run: python -m nqp_terms.schema"


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
