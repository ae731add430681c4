"""Fixtures for the GUI's tests: a fast key derivation, private settings, no blocking dialogs.

Everything that would wait for a person (message boxes, file dialogs, the
browser) is replaced by a recorder that answers at once and remembers what was
asked, so tests can check the words and choose the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from journal_app.journal import Journal
from journal_app.ui.common.calm_dialog import CalmDialog
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.window.main_window import MainWindow
from journal_app.vault import KdfParams

PASSPHRASE = "quiet river lamp orange"
OTHER_PASSPHRASE = "morning kettle window blue"
StandardButton = QMessageBox.StandardButton


@dataclass
class MessageBoxes:
    """Stands in for QMessageBox's static functions and ``exec``, and for the ``exec``
    of Tend's own dialog."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    answers: list[StandardButton] = field(default_factory=list)

    def _answer(self, default: StandardButton) -> StandardButton:
        return self.answers.pop(0) if self.answers else default

    def static(self, kind: str) -> Callable[..., StandardButton]:
        def show(parent: QWidget | None, title: str, text: str, *args: Any, **kw: Any) -> Any:
            self.calls.append((kind, title, text))
            if kind == "about":
                return None
            default = StandardButton.Yes if kind == "question" else StandardButton.Ok
            if len(args) >= 2:
                default = StandardButton(args[1])
            return self._answer(default)

        return show

    def exec_box(self, box: QMessageBox) -> int:
        self.calls.append(("exec", box.windowTitle(), box.text()))
        return int(self._answer(StandardButton.Cancel).value)

    def exec_calm(self, dialog: CalmDialog) -> int:
        """Tend's own dialog: recorded by its kind, answered like a message box (a
        question's default answer is the one that changes nothing, a notice's is OK)."""
        self.calls.append((dialog.kind, dialog.title(), dialog.text()))
        return int(self._answer(dialog.escape).value)

    def texts(self) -> list[str]:
        return [f"{title}\n{text}" for _kind, title, text in self.calls]


@dataclass
class FileDialogs:
    """Stands in for QFileDialog's static functions; queue the paths to "choose"."""

    calls: list[tuple[str, str]] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    starts: list[str] = field(default_factory=list)  # where each dialog would open

    def static(self, kind: str) -> Callable[..., tuple[str, str]]:
        def ask(parent: QWidget | None = None, caption: str = "", *args: Any, **kw: Any) -> Any:
            self.calls.append((kind, caption))
            self.starts.append(args[0] if args else kw.get("dir", ""))
            answer = self.answers.pop(0) if self.answers else ""
            # getExistingDirectory returns the folder alone; the others (name, filter).
            return answer if kind == "getExistingDirectory" else (answer, "")

        return ask


@pytest.fixture(autouse=True)
def application(qapp: QApplication) -> QApplication:
    """The one QApplication, made before any test of the window runs.

    A test that typesets a PDF without ``qtbot`` would otherwise make the plain
    QGuiApplication the command line uses; run first (the order is shuffled in CI),
    it left every later widget test without the QApplication widgets need.
    """
    return qapp


@pytest.fixture(autouse=True)
def ui_isolation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, data and QSettings' own folders all inside ``tmp_path``."""
    config = tmp_path / "ui-config"
    data = tmp_path / "ui-data"
    config.mkdir(exist_ok=True)
    data.mkdir(exist_ok=True)
    monkeypatch.setenv("TEND_CONFIG_DIR", str(config))
    monkeypatch.setenv("TEND_DATA_DIR", str(data))
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(tmp_path / "qsettings"))
    return config


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()
    for kind in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(boxes.static(kind)))

    def exec_box(box: QMessageBox) -> int:
        # A plain function: as a class attribute it binds to the box, as ``exec`` does.
        return boxes.exec_box(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)

    def exec_calm(dialog: CalmDialog) -> int:
        return boxes.exec_calm(dialog)

    monkeypatch.setattr(CalmDialog, "exec", exec_calm)
    return boxes


@pytest.fixture(autouse=True)
def file_dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    dialogs = FileDialogs()
    for kind in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, kind, staticmethod(dialogs.static(kind)))
    return dialogs


@pytest.fixture(autouse=True)
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Links the app asked the browser to open (none is ever opened for real)."""
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


@pytest.fixture
def kdf() -> KdfParams:
    """Argon2id at its cheapest: the tests are about the window, not the KDF."""
    return KdfParams.fresh(memory_kib=64, iterations=1, lanes=1)


@pytest.fixture
def app_settings(ui_isolation: Path) -> AppSettings:
    return AppSettings()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    folder = tmp_path / "journals"
    folder.mkdir(exist_ok=True)
    return folder / "journal.tend"


@pytest.fixture
def service(qtbot: Any, journal_path: Path, kdf: KdfParams) -> Iterator[JournalService]:
    """A JournalService on a fresh path with the fast KDF."""
    made = JournalService(journal_path, kdf=kdf)
    yield made
    made.close()


@dataclass
class ExistingJournal:
    path: Path
    passphrase: str
    recovery_code: str
    entry_ids: list[str]


@pytest.fixture
def existing_journal(journal_path: Path, kdf: KdfParams) -> ExistingJournal:
    """A closed journal with two entries and a recovery code."""
    with Journal.create(journal_path, PASSPHRASE, kdf) as journal:
        first = journal.add("Walked by the river after lunch.", title="A slow afternoon")
        second = journal.add("Called my sister; we laughed a lot.", title="Evening call")
        code = journal.vault.new_recovery_code()
    return ExistingJournal(journal_path, PASSPHRASE, code, [first.id, second.id])


def journal_view_factory() -> Callable[..., Any]:
    """The real JournalView; the window imports it lazily."""
    from journal_app.ui.window.main_window import default_journal_view

    return default_journal_view


@pytest.fixture
def make_window(
    qtbot: Any, app_settings: AppSettings, kdf: KdfParams, journal_path: Path
) -> Callable[..., MainWindow]:
    """Build a shown MainWindow (fast KDF, no desktop lock watcher) for a path."""

    def make(path: Path | None = None, **kwargs: Any) -> MainWindow:
        kwargs.setdefault("kdf", kdf)
        kwargs.setdefault("watch_session_lock", False)
        kwargs.setdefault("journal_view_factory", journal_view_factory())
        window = MainWindow(app_settings, vault_path=path or journal_path, **kwargs)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        qtbot.waitUntil(lambda: not window.opening_vault, timeout=10_000)
        return window

    return make


# The offscreen platform used in tests cannot raise windows, pass size hints to a
# window manager, grab the keyboard (as a completer's popup asks) or, before Qt 6.7,
# reparent a window-modal dialog's native window, and says so at WARNING level;
# those lines are not about Tend.
OFFSCREEN_LIMITS = (
    r"This plugin does not support "
    r"(raise\(\)|propagateSizeHints\(\)|grabbing the (keyboard|mouse)|setParent!)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))
