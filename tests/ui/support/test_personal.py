"""My people and my plan: one click away, saved as typed, gone on lock, back on unlock.

Their words live only in the vault: no widget keeps them after a lock, and no
file on the disk ever holds them in the clear.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from journal_app.journal.personal import PLAN_TITLE, Person, Plan, load_template
from journal_app.journal.wording import check_text
from journal_app.ui.common.clipboard import KDE_SECRET_HINT
from journal_app.ui.services.journal_service import VaultState
from journal_app.ui.support import people as people_ui
from journal_app.ui.support import plan as plan_ui
from journal_app.ui.support import plan_copy
from journal_app.ui.support.people import PeopleDialog
from journal_app.ui.support.plan import PlanDialog
from journal_app.ui.window.main_window import MainWindow
from tests.conftest import find_canaries
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, all_app_texts, shown_texts, undo_available, unlock_through_ui
from tests.ui.test_words_and_access import _check_controls, _check_words

StandardButton = QMessageBox.StandardButton

NAME = "Marisol Canarywood"
REACH = "07700 900 461"
NOTE = "Canarynote evenings by the harbour"
PLAN_TEXT = "Canaryplan lighthouse walk at dusk"


class QuietJournalView(QWidget):
    """Stands in for the journal page: these tests are about My people and My plan.

    One test (marked below) runs with the real journal view as well.
    """

    def __init__(self, service: object, settings: object, parent: QWidget | None) -> None:
        super().__init__(parent)

    def reload(self) -> None: ...
    def show_entry(self, _entry_id: str) -> None: ...
    def current_entry_id(self) -> None: ...
    def offer_recovered_drafts(self) -> None: ...
    def clear(self) -> None: ...
    def apply_editor_font(self, _family: str, _size: float) -> None: ...

    def flush(self) -> bool:
        return True

    def new_entry(self) -> None: ...
    def focus_search(self) -> None: ...
    def trash_current(self) -> None: ...
    def show_trash(self, _shown: bool) -> None: ...


def _open_window(qtbot, make_window, existing_journal, *, real_view: bool = False) -> MainWindow:
    kwargs = {} if real_view else {"journal_view_factory": QuietJournalView}
    window = make_window(existing_journal.path, **kwargs)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    return window


def _people_dialog(window: MainWindow) -> PeopleDialog:
    window.people_action.trigger()
    assert window.people_dialog is not None and window.people_dialog.isVisible()
    return window.people_dialog


def _plan_dialog(window: MainWindow) -> PlanDialog:
    window.plan_action.trigger()
    assert window.plan_dialog is not None and window.plan_dialog.isVisible()
    return window.plan_dialog


def _type_a_person(qtbot, dialog: PeopleDialog) -> None:
    qtbot.mouseClick(dialog.empty_add_button, Qt.MouseButton.LeftButton)
    assert dialog.focusWidget() is dialog.name
    QTest.keyClicks(dialog.name, NAME)
    dialog.relationship.setCurrentIndex(dialog.relationship.findData("family"))
    QTest.keyClicks(dialog.reach, REACH)
    QTest.keyClicks(dialog.note, NOTE)


def _texts_hold(canaries: list[str]) -> list[str]:
    return [t for t in all_app_texts() if any(c in t for c in canaries)]


# ----------------------------------------------------------------- reaching them


def test_one_click_from_the_window_only_while_open(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path, journal_view_factory=QuietJournalView)
    assert not window.people_action.isEnabled() and not window.plan_action.isEnabled()
    assert not window.people_button.isVisibleTo(window)
    window.show_people()  # locked: nothing opens, nothing is read
    assert window.people_dialog is None
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.people_action.isEnabled() and window.plan_action.isEnabled()
    assert window.people_button.isVisibleTo(window) and window.plan_button.isVisibleTo(window)
    qtbot.mouseClick(window.people_button, Qt.MouseButton.LeftButton)
    assert window.people_dialog.isVisible()
    qtbot.mouseClick(window.plan_button, Qt.MouseButton.LeftButton)
    assert window.plan_dialog.isVisible()
    assert window.help_menu.title() == "&Help"
    assert window.people_action in window.help_menu.actions()
    assert window.plan_action in window.help_menu.actions()


def test_keyboard_shortcuts(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    assert QKeySequence("Ctrl+Shift+P") in window.people_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+M") in window.plan_action.shortcuts()
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+P"))
    assert window.people_dialog is not None and window.people_dialog.isVisible()
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+M"))
    assert window.plan_dialog is not None and window.plan_dialog.isVisible()
    # F1 and Ctrl+L work inside them too.
    QTest.keyClick(window.plan_dialog, Qt.Key.Key_F1)
    assert window.support_dialog is not None and window.support_dialog.isVisible()
    QTest.keySequence(window.people_dialog, QKeySequence("Ctrl+L"))
    assert window.service.state is VaultState.LOCKED


def test_no_two_actions_share_a_shortcut(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    _people_dialog(window)
    _plan_dialog(window)
    seen: dict[str, str] = {}
    standard = {
        QKeySequence(k).toString()
        for k in QKeySequence.StandardKey
        if k is not QKeySequence.StandardKey.HelpContents
        and k is not QKeySequence.StandardKey.Preferences
    }
    for action in window.findChildren(type(window.people_action)):
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen or seen[key] == action.text(), (
                key,
                seen.get(key),
                action.text(),
            )
            seen[key] = action.text()
    for action in (window.people_action, window.plan_action):
        for sequence in action.shortcuts():
            assert sequence.toString() not in standard


def test_one_click_from_support(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    window.show_support()
    support = window.support_dialog
    assert support.people_button is not None and support.plan_button is not None
    qtbot.mouseClick(support.people_button, Qt.MouseButton.LeftButton)
    assert window.people_dialog is not None and window.people_dialog.isVisible()
    qtbot.mouseClick(support.plan_button, Qt.MouseButton.LeftButton)
    assert window.plan_dialog is not None and window.plan_dialog.isVisible()


# --------------------------------------------------------------------- my people


def test_people_are_saved_as_typed_and_survive_lock(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _people_dialog(window)
    assert dialog.pages.currentWidget() is dialog.empty
    _type_a_person(qtbot, dialog)
    qtbot.waitUntil(lambda: window.service.people() != [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.service.people()[0].note == NOTE, timeout=WAIT_MS)
    person = window.service.people()[0]
    assert (person.name, person.relationship, person.reach) == (NAME, "family", REACH)
    assert dialog.status.text() == "Saved"
    assert dialog.list.item(0).text() == NAME

    window.lock()
    unlock_through_ui(qtbot, window, PASSPHRASE)
    dialog = _people_dialog(window)
    assert dialog.name.text() == NAME and dialog.reach.text() == REACH
    assert dialog.note.toPlainText() == NOTE
    assert dialog.relationship.currentData() == "family"


def test_typing_just_before_a_lock_is_kept(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _people_dialog(window)
    dialog.add_person()
    QTest.keyClicks(dialog.name, "Sam")
    plan = _plan_dialog(window)
    QTest.keyClicks(plan.editors["places"].edit, "The park")
    QTest.keySequence(window, "Ctrl+L")  # before any autosave could run
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert [p.name for p in window.service.people()] == ["Sam"]
    assert window.service.plan().text("places") == "The park"


def test_a_blank_person_is_not_kept(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _people_dialog(window)
    dialog.add_person()
    assert dialog.list.count() == 1 and dialog.list.item(0).text() == "Someone new"
    assert dialog.flush()
    assert window.service.people() == []


def test_several_people_and_switching_between_them(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _people_dialog(window)
    for name in ("Maya", "Mum", "Dr Shah"):
        qtbot.mouseClick(
            dialog.add_button if dialog.side.isVisible() else dialog.empty_add_button,
            Qt.MouseButton.LeftButton,
        )
        QTest.keyClicks(dialog.name, name)
    dialog.list.setCurrentRow(0)  # switching saves the one being left
    assert [p.name for p in window.service.people()] == ["Maya", "Mum", "Dr Shah"]
    assert dialog.name.text() == "Maya"
    QTest.keyClicks(dialog.reach, "maya@example.org")
    dialog.list.setCurrentRow(2)
    assert window.service.people()[0].reach == "maya@example.org"


def test_remove_asks_first(qtbot, make_window, existing_journal, message_boxes):
    window = _open_window(qtbot, make_window, existing_journal)
    for name in ("Maya", "Sam"):
        window.service.save_person(Person.new(name=name))
    dialog = _people_dialog(window)
    dialog.list.setCurrentRow(1)
    message_boxes.answers.append(StandardButton.No)
    dialog.remove_button.click()
    assert "Remove Sam from your people?" in message_boxes.calls[-1][2]
    assert len(window.service.people()) == 2
    message_boxes.answers.append(StandardButton.Yes)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    dialog.list.setFocus()
    QTest.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert [p.name for p in window.service.people()] == ["Maya"]
    assert dialog.list.count() == 1 and dialog.name.text() == "Maya"


def test_people_dialog_words_names_and_tab_order(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _people_dialog(window)
    _check_controls(dialog)
    _check_words(shown_texts(dialog))
    _check_words([dialog.name.placeholderText(), dialog.note.placeholderText()])
    dialog.add_person()
    _check_controls(dialog)
    dialog.name.setFocus()
    order = [dialog.name]
    for _ in range(3):
        order.append(order[-1].nextInFocusChain())
        while not order[-1].isVisibleTo(dialog) or order[-1].focusPolicy() == Qt.NoFocus:
            order[-1] = order[-1].nextInFocusChain()
    assert order[1:] == [dialog.relationship, dialog.reach, dialog.note]


# ----------------------------------------------------------------------- my plan


def test_the_plan_starts_blank_with_ideas_to_take_or_leave(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    template = load_template()
    assert list(dialog.editors) == [s.id for s in template.sections]
    for section in template.sections:
        editor = dialog.editors[section.id]
        assert editor.text() == ""  # never pre-filled as if they wrote it
        assert editor.edit.placeholderText() == section.placeholder
        assert [c.text() for c in editor.chips] == [f"+ {idea}" for idea in section.ideas]
    assert dialog.flush()
    assert window.service.plan().is_empty


def test_an_idea_is_added_only_when_clicked(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    calmer = dialog.editors["calmer"]
    QTest.keyClicks(calmer.edit, "Tea on the step")
    chip = calmer.chips[1]
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    idea = calmer.section.ideas[1]
    assert calmer.text() == f"Tea on the step\n{idea}"
    assert not chip.isEnabled()  # already there: not added twice
    calmer.add_idea(idea)
    assert calmer.text().count(idea) == 1
    qtbot.waitUntil(lambda: window.service.plan().text("calmer") == calmer.text(), timeout=WAIT_MS)
    assert dialog.status.text() == "Saved"


def test_the_plan_survives_lock_and_reopen(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    QTest.keyClicks(dialog.editors["matters"].edit, PLAN_TEXT)
    qtbot.waitUntil(lambda: window.service.plan().text("matters") == PLAN_TEXT, timeout=WAIT_MS)
    window.lock()
    assert window.plan_dialog is None
    unlock_through_ui(qtbot, window, PASSPHRASE)
    dialog = _plan_dialog(window)
    assert dialog.editors["matters"].text() == PLAN_TEXT
    assert not dialog.editors["matters"].edit.document().isUndoAvailable()


def test_plan_dialog_words_and_names(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    _check_controls(dialog)
    _check_words(shown_texts(dialog))
    _check_words([e.edit.placeholderText() for e in dialog.editors.values()])
    _check_words(
        [
            people_ui.PEOPLE_INTRO,
            people_ui.PEOPLE_EMPTY,
            people_ui.PEOPLE_EMPTY_TITLE,
            plan_ui.PLAN_INTRO,
            plan_ui.PLAN_PRIVATE,
            plan_copy.EXPORT_WARNING,
            plan_copy.EXPORT_DETAIL,
            plan_copy.EXPORT_TITLE,
            people_ui.REMOVE_TITLE,
            *load_template().all_texts(),
        ]
    )


# ------------------------------------------------------------- print and export


def test_save_a_copy_warns_first_then_writes_markdown_atomically(
    qtbot, make_window, existing_journal, message_boxes, file_dialogs, tmp_path
):
    window = _open_window(qtbot, make_window, existing_journal)
    window.service.save_plan(Plan({"calmer": "Tea on the step\nMusic"}))
    dialog = _plan_dialog(window)
    target = tmp_path / "exports"
    target.mkdir()

    dialog.save_copy()  # the warning is answered "Cancel": no file dialog, no file
    assert message_boxes.calls[-1][2].startswith("The copy you save is not encrypted.")
    assert file_dialogs.calls == []

    message_boxes.answers.append(StandardButton.Save)
    file_dialogs.answers.append(str(target / "plan"))
    dialog.save_copy()
    assert file_dialogs.calls[-1][0] == "getSaveFileName"
    saved = target / "plan.md"
    text = saved.read_text(encoding="utf-8")
    assert text.startswith(f"# {PLAN_TITLE}")
    assert "Tea on the step  \nMusic" in text
    assert "If you are in danger now" in text
    assert sorted(p.name for p in target.iterdir()) == ["plan.md"]  # no temp file left
    assert dialog.status.text() == "Saved a copy as plan.md"


def test_save_a_copy_as_pdf(
    qtbot, make_window, existing_journal, message_boxes, file_dialogs, tmp_path
):
    window = _open_window(qtbot, make_window, existing_journal)
    window.service.save_plan(Plan({"places": "The bench by the willow"}))
    dialog = _plan_dialog(window)
    message_boxes.answers.append(StandardButton.Save)
    file_dialogs.answers.append(str(tmp_path / "plan.pdf"))
    dialog.save_copy()
    data = (tmp_path / "plan.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def test_save_a_copy_never_overwrites_a_journal(
    qtbot, make_window, existing_journal, message_boxes, file_dialogs, tmp_path
):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    # A journal renamed to .md is still a journal: it is refused, not replaced.
    journal_copy = tmp_path / "old.md"
    journal_copy.write_bytes(existing_journal.path.read_bytes())
    before = journal_copy.read_bytes()
    message_boxes.answers.append(StandardButton.Save)
    file_dialogs.answers.append(str(journal_copy))
    dialog.save_copy()
    assert journal_copy.read_bytes() == before
    assert message_boxes.calls[-1][0] == "warning"
    assert "will not write over it" in message_boxes.calls[-1][2]


def test_print_shows_a_preview_of_the_plan(
    qtbot, make_window, existing_journal, monkeypatch, tmp_path
):
    window = _open_window(qtbot, make_window, existing_journal)
    window.service.save_plan(Plan({"people": "Maya, any evening"}))
    dialog = _plan_dialog(window)
    printed = tmp_path / "printed.pdf"

    def fake_exec(preview: QPrintPreviewDialog) -> int:
        printer = preview.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        preview.paintRequested.emit(printer)
        return 1

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    dialog.print_plan()
    assert printed.read_bytes().startswith(b"%PDF")
    document = dialog.document().toPlainText()
    assert "Maya, any evening" in document and PLAN_TITLE in document
    for section in load_template().sections:
        assert section.title in document and section.placeholder not in document


# ------------------------------------------------------------ lock and the disk


@pytest.mark.parametrize("real_view", [False, True], ids=["quiet-view", "real-journal-view"])
def test_lock_leaves_no_people_or_plan_text_in_any_widget(
    qtbot, make_window, existing_journal, real_view
):
    window = _open_window(qtbot, make_window, existing_journal, real_view=real_view)
    people = _people_dialog(window)
    _type_a_person(qtbot, people)
    plan = _plan_dialog(window)
    QTest.keyClicks(plan.editors["calmer"].edit, PLAN_TEXT)
    window.show_support()
    canaries = [NAME, REACH, NOTE, PLAN_TEXT, "Canary"]
    qtbot.waitUntil(lambda: window.support_dialog.person_cards() != [], timeout=WAIT_MS)
    assert _texts_hold(canaries)

    window.lock()

    assert window.service.state is VaultState.LOCKED
    assert _texts_hold(canaries) == []
    assert not undo_available(window)
    assert window.people_dialog is None and window.plan_dialog is None
    support = window.support_dialog
    assert support.isVisible()  # Support stays: it needs no unlock
    assert support.person_cards() == []
    assert "Unlock Tend to see your own people" in "\n".join(shown_texts(support))
    qtbot.wait(50)  # the wiped widgets are deleted by now, too
    assert _texts_hold(canaries) == []
    # What was typed was saved (sealed) before the lock.
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.service.people()[0].note == NOTE
    assert window.service.plan().text("calmer") == PLAN_TEXT


def test_their_words_never_reach_the_disk_in_plaintext(
    qtbot, make_window, existing_journal, tmp_path, watched_tmpdir
):
    window = _open_window(qtbot, make_window, existing_journal)
    people = _people_dialog(window)
    _type_a_person(qtbot, people)
    plan = _plan_dialog(window)
    for editor in plan.editors.values():
        QTest.keyClicks(editor.edit, PLAN_TEXT)
    qtbot.waitUntil(lambda: window.service.people() != [], timeout=WAIT_MS)
    window.show_support()
    window.support_dialog.person_cards()[0].copy_button.click()
    people.list.setCurrentRow(0)
    window.lock()
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.close()
    window.settings.sync()
    hits = find_canaries([tmp_path, watched_tmpdir], [NAME, NOTE, PLAN_TEXT, "Canarywood 07700"])
    assert hits == []


def test_closing_tend_saves_what_was_just_typed(qtbot, make_window, existing_journal, kdf):
    window = _open_window(qtbot, make_window, existing_journal)
    plan = _plan_dialog(window)
    QTest.keyClicks(plan.editors["people"].edit, "Maya, any evening")
    people = _people_dialog(window)
    people.add_person()
    QTest.keyClicks(people.name, "Maya")
    window.close()  # before any autosave
    assert window.people_dialog is None and window.plan_dialog is None
    from journal_app.journal import Journal

    with Journal.open(existing_journal.path, PASSPHRASE) as journal:
        assert journal.personal.plan().text("people") == "Maya, any evening"
        assert [p.name for p in journal.personal.people()] == ["Maya"]


# -------------------------------------------------------------- Support's people


def test_support_shows_their_people_first_with_copyable_numbers(
    qtbot, make_window, existing_journal
):
    window = _open_window(qtbot, make_window, existing_journal)
    window.service.save_person(
        Person.new(name="Maya", relationship="friend", reach="Call 07700 900 123 after six")
    )
    window.service.save_person(Person.new(name="Jo", relationship="therapist", reach="jo@ex.org"))
    window.show_support()
    support = window.support_dialog
    cards = support.person_cards()
    assert [c.accessibleName() for c in cards] == ["Maya", "Jo"]
    # Above the helplines.
    first_line = support.cards()[0]
    assert (
        cards[-1].mapTo(support, cards[-1].rect().topLeft()).y()
        < first_line.mapTo(support, first_line.rect().topLeft()).y()
    )
    numbers = [
        w
        for w in cards[0].findChildren(type(support.emergency_label))
        if w.property("role") == "number"
    ]
    assert numbers and numbers[0].text() == "Call 07700 900 123 after six"
    assert numbers[0].textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    text = "\n".join(shown_texts(support))
    assert "Friend" in text and "Therapist or counsellor" in text

    cards[0].copy_button.click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "07700 900 123"
    assert clipboard.mimeData().hasFormat(KDE_SECRET_HINT)  # their own: kept out of history
    assert cards[0].copy_button.text() == "Copied"
    # Saving a change in My people shows in Support at once.
    window.service.save_person(Person.new(name="Ana", relationship="family"))
    assert [c.accessibleName() for c in support.person_cards()] == ["Maya", "Jo", "Ana"]
    # Locking takes the number off the clipboard, and the people out of Support.
    window.lock()
    assert clipboard.text() == ""
    assert support.person_cards() == []


def test_support_while_locked_shows_only_the_public_lines(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path, journal_view_factory=QuietJournalView)
    QTest.keyClick(window, Qt.Key.Key_F1)
    support = window.support_dialog
    assert support.isVisible() and not window.service.is_unlocked
    assert support.person_cards() == [] and support.people_button is None
    assert "Unlock Tend to see your own people" in "\n".join(shown_texts(support))
    assert support.cards()  # the public lines are all there
    _check_controls(support)
    _check_words(shown_texts(support))


@pytest.mark.parametrize("count", [0, 2])
def test_support_with_people_words_and_names(qtbot, make_window, existing_journal, count):
    window = _open_window(qtbot, make_window, existing_journal)
    for index in range(count):
        window.service.save_person(Person.new(name=f"Friend {index}", reach="0161 496 0000"))
    window.show_support()
    _check_controls(window.support_dialog)
    _check_words(shown_texts(window.support_dialog))


def test_an_unreadable_vault_write_is_said_quietly(
    qtbot, make_window, existing_journal, monkeypatch
):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    from journal_app.vault import StorageFull

    def full(*_args, **_kwargs):
        raise StorageFull()

    monkeypatch.setattr(window.service, "save_plan", full)
    QTest.keyClicks(dialog.editors["calmer"].edit, "Tea")
    assert dialog.flush() is False
    assert dialog.status.text().startswith("Not saved yet")
    assert dialog.editors["calmer"].text() == "Tea"  # kept on screen
    monkeypatch.undo()
    assert dialog.flush() is True
    assert window.service.plan().text("calmer") == "Tea"


def test_template_paths(tmp_path: Path):
    """The template ships beside the help catalogue, as data."""
    from journal_app.assets import resource

    assert resource("help", "personal.toml").is_file()
    assert resource("help", "excluded.toml").is_file()
    assert check_text(PLAN_TITLE) == []
