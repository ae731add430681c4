"""Each way a journal file can refuse to open is said in words, with what to do next."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

from journal_app.ui.common import errors
from journal_app.ui.services.journal_service import VaultState
from journal_app.vault import DamagedRecords, NewerVersion, Vault
from journal_app.vault.schema import FORMAT_VERSION
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, all_app_texts, create_through_ui, unlock_through_ui


def _error_shown(window) -> tuple[str, str, list[str]]:
    page = window.unlock_page
    assert window.current_page() is page
    assert page.vault_error.isVisible()
    assert not page.form.isVisible()
    assert not any("Traceback" in text for text in all_app_texts())
    return page.title.text(), page.vault_error.message.text(), list(page.vault_error.buttons)


def test_not_a_vault(make_window, journal_path):
    journal_path.write_text("my shopping list\n", encoding="utf-8")
    window = make_window(journal_path)
    title, message, actions = _error_shown(window)
    assert title == "Tend cannot open this file"
    assert "Nothing in it was changed" in message
    assert actions == [errors.OPEN_OTHER, errors.CREATE_NEW]
    assert journal_path.read_text(encoding="utf-8") == "my shopping list\n"


def test_damaged(make_window, existing_journal):
    data = existing_journal.path.read_bytes()
    existing_journal.path.write_bytes(data[: len(data) // 2])
    window = make_window(existing_journal.path)
    title, message, actions = _error_shown(window)
    assert title == "Tend cannot read this journal"
    assert "damaged" in message
    assert errors.OPEN_OTHER in actions


def test_newer_version(make_window, existing_journal):
    conn = sqlite3.connect(existing_journal.path)
    conn.execute("UPDATE tend_header SET format_version = ?", (FORMAT_VERSION + 1,))
    conn.commit()
    conn.close()
    window = make_window(existing_journal.path)
    title, message, actions = _error_shown(window)
    assert title == "This journal needs a newer Tend"
    assert message == NewerVersion.message
    assert actions == [errors.OPEN_OTHER]


def test_in_use_in_this_process_then_try_again(qtbot, make_window, existing_journal):
    other = Vault.open(existing_journal.path)
    try:
        window = make_window(existing_journal.path)
        title, message, actions = _error_shown(window)
        assert title == "This journal is open somewhere else"
        assert "Close that one first" in message
        assert actions == [errors.RETRY, errors.OPEN_OTHER]
        qtbot.mouseClick(
            window.unlock_page.vault_error.buttons[errors.RETRY], Qt.MouseButton.LeftButton
        )
        assert window.unlock_page.vault_error.isVisible()  # still in use
    finally:
        other.close()
    qtbot.mouseClick(
        window.unlock_page.vault_error.buttons[errors.RETRY], Qt.MouseButton.LeftButton
    )
    assert window.unlock_page.form.isVisible()
    assert not window.unlock_page.vault_error.isVisible()
    assert window.unlock_page.title.text() == "Tend is locked"
    unlock_through_ui(qtbot, window, PASSPHRASE)


def test_in_use_by_another_process(qtbot, make_window, existing_journal, tmp_path):
    script = textwrap.dedent(
        f"""
        import sys, time
        from journal_app.vault import Vault
        vault = Vault.open({str(existing_journal.path)!r})
        print("open", flush=True)
        sys.stdin.readline()
        vault.close()
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        window = make_window(existing_journal.path)
        title, _message, actions = _error_shown(window)
        assert title == "This journal is open somewhere else"
        assert errors.RETRY in actions
    finally:
        holder.communicate("\n", timeout=30)
    window.unlock_page.vault_error.buttons[errors.RETRY].click()
    assert window.unlock_page.form.isVisible()


def test_open_another_file_from_the_error(
    qtbot, make_window, existing_journal, tmp_path, file_dialogs
):
    stray = tmp_path / "not-a-journal.tend"
    stray.write_text("hello", encoding="utf-8")
    window = make_window(stray)
    _error_shown(window)
    file_dialogs.answers.append(str(existing_journal.path))
    window.unlock_page.vault_error.buttons[errors.OPEN_OTHER].click()
    assert file_dialogs.calls[-1][0] == "getOpenFileName"
    assert window.service.vault_path == existing_journal.path
    assert window.unlock_page.form.isVisible()
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.settings.vault_path == existing_journal.path


def test_create_a_new_journal_from_the_error(qtbot, make_window, tmp_path, file_dialogs):
    stray = tmp_path / "not-a-journal.tend"
    stray.write_text("hello", encoding="utf-8")
    window = make_window(stray)
    target = tmp_path / "fresh" / "mine"
    target.parent.mkdir()
    file_dialogs.answers.append(str(target))
    window.unlock_page.vault_error.buttons[errors.CREATE_NEW].click()
    assert window.service.vault_path == target.with_suffix(".tend")
    assert window.current_page() is window.create_page
    assert window.service.state is VaultState.ABSENT
    # Finishing the first run from here creates the file there.
    window.create_page.fields.first.setText(PASSPHRASE)
    window.create_page.fields.second.setText(PASSPHRASE)
    with qtbot.waitSignal(window.service.created, timeout=WAIT_MS):
        window.create_page.submit()
    assert target.with_suffix(".tend").exists()
    assert stray.read_text(encoding="utf-8") == "hello"


def test_create_new_refuses_an_existing_file(
    make_window, existing_journal, tmp_path, file_dialogs, message_boxes
):
    window = make_window(existing_journal.path)
    file_dialogs.answers.append(str(existing_journal.path))
    window.create_new_journal()
    assert "will not overwrite" in message_boxes.calls[-1][2]
    assert window.current_page() is window.unlock_page


def test_damaged_records_after_unlock_are_mentioned(qtbot, make_window, existing_journal):
    conn = sqlite3.connect(existing_journal.path)
    conn.execute(
        "UPDATE tend_record SET ciphertext = zeroblob(40) WHERE id = ?",
        (existing_journal.entry_ids[0],),
    )
    conn.commit()
    conn.close()
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    notice = window.journal_page.notice
    assert notice.isVisible()
    assert notice.message.text() == str(DamagedRecords([existing_journal.entry_ids[0]]))
    assert [e.id for e in window.service.entries()] == [existing_journal.entry_ids[1]]
    notice.buttons["dismiss"].click()
    assert not notice.isVisible()


def test_advice_for_every_error_is_plain_words():
    from journal_app.vault import (
        DamagedVault,
        NotAVault,
        StorageFull,
        VaultError,
        VaultInUse,
        WrongPassphrase,
    )

    for error in (
        NotAVault(),
        DamagedVault(),
        NewerVersion(),
        VaultInUse(),
        StorageFull(),
        VaultError(),
        PermissionError(13, "Permission denied"),
        OSError(5, "Input/output error"),
        RuntimeError("secret words from an entry"),
    ):
        advice = errors.advice_for(error)
        assert advice.message and "Traceback" not in advice.message
        assert "secret words" not in advice.message
    assert errors.advice_for(WrongPassphrase()).inline


def test_first_run_then_second_window_on_same_file_says_in_use(qtbot, make_window, journal_path):
    first = make_window()
    create_through_ui(qtbot, first, PASSPHRASE)
    second = make_window(journal_path)
    title, _message, _actions = _error_shown(second)
    assert title == "This journal is open somewhere else"
