"""The journal's file replaced underneath the open window, as a sync tool does it.

Tend notices (a look every few seconds, when the window is activated, and at a
refused save), says so once in a calm dialog, never writes over the copy that
arrived, keeps the words typed, and after "Open it again" and an unlock saves
them as a NEW entry of that copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from journal_app.journal import Journal
from journal_app.ui.services import file_watch
from journal_app.ui.window import changed_file
from journal_app.ui.window.changed_file import FileChangedDialog
from tests.conftest import sha256_of
from tests.ui.conftest import PASSPHRASE, ExistingJournal
from tests.ui.helpers import WAIT_MS, all_app_texts, unlock_through_ui
from tests.ui.test_words_and_access import _check_controls, _check_words

TYPED = "Lunch by the canal, and a long call with Sam after."
LAPTOP_WORDS = "The laptop's words for this one."


@pytest.fixture
def arrived(existing_journal: ExistingJournal, tmp_path: Path) -> Path:
    """The laptop's copy of the journal, written in there: one entry more, one changed."""
    copy = tmp_path / "laptop" / "journal.tend"
    copy.parent.mkdir()
    shutil.copyfile(existing_journal.path, copy)
    with Journal.open(copy, PASSPHRASE) as journal:
        journal.add("Written on the laptop.", title="From the laptop")
        journal.update(existing_journal.entry_ids[0], body=LAPTOP_WORDS)
    return copy


def sync_in(copy: Path, path: Path) -> str:
    """What a sync tool does: the other copy written beside, then renamed over the file.
    Returns the hash of what arrived."""
    temp = path.with_name(".journal.tend.synctemp")
    shutil.copyfile(copy, temp)
    temp.replace(path)  # os.replace: the rename a sync tool makes
    return sha256_of(path)


def shown_dialogs() -> list[FileChangedDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, FileChangedDialog) and w.isVisible()
    ]


