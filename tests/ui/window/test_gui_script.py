"""``tendw``: the GUI script beside ``tend``, opening the same window (no console on Windows).

Whether Windows opens a console for it is Windows' business (pip makes GUI scripts with
its windowed launcher); here: that it is declared, that it opens the window exactly as
``tend`` with no command does, with ``--vault``, and that it runs with no console streams.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from journal_app import APP_ID, gui
from journal_app.ui.window import app as app_module
from journal_app.ui.window import single_instance
from journal_app.ui.window.main_window import MainWindow
from tests.ui.helpers import WAIT_MS

ROOT = Path(__file__).resolve().parents[3]


def _declared() -> tuple[dict[str, str], dict[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["scripts"], project["gui-scripts"]


def test_tendw_is_declared_as_a_gui_script_beside_the_tend_console_script():
    scripts, gui_scripts = _declared()
    assert scripts == {"tend": "journal_app.cli:main"}
    assert gui_scripts == {"tendw": "journal_app.gui:main"}
    module, _, name = gui_scripts["tendw"].partition(":")
    assert getattr(importlib.import_module(module), name) is gui.main


def test_tendw_opens_the_window_on_the_journal_given(qtbot, journal_path, monkeypatch, kdf):
    seen: list[MainWindow] = []

    def fake_exec() -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget)
                qtbot.addWidget(widget)
                qtbot.waitUntil(lambda w=widget: not w.opening_vault, timeout=WAIT_MS)
                widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    monkeypatch.setattr(app_module.signal, "signal", lambda *_args: None)
    assert gui.main(["--vault", str(journal_path)]) == 0
    assert len(seen) == 1
    assert seen[0].service.vault_path == journal_path
    assert seen[0].current_page() is seen[0].welcome_page  # no journal there yet
    assert QGuiApplication.desktopFileName() == APP_ID == "org.tendjournal.Tend"


def test_tendw_takes_the_windows_options_only(capsys):
    with pytest.raises(SystemExit) as stopped:
        gui.main(["list"])
    assert stopped.value.code == 2
    assert "tendw: error" in capsys.readouterr().err


def test_tendw_runs_with_no_console_streams(monkeypatch):
    """Windows' pythonw gives a GUI script no standard output or error at all."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        with pytest.raises(SystemExit) as stopped:
            gui.main(["--version"])
        assert stopped.value.code == 0
        assert sys.stdout is not None and sys.stderr is not None
    finally:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.skipif(sys.platform == "win32", reason="ends the window with SIGTERM")
def test_tendw_starts_the_window_offscreen_in_a_process_of_its_own(qtbot, journal_path):
    """Run as pip's script runs it (``sys.exit(main())``): the window opens, answers a
    second start, and closes cleanly (saving first) when asked to end."""
    _, gui_scripts = _declared()
    module, _, name = gui_scripts["tendw"].partition(":")
    code = f"import sys, {module}; sys.exit({module}.{name}())"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen(
        [sys.executable, "-c", code, "--vault", str(journal_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    address = single_instance.server_address(journal_path)
    assert address is not None
    try:
        qtbot.waitUntil(lambda: single_instance.answers(address, 200), timeout=30_000)
        assert single_instance.ask_to_show(journal_path)
        window.send_signal(signal.SIGTERM)
        out, err = window.communicate(timeout=30)
    finally:
        if window.poll() is None:
            window.kill()
            window.communicate()
    assert window.returncode == 0
    assert out == ""
    assert "Traceback" not in err
    assert not single_instance.answers(address, 500)
