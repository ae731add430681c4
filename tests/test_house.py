"""The layout of Tend's code, held as a specification.

Read with ``journal_app/ui/__init__.py``: these tests keep the house the way its
docstrings describe it. Every module is small enough to read in one sitting, every
function fits on a screen or two, nothing imports in a circle (not even for type
checking), and a part of the window reaches another part only from above.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_layers import imported_modules

PACKAGE = Path(__file__).resolve().parents[1] / "journal_app"
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80

# What each room of the window may import, besides itself. The top floor may import
# any of them; a part may use the door (services) and the shared helpers (common).
UI_ROOMS = {
    "window": {"journal", "support", "transfer", "settings", "services", "common"},
    "journal": {"services", "common"},
    "support": {"services", "common"},
    "transfer": {"services", "common"},
    "settings": {"services", "common"},
    "services": {"common"},
    "common": set(),
}


def modules(package: Path = PACKAGE) -> Iterator[Path]:
    yield from sorted(package.rglob("*.py"))


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's own modules it imports (a package counts as its __init__)."""
    names = {module_name(path, package): path for path in modules(package)}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        targets = set()
        for imported in imported_modules(path, package):
            # "from x.y import z" names x.y.z, which is a module only when it exists.
            while imported and imported not in names:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] == ["journal_app", "ui"] and len(parts) > 2:
        return parts[2]
    return None


def trespasses(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for source, targets in sorted(graph.items()):
        room = room_of(source)
        if room is None:
            continue
        for target in sorted(targets):
            other = room_of(target)
            if other is not None and other != room and other not in UI_ROOMS.get(room, set()):
                found.append(f"{source} -> {target}")
    return found


def test_no_module_is_longer_than_one_sitting() -> None:
    long = [
        f"{path.relative_to(PACKAGE)} ({count} lines)"
        for path in modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    ]
    assert long == []


def test_no_function_is_longer_than_80_lines() -> None:
    assert [found for path in modules() for found in long_functions(path)] == []


def test_nothing_imports_in_a_circle() -> None:
    assert cycles(import_graph()) == []


def test_every_room_of_the_window_is_one_the_docstring_names() -> None:
    rooms = {path.name for path in (PACKAGE / "ui").iterdir() if (path / "__init__.py").exists()}
    assert rooms == set(UI_ROOMS)
    assert [path.name for path in (PACKAGE / "ui").glob("*.py")] == ["__init__.py"]
    doc = ast.get_docstring(ast.parse((PACKAGE / "ui" / "__init__.py").read_text()))
    assert doc is not None and all(f"``{room}/``" in doc for room in UI_ROOMS)


def test_a_part_of_the_window_imports_only_from_below() -> None:
    assert trespasses(import_graph()) == []


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    package = tmp_path / "journal_app"
    for room in ("window", "journal", "support", "common"):
        (package / "ui" / room).mkdir(parents=True)
        (package / "ui" / room / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "ui" / "__init__.py").write_text("")
    return package


def test_the_checks_see_what_they_look_for(sample: Path) -> None:
    """The tests above could pass by seeing nothing; show that they notice."""
    ui = sample / "ui"
    (ui / "window" / "main.py").write_text("from journal_app.ui.journal.view import View\n")
    (ui / "journal" / "view.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from journal_app.ui.window.main import Main\n"
        "from journal_app.ui.support import plan\n"
        "from ..common.theme import colors\n"
    )
    (ui / "support" / "plan.py").write_text("def f():\n" + "    x = 1\n" * 90)
    (ui / "common" / "theme.py").write_text("colors = {}\n")
    graph = import_graph(sample)
    assert graph["journal_app.ui.journal.view"] == {
        "journal_app.ui.window.main",
        "journal_app.ui.support",
        "journal_app.ui.support.plan",
        "journal_app.ui.common.theme",
    }
    assert cycles(graph) == [["journal_app.ui.journal.view", "journal_app.ui.window.main"]]
    assert trespasses(graph) == [
        "journal_app.ui.journal.view -> journal_app.ui.support",
        "journal_app.ui.journal.view -> journal_app.ui.support.plan",
        "journal_app.ui.journal.view -> journal_app.ui.window.main",
    ]
    assert long_functions(ui / "support" / "plan.py") == ["plan.py:1 f (91 lines)"]
