"""The reference pages: one per public name of the library and one per command, from the code itself.

A library page shows the name's signature and its docstring, examples
included (the same examples the test suite runs as doctests); a class's page
adds its public methods and properties.  A command's page shows its usage, a
table of its arguments and options and the help it prints, all read from the
parser the command line uses.  Nothing is written by hand, so a page never
lags behind the code.

>>> pages = api_pages()
>>> sorted(pages)[:2]
['reference/api/AmbiguousTerm.md', 'reference/api/Concept.md']
>>> "nqp_terms.lookup(query: str" in pages["reference/api/lookup.md"]
True
>>> "| `--select RULES` |" in command_pages()["reference/cli/lint.md"]
True
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import nqp_terms

from ..cli import build_parser
from ..i18n import Messages
from .markup import generated_notice, md

API_DIR = "reference/api"
CLI_DIR = "reference/cli"


def api_path(name: str) -> str:
    """The docs path of a public name's page."""
    return f"{API_DIR}/{name}.md"


def command_path(command: str) -> str:
    """The docs path of a command's page."""
    return f"{CLI_DIR}/{command}.md"


def reference_pages() -> dict[str, str]:
    """Every reference page, ``{docs path: Markdown}``."""
    return {**api_pages(), **command_pages()}


def reference_nav() -> list[dict[str, list[Any]]]:
    """The navigation entries of the reference pages, in MkDocs' ``nav`` form: each page by its name."""
    return [
        {"Python API": [{"All names": f"{API_DIR}/index.md"},
                        *({f"nqp_terms.{name}": api_path(name)} for name in nqp_terms.__all__)]},
        {"Command line": [{"All commands": f"{CLI_DIR}/index.md"},
                          *({f"nqp-terms {command}": command_path(command)} for command in _commands())]},
    ]


# ------------------------------------------------------------------ the library


def api_pages() -> dict[str, str]:
    """A page for every name in ``nqp_terms.__all__``, and an index of them."""
    pages = {api_path(name): _api_page(name, getattr(nqp_terms, name)) for name in nqp_terms.__all__}
    rows = [f"| [`nqp_terms.{name}`]({name}.md) | {_kind(getattr(nqp_terms, name))} | "
            f"{_inline(_summary(getattr(nqp_terms, name)))} |" for name in nqp_terms.__all__]
    pages[f"{API_DIR}/index.md"] = "\n".join([
        generated_notice("the docstrings of nqp_terms.__all__"), "# Python API", "",
        "Every name `import nqp_terms` offers, with its signature, what it does and examples that run "
        "(the test suite runs each as a doctest). The module-level functions use the shipped glossary; "
        "a [`Glossary`](Glossary.md) from [`load`](load.md) has the same methods over your own.", "",
        "| name | kind | what it does |", "| --- | --- | --- |", *rows, ""])
    return pages


def _kind(obj: object) -> str:
    if isinstance(obj, type):
        return "exception" if issubclass(obj, BaseException) else "class"
    return "function"


def _summary(obj: object) -> str:
    return (inspect.getdoc(obj) or "").split("\n\n")[0].replace("\n", " ")


def _api_page(name: str, obj: Any) -> str:
    module = obj.__module__
    out = [generated_notice(f"the docstring of {module}.{obj.__qualname__}"), f"# nqp_terms.{name}", "",
           "```python", _signature_line(name, obj), "```", "",
           f"{_kind(obj).capitalize()}, defined in `{module}`"
           + (f"; a subclass of `{obj.__mro__[1].__name__}`." if _kind(obj) == "exception" else "."), "",
           *_docstring(obj)]
    if isinstance(obj, type):
        out += _class_members(obj)
    return "\n".join(out).rstrip() + "\n"


