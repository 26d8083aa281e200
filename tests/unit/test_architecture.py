"""The import graph of dashboard/, read from the source (ast, nothing is imported): no cycle,
and the layers that must work without the web framework import neither dash nor flask."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"
WEB_FRAMEWORKS = ("dash", "flask")
WITHOUT_WEB = (
    "dashboard.schema",
    "dashboard.exchange",
    "dashboard.analysis",
    "dashboard.figures",
    "dashboard.views",
    "dashboard.state",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(path: Path, name: str, modules: set[str] = frozenset()) -> set[str]:
    """Every module named by an import statement anywhere in the file (functions included:
    an import inside a function is still a dependency). `from package import name` names
    the submodule when `name` is one of `modules`, else the package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {
            other
            for other in _imported(path, name, set(modules))
            if other in modules and other != name
        }
        for name, path in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as the list of its modules, or None (iterative depth-first search)."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path, on_path = [start], {start}
        stack = [iter(sorted(graph[start]))]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                finished = path.pop()
                done.add(finished)
                on_path.discard(finished)
                continue
            if following in on_path:
                return [*path[path.index(following) :], following]
            if following not in done:
                path.append(following)
                on_path.add(following)
                stack.append(iter(sorted(graph[following])))
    return None


def test_arch001_the_walk_sees_the_imports_it_must_check():
    graph = _graph()
    assert len(graph) > 50
    assert "dashboard.cache.versioned" in graph["dashboard.store"]
    assert "dashboard.web.context" in graph["dashboard.cache.callbacks"]


def test_arch002_the_cycle_search_reports_a_cycle_with_its_modules():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_arch003_no_module_of_dashboard_takes_part_in_an_import_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("layer", WITHOUT_WEB)
def test_arch004_layers_below_the_web_import_neither_dash_nor_flask(layer):
    offending = {
        f"{name} imports {imported}"
        for name, path in _modules().items()
        if name == layer or name.startswith(f"{layer}.")
        for imported in _imported(path, name)
        if imported.split(".")[0] in WEB_FRAMEWORKS
    }
    assert not offending, sorted(offending)


DOC = PACKAGE.parent / "docs" / "architecture.md"


def _layer_table() -> list[tuple[list[str], bool]]:
    """(the paths a row of the layer table names, whether it is marked "no Dash")."""
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and "`dashboard/" in cells[0]:
            paths = [
                part.strip().strip("`")
                for part in cells[0].split(",")
                if part.strip().startswith("`")
            ]
            first = paths[0].rsplit("/", 1)[0] if "/" in paths[0] else ""
            full = [path if path.startswith("dashboard/") else f"{first}/{path}" for path in paths]
            rows.append((full, cells[2] == "yes"))
    return rows


def test_arch005_every_package_the_architecture_page_names_exists():
    rows = _layer_table()
    assert len(rows) >= 15
    missing = [path for paths, _ in rows for path in paths if not (PACKAGE.parent / path).exists()]
    assert not missing, missing


def test_arch006_what_the_architecture_page_marks_no_dash_imports_neither_dash_nor_flask():
    marked = [path for paths, no_dash in _layer_table() if no_dash for path in paths]
    assert {f"dashboard/{name.split('.')[1]}" for name in WITHOUT_WEB} - {
        path.removesuffix(".py").rstrip("/") for path in marked
    } == set(), "the page must mark every layer DESIGN.md keeps free of Dash"
    offending = []
    for path in marked:
        prefix = path.removesuffix(".py").rstrip("/").replace("/", ".")
        for name, file in _modules().items():
            if name == prefix or name.startswith(f"{prefix}."):
                web = [i for i in _imported(file, name) if i.split(".")[0] in WEB_FRAMEWORKS]
                offending += [f"{name} imports {i}" for i in web]
    assert not offending, offending
