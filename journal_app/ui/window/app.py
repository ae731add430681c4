"""Start the desktop app: ``tend`` with no command, ``tendw``, or ``python -m journal_app``.

Everything Qt is created here, at run time, never at import: the application
and its names, the theme, the exception hook and the window. If a window already
has the journal open, that window comes forward instead, and this start ends.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from journal_app import APP_ID, APP_NAME, __version__, paths
from journal_app.ui.common.errors import install_excepthook
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.theme import ThemeController
from journal_app.ui.common.widgets import app_icon
from journal_app.ui.window import single_instance
from journal_app.ui.window.main_window import MainWindow
from journal_app.vault import KdfParams
from journal_app.vault.hardening import disable_core_dumps

ORGANIZATION = "Tend"


def set_application_names() -> None:
    """Names Qt uses for settings, the window manager and the task bar (set once)."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    # The .desktop file's name: the task bar and Wayland match the window to it (and its icon).
    QGuiApplication.setDesktopFileName(APP_ID)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    set_application_names()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        args = list(argv) if argv is not None else sys.argv[:1] or [APP_NAME]
        app = QApplication(args)
    app.setWindowIcon(app_icon())
    return app


def run(
    argv: Sequence[str] | None = None,
    *,
    vault_path: Path | None = None,
    kdf: KdfParams | None = None,
) -> int:
    """Open Tend's window and run until it closes; returns the exit code.

    If a window (of this or another process) has the journal open already, it is
    asked to come forward, and this returns 0 without a window of its own.
    """
    disable_core_dumps()
    app = create_application(argv)
    settings = AppSettings()
    journal = vault_path or settings.vault_path or paths.default_vault_path()
    if single_instance.ask_to_show(journal):
        return 0
    theme = ThemeController(app, settings.theme, settings.text_zoom)
    hook = install_excepthook()
    answering: single_instance.InstanceServer | None = None
    try:
        window = MainWindow(settings, vault_path=journal, kdf=kdf, theme=theme)
        answering = single_instance.serve(window, window.service)
        _close_gracefully_on_signals(window)
        app.commitDataRequest.connect(lambda _manager: window.save_now())
        window.show()
        return app.exec()
    finally:
        if answering is not None:
            answering.close()
        hook.uninstall()


def _close_gracefully_on_signals(window: MainWindow) -> None:
    """Ctrl+C or SIGTERM (e.g. at logout) closes the window, saving first, not mid-write.

    Python runs signal handlers only between bytecodes; a slow timer gives it the
    chance while Qt's event loop waits in C++.
    """

    def close(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    for name in ("SIGINT", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, close)
    waker = QTimer(window)
    waker.timeout.connect(lambda: None)
    waker.start(500)