class _Annotation:
    """An annotation kept as the text it was written as (``from __future__ import annotations``), shown bare."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def signature(obj: Callable[..., Any]) -> str:
    """``obj``'s parameters and return annotation as written in the source, without quotes.

    >>> signature(api_path), signature(nqp_terms.Glossary.concept)
    ('(name: str) -> str', '(self, concept_id: str) -> Concept')
    """
    try:
        found = inspect.signature(obj)
    except (TypeError, ValueError):
        return "(...)"

    def bare(annotation: Any) -> Any:
        return _Annotation(annotation) if isinstance(annotation, str) else annotation

    parameters = [p.replace(annotation=bare(p.annotation)) for p in found.parameters.values()]
    return str(found.replace(parameters=parameters, return_annotation=bare(found.return_annotation)))


def _signature_line(name: str, obj: Any) -> str:
    if isinstance(obj, type):
        return f"class nqp_terms.{name}{signature(obj).removesuffix(' -> None')}"
    return f"nqp_terms.{name}{signature(obj)}"


def _class_members(cls: type) -> list[str]:
    """The public methods and properties a class defines (not those of ``object`` or ``Exception``)."""
    out: list[str] = []
    fields = [f for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else []
    if fields:
        # A list, not a table: the pipes of `str | None` would split a table's cells.
        out += ["## Fields", "",
                *(f"- `{f.name}`: `{f.type if isinstance(f.type, str) else getattr(f.type, '__name__', f.type)}`"
                  for f in fields), ""]
    members = [(n, m) for n, m in _own_members(cls) if not n.startswith("_")]
    if members:
        out += ["## Methods and properties", ""]
    for member_name, member in members:
        function = member.fget if isinstance(member, property) else getattr(member, "func", member)
        if isinstance(member, (classmethod, staticmethod)):
            function = getattr(cls, member_name)  # bound: the signature without cls
        shown = member_name if isinstance(member, property) or not callable(function) else \
            f"{member_name}{signature(function)}"
        label = "property" if isinstance(member, property) or hasattr(member, "attrname") else "method"
        if label == "method" and shown.startswith(f"{member_name}(self"):
            shown = shown.replace("(self, ", "(", 1).replace("(self)", "()", 1)
        out += [f"### {member_name}", "", "```python", f"{cls.__name__}.{shown}", "```", "",
                *(_docstring(function) if inspect.getdoc(function) else [f"A {label}."])]
    return out


def _own_members(cls: type) -> Iterator[tuple[str, Any]]:
    """Members defined by ``cls`` and its bases inside the package, in definition order."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("nqp_terms"):
            continue
        for member_name, member in vars(klass).items():
            if member_name in seen or not (callable(member) or isinstance(
                    member, (property, classmethod, staticmethod)) or hasattr(member, "attrname")):
                continue
            if isinstance(member, type):
                continue
            seen.add(member_name)
            yield member_name, member


# -------------------------------------------------------------- docstrings


_ROLE = re.compile(r":[a-z]+:`(~?[^`]+)`")
_LITERAL = re.compile(r"``(.+?)``")


def _docstring(obj: object) -> list[str]:
    """``obj``'s docstring as Markdown: prose paragraphs, examples as Python sessions, literal blocks as code."""
    lines = (inspect.getdoc(obj) or "").splitlines()
    out: list[str] = []
    index = 0
    literal_next = False
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if line.lstrip().startswith(">>>"):
            block, index = _take(lines, index, lambda text: bool(text.strip()))
            out += ["```pycon", *block, "```", ""]
        elif literal_next or line.startswith((" ", "\t")):
            block, index = _take(lines, index, lambda text: not text.strip() or text.startswith((" ", "\t")))
            out += ["```text", *_dedent(block), "```", ""]
            literal_next = False
        else:
            block, index = _take(lines, index, lambda text: bool(text.strip()) and not text.startswith(" ")
                                 and not text.lstrip().startswith(">>>"))
            literal_next = block[-1].rstrip().endswith("::")
            if literal_next:
                block[-1] = block[-1].rstrip()[:-1]  # "text::" introduces a literal block: show "text:"
            out += [*_paragraph(block), ""]
    return out


def _take(lines: list[str], start: int, keep: Callable[[str], bool]) -> tuple[list[str], int]:
    end = start + 1
    while end < len(lines) and keep(lines[end]):
        end += 1
    block = lines[start:end]
    while block and not block[-1].strip():
        block.pop()
    return block, end


def _dedent(block: list[str]) -> list[str]:
    indent = min(len(line) - len(line.lstrip()) for line in block if line.strip())
    return [line[indent:] for line in block]


def _paragraph(block: list[str]) -> list[str]:
    """A prose paragraph; a bulleted list stays one item a line."""
    if all(line.startswith("- ") or line.startswith("  ") for line in block) and block[0].startswith("- "):
        items: list[str] = []
        for line in block:
            if line.startswith("- "):
                items.append(line[2:].strip())
            else:
                items[-1] += " " + line.strip()
        return ["- " + _inline(item) for item in items]
    return [_inline(" ".join(line.strip() for line in block))]


