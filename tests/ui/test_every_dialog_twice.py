"""Every dialog and window a person can open opens, closes and opens again.

Each "door" is opened the way a person would (its keyboard shortcut, its menu
item or its button), checked, closed (Escape, or the button a person would
press), then opened again the same way. The second time must show a working
dialog, and no "Something went wrong" (or any other warning) may appear: the
app's own exception hook is installed, as in ``tend``, so an error in a slot
shows up as the message box a person would see.

To add a dialog, add a :class:`Door` to ``DOORS``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from journal_app.ui.common.errors import install_excepthook
from journal_app.ui.common.shortcuts import SHORTCUT_WRITE_WITH_PROMPT
from journal_app.ui.journal.pack_check_dialog import PackCheckDialog
from journal_app.ui.journal.packs import PackPreviewDialog, PacksDialog
from journal_app.ui.journal.prompt_chooser import PromptChooserDialog
from journal_app.ui.settings.dialog import SettingsDialog
from journal_app.ui.settings.recovery import RecoveryCodeDialog
from journal_app.ui.support.comfort_window import ComfortWindow, show_comfort
from journal_app.ui.support.people import PeopleDialog
from journal_app.ui.support.plan import PlanDialog
from journal_app.ui.support.support import SupportDialog
from journal_app.ui.transfer.export_dialog import ExportDialog
from journal_app.ui.transfer.import_dialog import ImportDialog
from journal_app.ui.transfer.progress import TaskDialog
from journal_app.ui.transfer.restore_dialog import RestoreDialog
from journal_app.ui.window.about import AboutDialog
from journal_app.ui.window.changed_file import FileChangedDialog
from journal_app.ui.window.guide import GuideDialog
from journal_app.ui.window.main_window import MainWindow
from journal_app.ui.window.shortcuts_dialog import ShortcutsDialog, bar_menus
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, unlock_through_ui

EXAMPLE_PACK = Path(__file__).resolve().parent.parent / "data" / "example_pack.toml"

Opener = Callable[[Any, MainWindow, Any], None]


def keys(sequence: str | QKeySequence.StandardKey) -> Opener:
    """Press a shortcut in the main window."""

    def press(qtbot: Any, window: MainWindow, _env: Any) -> None:
        QTest.keySequence(window, QKeySequence(sequence))

    return press


def menu(action_name: str, *, under: str = "") -> Opener:
    """Choose a menu item (a QAction of the window, or of ``window.<under>``)."""

    def choose(qtbot: Any, window: MainWindow, _env: Any) -> None:
        owner = getattr(window, under) if under else window
        action = getattr(owner, action_name)
        menus = bar_menus(window.menuBar())
        assert any(action in m.actions() for m in menus), f"{action.text()} is in no menu"
        assert action.isEnabled(), f"{action.text()} is not enabled"
        action.trigger()

    return choose


def escape(qtbot: Any, dialog: QWidget) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def works_by_default(dialog: QWidget) -> bool:
    """Shown, enabled, titled, with something for the keyboard to reach."""
    return (
        dialog.isVisible()
        and dialog.isEnabled()
        and bool(dialog.windowTitle())
        and any(
            child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisibleTo(dialog)
            for child in dialog.findChildren(QWidget)
        )
    )


@dataclass(frozen=True)
class Door:
    """One way into one dialog."""

    name: str
    kind: type[QWidget]
    open: Opener
    unlocked: bool = True
    close: Callable[[Any, QWidget], None] = escape
    works: Callable[[QWidget], bool] = works_by_default
    prepare: Callable[[Any, MainWindow, Any], None] | None = None


# ------------------------------------------------------------ special doors


def backup_path(qtbot: Any, window: MainWindow, env: Any) -> None:
    """Back up now asks where: a new file each time (an existing one is never replaced)."""
    env.backups += 1
    env.file_dialogs.answers.append(str(env.tmp_path / f"backup-{env.backups}.tend"))


def pack_file(qtbot: Any, window: MainWindow, env: Any) -> None:
    env.file_dialogs.answers.append(str(EXAMPLE_PACK))


def check_a_pack(qtbot: Any, window: MainWindow, env: Any) -> None:
    """File > Prompt packs…, then its Check a pack… button (the window stays open)."""
    menu("packs_action")(qtbot, window, env)
    packs = window.packs_dialog
    assert packs is not None
    QTest.keyClick(packs.check_button, Qt.Key.Key_Space)


def finish_backup(qtbot: Any, dialog: QWidget) -> None:
    """The progress window closes by itself when the copy is made and checked."""
    qtbot.waitUntil(lambda: not _visible(dialog), timeout=WAIT_MS)


def keep_recovery_code(qtbot: Any, dialog: QWidget) -> None:
    assert isinstance(dialog, RecoveryCodeDialog)
    dialog.widget.kept.setChecked(True)
    QTest.keyClick(dialog.widget.continue_button, Qt.Key.Key_Space)


def new_recovery_code(qtbot: Any, window: MainWindow, env: Any) -> None:
    """Settings (Ctrl+,) > Passphrase > Make a new recovery code…; Settings stays open."""
    settings = window.settings_dialog
    if settings is None or not settings.isVisible():
        keys("Ctrl+,")(qtbot, window, env)
        qtbot.waitUntil(lambda: _visible(window.settings_dialog), timeout=WAIT_MS)
        settings = window.settings_dialog
    assert settings is not None
    settings.show_page(settings.passphrase)
    env.message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    QTest.keyClick(settings.passphrase.recovery_button, Qt.Key.Key_Space)


def change_passphrase(qtbot: Any, window: MainWindow, env: Any) -> None:
    """Settings (Ctrl+,), then its Passphrase page, chosen in the list with the keys.

    All at once, without turning the event loop, so the dialog is looked at only
    once the page is shown."""
    keys("Ctrl+,")(qtbot, window, env)
    settings = window.settings_dialog
    assert _visible(settings)
    settings.nav.setFocus()
    while settings.stack.currentWidget() is not settings.passphrase:
        QTest.keyClick(settings.nav, Qt.Key.Key_Down)


def passphrase_page_works(dialog: QWidget) -> bool:
    assert isinstance(dialog, SettingsDialog)
    page = dialog.passphrase
    return (
        settings_work(dialog)
        and dialog.stack.currentWidget() is page
        and page.current.isEnabled()
        and page.change_button.isEnabled()
    )


def print_preview(qtbot: Any, window: MainWindow, env: Any) -> None:
    """File > Print… (Ctrl+P), then the dialog's Print… button: the preview."""
    keys(QKeySequence.StandardKey.Print)(qtbot, window, env)
    qtbot.waitUntil(lambda: _visible(window.transfer.export_dialog), timeout=WAIT_MS)
    dialog = window.transfer.export_dialog
    assert dialog is not None
    QTest.keyClick(dialog.print_button, Qt.Key.Key_Space)


