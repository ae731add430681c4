"""Import > Another Tend journal or backup: a merge in the window, preview first, all or nothing."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.merge import SameJournal
from journal_app.journal.personal import Person
from journal_app.ui.transfer import import_tend
from journal_app.ui.transfer.import_dialog import ImportDialog
from journal_app.vault import KdfParams
from tests.conftest import sha256_of
from tests.ui._transfer_fixtures import (
    RichJournal,
    drain_deletes,
    many_entries,
    rich_journal,
    wait_for_task,
    window,
)
from tests.ui.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.helpers import all_app_texts, type_into
from tests.ui.test_words_and_access import _check_controls, _check_words

__all__ = ["rich_journal", "window"]  # fixtures, used by name


@pytest.fixture
def laptop_copy(rich_journal: RichJournal, tmp_path: Path) -> Path:
    """The other computer's copy of the journal, written in since: one more entry,
    a person, a line of the plan."""
    laptop = tmp_path / "laptop" / "journal.tend"
    laptop.parent.mkdir()
    shutil.copyfile(rich_journal.path, laptop)
    with Journal.open(laptop, PASSPHRASE) as journal:
        journal.add(
            "Wrote this one on the laptop, on the train.",
            title="On the train",
            created=datetime(2026, 2, 3, 8, 15).astimezone(),
        )
        journal.personal.save_person(Person.new(name="Ana", reach="ana@example.org"))
        journal.personal.save_plan_text("calmer", "Tea on the back step.")
    return laptop


def open_import(window) -> ImportDialog:
    window.transfer.import_action.trigger()
    dialog = window.transfer.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    return dialog


def choose(qtbot, dialog: ImportDialog, source: Path, passphrase: str, file_dialogs) -> None:
    """Choose the file (Tend recognises it) and type its passphrase, as a person would."""
    file_dialogs.answers.append(str(source))
    dialog.file_button.click()
    type_into(qtbot, dialog.passphrase.field, passphrase)


def preview(qtbot, dialog: ImportDialog) -> None:
    dialog.preview_button.click()
    wait_for_task(qtbot, dialog.task)


def test_merge_with_a_wrong_passphrase_then_the_right_one(qtbot, window, laptop_copy, file_dialogs):
    service = window.service
    before = {entry.title for entry in service.entries(include_trash=True)}
    dialog = open_import(window)
    file_dialogs.answers.append(str(laptop_copy))
    dialog.file_button.click()
    assert dialog.fmt() == import_tend.TEND  # recognised from the file
    assert import_tend.TEND_NAME in dialog.guess_note.text()
    assert dialog.passphrase.isVisible() and not dialog.folder_button.isVisible()
    assert dialog.passphrase.note.text().startswith("Often the same as this journal's")
    assert not dialog.preview_button.isEnabled()  # its passphrase first

    type_into(qtbot, dialog.passphrase.field, OTHER_PASSPHRASE)
    preview(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.choose_page
    text = dialog.passphrase.problem.message.text()
    assert text.startswith("That passphrase does not open journal.tend.")
    assert "Please try again." in text
    assert dialog.passphrase.field.hasFocus()
    assert dialog.passphrase.field.selectedText() == OTHER_PASSPHRASE  # to type over
    assert {e.title for e in service.entries(include_trash=True)} == before

    type_into(qtbot, dialog.passphrase.field, PASSPHRASE)
    preview(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert not dialog.passphrase.problem.isVisible() and not dialog.message.isVisible()
    assert dialog.summary.text() == "1 entry to bring in."
    details = dialog.details.text().splitlines()
    assert details == [
        "1 person to add to My people.",
        "1 section of My plan will gain words from it.",
        "5 entries are already in this journal and will be skipped.",
    ]
    assert "a copy of this journal" in dialog.source_line.text()
    assert "On the train" in dialog.sample.text()
    assert dialog.import_button.text() == "Import 1 entry"
    assert {e.title for e in service.entries(include_trash=True)} == before  # a preview

    entries_changed, personal_changed = [], []
    service.entries_changed.connect(lambda: entries_changed.append(1))
    service.personal_changed.connect(lambda: personal_changed.append(1))
    other_before = sha256_of(laptop_copy)
    dialog.import_button.click()
    wait_for_task(qtbot, dialog.task)
    assert dialog.pages.currentWidget() is dialog.done_page
    assert dialog.done_text.text() == (
        "Brought in 1 entry, 1 person in My people and words in 1 section of My plan "
        "from journal.tend."
    )
    assert "was left as it was" in dialog.done_problems.text()
    assert not dialog.source_note.isVisible()  # that file is encrypted
    assert dialog.passphrase.text() == ""  # forgotten once used
    assert entries_changed and personal_changed
    assert {e.title for e in service.entries(include_trash=True)} == before | {"On the train"}
    assert [p.name for p in service.people()] == ["Ana"]
    assert service.plan().text("calmer") == "Tea on the back step."
    qtbot.waitUntil(lambda: window.journal_view.model.entry_count() == len(before))
    assert sha256_of(laptop_copy) == other_before  # only read
    assert "1 entry added to your journal." in window.statusBar().currentMessage()
    dialog.close_button.click()

    # On disk, in one piece; and doing it again brings nothing in twice.
    again = open_import(window)
    choose(qtbot, again, laptop_copy, PASSPHRASE, file_dialogs)
    preview(qtbot, again)
    assert again.summary.text().startswith("Nothing to bring in")
    assert not again.import_button.isEnabled()
    assert again.import_button.text() == "Nothing new to import"
    again.cancel_button.click()
    window.service.close()
    with Journal.open(rich_journal_path(window), PASSPHRASE) as journal:
        assert "On the train" in {e.title for e in journal.entries()}
        assert [p.name for p in journal.personal.people()] == ["Ana"]


def rich_journal_path(window) -> Path:
    return window.service.vault_path


def test_my_people_and_my_plan_open_during_a_merge_show_what_came_in(
    qtbot, window, laptop_copy, file_dialogs
):
    window.show_people()
    window.show_plan()
    people, plan = window.people_dialog, window.plan_dialog
    assert people is not None and plan is not None
    dialog = open_import(window)
    choose(qtbot, dialog, laptop_copy, PASSPHRASE, file_dialogs)
    preview(qtbot, dialog)
    dialog.import_button.click()
    wait_for_task(qtbot, dialog.task)
    assert [p.name for p in people.people()] == ["Ana"]
    assert plan.plan().text("calmer") == "Tea on the back step."
    dialog.close_button.click()
    qtbot.keyClicks(plan.editors["places"].edit, "The bench by the willow.")
    assert plan.flush()  # the plan dialog saves all of what it shows...
    saved = window.service.plan()
    assert saved.text("places") == "The bench by the willow."
    assert saved.text("calmer") == "Tea on the back step."  # ...the merged words too


def test_this_journals_own_file_and_a_file_that_is_not_a_journal(
    qtbot, window, rich_journal, tmp_path, file_dialogs
):
    dialog = open_import(window)
    dialog.set_source(rich_journal.path)
    type_into(qtbot, dialog.passphrase.field, PASSPHRASE)
    preview(qtbot, dialog)
    assert (
        dialog.passphrase.problem.message.text() == f"{SameJournal.message} Nothing was imported."
    )
    assert dialog.pages.currentWidget() is dialog.choose_page

    stray = tmp_path / "shopping.tend"
    stray.write_text("eggs, bread, tea", encoding="utf-8")
    dialog.set_source(stray)
    dialog.set_format(import_tend.TEND)  # it cannot be guessed: chosen by hand
    preview(qtbot, dialog)
    assert dialog.passphrase.problem.title.text() == "Tend could not read this file"
    assert dialog.passphrase.problem.message.text() == (
        "shopping.tend is not a Tend journal or backup. Choose another file. Nothing was imported."
    )
    assert len(window.service.entries(include_trash=True)) == 5


def test_a_damaged_or_busy_journal_is_a_plain_sentence(qtbot, window, laptop_copy, file_dialogs):
    from journal_app.vault import Vault
    from tests.conftest import edit_rows

    held = Vault.open(laptop_copy)  # open in another program
    try:
        dialog = open_import(window)
        choose(qtbot, dialog, laptop_copy, PASSPHRASE, file_dialogs)
        preview(qtbot, dialog)
        assert (
            "is open in another Tend window or program" in dialog.passphrase.problem.message.text()
        )
    finally:
        held.close()
    edit_rows(laptop_copy, "UPDATE tend_header SET kdf_salt = zeroblob(3)")
    preview(qtbot, dialog)
    assert dialog.passphrase.problem.message.text() == (
        "journal.tend is damaged and cannot be read; it was not changed. Nothing was imported."
    )
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert len(window.service.entries(include_trash=True)) == 5


def test_stopping_a_merge_writes_nothing(
    qtbot, window, rich_journal, tmp_path, kdf: KdfParams, file_dialogs
):
    big = tmp_path / "big.tend"
    shutil.copyfile(rich_journal.path, big)
    with Journal.open(big, PASSPHRASE) as journal:
        journal.add_many(many_entries(4000))
    dialog = open_import(window)
    choose(qtbot, dialog, big, PASSPHRASE, file_dialogs)
    preview(qtbot, dialog)
    assert dialog.summary.text() == "4000 entries to bring in."
    dialog.import_button.click()
    assert dialog.progress.isVisible()
    dialog.cancel_button.click()  # while working, Cancel stops the work
    wait_for_task(qtbot, dialog.task, 60_000)
    assert dialog.message.message.text() == "Stopped. Nothing was imported."
    assert dialog.pages.currentWidget() is dialog.preview_page  # it can be tried again
    assert len(window.service.entries(include_trash=True)) == 5
    window.service.close()
    with Journal.open(rich_journal.path, PASSPHRASE) as journal:
        assert len(journal.entries(include_trash=True)) == 5


def test_lock_drops_the_preview_and_the_passphrase(qtbot, window, laptop_copy, file_dialogs):
    dialog = open_import(window)
    choose(qtbot, dialog, laptop_copy, PASSPHRASE, file_dialogs)
    preview(qtbot, dialog)
    window.lock()
    assert not dialog.isVisible() and dialog.merge_plan is None
    assert dialog.passphrase.text() == ""
    drain_deletes()
    texts = "\n".join(all_app_texts())
    assert "On the train" not in texts and PASSPHRASE not in texts


@pytest.mark.parametrize("step", ["choose", "preview", "done"])
def test_merge_words_and_names(qtbot, window, laptop_copy, file_dialogs, step):
    dialog = open_import(window)
    choose(qtbot, dialog, laptop_copy, PASSPHRASE, file_dialogs)
    if step != "choose":
        preview(qtbot, dialog)
    if step == "done":
        dialog.import_button.click()
        wait_for_task(qtbot, dialog.task)
    _check_controls(dialog)
    visible = [w.text() for w in dialog.findChildren(type(dialog.summary)) if w.isVisibleTo(dialog)]
    _check_words(
        [
            *visible,
            import_tend.PASSPHRASE_NOTE,
            import_tend.TEND_NAME,
            import_tend.TEND_TIP,
            *(import_tend.error_text(error, laptop_copy)[1] for error in _errors()),
        ]
    )


def _errors() -> list[Exception]:
    from journal_app.vault import (
        Cancelled,
        DamagedVault,
        NewerVersion,
        NotAVault,
        VaultInUse,
        WrongPassphrase,
    )

    return [
        Cancelled(),
        WrongPassphrase(),
        NewerVersion(),
        VaultInUse(),
        DamagedVault(),
        NotAVault(),
        SameJournal(),
    ]
