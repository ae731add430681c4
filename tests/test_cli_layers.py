"""Every module of the command line stands without Qt, as ``cli.py`` alone used to.

``tests/test_layers.py`` checks ``journal_app/cli.py``; the CLI now spans the
``journal_app/cli*.py`` modules, so each of them is held to the same rule: the GUI
(and PySide6) only ever imported inside a function, when a window or a PDF is
asked for, and never by the core below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.test_layers import PACKAGE, QT_MODULES, imports_any, modules_in

CLI_MODULES = sorted(PACKAGE.glob("cli*.py"))


def top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_cli_modules_are_found():
    assert {path.name for path in CLI_MODULES} >= {
        "cli.py",
        "cli_commands.py",
        "cli_common.py",
        "cli_secrets.py",
        "cli_transfer.py",
    }


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda path: path.name)
def test_cli_module_imports_the_gui_only_inside_functions(path):
    assert not any(
        module.startswith(("journal_app.ui", *QT_MODULES)) for module in top_level_imports(path)
    )


@pytest.mark.parametrize("path", modules_in("vault", "journal"), ids=lambda path: path.name)
def test_the_core_does_not_import_any_cli_module(path):
    modules = [f"journal_app.{cli.stem}" for cli in CLI_MODULES]
    assert imports_any(path, tuple(modules)) == []