@pytest.fixture
def no_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The look every few seconds, made rare: another way of noticing is under test."""
    monkeypatch.setattr(file_watch, "FILE_CHECK_MS", 3_600_000)


def type_in_editor(qtbot, window, text: str, entry_id: str | None = None) -> None:
    view = window.journal_view
    if entry_id is None:
        view.new_entry()
    else:
        view.show_entry(entry_id)
    view.editor.body.setFocus()
    view.editor.body.moveCursor(view.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(view.editor.body, text)


def test_replaced_underneath_then_opened_again(
    qtbot, make_window, existing_journal, arrived, message_boxes
):
    path = existing_journal.path
    window = make_window(path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    first = existing_journal.entry_ids[0]
    type_in_editor(qtbot, window, " " + TYPED, first)  # an entry both copies have
    editor = window.journal_view.editor
    on_screen = editor.body.toPlainText()
    changes: list[int] = []
    window.service.file_changed.connect(lambda: changes.append(1))

    arrived_hash = sync_in(arrived, path)
    qtbot.waitUntil(lambda: bool(shown_dialogs()), timeout=WAIT_MS)  # the look every 3 s
    [dialog] = shown_dialogs()
    assert dialog is window.changed_file.dialog
    assert dialog.reopen_button.isDefault()
    assert dialog.words.text() == changed_file.TEXT_WITH_WORDS

    # Saving is refused: the words stay, the editor and the status bar say why.
    assert editor.flush() is False
    assert editor.body.toPlainText() == on_screen
    assert "Tend saved nothing over it" in editor.notice_text()
    assert "Your words are still here." in editor.notice_text()
    assert window.statusBar().currentMessage() == changed_file.NOT_SAVED
    assert sha256_of(path) == arrived_hash  # nothing written over the copy that arrived
    # Once: more looks and refused saves bring no second dialog.
    window.service.check_file()
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert editor.flush() is False
    assert changes == [1] and shown_dialogs() == [dialog]

    QTest.keyClick(dialog, Qt.Key.Key_Return)  # Enter: "Open it again"
    assert not dialog.isVisible()
    assert window.current_page() is window.unlock_page
    assert window.unlock_page.notice.message.text() == changed_file.LOCKED_WITH_WORDS
    assert TYPED not in "\n".join(all_app_texts())  # held, not shown, while locked
    assert sha256_of(path) == arrived_hash

    unlock_through_ui(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == changed_file.KEPT_AS_NEW, timeout=WAIT_MS
    )
    entries = window.service.entries()
    assert sorted(e.title for e in entries) == sorted(
        ["A slow afternoon", "A slow afternoon", "Evening call", "From the laptop"]
    )
    assert window.service.get(first).body == LAPTOP_WORDS  # the arrived copy's, untouched
    [kept] = [e for e in entries if e.body == on_screen]
    assert kept.id not in existing_journal.entry_ids  # a NEW entry
    assert window.journal_view.editor.entry_id == kept.id  # and it is shown
    assert message_boxes.calls == []
    window.service.close()
    with Journal.open(path, PASSPHRASE) as journal:  # on disk
        assert journal.get(first).body == LAPTOP_WORDS
        assert journal.get(kept.id).body == on_screen
        assert len(journal.entries()) == 4


def test_a_refused_save_notices_at_once_and_not_now_asks_again_later(
    qtbot, no_timer, make_window, existing_journal, arrived
):
    path = existing_journal.path
    window = make_window(path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    type_in_editor(qtbot, window, TYPED)
    editor = window.journal_view.editor
    sync_in(arrived, path)
    assert not shown_dialogs()
    assert editor.flush() is False  # the save is refused, and that is noticed at once
    [dialog] = shown_dialogs()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # "Not now"
    assert not shown_dialogs()
    assert window.statusBar().currentMessage() == changed_file.NOT_NOW
    for _ in range(4):  # the editor keeps trying: no flood of dialogs
        assert editor.flush() is False
    assert not shown_dialogs()
    assert window.statusBar().currentMessage() == changed_file.NOT_SAVED
    assert editor.body.toPlainText() == TYPED

    window.changed_file.ask_again_ms = 0  # later: the next refused save asks again
    assert editor.flush() is False
    [again] = shown_dialogs()
    assert again.isVisible() and again.words.text() == changed_file.TEXT_WITH_WORDS
    QTest.keyClick(again, Qt.Key.Key_Escape)
    assert editor.body.toPlainText() == TYPED


def test_a_look_every_few_seconds_while_unlocked(
    qtbot, monkeypatch, make_window, existing_journal, arrived
):
    monkeypatch.setattr(file_watch, "FILE_CHECK_MS", 200)
    window = make_window(existing_journal.path)
    sync_in(arrived, existing_journal.path)  # while locked: no look, no dialog
    qtbot.wait(600)
    assert not shown_dialogs()
    unlock_through_ui(qtbot, window, PASSPHRASE)  # the copy that arrived is what opens
    assert "From the laptop" in {e.title for e in window.service.entries()}
    assert not window.service.file_changed_underneath
    sync_in(existing_journal.path, existing_journal.path)  # and again, nothing typed
    qtbot.waitUntil(lambda: bool(shown_dialogs()), timeout=WAIT_MS)
    assert window.service.file_changed_underneath
    QTest.keyClick(shown_dialogs()[0], Qt.Key.Key_Escape)


def test_the_window_activated_looks_at_the_file(
    qtbot, no_timer, make_window, existing_journal, arrived
):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    sync_in(arrived, existing_journal.path)
    assert not shown_dialogs()
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # back to Tend
    [dialog] = shown_dialogs()
    assert dialog.words.text() == changed_file.TEXT_WITHOUT_WORDS  # nothing typed
    dialog.reopen_button.click()
    assert window.unlock_page.notice.message.text() == changed_file.LOCKED
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert "From the laptop" in {e.title for e in window.service.entries()}


def test_locking_keeps_the_words_and_unlocking_opens_the_copy_that_arrived(
    qtbot, no_timer, make_window, existing_journal, arrived, message_boxes
):
    path = existing_journal.path
    window = make_window(path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    type_in_editor(qtbot, window, TYPED)
    arrived_hash = sync_in(arrived, path)
    QTest.keySequence(window, "Ctrl+L")
    assert window.current_page() is window.unlock_page
    assert window.unlock_page.notice.message.text() == changed_file.LOCKED_WITH_WORDS
    assert sha256_of(path) == arrived_hash

    # Closing now would lose the words held for the unlock: Tend asks first.
    message_boxes.answers.append(QMessageBox.StandardButton.No)
    window.close()
    assert window.isVisible()
    assert message_boxes.calls[-1][1] == changed_file.CLOSE_TITLE

    unlock_through_ui(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: any(e.body == TYPED for e in window.service.entries()))
    titles = sorted(e.title for e in window.service.entries())
    assert titles == ["", "A slow afternoon", "Evening call", "From the laptop"]
    assert window.service.get(existing_journal.entry_ids[0]).body == LAPTOP_WORDS


def test_dialog_words_and_names(qtbot, no_timer, make_window, existing_journal, arrived):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    sync_in(arrived, existing_journal.path)
    window.service.check_file()
    [dialog] = shown_dialogs()
    _check_controls(dialog)
    _check_words(
        [
            dialog.windowTitle(),
            dialog.accessibleName(),
            *(
                getattr(changed_file, name)
                for name in dir(changed_file)
                if name.isupper() and isinstance(getattr(changed_file, name), str)
            ),
        ]
    )
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def test_words_that_cannot_be_saved_after_unlock_go_back_in_the_editor(
    qtbot, no_timer, make_window, existing_journal, arrived, monkeypatch
):
    from journal_app.vault import StorageFull

    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    type_in_editor(qtbot, window, TYPED)
    sync_in(arrived, existing_journal.path)
    window.lock()
    service = window.service
    real_add = service.add
    calls: list[int] = []

    def full_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise StorageFull()
        return real_add(*args, **kwargs)

    monkeypatch.setattr(service, "add", full_once)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    editor = window.journal_view.editor
    qtbot.waitUntil(lambda: editor.body.toPlainText() == TYPED, timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == changed_file.BACK_IN_EDITOR
    assert editor.dirty and editor.entry_id is None  # a new page, not saved yet
    assert editor.flush()  # the disk has room again: it is saved as any page is
    assert [e.body for e in service.entries()].count(TYPED) == 1


def test_entries_saved_here_before_the_copy_arrived_are_brought_back(
    qtbot, no_timer, make_window, existing_journal, arrived, message_boxes
):
    """The old file has no name once the other copy is renamed over it: what only it
    held is kept beside the journal when Tend lets go of it, and merged at the unlock."""
    path = existing_journal.path
    window = make_window(path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    saved = window.service.add("Saved here, just before the sync.", title="Only here")
    sync_in(arrived, path)
    assert window.service.check_file()
    [dialog] = shown_dialogs()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # "Open it again"
    kept = sorted(path.parent.glob("journal (kept *).tend"))
    assert len(kept) == 1  # what Tend had open, kept before it let go of it
    unlock_through_ui(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == changed_file.brought_back(1),
        timeout=WAIT_MS,
    )
    titles = sorted(e.title for e in window.service.entries())
    assert titles == sorted(["A slow afternoon", "Evening call", "From the laptop", "Only here"])
    assert window.service.get(saved.id).body == "Saved here, just before the sync."
    assert not kept[0].exists()  # merged, so no longer needed
    assert message_boxes.calls == []
    window.service.close()
    with Journal.open(path, PASSPHRASE) as journal:
        assert journal.get(saved.id).title == "Only here"


def test_a_kept_copy_the_passphrase_does_not_open_is_left_and_said(
    qtbot, no_timer, make_window, existing_journal, arrived, message_boxes, kdf
):
    path = existing_journal.path
    window = make_window(path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.service.add("Saved here, just before the sync.", title="Only here")
    with Journal.open(arrived, PASSPHRASE) as laptop:  # changed on the laptop meanwhile
        laptop.vault.change_passphrase("the laptop's own new words", kdf)
    sync_in(arrived, path)
    window.switch_vault(path)  # opening a journal file lets go of this one (quitting too)
    [kept] = sorted(path.parent.glob("journal (kept *).tend"))
    unlock_through_ui(qtbot, window, "the laptop's own new words")
    qtbot.waitUntil(lambda: bool(message_boxes.calls), timeout=WAIT_MS)
    [(_kind, title, text)] = message_boxes.calls
    assert title == changed_file.KEPT_TITLE
    assert kept.name in text and "does not open with the passphrase just typed" in text
    assert kept.exists()
    assert "Only here" not in {e.title for e in window.service.entries()}