def plan_print_preview(qtbot: Any, window: MainWindow, env: Any) -> None:
    """My plan (Ctrl+Shift+M), then its Print… button."""
    keys("Ctrl+Shift+M")(qtbot, window, env)
    qtbot.waitUntil(lambda: _visible(window.plan_dialog), timeout=WAIT_MS)
    plan = window.plan_dialog
    assert plan is not None
    QTest.keyClick(plan.print_button, Qt.Key.Key_Space)


def replaced_underneath(qtbot: Any, window: MainWindow, env: Any) -> None:
    """A sync tool puts another copy of the file in place, and Tend looks (as it does
    every few seconds); the second time, "Not now" was chosen, so the next refused
    save asks again (the pause before asking again made short)."""
    service = window.service
    if not service.file_changed_underneath:
        copy = env.tmp_path / "synced-copy.tend"
        shutil.copyfile(service.vault_path, copy)
        copy.replace(service.vault_path)  # os.replace, as a sync tool does
        service.check_file()
        return
    window.changed_file.ask_again_ms = 0
    editor = window.journal_view.editor
    QTest.keyClicks(editor.body, "A line.")
    editor.flush()


def support_from_welcome(qtbot: Any, window: MainWindow, env: Any) -> None:
    QTest.keyClick(window.welcome_page.support_button, Qt.Key.Key_Space)


def ways_from_support(qtbot: Any, window: MainWindow, env: Any) -> None:
    """Support (F1), then its Ways through right now… button; Support stays open."""
    keys("F1")(qtbot, window, env)
    support = window.support_dialog
    assert support is not None
    QTest.keyClick(support.comfort_button, Qt.Key.Key_Space)


