"""What the bundle's ``tend`` runs: the same :func:`journal_app.cli.main` as the ``tend``
console script and ``python -m journal_app``, so with no command it opens the window and
with one it runs that command. Windows' ``tendw.exe`` runs the ``tendw`` GUI script.

One hook for the bundle's smoke test, and only when ``TEND_SMOKE_REPORT`` names a file:
on the first turn of the window's event loop, the window writes one line of JSON there
(which page it shows, its title, the Qt platform, the file its icon was read from) and
closes. Nothing of the journal is read or written by it, and no one starting Tend sees it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

SMOKE_REPORT = "TEND_SMOKE_REPORT"


def _give_streams_a_place() -> None:
    """A windowed program (Windows' ``tendw.exe``) has no console: Python sets
    ``sys.stdout`` and ``sys.stderr`` to None, and the first print would fail."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115


def _report_first_page(report: Path) -> None:
    """Wrap ``QApplication.exec`` so that its first turn writes ``report`` and quits."""
    from PySide6.QtCore import QTimer, qVersion
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from journal_app import assets
    from journal_app.ui.window.main_window import MainWindow

    real_exec = QApplication.exec

    def describe() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        facts: dict[str, object] = {"windows": len(windows)}
        if windows:
            window = windows[0]
            shown = window.current_page()
            names = [name for name, value in vars(window).items() if value is shown]
            facts |= {
                "page": names[0] if names else type(shown).__name__,
                "title": window.windowTitle(),
                "visible": window.isVisible(),
            }
        facts |= {
            "platform": QGuiApplication.platformName(),
            "qt": qVersion(),
            "frozen": bool(getattr(sys, "frozen", False)),
            "icon": str(assets.resource("icons", "tend.svg")),
        }
        report.write_text(json.dumps(facts) + "\n", encoding="utf-8")
        for window in windows:
            window.close()
        QApplication.quit()

    def exec_and_report(*args: object) -> int:
        QTimer.singleShot(0, describe)
        return real_exec(*args)

    QApplication.exec = staticmethod(exec_and_report)  # type: ignore[method-assign]


def _entry_point() -> Callable[[], int]:
    """``tend``'s main, or for Windows' windowed ``tendw.exe`` the ``tendw`` GUI script's
    (:mod:`journal_app.gui`, where the installed Tend has it)."""
    if Path(sys.executable).stem.lower() == "tendw" and find_spec("journal_app.gui"):
        from journal_app.gui import main as tendw

        return tendw
    from journal_app.cli import main as tend

    return tend


def main() -> int:
    _give_streams_a_place()
    report = os.environ.get(SMOKE_REPORT)
    if report:
        _report_first_page(Path(report))
    return _entry_point()()


if __name__ == "__main__":
    raise SystemExit(main())
