"""The Qt binding Tend runs on must not corrupt the interpreter.

PySide6 6.12.0 returned None from void methods without adding a reference; on
CPython 3.11 a few hundred typed characters then aborted the process. The
requirement in pyproject.toml keeps that release out; this test keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_leave_the_reference_count_of_none_alone() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(5000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 50


def test_the_window_never_reaches_a_menu_through_its_action(make_window, monkeypatch) -> None:
    """PySide6 before 6.11.2 ties the wrapper QAction.menu() returns to that action's
    wrapper: fetched through a temporary action (``bar.actions()[0].menu()``), the
    menu is "already deleted" a line later, and the window crashed at start. The
    window keeps the menus it builds instead; this holds on every PySide6."""
    from PySide6.QtGui import QAction

    def refuse(_action: QAction) -> None:
        raise AssertionError("QAction.menu() called while building the window")

    monkeypatch.setattr(QAction, "menu", refuse)
    window = make_window()
    journal = [action.text() for action in window.file_menu.actions()]
    assert "&Export…" in journal and "&Restore from backup…" in journal
    assert journal.index("&Restore from backup…") < journal.index("&Lock")
    assert window.support_action in window.help_menu.actions()
