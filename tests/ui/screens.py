"""Every screen and dialog of Tend, visited in turn, for tests that read all of them.

``visit_every_screen`` builds its own journal (with prompts, a pack and a trashed
entry) and window, and yields ``(name, root widget)`` at each step: first run,
unlock, the journal, the prompt chooser, the prompt card (live, heavy note, kept),
pack preview and packs dialog, settings (every page), support, about, and more.
It patches what would block or reach outside (message boxes, file dialogs, the
browser) itself, so it runs from tests outside tests/ui/ too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from journal_app.journal import Journal
from journal_app.journal.packs import parse_pack
from journal_app.journal.prompts import builtin_catalogue
from journal_app.ui.common.calm_dialog import CalmDialog
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.journal.packs import PackPreviewDialog, PacksDialog
from journal_app.ui.journal.prompt_chooser import PromptChooserDialog
from journal_app.ui.support.support import SupportDialog
from journal_app.ui.window.about import AboutDialog
from journal_app.ui.window.main_window import MainWindow, default_journal_view
from journal_app.vault import KdfParams
from tests.ui.helpers import shown_texts

PASSPHRASE = "quiet river lamp orange"
EXAMPLE_PACK = Path(__file__).resolve().parent.parent / "data" / "example_pack.toml"
WAIT_MS = 10_000


def words_of(root: QWidget) -> list[str]:
    """Every word a person could meet in a widget tree: what ``shown_texts`` reads,
    plus button texts, placeholders, group titles, window titles and actions."""
    texts = shown_texts(root)
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.windowTitle() if widget.isWindow() else "")
        texts.append(widget.statusTip())
        texts.append(widget.whatsThis())
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        for action in widget.actions():
            texts.extend(action_words(action))
    return [text for text in texts if text and text.strip()]


def action_words(action: QAction) -> list[str]:
    """An action's words. Its menu, if any, is a child widget that ``words_of`` reads
    itself: QAction.menu() is not called (before PySide6 6.11.2 it leaves the menu's
    wrapper "already deleted"). What a menu shows after a tab is its keys, not words."""
    return [
        action.text().split("\t", 1)[0],
        action.toolTip(),
        action.statusTip(),
        action.iconText().split("\t", 1)[0],
    ]


def _patch_blocking(monkeypatch: pytest.MonkeyPatch) -> None:
    def static(kind: str) -> Any:
        def show(*args: Any, **kwargs: Any) -> Any:
            return QMessageBox.StandardButton.No if kind == "question" else None

        return staticmethod(show)

    for kind in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: int(QMessageBox.StandardButton.Cancel))
    monkeypatch.setattr(CalmDialog, "exec", lambda dialog: dialog.escape.value)
    for kind in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, kind, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))


def _make_journal(path: Path, kdf: KdfParams) -> None:
    catalogue = builtin_catalogue()
    with Journal.create(path, PASSPHRASE, kdf) as journal:
        pack = journal.prompts.import_pack(parse_pack(EXAMPLE_PACK.read_bytes()))
        journal.add(
            "Ana called, and I told her about the week.",
            title="A call",
            tags=["people"],
            prompt=catalogue.pool("people")[0],
        )
        journal.add("A walk by the river.", title="Walk", prompt=pack.prompts[1])
        journal.add("Rain all day; I read.", title="Rain", tags=["quiet"])
        gone = journal.add("An older note.", title="Old note")
        journal.move_to_trash(gone.id)
        journal.vault.new_recovery_code()


def _show(qtbot: Any, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def visit_every_screen(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, QWidget]]:
    """Open each screen and dialog in turn; yield (a name for it, its root widget)."""
    _patch_blocking(monkeypatch)
    kdf = KdfParams.fresh(memory_kib=64, iterations=1, lanes=1)
    settings = AppSettings()
    folder = tmp_path / "screens"
    folder.mkdir(exist_ok=True)

    def window_for(path: Path) -> MainWindow:
        window = MainWindow(
            settings,
            vault_path=path,
            kdf=kdf,
            watch_session_lock=False,
            journal_view_factory=default_journal_view,
        )
        return _show(qtbot, window)  # type: ignore[return-value]

    # ---- first run
    window = window_for(folder / "new.tend")
    yield "welcome", window
    window.welcome_page.begin_button.click()
    page = window.create_page
    page.fields.first.setText("river lamp")
    page.fields.second.setText("river")
    yield "create passphrase", window
    page.fields.first.setText("password1")
    page.fields.second.setText("password1")
    page.submit()
    yield "create passphrase refused", window
    page.fields.first.setText(PASSPHRASE)
    page.fields.second.setText(PASSPHRASE)
    page.submit()
    qtbot.waitUntil(lambda: window.current_page() is window.recovery_code_page, timeout=WAIT_MS)
    yield "recovery code", window
    window.close()

    # ---- an existing journal: unlock, the journal, prompts
    path = folder / "journal.tend"
    _make_journal(path, kdf)
    window = window_for(path)
    yield "unlock", window
    window.unlock_page.field.setText("not quite it")
    window.unlock_page.submit()
    qtbot.waitUntil(window.unlock_page.inline_error.isVisible, timeout=WAIT_MS)
    yield "unlock, wrong passphrase", window
    window.unlock_page.recovery_button.click()
    yield "unlock with the recovery code", window
    window.recovery_unlock_page.back_requested.emit()
    window.unlock_page.field.setText(PASSPHRASE)
    window.unlock_page.submit()
    qtbot.waitUntil(lambda: window.current_page() is window.journal_page, timeout=WAIT_MS)
    view = window.journal_view
    yield "journal", window
    prompted = next(e for e in window.service.entries() if e.prompt_text)
    view.show_entry(prompted.id)
    yield "an entry written with a prompt", window
    view.set_theme_filter("people")
    yield "theme filter", window
    view.set_theme_filter(None)

    chooser = PromptChooserDialog(window.service.prompt_themes(), parent=window)
    yield "prompt chooser", _show(qtbot, chooser)
    chooser.done(QDialog.DialogCode.Rejected)
    assert view.start_prompted_entry("coping")
    if view.editor.prompt_waiting:
        view.editor.reveal_prompt()
    yield "prompt card", window
    heavy = next(p for p in builtin_catalogue().prompts if p.heavy)
    view.editor.show_prompt(heavy)
    yield "heavy prompt note", window
    view.editor.write_freely()
    view.show_trash(True)
    yield "trash", window
    view.show_trash(False)

    # ---- prompt packs
    pack = parse_pack(EXAMPLE_PACK.read_bytes())
    names = {theme.id: theme.name for theme in window.service.prompt_themes()}
    preview = PackPreviewDialog(pack, names, window)
    yield "pack preview", _show(qtbot, preview)
    preview.done(QDialog.DialogCode.Rejected)
    window.show_prompt_packs()
    assert window.packs_dialog is not None
    yield "prompt packs", window.packs_dialog
    window.packs_dialog.done(QDialog.DialogCode.Rejected)
    empty = PacksDialog(window.service, window)
    empty.list.clear()
    empty.stack.setCurrentIndex(1)
    yield "prompt packs, none yet", _show(qtbot, empty)
    empty.done(QDialog.DialogCode.Rejected)

    # ---- settings, every page
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    for settings_page in dialog.pages:
        dialog.show_page(settings_page)
        yield f"settings: {settings_page.title}", dialog
    dialog.done(QDialog.DialogCode.Rejected)

    # ---- the person's own help (issue 5), where the window has it
    for opener, attribute in (("show_people", "people_dialog"), ("show_plan", "plan_dialog")):
        if hasattr(window, opener):
            getattr(window, opener)()
            found = getattr(window, attribute, None)
            if isinstance(found, QWidget):
                yield attribute.replace("_", " "), found
                found.close()

    # ---- support and about
    window.show_support()
    assert window.support_dialog is not None
    yield "support", window.support_dialog
    for country in ("GB", "US", ""):
        support = SupportDialog(country=country)
        yield f"support ({country or 'another country'})", _show(qtbot, support)
        support.close()
    about = AboutDialog(window)
    yield "about", _show(qtbot, about)
    about.done(QDialog.DialogCode.Rejected)

    # ---- locked again
    window.lock()
    yield "locked", window
    window.close()


def input_widgets(root: QWidget) -> list[QWidget]:
    """Widgets a person types, picks or ticks into (where anything could be recorded)."""
    from PySide6.QtWidgets import (
        QAbstractSlider,
        QAbstractSpinBox,
        QCheckBox,
        QLineEdit,
        QRadioButton,
    )

    kinds = (
        QLineEdit,
        QTextEdit,
        QPlainTextEdit,
        QAbstractSpinBox,
        QAbstractSlider,
        QComboBox,
        QCheckBox,
        QRadioButton,
        QAbstractItemView,
    )
    return [w for w in [root, *root.findChildren(QWidget)] if isinstance(w, kinds)]


def labels_of(widget: QWidget, root: QWidget) -> list[str]:
    """What names a control: its own names and tips, and any label that is its buddy."""
    from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox

    words = [
        widget.objectName(),
        widget.accessibleName(),
        widget.accessibleDescription(),
        widget.toolTip(),
    ]
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        words.append(widget.placeholderText())
    if isinstance(widget, QAbstractButton):
        words.append(widget.text())
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        words.extend([widget.prefix(), widget.suffix()])
    for label in root.findChildren(QLabel):
        if label.buddy() is widget:
            words.append(label.text())
    return [word for word in words if word]
