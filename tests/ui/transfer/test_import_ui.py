"""Import from another journal in the window: preview first, then all at once, or nothing."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.importers import ImportLimits
from journal_app.journal.importers import base as importers_base
from journal_app.ui.services import transfer_service
from journal_app.ui.transfer import import_dialog
from journal_app.ui.transfer.import_dialog import ImportDialog, done_message
from tests.ui._transfer_fixtures import drain_deletes, rich_journal, wait_for_task, window
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import all_app_texts, unlock_through_ui
from tests.ui.test_words_and_access import _check_controls, _check_words

__all__ = ["rich_journal", "window"]  # fixtures, used by name

DATA = Path(__file__).resolve().parents[2] / "data"
JRNL_EXPORT = DATA / "jrnl_export.json"

DAYONE = {
    "metadata": {"version": "1.0"},
    "entries": [
        {
            "uuid": "5F2B8C3A1D9E4F6B8A7C2D1E0F9A8B7C",
            "creationDate": "2024-01-01T10:00:00Z",
            "timeZone": "Europe/London",
            "text": "# New year, slowly\n\nA walk by the sea. It helped, a little.\n",
            "tags": ["walks", "sea"],
            "photos": [{"identifier": "ABC", "md5": "0" * 32, "type": "jpeg"}],
        },
        {
            "uuid": "6A3C9D4B2E0F5A7C9B8D3E2F1A0B9C8D",
            "creationDate": "2024-07-01T22:30:00Z",
            "text": "No heading here.\nSecond line with *emphasis*.",
        },
    ],
}


def open_import(window) -> ImportDialog:
    window.transfer.import_action.trigger()
    dialog = window.transfer.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    return dialog


def preview(qtbot, dialog: ImportDialog, source: Path) -> None:
    dialog.set_source(source)
    dialog.preview_button.click()
    wait_for_task(qtbot, dialog.task, 30_000)


def import_now(qtbot, dialog: ImportDialog) -> None:
    dialog.import_button.click()
    wait_for_task(qtbot, dialog.task, 60_000)


def jrnl_titles() -> list[str]:
    document = json.loads(JRNL_EXPORT.read_text(encoding="utf-8"))
    return [item["title"] for item in document["entries"]]


def test_jrnl_preview_then_import_then_again(qtbot, window, file_dialogs):
    dialog = open_import(window)
    assert not dialog.preview_button.isEnabled()
    file_dialogs.answers.append(str(JRNL_EXPORT))
    dialog.file_button.click()
    assert dialog.fmt() == "jrnl"  # guessed from the file
    assert "jrnl" in dialog.guess_note.text()
    before = len(window.service.entries())
    dialog.preview_button.click()
    wait_for_task(qtbot, dialog.task)
    assert dialog.pages.currentWidget() is dialog.preview_page
    count = len(jrnl_titles())
    assert dialog.summary.text().startswith(f"{count} entries, written from")
    assert "2 January 2026" in dialog.summary.text()
    assert dialog.duplicates.text() == "None of them is in your journal yet."
    sample = dialog.sample.text().splitlines()
    assert len(sample) == min(count, import_dialog.SAMPLE_SIZE)
    assert "A quiet morning." in sample[0]
    assert len(window.service.entries()) == before  # nothing written by a preview
    assert dialog.import_button.text() == f"Import {count} entries"
    import_now(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.done_page
    assert (
        dialog.done_text.text() == f"Imported {count} entries; skipped 0 already in your journal."
    )
    assert len(window.service.entries()) == before + count
    titles = {entry.title for entry in window.service.entries()}
    assert set(jrnl_titles()) <= titles
    qtbot.waitUntil(lambda: window.journal_view.model.entry_count() == before + count)
    dialog.close_button.click()

    again = open_import(window)
    preview(qtbot, again, JRNL_EXPORT)
    assert again.duplicates.text() == "All of them are already in your journal."
    assert not again.import_button.isEnabled()
    assert again.import_button.text() == "Nothing new to import"


def test_reimport_skips_what_is_there_and_says_so(qtbot, window, tmp_path):
    document = json.loads(JRNL_EXPORT.read_text(encoding="utf-8"))
    half = dict(document, entries=document["entries"][:3])
    first = tmp_path / "half.json"
    first.write_text(json.dumps(half), encoding="utf-8")
    dialog = open_import(window)
    preview(qtbot, dialog, first)
    import_now(qtbot, dialog)
    dialog.accept()
    dialog = open_import(window)
    preview(qtbot, dialog, JRNL_EXPORT)
    total = len(document["entries"])
    assert "3 entries of them are already in your journal" in dialog.duplicates.text()
    import_now(qtbot, dialog)
    assert dialog.done_text.text() == done_message(total - 3, 3)


def test_day_one_zip_with_its_problems_shown(qtbot, window, tmp_path):
    path = tmp_path / "Export - Journal.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Journal.json", json.dumps(DAYONE))
        archive.writestr("photos/0123.jpeg", b"\xff\xd8\xff" + b"\0" * 50)
    dialog = open_import(window)
    preview(qtbot, dialog, path)
    assert dialog.fmt() == "dayone"
    assert dialog.summary.text().startswith("2 entries, written from")
    assert dialog.problems.isVisible()
    assert "photos" in dialog.problems.message.text()
    import_now(qtbot, dialog)
    assert dialog.done_text.text() == done_message(2, 0)
    titles = {entry.title for entry in window.service.entries()}
    assert "New year, slowly" in titles


def test_a_folder_of_notes(qtbot, window, tmp_path, file_dialogs):
    notes = tmp_path / "Notes"
    notes.mkdir()
    (notes / "2024-03-05 market.md").write_text("# At the market\n\nBought tulips.", "utf-8")
    (notes / "plain.txt").write_text("Just a line.", "utf-8")
    (notes / "front.md").write_text(
        "---\ntitle: Front matter\ndate: 2023-12-24\ntags: [winter, home]\n---\nCandles.", "utf-8"
    )
    dialog = open_import(window)
    file_dialogs.answers.append(str(notes))
    dialog.folder_button.click()
    assert dialog.fmt() == "folder"
    dialog.preview_button.click()
    wait_for_task(qtbot, dialog.task)
    assert dialog.summary.text().startswith("3 entries, written from")
    assert "24 December 2023" in dialog.summary.text()
    import_now(qtbot, dialog)
    assert dialog.done_text.text() == done_message(3, 0)
    imported = {entry.title: entry for entry in window.service.entries()}
    assert imported["Front matter"].tags == ("winter", "home")


def big_jrnl(path: Path, count: int) -> Path:
    start = datetime(2020, 1, 1, 8, 0)
    entries = []
    for index in range(count):
        moment = start + timedelta(hours=9 * index)
        entries.append(
            {
                "title": f"Note {index}.",
                "body": f"Body of note {index}, a few words long.",
                "date": moment.strftime("%Y-%m-%d"),
                "time": moment.strftime("%H:%M"),
                "tags": ["@calm"] if index % 2 else [],
                "starred": False,
            }
        )
    path.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    return path


def test_stopping_an_import_imports_nothing(qtbot, window, tmp_path):
    source = big_jrnl(tmp_path / "big.json", 6000)
    dialog = open_import(window)
    preview(qtbot, dialog, source)
    before = len(window.service.entries())
    dialog.import_button.click()
    assert dialog.progress.isVisible()
    dialog.cancel_button.click()  # while working, Cancel stops the work
    wait_for_task(qtbot, dialog.task, 60_000)
    assert dialog.message.message.text() == "Stopped. Nothing was imported."
    assert len(window.service.entries()) == before
    assert dialog.pages.currentWidget() is dialog.preview_page  # it can be tried again
    window.service.close()
    with Journal.open(window.service.vault_path, PASSPHRASE) as journal:
        assert len(journal.entries()) == before  # nothing reached the file either


def test_stopping_a_preview(qtbot, window, tmp_path):
    source = big_jrnl(tmp_path / "big.json", 6000)
    dialog = open_import(window)
    dialog.set_source(source)
    dialog.preview_button.click()
    dialog.cancel_button.click()  # while working, Cancel stops the work
    wait_for_task(qtbot, dialog.task, 60_000)
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert dialog.message.message.text() == "Stopped. Nothing was imported."


def test_a_malformed_file_says_what_is_wrong(qtbot, window, tmp_path):
    bad = tmp_path / "export.json"
    bad.write_text('{"entries": [ {"date": "2024-01-01", ', encoding="utf-8")
    dialog = open_import(window)
    dialog.set_source(bad)
    dialog.set_format("jrnl")
    dialog.preview_button.click()
    wait_for_task(qtbot, dialog.task)
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert dialog.message.title.text() == "Tend could not read this file"
    text = dialog.message.message.text()
    assert "export.json: is not valid JSON (line 1" in text and "Nothing was imported." in text


def test_a_wrong_field_is_named(qtbot, window, tmp_path):
    bad = tmp_path / "fields.json"
    bad.write_text(
        json.dumps({"entries": [{"date": "2024-01-01", "time": "09:00", "title": 5}]}),
        encoding="utf-8",
    )
    dialog = open_import(window)
    preview(qtbot, dialog, bad)
    assert "entry 1" in dialog.message.message.text()
    assert "'title'" in dialog.message.message.text()


def test_a_huge_file_is_refused_before_it_is_read(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(importers_base, "LIMITS", ImportLimits(max_file_bytes=1024))
    source = big_jrnl(tmp_path / "huge.json", 100)
    dialog = open_import(window)
    preview(qtbot, dialog, source)
    assert "huge.json: is larger than 1 KB." in dialog.message.message.text()


def test_lock_closes_the_preview_and_drops_what_was_read(qtbot, window):
    dialog = open_import(window)
    preview(qtbot, dialog, JRNL_EXPORT)
    assert "A quiet morning." in dialog.sample.text()
    window.lock()
    assert not dialog.isVisible() and dialog.plan is None
    drain_deletes()
    assert not any("A quiet morning." in text for text in all_app_texts())


@pytest.mark.parametrize("step", ["choose", "preview", "done"])
def test_words_and_names(qtbot, window, step):
    dialog = open_import(window)
    if step != "choose":
        preview(qtbot, dialog, JRNL_EXPORT)
    if step == "done":
        import_now(qtbot, dialog)
    _check_controls(dialog)
    visible = [w.text() for w in dialog.findChildren(type(dialog.summary)) if w.isVisibleTo(dialog)]
    _check_words([dialog.windowTitle(), *visible, import_dialog.SOURCE_NOTE, import_dialog.LEAD])


def test_lock_during_an_import_imports_nothing(qtbot, window, tmp_path):
    source = big_jrnl(tmp_path / "big.json", 6000)
    dialog = open_import(window)
    preview(qtbot, dialog, source)
    before = len(window.service.entries())
    dialog.import_button.click()
    task = dialog.task
    window.lock()
    assert task.cancel_requested and not dialog.isVisible()
    wait_for_task(qtbot, task, 60_000)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert len(window.service.entries()) == before


def test_a_large_import_is_taken_into_memory_a_little_at_a_time(
    qtbot, window, tmp_path, monkeypatch
):
    """All 1,200 at once held the window (over 100 ms at 10,000); now a few hundred
    a step, and the import ends once every one is in the list's journal."""
    monkeypatch.setattr(transfer_service, "REMEMBER_AT_ONCE", 100)
    steps: list[int] = []
    remember = Journal.remember

    def counted(journal: Journal, entries) -> None:
        entries = list(entries)
        steps.append(len(entries))
        remember(journal, entries)

    monkeypatch.setattr(Journal, "remember", counted)
    source = big_jrnl(tmp_path / "big.json", 1200)
    dialog = open_import(window)
    preview(qtbot, dialog, source)
    before = len(window.service.entries())
    import_now(qtbot, dialog)
    assert steps == [100] * 12
    assert len(window.service.entries()) == before + 1200


def test_a_lock_while_the_import_is_taken_into_memory_keeps_every_entry(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setattr(transfer_service, "REMEMBER_AT_ONCE", 100)
    remember = Journal.remember
    steps: list[int] = []

    def lock_after_two(journal: Journal, entries) -> None:
        remember(journal, entries)
        steps.append(1)
        if len(steps) == 2:
            window.lock()

    monkeypatch.setattr(Journal, "remember", lock_after_two)
    source = big_jrnl(tmp_path / "big.json", 1200)
    dialog = open_import(window)
    preview(qtbot, dialog, source)
    before = len(window.service.entries())
    dialog.import_button.click()
    wait_for_task(qtbot, dialog.task, 60_000)
    assert len(steps) == 2  # no more once locked
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert len(window.service.entries()) == before + 1200  # stored, read at unlock
