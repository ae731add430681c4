"""Starting the app, the exception hook, and what never happens at import time."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from journal_app import cli
from journal_app.ui.common.errors import UNEXPECTED_MESSAGE, ExceptionHook, content_free_summary
from journal_app.ui.window import app as app_module
from journal_app.ui.window.main_window import MainWindow


def test_run_opens_the_window_and_returns_the_exit_code(qtbot, journal_path, monkeypatch, kdf):
    """run() sets the app up and enters its event loop (replaced here: pytest-qt owns it)."""
    seen: list[MainWindow] = []
    hooks: list[object] = []

    def fake_exec() -> int:
        hooks.append(sys.excepthook)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget)
                qtbot.addWidget(widget)
                widget.close()
        return 3

    handled: list[int] = []
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module.signal, "signal", lambda number, _h: handled.append(number))
    assert app_module.run(["tend"], vault_path=journal_path, kdf=kdf) == 3
    assert len(seen) == 1 and seen[0].windowTitle() == "Tend"
    assert seen[0].service.vault_path == journal_path
    assert isinstance(hooks[0], ExceptionHook)  # installed while the window runs
    assert not isinstance(sys.excepthook, ExceptionHook)  # and removed after
    assert QCoreApplication.organizationName() == "Tend"
    assert QCoreApplication.applicationName() == "Tend"
    assert not QApplication.windowIcon().isNull()
    assert signal.SIGINT in handled and signal.SIGTERM in handled  # closing saves first


def test_tend_without_a_command_starts_the_window(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(
        app_module, "run", lambda argv, vault_path=None: calls.append(vault_path) or 0
    )
    assert cli.main(["--vault", str(tmp_path / "j.tend")]) == 0
    assert calls == [tmp_path / "j.tend"]
    assert cli.main([]) == 0
    assert calls[-1] is None


def test_the_cli_alone_does_not_load_qt():
    code = textwrap.dedent(
        """
        import sys
        import journal_app.cli, journal_app.journal.help, journal_app.journal.passphrase
        assert not any(name.startswith("PySide6") for name in sys.modules), "PySide6 loaded"
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_importing_the_ui_creates_no_qt_object():
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication
        import journal_app.ui.window.app, journal_app.ui.window.main_window
        import journal_app.ui.support.support, journal_app.ui.settings.dialog
        import journal_app.ui.common.theme
        assert QCoreApplication.instance() is None
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def _raise_with_content() -> None:
    raise ValueError("my private diary words")


def test_excepthook_shows_a_calm_dialog_and_logs_no_content(message_boxes):
    stream = io.StringIO()
    hook = ExceptionHook(stream=stream)
    try:
        _raise_with_content()
    except ValueError as exc:
        hook(type(exc), exc, exc.__traceback__)
    logged = stream.getvalue()
    assert "ValueError" in logged and "test_app.py" in logged
    assert "private diary" not in logged
    assert "Traceback" not in logged
    assert message_boxes.calls[-1][0] == "warning"
    assert message_boxes.calls[-1][2] == UNEXPECTED_MESSAGE
    assert "private diary" not in message_boxes.calls[-1][2]


def test_excepthook_install_and_uninstall():
    before = sys.excepthook
    hook = ExceptionHook(stream=io.StringIO())
    hook.install()
    try:
        assert sys.excepthook is hook
    finally:
        hook.uninstall()
    assert sys.excepthook is before


def test_content_free_summary_has_only_places():
    try:
        _raise_with_content()
    except ValueError as exc:
        summary = content_free_summary(type(exc), exc.__traceback__)
    assert "builtins.ValueError" in summary
    assert "_raise_with_content" in summary
    assert "private" not in summary


@pytest.mark.parametrize("name", ["journal_app.ui.window.app", "journal_app.ui.window.main_window"])
def test_modules_import(name):
    __import__(name)
