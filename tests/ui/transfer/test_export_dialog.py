"""Export: choosing entries (each kind), each format's file, and the notice before writing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QTimer
from PySide6.QtWidgets import QFileDialog

from journal_app.journal.export import ENTRY_SCHEMA, EXPORT_FORMAT, JSON_SCHEMA
from journal_app.ui.services.pdf import build_document, page_count
from journal_app.ui.transfer import export_dialog
from journal_app.ui.transfer.export_dialog import (
    CHOSEN,
    DATES,
    EVERYTHING,
    MARKED,
    NOT_ENCRYPTED,
    NOT_ENCRYPTED_TITLE,
    TAG,
    THEME,
    ExportDialog,
)
from tests.ui._journal_fixtures import add_many
from tests.ui._transfer_fixtures import (
    Cancel,
    Ok,
    drain_deletes,
    many_entries,
    rich_journal,
    wait_for_task,
    window,
)
from tests.ui.helpers import all_app_texts
from tests.ui.test_words_and_access import _check_controls, _check_words

__all__ = ["rich_journal", "window"]  # fixtures, used by name

TITLES = ["River walk", "Tea with Sam", "Quiet evening", "Allotment"]


def open_export(window, *, print_first: bool = False) -> ExportDialog:
    action = window.transfer.print_action if print_first else window.transfer.export_action
    action.trigger()
    dialog = window.transfer.export_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def titles(dialog: ExportDialog) -> list[str]:
    return [entry.title for entry in dialog.chosen_entries()]


def test_the_menu_has_export_and_print_with_shortcuts(window):
    texts = [action.text() for action in window.file_menu.actions()]
    assert "&Export…" in texts and "&Print…" in texts
    assert window.transfer.export_action.shortcut().toString() == "Ctrl+E"
    assert window.transfer.print_action.shortcut().toString() == "Ctrl+P"
    window.lock()
    assert not window.transfer.export_action.isEnabled()


def test_each_kind_of_choice_and_its_live_count(qtbot, window, rich_journal):
    dialog = open_export(window)
    assert dialog.choice() == MARKED  # something is marked: that comes first
    assert titles(dialog) == ["River walk", "Quiet evening"]
    assert dialog.count_label.text() == "2 entries chosen."

    dialog.set_choice(EVERYTHING)
    assert titles(dialog) == TITLES  # oldest first, the trash left out
    assert dialog.count_label.text() == "4 entries chosen."

    dialog.date_from.setDate(QDate(2026, 1, 4))  # editing a day picks "From … to …"
    dialog.date_to.setDate(QDate(2026, 1, 31))
    assert dialog.choice() == DATES
    assert titles(dialog) == ["Tea with Sam", "Quiet evening"]

    dialog.tag_box.setCurrentIndex(dialog.tag_box.findText("outdoors"))
    dialog.set_choice(TAG)
    assert titles(dialog) == ["Allotment"]
    assert dialog.count_label.text() == "1 entry chosen."

    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("people"))
    dialog.set_choice(THEME)
    assert titles(dialog) == ["Tea with Sam"]

    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("values"))
    assert titles(dialog) == []
    assert dialog.count_label.text() == export_dialog.NOTHING_CHOSEN
    assert not dialog.export_button.isEnabled() and not dialog.print_button.isEnabled()
    assert not dialog.choices[CHOSEN].isEnabled()  # nothing was open or picked


def test_the_entries_picked_in_the_list(qtbot, window, rich_journal):
    view = window.journal_view
    model, selection = view.model, view.list.selectionModel()
    for title in ("Allotment", "Tea with Sam"):
        index = model.index_of(rich_journal.ids[title])
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    assert sorted(view.selected_entry_ids()) == sorted(
        [rich_journal.ids["Allotment"], rich_journal.ids["Tea with Sam"]]
    )
    dialog = open_export(window)
    assert dialog.choice() == CHOSEN
    assert dialog.choices[CHOSEN].text() == "The 2 entries picked in the list"
    assert titles(dialog) == ["Tea with Sam", "Allotment"]


def test_the_open_entry_alone(qtbot, window, rich_journal):
    window.journal_view.show_entry(rich_journal.ids["Allotment"])
    window.journal_view.list.selectionModel().clearSelection()
    dialog = open_export(window)
    dialog.set_choice(CHOSEN)
    assert dialog.choices[CHOSEN].text() == "The entry open now"
    assert titles(dialog) == ["Allotment"]


@pytest.mark.parametrize("print_first", [False, True])
def test_print_and_export_start_from_the_open_entry_not_the_marked(
    qtbot, window, rich_journal, print_first
):
    window.journal_view.show_entry(rich_journal.ids["Allotment"])  # not marked; two are
    window.journal_view.list.selectionModel().clearSelection()
    dialog = open_export(window, print_first=print_first)
    assert dialog.choice() == CHOSEN and titles(dialog) == ["Allotment"]
    dialog.choices[MARKED].click()  # the marked ones: one click away
    assert titles(dialog) == ["River walk", "Quiet evening"]


def run_export(qtbot, dialog, fmt, path, message_boxes, file_dialogs, monkeypatch):
    """Export as a person would; checks the notice came before the save dialog."""
    dialog.set_format(fmt)
    message_boxes.answers.append(Ok)
    seen_before_saving: list[bool] = []

    def save(parent=None, caption="", *args, **kw):
        seen_before_saving.append(
            ("question", NOT_ENCRYPTED_TITLE, NOT_ENCRYPTED) in message_boxes.calls
        )
        file_dialogs.calls.append(("getSaveFileName", caption))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    dialog.export_button.click()
    assert seen_before_saving == [True], "the notice comes before the save dialog"
    wait_for_task(qtbot, dialog.task)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    info = [call for call in message_boxes.calls if call[1] == "Exported"]
    assert info and str(path) in info[-1][2] and "not encrypted" in info[-1][2]


def test_json_export_is_complete_and_follows_the_schema(
    qtbot, window, tmp_path, message_boxes, file_dialogs, monkeypatch
):
    dialog = open_export(window)
    dialog.set_choice(EVERYTHING)
    target = tmp_path / "out" / "for-me.json"
    target.parent.mkdir()
    run_export(qtbot, dialog, "json", target, message_boxes, file_dialogs, monkeypatch)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert set(JSON_SCHEMA["required"]) <= set(document)
    assert document["format"] == EXPORT_FORMAT and document["entry_count"] == 4
    types = {"string": str, "boolean": bool, "array": list}
    for item in document["entries"]:
        assert set(ENTRY_SCHEMA["required"]) <= set(item)
        for name, rule in ENTRY_SCHEMA["properties"].items():
            allowed = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
            assert any(
                item[name] is None if kind == "null" else isinstance(item[name], types[kind])
                for kind in allowed
            ), (name, item[name])
    by_title = {item["title"]: item for item in document["entries"]}
    assert list(by_title) == TITLES
    assert by_title["River walk"]["flagged"] is True
    assert by_title["Tea with Sam"]["prompt_theme"] == "people"
    assert by_title["Tea with Sam"]["prompt_text"] == "Who felt safe to be around this week?"
    assert sorted(path.name for path in target.parent.iterdir()) == ["for-me.json"]


def test_markdown_export_holds_the_entries(
    qtbot, window, tmp_path, message_boxes, file_dialogs, monkeypatch
):
    dialog = open_export(window)
    target = tmp_path / "session"  # the suffix is added
    run_export(qtbot, dialog, "md", target, message_boxes, file_dialogs, monkeypatch)
    text = (tmp_path / "session.md").read_text(encoding="utf-8")
    assert "## River walk" in text and "## Quiet evening" in text
    assert "**Bold** steps by the river" in text
    assert "Tea with Sam" not in text  # only the marked ones were chosen


def test_a_note_for_the_next_session_comes_first_and_is_not_kept(
    qtbot, window, tmp_path, message_boxes, file_dialogs, monkeypatch
):
    dialog = open_export(window)
    assert dialog.choice() == MARKED and dialog.note.isVisible()
    assert dialog.note.edit.accessibleName() and dialog.note.edit.toolTip()
    dialog.set_choice(EVERYTHING)
    assert not dialog.note.isVisible()  # it belongs to the marked entries
    dialog.set_choice(MARKED)
    dialog.note.edit.setPlainText("Sleep, and\nthe new job")
    target = tmp_path / "session.md"
    run_export(qtbot, dialog, "md", target, message_boxes, file_dialogs, monkeypatch)
    text = target.read_text(encoding="utf-8")
    heading = text.index("### What I would like to talk about")
    assert heading < text.index("Sleep, and  \nthe new job") < text.index("## River walk")
    assert dialog.note.edit.toPlainText() == ""  # gone with the dialog: never kept


def test_the_note_is_left_out_of_other_choices(qtbot, window):
    dialog = open_export(window)
    dialog.note.edit.setPlainText("Sleep")
    dialog.set_choice(EVERYTHING)
    assert dialog.note.text() == ""


def test_pdf_export_is_a_pdf_with_the_right_pages(
    qtbot, window, tmp_path, message_boxes, file_dialogs, monkeypatch
):
    add_many(window.service, many_entries(60))
    dialog = open_export(window)
    dialog.set_choice(EVERYTHING)
    chosen = dialog.chosen_entries()
    target = tmp_path / "journal.pdf"
    run_export(qtbot, dialog, "pdf", target, message_boxes, file_dialogs, monkeypatch)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    expected = build_document(chosen).pageCount()
    assert expected > 3
    assert page_count(data) == expected


def test_declining_the_notice_writes_nothing(qtbot, window, tmp_path, message_boxes, file_dialogs):
    dialog = open_export(window)
    message_boxes.answers.append(Cancel)
    dialog.export_button.click()
    assert ("question", NOT_ENCRYPTED_TITLE, NOT_ENCRYPTED) in message_boxes.calls
    assert file_dialogs.calls == []  # no save dialog at all
    assert dialog.isVisible() and dialog.task is None
    assert list(tmp_path.glob("*.pdf")) == []


def test_stopping_an_export_writes_nothing(qtbot, window, tmp_path, message_boxes, file_dialogs):
    add_many(window.service, many_entries(3000))
    dialog = open_export(window)
    dialog.set_choice(EVERYTHING)
    target = tmp_path / "big.pdf"
    message_boxes.answers.append(Ok)
    file_dialogs.answers.append(str(target))
    dialog.export_button.click()
    assert dialog.progress.isVisible() and dialog.task is not None
    dialog.cancel_button.click()  # while working, Cancel stops the work
    wait_for_task(qtbot, dialog.task, 60_000)
    assert dialog.message.message.text() == export_dialog.STOPPED
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [] or all(
        not path.name.startswith(".big.pdf") for path in tmp_path.iterdir()
    )


def test_the_window_stays_responsive_during_a_long_export(
    qtbot, window, tmp_path, message_boxes, file_dialogs
):
    add_many(window.service, many_entries(1500))
    dialog = open_export(window)
    dialog.set_choice(EVERYTHING)
    message_boxes.answers.append(Ok)
    file_dialogs.answers.append(str(tmp_path / "long.pdf"))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    progress: list[int] = []
    dialog.export_button.click()
    dialog.task.progress.connect(lambda done, _total: progress.append(done))
    timer.start()
    wait_for_task(qtbot, dialog.task, 60_000)
    timer.stop()
    assert len(ticks) >= 3, "the event loop kept running while the PDF was made"
    assert progress and progress == sorted(progress)
    assert (tmp_path / "long.pdf").exists()


def test_a_journal_file_is_never_written_over(
    qtbot, window, tmp_path, message_boxes, file_dialogs, rich_journal
):
    """Even named like an export, a Tend journal (or backup) is refused by the core."""
    copy = tmp_path / "old-notes.md"
    copy.write_bytes(rich_journal.path.read_bytes())
    before = copy.read_bytes()
    dialog = open_export(window)
    dialog.set_format("md")
    message_boxes.answers.append(Ok)
    file_dialogs.answers.append(str(copy))
    dialog.export_button.click()
    wait_for_task(qtbot, dialog.task)
    assert dialog.isVisible()
    assert "will not write over it" in dialog.message.message.text()
    assert copy.read_bytes() == before


def test_lock_closes_the_dialog_and_stops_the_work(
    qtbot, window, tmp_path, message_boxes, file_dialogs
):
    add_many(window.service, many_entries(3000))
    dialog = open_export(window)
    dialog.set_choice(EVERYTHING)
    message_boxes.answers.append(Ok)
    file_dialogs.answers.append(str(tmp_path / "locked.pdf"))
    dialog.export_button.click()
    task = dialog.task
    window.lock()
    assert not dialog.isVisible()
    assert task.cancel_requested
    wait_for_task(qtbot, task, 60_000)
    drain_deletes()
    texts = "\n".join(all_app_texts())
    assert "walks" not in texts and "River walk" not in texts
    assert window.transfer.export_dialog is None


def test_words_and_names_in_the_export_dialog(qtbot, window):
    dialog = open_export(window)
    _check_controls(dialog)
    _check_words(
        [dialog.windowTitle(), *[w.text() for w in dialog.findChildren(type(dialog.count_label))]]
    )
    _check_words(
        [
            export_dialog.NOT_ENCRYPTED,
            export_dialog.NOT_ENCRYPTED_TITLE,
            export_dialog.LEAD,
            export_dialog.EXPORT_NOTE,
            export_dialog.STOPPED,
            export_dialog.NOTHING_CHOSEN,
            *(text for _key, text, _suffix, _filter in export_dialog.FORMATS),
        ]
    )
    for action in (window.transfer.export_action, window.transfer.print_action):
        assert action.toolTip()
        _check_words([action.text(), action.toolTip()])


def test_the_command_line_makes_a_pdf_without_a_desktop(tmp_path, kdf):
    """``tend export --format pdf`` in a fresh process, with no display at all."""
    from journal_app.journal import Journal

    vault = tmp_path / "cli.tend"
    with Journal.create(vault, "a passphrase for the cli", kdf) as journal:
        journal.add("Some **bold** words.", title="Written today")
    out = tmp_path / "cli.pdf"
    env = {
        key: value
        for key, value in __import__("os").environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["TEND_PASSPHRASE"] = "a passphrase for the cli"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "journal_app",
            "export",
            "--format",
            "pdf",
            "-o",
            str(out),
            "--vault",
            str(vault),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Exported 1 entry" in done.stdout
    assert out.read_bytes().startswith(b"%PDF-")
    assert page_count(out.read_bytes()) == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("fmt", ["pdf", "md", "json"])
def test_the_suggested_file_name_is_discreet(qtbot, window, fmt, file_dialogs, monkeypatch):
    dialog = open_export(window)
    dialog.set_format(fmt)
    asked: list[str] = []

    def save(parent=None, caption="", directory="", *args, **kw):
        asked.append(directory)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    assert dialog._save_path() is None
    assert Path(asked[0]).name == f"journal-{date.today().isoformat()}.{fmt}"
