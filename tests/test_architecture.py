"""The import graph of shabaka: no cycles, and no module importing from a layer above its own.

Read with :mod:`ast` from the source files (every ``import`` statement, also those inside
functions), so a lazy import counts like any other.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "shabaka"

#: The layers, lowest first, by the name below ``shabaka`` (``shabaka`` itself is the package
#: root). A module may import its own layer's modules and those of lower layers, never higher.
LAYERS: list[tuple[str, set[str]]] = [
    ("foundations: errors, Arabic letters, records, progress bars", {"errors", "arabic", "model", "progress"}),
    ("text and settings", {"text", "config"}),
    ("name lists, cleaning, dates, file output", {"lexicon", "latin", "clean", "dates", "export", "outputs"}),
    ("reading and extraction, duplicates", {"ingest", "extract", "dedup"}),
    ("resolution, relations, NER scoring, counting", {"resolve", "relations", "conll", "graph"}),
    ("the phases of a build", {"phases"}),
    ("the engines", {"local", "engine"}),
    ("the pipeline", {"pipeline"}),
    ("views, lookup", {"render", "lookup"}),
    ("entry points", {"cli", "__main__", "shabaka"}),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    base = SRC.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, runtime_only: bool) -> set[str]:
    """The ``shabaka`` modules a module's code imports."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if runtime_only and isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "shabaka")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "shabaka":
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if _is_module(sub) else node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(runtime_only: bool = True) -> dict[str, set[str]]:
    """Module -> the shabaka modules it imports (itself left out)."""
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = _imports(tree, runtime_only) - {name}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return cycles


def layer_of(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "shabaka"
    for i, (_, names) in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
        for a, targets in sorted(graph.items())
        for b in sorted(targets)
        if layer_of(b) > layer_of(a)
    ]


def test_no_import_cycles() -> None:
    assert find_cycles(import_graph()) == []


def test_no_module_imports_from_a_higher_layer() -> None:
    graph = import_graph(runtime_only=False)
    assert all(layer_of(m) >= 0 for m in graph)
    assert upward_imports(graph) == []


def test_the_checks_catch_a_cycle_and_an_upward_import() -> None:
    graph = import_graph()
    graph["shabaka.text"] = graph["shabaka.text"] | {"shabaka.resolve"}  # resolve imports text
    assert any({"shabaka.resolve", "shabaka.text"} <= set(cycle) for cycle in find_cycles(graph))
    assert any(
        line.startswith("shabaka.text (text and settings) imports shabaka.resolve") for line in upward_imports(graph)
    )


@pytest.mark.parametrize("module", ["shabaka", "shabaka.config", "shabaka.cli"])
def test_light_modules_load_no_heavy_library(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in ('networkx', 'numpy', 'scipy', 'lxml', 'trafilatura', 'camel_tools', 'torch') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(SRC)}
    )
    assert out.stdout.strip() == "[]"


def test_tables_keyed_by_entity_type_follow_the_one_list() -> None:
    from shabaka.conll import TYPES
    from shabaka.model import ENTITY_TYPES, TYPE_ALIASES
    from shabaka.render.html import TYPE_COLORS, TYPE_NAMES

    assert tuple(TYPES) == ENTITY_TYPES
    assert tuple(TYPE_COLORS) == tuple(TYPE_NAMES) == ENTITY_TYPES
    assert set(TYPE_ALIASES.values()) == set(ENTITY_TYPES)