def ways_through(qtbot: Any, window: MainWindow, env: Any) -> None:
    """Ways through right now, as Help and Support open it (over the window)."""
    show_comfort(window, window.service)


def settings_work(dialog: QWidget) -> bool:
    assert isinstance(dialog, SettingsDialog)
    return works_by_default(dialog) and dialog.nav.count() == len(dialog.pages) > 0


def support_works(dialog: QWidget) -> bool:
    assert isinstance(dialog, SupportDialog)
    return (
        works_by_default(dialog)
        and dialog.country_box.count() > 1
        and "emergency" in dialog.emergency_label.text()
        and bool(dialog.cards())
    )


def about_works(dialog: QWidget) -> bool:
    """About names the window's journal file, and its folder is one keypress away."""
    assert isinstance(dialog, AboutDialog)
    journal = dialog.journal_path
    return (
        works_by_default(dialog)
        and dialog.journal_label.text() == str(journal)
        and journal.exists()
        and dialog.folder_button.isEnabled()
    )


def _visible(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget) and widget.isVisible()


DOORS = [
    # Before the journal is open (the lock screen), as well as after.
    Door("support (F1, locked)", SupportDialog, keys("F1"), False, works=support_works),
    Door("settings (Ctrl+,, locked)", SettingsDialog, keys("Ctrl+,"), False, works=settings_work),
    Door("about (Help menu, locked)", AboutDialog, menu("about_action"), False, works=about_works),
    Door(
        "restore (File menu, locked)",
        RestoreDialog,
        menu("restore_action", under="transfer"),
        False,
    ),
    Door("support (F1)", SupportDialog, keys("F1"), works=support_works),
    Door("settings (Ctrl+,)", SettingsDialog, keys("Ctrl+,"), works=settings_work),
    Door("about (Help menu)", AboutDialog, menu("about_action"), works=about_works),
    Door("keyboard shortcuts (Ctrl+/, locked)", ShortcutsDialog, keys("Ctrl+/"), False),
    Door("keyboard shortcuts (Help menu)", ShortcutsDialog, menu("shortcuts_action")),
    Door("guide for therapists (Help menu, locked)", GuideDialog, menu("guide_action"), False),
    Door("ways through right now (locked)", ComfortWindow, ways_through, False),
    Door("ways through right now (Support, locked)", ComfortWindow, ways_from_support, False),
    Door("ways through right now (Ctrl+Shift+W)", ComfortWindow, keys("Ctrl+Shift+W")),
    Door(
        "ways through right now (Help menu, locked)", ComfortWindow, menu("comfort_action"), False
    ),
    Door("my people (Ctrl+Shift+P)", PeopleDialog, keys("Ctrl+Shift+P")),
    Door("my plan (Ctrl+Shift+M)", PlanDialog, keys("Ctrl+Shift+M")),
    Door("write with a prompt", PromptChooserDialog, keys(SHORTCUT_WRITE_WITH_PROMPT)),
    Door("prompt packs (File menu)", PacksDialog, menu("packs_action")),
    Door("check a pack (Prompt packs)", PackCheckDialog, check_a_pack, prepare=pack_file),
    Door(
        "import prompt pack (File menu)",
        PackPreviewDialog,
        menu("import_pack_action"),
        prepare=pack_file,
    ),
    Door("export (Ctrl+E)", ExportDialog, keys("Ctrl+E")),
    Door("print (Ctrl+P)", ExportDialog, keys(QKeySequence.StandardKey.Print)),
    Door("print preview (Ctrl+P, Print…)", QPrintPreviewDialog, print_preview),
    Door(
        "import entries (File menu)",
        ImportDialog,
        menu("import_action", under="transfer"),
    ),
    Door(
        "back up now (File menu)",
        TaskDialog,
        menu("backup_action", under="transfer"),
        close=finish_backup,
        prepare=backup_path,
    ),
    Door("restore (File menu)", RestoreDialog, menu("restore_action", under="transfer")),
    Door(
        "change passphrase (Settings)",
        SettingsDialog,
        change_passphrase,
        works=passphrase_page_works,
    ),
    Door(
        "new recovery code (Settings)",
        RecoveryCodeDialog,
        new_recovery_code,
        close=keep_recovery_code,
    ),
    Door("my plan's print preview", QPrintPreviewDialog, plan_print_preview),
    Door("the file changed underneath (a sync tool)", FileChangedDialog, replaced_underneath),
]