def _inline(text: str) -> str:
    """reStructuredText inline markup as Markdown: roles and ``literals`` become code, the rest is escaped.

    >>> _inline("See :func:`~nqp_terms.lookup` and ``lint(text)``; 2*3.")
    'See [`lookup`](lookup.md) and `lint(text)`; 2\\\\*3.'
    """
    pieces: list[str] = []
    position = 0
    for found in re.finditer(f"{_ROLE.pattern}|{_LITERAL.pattern}", text):
        pieces.append(md(text[position:found.start()]))
        if found.group(1) is not None:
            pieces.append(_reference(found.group(1)))
        else:
            pieces.append(f"`{found.group(2)}`")
        position = found.end()
    pieces.append(md(text[position:]))
    return "".join(pieces)


def _reference(target: str) -> str:
    """A Sphinx cross-reference as code, linked to the page of the public name it names or belongs to.

    ``~`` shows only the last part, as Sphinx does.

    >>> _reference("~nqp_terms.lookup"), _reference("Glossary.lookup"), _reference("Finding")
    ('[`lookup`](lookup.md)', '[`Glossary.lookup`](Glossary.md)', '`Finding`')
    """
    shown = target.rsplit(".", 1)[-1] if target.startswith("~") else target
    parts = target.lstrip("~").split(".")
    public = next((part for part in parts if part in nqp_terms.__all__), None)  # the owner: Glossary.lookup
    return f"[`{shown}`]({public}.md)" if public else f"`{shown}`"


# ------------------------------------------------------------- the command line


def _parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = build_parser(Messages.for_language("en"))
    # argparse keeps the subcommands in its private action list; there is no public accessor.
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return parser, dict(commands.choices)


def _commands() -> list[str]:
    return list(_parsers()[1])


def command_pages() -> dict[str, str]:
    """A page for every command of ``nqp-terms``, and an index with the options every command takes."""
    parser, commands = _parsers()
    pages = {command_path(name): _command_page(name, sub) for name, sub in commands.items()}
    rows = [f"| [`nqp-terms {name}`]({name}.md) | {md(sub.description or '')} |" for name, sub in commands.items()]
    pages[f"{CLI_DIR}/index.md"] = "\n".join([
        generated_notice("nqp_terms/cli.py (the parser's --help)"), "# Command line reference", "",
        md(parser.description or ""), "",
        "Exit status: 0 found, valid or clean; 1 not found, invalid, or a finding at or above `--fail-on`; "
        "2 a usage or input error. Worked examples are on [Command line](../../usage/cli.md).", "",
        "| command | what it does |", "| --- | --- |", *rows, "",
        "## Options before the command", "", *_options_table(parser), "",
        "```text", parser.format_help().rstrip(), "```", ""])
    return pages


def _command_page(name: str, parser: argparse.ArgumentParser) -> str:
    return "\n".join([
        generated_notice("nqp_terms/cli.py (the parser's --help)"), f"# nqp-terms {name}", "",
        md(parser.description or ""), "",
        "```text", parser.format_usage().strip(), "```", "",
        "## Arguments and options", "", *_options_table(parser), "",
        "The options before the command (`--lang`, `--glossary`, `--no-shipped`) are on the "
        "[command line reference](index.md).", "",
        "## Help", "", "```text", parser.format_help().rstrip(), "```", ""])


def _options_table(parser: argparse.ArgumentParser) -> list[str]:
    rows = ["| argument or option | what it does | default |", "| --- | --- | --- |"]
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        rows.append(f"| `{_invocation(action)}` | {md(_help_text(action))} | {_default(action)} |")
    return rows


def _invocation(action: argparse.Action) -> str:
    """How the option is typed: ``--select RULES``, ``-o, --output FILE``, ``query`` or ``--format {text,json}``."""
    if not action.option_strings:
        return action.metavar if isinstance(action.metavar, str) else action.dest
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    if action.metavar is not None:
        value = str(action.metavar)
    elif action.choices is not None:
        value = "{" + ",".join(map(str, action.choices)) + "}"
    else:
        value = action.dest.upper()
    return ", ".join(action.option_strings) + " " + value


def _help_text(action: argparse.Action) -> str:
    text = (action.help or "").replace("%(default)s", str(action.default))
    if action.choices is not None and action.option_strings and action.metavar is not None:
        text += f" (one of: {', '.join(map(str, action.choices))})"
    if action.nargs in ("+", "*") and not action.option_strings:
        text += " (one or more)" if action.nargs == "+" else " (any number)"
    if action.required and action.option_strings:
        text += " (required)"
    return text


def _default(action: argparse.Action) -> str:
    if action.default in (None, False, [], argparse.SUPPRESS) or action.nargs == 0:
        return ""
    return f"`{action.default}`"
