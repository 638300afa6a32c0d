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
#: How many nodes a file may reach a second time through aliases.  Glossary files need none; a few are
#: harmless; nested ones grow exponentially.
ALIAS_BUDGET = 10_000


class _AliasBomb(Exception):
    def __init__(self, node: yaml.Node):
        super().__init__()
        self.node = node


class _Budget:
    """Counts the nodes built a second time (reached through an alias) while one file is constructed."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.repeated = 0
        self.alias: yaml.Node | None = None  # the outermost node being expanded again


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, without the implicit timestamp type: dates stay ISO strings."""

    # The C parser asks this Python resolver for the tag of every scalar; keys
    # and enum values repeat thousands of times, so remember the answers.
    _plain_tags: dict[str, str] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._plain_tags) < 200_000:
                    self._plain_tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


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
            document.data = _construct(document.node, loader, file, document.problems, _Budget())
    except _AliasBomb as bomb:
        document.problems.append(Problem(
            file=file, line=bomb.node.start_mark.line + 1, concept=None, field=None, code="yaml-aliases",
            message=f"aliases expand to more than {ALIAS_BUDGET} nodes; refused (nested aliases grow "
                    "exponentially: a \"billion laughs\")"))
        document.node, document.data = None, None
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


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SIMPLE = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}


def _construct(node: yaml.Node, loader: Any, file: str, problems: list[Problem], budget: _Budget,
               alias: yaml.Node | None = None) -> Any:
    """Build Python data from the node tree, reporting duplicate keys and unsupported tags.

    Glossary files hold only mappings, sequences, strings, numbers, booleans
    and nulls, so this walk does the safe constructor's job for them in a
    third of the time, and sees every key as it goes.  ``alias`` is the node
    whose second visit (through an alias) this one is part of.
    """
    if alias is None and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in budget.seen:
            alias = node
        else:
            budget.seen.add(id(node))
    if alias is not None:
        budget.repeated += 1
        if budget.repeated > ALIAS_BUDGET:
            raise _AliasBomb(alias)
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP and isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, loader, file, problems, budget, alias)
            line = key_node.start_mark.line + 1
            try:
                duplicate = key in first_line
            except TypeError:  # an unhashable key such as a list
                problems.append(Problem(file=file, line=line, concept=None, field=None, code="yaml-syntax",
                                        message="a mapping key must be a plain value, not a list or mapping"))
                continue
            if duplicate:
                problems.append(Problem(
                    file=file, line=line, concept=None, field=str(key), code="duplicate-key",
                    message=f"duplicate key {key!r} (first on line {first_line[key]}); "
                            "a later value would silently replace the earlier one"))
            else:
                first_line[key] = line
            result[key] = _construct(value_node, loader, file, problems, budget, alias)
        return result
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader, file, problems, budget, alias) for item in node.value]
    if tag in _SIMPLE:
        return loader.construct_object(node, deep=True)
    problems.append(Problem(file=file, line=node.start_mark.line + 1, concept=None, field=None, code="yaml-syntax",
                            message=f"unsupported YAML tag {tag!r}; glossary files hold plain values, lists and mappings"))
    return None
