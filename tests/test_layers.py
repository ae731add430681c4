"""The core (vault, journal, CLI) stands without Qt; imports point down only."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "journal_app"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def imported_modules(path: Path, package: Path = PACKAGE) -> set[str]:
    """Every module a file imports, anywhere in it, with relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package_parts = [package.name, *path.relative_to(package).parent.parts]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def imports_any(path: Path, prefixes: tuple[str, ...], package: Path = PACKAGE) -> list[str]:
    return sorted(
        module
        for module in imported_modules(path, package)
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)
    )


def modules_in(*folders: str) -> list[Path]:
    files = [file for folder in folders for file in sorted((PACKAGE / folder).rglob("*.py"))]
    assert files, f"no modules found in {folders}"
    return files


CORE_FILES = [
    *modules_in("vault", "journal"),
    PACKAGE / "__init__.py",
    PACKAGE / "paths.py",
    PACKAGE / "assets.py",
]


def test_importing_the_core_and_the_cli_does_not_load_qt():
    script = textwrap.dedent(
        """
        import sys
        import journal_app.vault, journal_app.journal, journal_app.cli
        from journal_app.cli import main
        try:
            main(["list", "--vault", sys.argv[1]])
        except SystemExit as exit_:
            assert exit_.code == 6, exit_.code
        loaded = sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[2:])
        print(" ".join(loaded) or "none")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "/nonexistent/journal.tend", *QT_MODULES],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"


HEAVY_FOR_A_FIRST_LOOK = ("sqlalchemy", "cryptography", "journal_app.vault.store", *QT_MODULES)
"""What ``tend --version`` and ``tend --help`` never load: they once cost 18 times an
empty Python's start, importing SQLAlchemy and the journal before reading the arguments."""


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["list", "--help"]])
def test_reading_the_command_line_loads_neither_the_store_nor_the_cryptography(argv):
    script = textwrap.dedent(
        """
        import json, sys
        from journal_app.cli import main
        try:
            main(json.loads(sys.argv[1]))
        except SystemExit as exit_:
            assert exit_.code == 0, exit_.code
        heavy = sys.argv[2:]
        loaded = sorted(
            name for name in sys.modules
            if any(name == h or name.startswith(h + ".") for h in heavy)
        )
        print(" ".join(loaded) or "none", file=sys.stderr)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(argv), *HEAVY_FOR_A_FIRST_LOOK],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "tend" in done.stdout.lower()
    assert done.stderr.strip() == "none"


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_imports_neither_qt_nor_the_gui(path):
    assert imports_any(path, (*QT_MODULES, "journal_app.ui")) == []


@pytest.mark.parametrize("path", modules_in("vault"), ids=lambda p: p.name)
def test_vault_module_does_not_import_the_layers_above_it(path):
    assert imports_any(path, ("journal_app.journal", "journal_app.cli", "journal_app.ui")) == []


@pytest.mark.parametrize("path", modules_in("journal"), ids=lambda p: p.name)
def test_journal_module_does_not_import_the_cli(path):
    assert imports_any(path, ("journal_app.cli",)) == []


def test_cli_imports_the_gui_only_inside_the_function_that_starts_it():
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    top_level = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(str(module).startswith(("journal_app.ui", *QT_MODULES)) for module in top_level)


def test_import_scanner_sees_relative_and_nested_imports(tmp_path):
    """The scans above could pass by seeing nothing; show they notice what they look for."""
    package = tmp_path / "journal_app"
    sample = package / "vault" / "sample.py"
    sample.parent.mkdir(parents=True)
    sample.write_text(
        textwrap.dedent(
            """
            from ..journal import entry
            from . import crypto

            def later():
                import PySide6.QtCore
                from journal_app.ui import app
            """
        ),
        encoding="utf-8",
    )
    assert imports_any(sample, ("journal_app.journal",), package) == [
        "journal_app.journal",
        "journal_app.journal.entry",
    ]
    assert imports_any(sample, ("PySide6", "journal_app.ui"), package) == [
        "PySide6.QtCore",
        "journal_app.ui",
        "journal_app.ui.app",
    ]
    assert "journal_app.vault.crypto" in imported_modules(sample, package)
