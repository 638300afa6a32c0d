"""The plan of the house, checked: no import cycles, and every room imports only the rooms below it.

Every module of the package is parsed (not imported) and every import it makes
is collected: at the top, inside functions (deferred imports), and under
``if TYPE_CHECKING``.  ``ARCHITECTURE.md`` explains the rooms; :data:`MAY_IMPORT`
is the same plan as data.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nqp_terms"

#: Each room and the rooms it may import from; a room may always import from itself.
#: Data flows one way: files -> records -> validated glossary -> indexes -> lint/check -> formats/site -> cli.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "text": frozenset(),  # normalisation, keys, pinyin, hanzi: the leaf
    "i18n": frozenset(),  # message catalogs: a leaf beside text
    "safe_write": frozenset(),  # files written atomically, never through a planted link: a leaf
    "termbase": frozenset({"safe_write", "text"}),  # records, files -> validated records, cache, stats
    "index": frozenset({"termbase", "text"}),  # lookup tables, Index, Match
    "glossary": frozenset({"index", "termbase", "text"}),  # the Glossary facade: load + cache + index
    "linter": frozenset({"safe_write", "glossary", "index", "termbase", "text"}),
    # the check reads bilingual files through formats' readers (check_file)
    "checker": frozenset({"safe_write", "formats", "linter", "glossary", "index", "termbase", "text"}),
    "formats": frozenset({"safe_write", "linter", "glossary", "index", "termbase", "text"}),
    # corpus runs: partitions read through formats, linted or checked, written through safe_write
    "corpus": frozenset({"safe_write", "checker", "linter", "formats", "glossary", "index", "termbase", "text"}),
    "schema": frozenset({"safe_write", "termbase"}),  # writes its files as every writer does
    # the public API of `import nqp_terms`
    "package": frozenset({"checker", "linter", "glossary", "index", "termbase", "text"}),
    # the command line; "package" only for __version__
    "cli": frozenset({"safe_write", "package", "corpus", "formats", "checker", "linter", "glossary", "index",
                      "termbase", "text", "i18n", "schema"}),
    # the reference site documents everything, the command line and the public API ("package") included
    "site": frozenset({"safe_write", "package", "cli", "corpus", "formats", "checker", "linter", "glossary", "index",
                       "termbase", "text", "i18n"}),
    "main": frozenset({"cli"}),  # python -m nqp_terms
}


def module_name(path: Path) -> str:
    parts = ["nqp_terms", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def room_of(module: str) -> str:
    """``nqp_terms.text.keys`` -> ``text``; the package's own ``__init__`` is ``package``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    return "main" if parts[1] == "__main__" else parts[1]


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")
    if not is_package(MODULES[importer]):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str) -> Iterator[tuple[str, int]]:
    """The package modules ``module`` imports, with the line of each import, wherever it stands."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "nqp_terms":
                    yield _known(alias.name), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node)
            if base.split(".")[0] != "nqp_terms":
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield (submodule if submodule in MODULES else _known(base)), node.lineno


def _known(name: str) -> str:
    if name not in MODULES:
        raise AssertionError(f"an import of {name}, which is not a module of the package")
    return name


GRAPH: dict[str, list[tuple[str, int]]] = {m: list(imports_of(m)) for m in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walker_sees_deferred_and_relative_imports() -> None:
    targets = {target for target, _ in GRAPH["nqp_terms.glossary"]}
    assert "nqp_terms.termbase.cache" in targets  # imported inside load_glossary_data
    assert "nqp_terms.index.tables" in targets  # from .index.tables import ...
    assert {t for t, _ in GRAPH["nqp_terms.text.keys"]} == {"nqp_terms.text.normalize", "nqp_terms.text.lazy_regex",
                                                               "nqp_terms.text.plurals"}


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}}) == [["a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_there_is_no_import_cycle_inside_the_package() -> None:
    graph = {module: {target for target, _ in edges} for module, edges in GRAPH.items()}
    assert cycles(graph) == []


def test_every_module_lives_in_a_planned_room() -> None:
    assert {room_of(m) for m in MODULES} == set(MAY_IMPORT)


def test_the_plan_itself_has_no_cycle() -> None:
    assert cycles({room: set(allowed) for room, allowed in MAY_IMPORT.items()}) == []


@pytest.mark.parametrize("room", sorted(MAY_IMPORT))
def test_a_room_imports_only_the_rooms_below_it(room: str) -> None:
    wrong = [f"{MODULES[module].relative_to(PACKAGE.parent)}:{line} imports {target}"
             for module, edges in GRAPH.items() if room_of(module) == room
             for target, line in edges
             if room_of(target) != room and room_of(target) not in MAY_IMPORT[room]]
    assert wrong == []


def test_text_reads_no_files_and_imports_nothing_above_it() -> None:
    for module, path in MODULES.items():
        if room_of(module) == "text":
            source = path.read_text(encoding="utf-8")
            assert "open(" not in source and "read_text(" not in source and "read_bytes(" not in source, module