@dataclass
class Env:
    tmp_path: Path
    file_dialogs: Any
    message_boxes: Any
    backups: int = 0


@dataclass
class Visit:
    """What one opening showed."""

    seen: list[QWidget] = field(default_factory=list)
    works: bool = False
    problem: str = ""
    closed: bool = False


def alarms(env: Env) -> list[tuple[str, str, str]]:
    """Warnings shown so far: "Something went wrong inside Tend" is one."""
    return [call for call in env.message_boxes.calls if call[0] in ("warning", "critical")]


def top_level_shown() -> set[int]:
    return {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}


def visit(qtbot: Any, window: MainWindow, door: Door, env: Env) -> Visit:
    """Open the door, look at what opened, close it; works for exec() dialogs too."""
    before = top_level_shown()
    result = Visit()

    def look() -> None:
        if result.seen:
            return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, door.kind) and widget.isVisible() and id(widget) not in before:
                result.seen.append(widget)
                try:
                    result.works = door.works(widget)
                    door.close(qtbot, widget)
                except Exception as exc:  # reported by the test, not lost in a slot
                    result.problem = f"{type(exc).__name__}: {exc}"
                result.closed = True
                return

    poll = QTimer(window)
    poll.setInterval(20)
    poll.timeout.connect(look)
    poll.start()
    try:
        if door.prepare is not None:
            door.prepare(qtbot, window, env)
        door.open(qtbot, window, env)
        look()
        qtbot.waitUntil(lambda: result.closed or bool(alarms(env)), timeout=WAIT_MS)
    finally:
        poll.stop()
        poll.deleteLater()
    if result.seen:
        dialog = result.seen[0]
        qtbot.waitUntil(lambda: not _visible(dialog), timeout=WAIT_MS)
    qtbot.wait(50)  # the event loop turns: deferred deletes happen here
    return result


@pytest.fixture
def app_hook() -> Any:
    """Tend's own exception hook, as ``tend`` installs it: errors become message boxes."""
    hook = install_excepthook()
    yield hook
    hook.uninstall()


@pytest.mark.parametrize("door", DOORS, ids=[door.name for door in DOORS])
def test_opens_closes_and_opens_again(
    qtbot, make_window, existing_journal, message_boxes, file_dialogs, tmp_path, app_hook, door
):
    window = make_window(existing_journal.path)
    if door.unlocked:
        unlock_through_ui(qtbot, window, PASSPHRASE)
    env = Env(tmp_path, file_dialogs, message_boxes)

    for opening in ("first", "second"):
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
        shown = visit(qtbot, window, door, env)
        assert not alarms(env), f"the {opening} opening of {door.name} showed {alarms(env)}"
        assert not shown.problem, f"{opening} opening: {shown.problem}"
        assert shown.seen and shown.works, f"the {opening} opening showed no working dialog"
    assert window.isVisible()


def test_every_dialog_class_has_a_door():
    """A dialog added to Tend without a door here is noticed."""
    import journal_app.ui as ui_package

    opened = {door.kind for door in DOORS}
    own = set()
    root = Path(ui_package.__file__).parent
    for path in sorted(root.rglob("*.py")):
        dotted = ".".join(path.relative_to(root).with_suffix("").parts)
        module = __import__(f"journal_app.ui.{dotted}", fromlist=["*"])
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, QDialog)
                and value.__module__ == module.__name__
                and not value.__name__.startswith("_")
            ):
                own.add(value)
    # Base classes, never opened on their own; and every notice and question, made
    # afresh for each and answered here by the message_boxes fixture
    # (tests/ui/common/test_calm_dialog.py opens it for real).
    from journal_app.ui.common.calm_dialog import CalmDialog
    from journal_app.ui.support.personal import PersonalDialog
    from journal_app.ui.transfer.progress import WorkDialog

    assert own - opened - {WorkDialog, PersonalDialog, CalmDialog} == set()


def test_a_kept_dialog_is_forgotten_once_qt_deletes_it(qtbot, make_window):
    """The root of "Settings opens once": a reference that outlived its dialog."""
    window = make_window()
    dialog = SettingsDialog(window.settings, window.service, window)
    window.settings_dialog = dialog
    assert window.settings_dialog is dialog
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=WAIT_MS)
    assert window.settings_dialog is None
