"""JSON Schemas for the glossary's YAML files, generated from the records with pydantic and shipped as files.

Editors with a YAML language server validate a concept as it is typed when the
file starts with a modeline such as::

    # yaml-language-server: $schema=<path to>/nqp_terms/schema/concept.schema.json

The files are generated, never edited: ``python -m nqp_terms.schema --write``
rewrites them, ``--check`` compares them, and a test fails when they differ
from what the records give.  The
generator adds what the loader checks beyond types: the id, date and URL
patterns, at least one subject field, and YAML's bare years (``date: 2024``
reads as a number and is accepted).

>>> schemas = generate()
>>> sorted(schemas)
['concept.schema.json', 'publishers.schema.json', 'sources.schema.json', 'subject-fields.schema.json']
>>> schemas["concept.schema.json"]["properties"]["id"]["pattern"]
'^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from ..termbase.model import (CONCEPT_ID, HTTP_URL, PARTIAL_DATE, SOURCE_ID, Concept, Definition, Publisher, Source,
                              SubjectField)
from ..termbase.validation import as_data

SCHEMA_DIR = Path(__file__).parent
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _finish(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {"$schema": _DIALECT, "title": title, "description": description, **schema}


def _source_schema(schema: dict[str, Any]) -> None:
    properties = schema["$defs"]["Source"]["properties"]
    properties["id"]["pattern"] = SOURCE_ID.pattern
    for name in ("date", "accessed"):
        # A bare year is a YAML integer; the loader accepts it as a date.
        text = {"type": "string", "pattern": PARTIAL_DATE.pattern}
        if name == "date":
            properties[name]["anyOf"] = [text, {"type": "integer", "minimum": 1000, "maximum": 9999}, {"type": "null"}]
        else:
            properties[name] = {**{k: v for k, v in properties[name].items() if k != "type"},
                                "anyOf": [text, {"type": "integer", "minimum": 1000, "maximum": 9999}]}
    properties["url"]["anyOf"] = [{"type": "string", "pattern": HTTP_URL.pattern}, {"type": "null"}]


def generate() -> dict[str, dict[str, Any]]:
    """Every schema, by file name."""
    concept = TypeAdapter(Concept).json_schema(by_alias=True)
    concept["properties"]["id"]["pattern"] = CONCEPT_ID.pattern
    concept["properties"]["subject_fields"]["minItems"] = 1
    concept["properties"]["definition"]["default"] = as_data(Definition())  # keys as written in YAML
    # A family (a pattern) may leave out its term: the loader gives it the pattern's first member.
    term = concept["$defs"]["Term"]
    term["required"] = [name for name in term["required"] if name != "term"]
    term["anyOf"] = [{"required": ["term"]}, {"required": ["pattern"]}]
    sources = TypeAdapter(list[Source]).json_schema(by_alias=True)
    _source_schema(sources)
    fields = TypeAdapter(list[SubjectField]).json_schema(by_alias=True)
    fields["$defs"]["SubjectField"]["properties"]["id"]["pattern"] = CONCEPT_ID.pattern
    return {
        "concept.schema.json": _finish(concept, "nqp-terms concept",
                                       "One concept of the nqp-terms glossary: glossary/concepts/<id>.yaml."),
        "sources.schema.json": _finish(sources, "nqp-terms sources",
                                       "A list of sources of the nqp-terms glossary: glossary/sources/*.yaml."),
        "subject-fields.schema.json": _finish(fields, "nqp-terms subject fields",
                                              "The controlled list of subject fields: glossary/subject-fields.yaml."),
        "publishers.schema.json": _finish(TypeAdapter(list[Publisher]).json_schema(by_alias=True),
                                          "nqp-terms publishers",
                                          "Publisher domains and the kind of publication each hosts: "
                                          "glossary/publishers.yaml."),
    }


def render(schema: dict[str, Any]) -> str:
    """A schema as the text of its file: two-space indents, non-ASCII kept, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Regenerate the schema files; return their paths."""
    paths = []
    for name, schema in generate().items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        paths.append(path)
    return paths
