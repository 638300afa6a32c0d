"""Read YAML safely and remember where every value came from.

PyYAML's safe loader still accepts duplicate mapping keys (the last one wins,
silently) and turns ``2024-03-05`` into a ``datetime.date``.  Here duplicate
keys are reported, dates stay strings, and the composed node tree is kept so
that any validation error can be traced back to a line.

>>> document = read_yaml_text("id: a\\nterms:\\n  en:\\n    - term: x\\n", "c.yaml")
>>> document.data["terms"]["en"][0]["term"]
'x'
>>> document.line_of(("terms", "en", 0, "term"))
4
>>> read_yaml_text("id: a\\nid: b\\n", "c.yaml").problems[0].message
"duplicate key 'id' (first on line 1); a later value would silently replace the earlier one"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import Problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, without the implicit timestamp type: dates stay ISO strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """A parsed YAML file: its data, its node tree, and the problems found reading it."""

    file: str
    data: Any = None
    node: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    def node_at(self, path: Sequence[str | int]) -> yaml.Node | None:
        """The deepest node on ``path`` (mapping keys and sequence indexes) that exists."""
        node = self.node
        for step in path:
            if isinstance(node, yaml.MappingNode):
                # A key itself is where an unknown or misspelt field is.
                child = next((v for k, v in node.value if k.value == step), None)
                if child is None:
                    key = next((k for k, _ in node.value if k.value == step), None)
                    return key if key is not None else node
                node = child
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return node
        return node

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The 1-based line of the value at ``path``, or of its nearest existing parent."""
        node = self.node_at(path)
        return None if node is None else node.start_mark.line + 1

    def key_line(self, path: Sequence[str | int]) -> int | None:
        """The 1-based line of the last key on ``path`` (where a field name is written)."""
        parent = self.node_at(path[:-1])
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if key.value == path[-1]:
                    return key.start_mark.line + 1
        return self.line_of(path)


def read_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse one YAML document; syntax errors and duplicate keys become problems."""
    document = YamlDocument(file)
    loader = _Loader(text)
    try:
        document.node = loader.get_single_node()
        if document.node is not None:
            document.problems.extend(_duplicate_keys(document.node, file))
            document.data = loader.construct_document(document.node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(p) for p in (error.context, error.problem) if p)
        document.problems.append(Problem(
            file=file, line=mark.line + 1 if mark else None, concept=None, field=None,
            message=f"YAML syntax error: {message}", code="yaml-syntax"))
        document.node = None
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        document.problems.append(Problem(
            file=file, line=None, concept=None, field=None, message=f"YAML error: {error}", code="yaml-syntax"))
        document.node = None
    finally:
        loader.dispose()
    return document


def _duplicate_keys(root: yaml.Node, file: str) -> list[Problem]:
    problems: list[Problem] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        problems.append(Problem(
                            file=file, line=line, concept=None, field=str(key.value), code="duplicate-key",
                            message=f"duplicate key {key.value!r} (first on line {seen[key.value]}); "
                                    "a later value would silently replace the earlier one"))
                    else:
                        seen[key.value] = line
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems
