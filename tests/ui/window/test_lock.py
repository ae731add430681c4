"""Locking hides everything at once; auto-lock after idle time; unlocking returns to the entry."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from journal_app.ui.services.journal_service import VaultState
from journal_app.ui.window.idle import IdleWatcher
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import (
    WAIT_MS,
    all_app_texts,
    create_through_ui,
    shown_texts,
    undo_available,
    unlock_through_ui,
)

CANARY = "Canary7Q marigold"
TYPED_CANARY = "Typedcanary3 heron"


def _editor_part(window: Any, name: str) -> QWidget:
    editor = getattr(window.journal_view, "editor", None)
    part = getattr(editor, name, None)
    return part if part is not None else QApplication.focusWidget()


def _write_canaries(qtbot, window) -> str:
    """A saved entry and unsaved typing, both holding canary words, on screen."""
    saved = window.service.add(
        f"Body with {CANARY} inside.", title=f"Title {CANARY}", tags=[CANARY]
    )
    window.journal_view.reload()
    window.journal_view.show_entry(saved.id)
    assert any(CANARY in text for text in shown_texts(window))
    window.new_entry_action.trigger()
    body = _editor_part(window, "body")
    qtbot.keyClicks(body, TYPED_CANARY)
    assert any(TYPED_CANARY in text for text in shown_texts(window))
    return saved.id


def test_ctrl_l_hides_every_piece_of_text(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    _write_canaries(qtbot, window)
    window.journal_view.focus_search()
    QTest.keyClicks(QApplication.focusWidget() or window, CANARY[:6])

    QTest.keySequence(window, "Ctrl+L")

    assert window.service.state is VaultState.LOCKED
    assert window.current_page() is window.unlock_page
    texts = all_app_texts()
    assert not [t for t in texts if CANARY in t or TYPED_CANARY in t or CANARY[:6] in t]
    assert not undo_available(window)
    assert window.unlock_page.field.text() == ""
    assert not window.new_entry_action.isEnabled()
    assert window.statusBar().currentMessage() == ""
    # The typing was saved (encrypted) before the lock: it is there after unlocking.
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert any(TYPED_CANARY in e.body for e in window.service.entries())


def test_unlocking_returns_to_the_same_entry(qtbot, make_window, existing_journal, app_settings):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    older = existing_journal.entry_ids[0]
    window.journal_view.show_entry(older)
    assert window.journal_view.current_entry_id() == older
    window.lock()
    assert older not in " ".join([*app_settings.keys(), str(app_settings.vault_path)])
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.journal_view.current_entry_id() == older
    app_settings.sync()
    assert older not in Path(app_settings.file_name).read_text(encoding="utf-8")


def test_auto_lock_fires_after_idle_time(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    _write_canaries(qtbot, window)
    window.idle_watcher.set_timeout_ms(200)
    qtbot.waitUntil(lambda: window.service.state is VaultState.LOCKED, timeout=WAIT_MS)
    assert window.current_page() is window.unlock_page
    assert not [t for t in all_app_texts() if CANARY in t or TYPED_CANARY in t]
    assert not window.idle_watcher.running


def test_input_keeps_it_open(qtbot):
    watcher = IdleWatcher(300)
    watcher.start()
    widget = QWidget()
    qtbot.addWidget(widget)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    for _ in range(4):
        qtbot.wait(100)
        QTest.keyClick(widget, Qt.Key.Key_A)
    assert not fired
    qtbot.waitUntil(lambda: bool(fired), timeout=WAIT_MS)
    assert not watcher.running


def test_auto_lock_waits_while_the_recovery_code_is_being_written_down(qtbot, make_window):
    window = make_window()
    create_through_ui(qtbot, window, PASSPHRASE)
    window.idle_watcher.set_timeout_ms(50)
    window.idle_watcher.start()
    qtbot.wait(300)
    assert window.service.is_unlocked
    assert window.current_page() is window.recovery_code_page
    # An explicit lock still wins, and takes the code off the screen and the clipboard.
    widget = window.recovery_code_page.widget
    code = widget.code
    widget.copy_code()
    assert QGuiApplication.clipboard().text() == code
    window.lock_action.trigger()
    assert window.service.state is VaultState.LOCKED
    assert widget.code == "" and widget.code_label.text() == ""
    assert QGuiApplication.clipboard().text() == ""
    assert not [t for t in all_app_texts() if code in t or code[:11] in t]


def test_session_lock_signal_locks(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.session_lock._on_screensaver(False)
    assert window.service.is_unlocked
    window.session_lock._on_screensaver(True)
    assert window.service.state is VaultState.LOCKED
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.session_lock._on_prepare_for_sleep(True)
    assert window.service.state is VaultState.LOCKED


def test_lock_closes_dialogs_that_could_show_content(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    window.show_support()
    window.lock()
    assert not dialog.isVisible()
    assert window.support_dialog.isVisible()  # help stays within reach


def test_unlocking_freezes_the_journal_and_locking_frees_it(qtbot, make_window, existing_journal):
    # Frozen, the loaded entries are skipped by full collections (no pauses); on
    # lock they must be unfrozen and collected, or the plaintext would stay.
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert gc.get_freeze_count() > 0

    window.service.lock()

    assert window.service.state is VaultState.LOCKED
    assert gc.get_freeze_count() == 0
