"""Writing with a prompt, as a person does it: choose, read, write, come back later."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from journal_app.journal.packs import parse_pack
from journal_app.journal.prompts import builtin_catalogue
from journal_app.ui.journal.card_list import DescriptionRole
from journal_app.ui.journal.editor import STATUS_SAVED
from journal_app.ui.journal.entry_model import ThemeNameRole
from journal_app.ui.journal.journal_view import JournalView
from journal_app.ui.journal.prompt_chooser import PromptChooserDialog
from journal_app.ui.journal.prompts import PromptCard
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import (
    QT_LOG_IGNORE,
    make_view,
    open_service,
    reopen,
    shown_texts,
    view,
)
from tests.ui.conftest import PASSPHRASE as WINDOW_PASSPHRASE
from tests.ui.helpers import WAIT_MS, unlock_through_ui

__all__ = ["open_service", "view"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE

SAVE_TIMEOUT_MS = 5_000
Yes = QMessageBox.StandardButton.Yes
Cancel = QMessageBox.StandardButton.Cancel
CATALOGUE = builtin_catalogue()
THEME_IDS = [theme.id for theme in CATALOGUE.themes]


def choose_in_chooser(monkeypatch: pytest.MonkeyPatch, theme_id: str | None) -> list[Any]:
    """Make the chooser, when it opens, pick ``theme_id`` as a person would (arrows, Enter)."""
    seen: list[Any] = []

    def exec_(dialog: PromptChooserDialog) -> int:
        seen.append(dialog)
        names = [dialog.list.item(row).text() for row in range(dialog.list.count())]
        seen.append(names)
        wanted = [*THEME_IDS, None].index(theme_id)
        dialog.list.setCurrentRow(0)
        for _ in range(wanted):
            QTest.keyClick(dialog.list, Qt.Key.Key_Down)
        QTest.keyClick(dialog.list, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(PromptChooserDialog, "exec", exec_)
    return seen


def wait_saved(qtbot: Any, view: JournalView) -> str:
    qtbot.waitUntil(lambda: view.current_entry_id() is not None, timeout=SAVE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.editor.status.text() == STATUS_SAVED, timeout=SAVE_TIMEOUT_MS)
    entry_id = view.current_entry_id()
    assert entry_id is not None
    return entry_id


# ------------------------------------------------------------------ chooser


def test_the_chooser_offers_the_four_themes_and_any_theme(qtbot, open_service) -> None:
    dialog = PromptChooserDialog(open_service.prompt_themes())
    qtbot.addWidget(dialog)
    names = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert names == [
        "Understanding myself",
        "People around me",
        "Ways through hard moments",
        "What matters to me",
        "Any theme",
    ]
    texts = shown_texts(dialog)
    descriptions = [dialog.list.item(row).data(DescriptionRole) for row in range(5)]
    assert descriptions[:4] == [theme.description for theme in CATALOGUE.themes]
    assert all(descriptions), "every choice has its one line of description"
    assert dialog.windowTitle() == "Write with a prompt"
    assert any("only an invitation" in text for text in texts)
    # Keyboard: it opens on the first theme with the focus in the list.
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.chosen_theme() == "understanding"
    QTest.keyClick(dialog.list, Qt.Key.Key_Down)
    QTest.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.chosen_theme() == "coping"
    QTest.keyClick(dialog.list, Qt.Key.Key_End)
    assert dialog.chosen_theme() is None  # "Any theme"
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_escape_leaves_the_chooser_without_a_prompt(qtbot, open_service) -> None:
    dialog = PromptChooserDialog(open_service.prompt_themes(), "people")
    qtbot.addWidget(dialog)
    assert dialog.chosen_theme() == "people"  # the last choice is where it starts
    dialog.show()
    qtbot.waitExposed(dialog)
    QTest.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_cancelling_the_chooser_changes_nothing(qtbot, view, open_service, monkeypatch) -> None:
    monkeypatch.setattr(PromptChooserDialog, "exec", lambda dialog: 0)
    view.write_with_prompt()
    assert view.pages.currentWidget() is view.placeholder
    assert open_service.entries() == []
    assert view.editor.prompt_card.isHidden()


# ------------------------------------------------------------- end to end


def test_writing_with_a_prompt_end_to_end(qtbot, view, open_service, monkeypatch, kdf) -> None:
    seen = choose_in_chooser(monkeypatch, "people")
    view.write_with_prompt()
    card = view.editor.prompt_card
    assert seen and seen[1][1] == "People around me"
    assert card.mode in (PromptCard.LIVE, PromptCard.HEAVY)
    if card.mode == PromptCard.HEAVY:
        card.show_button.click()
    prompt = view.editor.current_prompt()
    assert prompt is not None and prompt.theme == "people"
    assert card.isVisible() and card.text.text() == prompt.text
    assert card.caption.text() == "People around me"
    assert card.another_button.isVisible() and card.freely_button.isVisible()
    assert card.another_button.toolTip().endswith("(Ctrl+Shift+R)")
    assert card.freely_button.toolTip().endswith("(Ctrl+Shift+F)")
    # Nothing is saved for a prompt alone: only words make an entry.
    assert open_service.entries() == []

    view.editor.body.setFocus()
    qtbot.keyClicks(view.editor.body, "Coffee with Ana; she asked how I was and waited.")
    entry_id = wait_saved(qtbot, view)
    saved = open_service.get(entry_id)
    assert (saved.prompt_id, saved.prompt_text, saved.prompt_theme) == (
        prompt.id,
        prompt.text,
        "people",
    )
    qtbot.waitUntil(lambda: view.model.row_of(entry_id) >= 0)  # the list follows at once
    assert view.model.index_of(entry_id).data(ThemeNameRole) == "People around me"

    # Reopen the journal from the file: the prompt came back from inside the entry.
    path = open_service.vault_path
    open_service.close()
    with reopen(path) as journal:
        again = journal.get(entry_id)
        assert (again.prompt_text, again.prompt_theme) == (prompt.text, "people")
    assert prompt.text.encode() not in path.read_bytes()

    service = JournalService(path, kdf=kdf)
    with qtbot.waitSignal(service.unlocked, timeout=WAIT_MS):
        service.unlock("a long passphrase")
    try:
        later = make_view(service, qtbot)
        later.show_entry(entry_id)
        card = later.editor.prompt_card
        assert card.mode == PromptCard.KEPT
        assert card.isVisible() and card.text.text() == prompt.text
        assert card.caption.text() == "People around me"
        assert card.remove_button.isVisible()
        assert not card.another_button.isVisible()
        assert later.editor.body.toPlainText().startswith("Coffee with Ana")
    finally:
        service.close()


def test_another_prompt_is_never_the_same_twice_and_stays_in_the_theme(
    qtbot, view, open_service
) -> None:
    assert view.start_prompted_entry("values")
    card = view.editor.prompt_card
    pool = [p.id for p in CATALOGUE.pool("values")]
    offered = []
    for _ in range(len(pool) + 3):
        prompt = view.editor._prompt
        assert prompt is not None and prompt.theme == "values"
        offered.append(prompt.id)
        (card.skip_button if card.mode == PromptCard.HEAVY else card.another_button).click()
    assert all(a != b for a, b in pairwise(offered))
    assert sorted(offered[: len(pool)]) == sorted(pool), "all are seen before one repeats"
    assert open_service.entries() == []


def test_another_prompt_and_write_freely_have_shortcuts_in_the_editor(
    qtbot, view, open_service
) -> None:
    view.activateWindow()
    assert view.start_prompted_entry("coping")
    first = view.editor._prompt
    body = view.editor.body
    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    QTest.keySequence(body, QKeySequence("Ctrl+Shift+R"))
    assert view.editor._prompt is not None and view.editor._prompt.id != first.id
    assert body.hasFocus(), "the writer stays where they were"
    QTest.keySequence(body, QKeySequence("Ctrl+Shift+F"))
    assert view.editor.prompt_card.isHidden()
    assert view.editor.current_prompt() is None
    assert body.toPlainText() == "", "the shortcuts type nothing"


# -------------------------------------------------------------- heavy


def heavy_prompt():
    return next(p for p in CATALOGUE.prompts if p.heavy and p.theme == "understanding")


def test_a_heavy_prompt_first_says_so_gently_and_skip_moves_on(qtbot, view, open_service):
    assert view.start_prompted_entry("understanding")
    heavy = heavy_prompt()
    view.editor.show_prompt(heavy)
    card = view.editor.prompt_card
    assert card.mode == PromptCard.HEAVY
    assert card.text.text() == "This one may bring up something heavy. It’s fine to skip it."
    assert card.show_button.isVisible() and card.skip_button.isVisible()
    assert not card.another_button.isVisible()
    assert heavy.text not in shown_texts(view), "the prompt itself is not shown yet"
    assert view.editor.current_prompt() is None
    card.skip_button.click()
    assert view.editor._prompt is not None and view.editor._prompt.id != heavy.id
    assert view.editor._prompt.theme == "understanding"


def test_show_the_prompt_reveals_it_and_only_then_keeps_it(qtbot, view, open_service):
    assert view.start_prompted_entry("understanding")
    heavy = heavy_prompt()
    view.editor.show_prompt(heavy)
    # Words written while the note stands are saved without the prompt…
    view.editor.body.setFocus()
    qtbot.keyClicks(view.editor.body, "Not sure yet.")
    entry_id = wait_saved(qtbot, view)
    assert open_service.get(entry_id).prompt_text == ""
    # …and once the person asks to see it, the entry has it.
    view.editor.prompt_card.show_button.click()
    card = view.editor.prompt_card
    assert card.mode == PromptCard.LIVE and card.text.text() == heavy.text
    assert view.editor.current_prompt() == heavy
    assert view.editor.body.hasFocus()
    assert view.flush()
    assert open_service.get(entry_id).prompt_text == heavy.text


# --------------------------------------------------------- write freely


def test_write_freely_instead_puts_the_prompt_away(qtbot, view, open_service):
    assert view.start_prompted_entry(None)
    view.editor.prompt_card.freely_button.click()
    assert view.editor.prompt_card.isHidden()
    assert view.editor.body.hasFocus() or not view.isActiveWindow()
    qtbot.keyClicks(view.editor.body, "Just some thoughts.")
    entry_id = wait_saved(qtbot, view)
    saved = open_service.get(entry_id)
    assert (saved.prompt_id, saved.prompt_text, saved.prompt_theme) == (None, "", None)


def test_write_freely_after_a_save_takes_the_prompt_off_the_entry(qtbot, view, open_service):
    assert view.start_prompted_entry("coping")
    if view.editor.prompt_waiting:
        view.editor.reveal_prompt()
    qtbot.keyClicks(view.editor.body, "A walk helped.")
    entry_id = wait_saved(qtbot, view)
    assert open_service.get(entry_id).prompt_theme == "coping"
    view.editor.prompt_card.freely_button.click()
    assert view.flush()
    saved = open_service.get(entry_id)
    assert (saved.prompt_id, saved.prompt_text, saved.prompt_theme) == (None, "", None)
    assert saved.body == "A walk helped."


def test_remove_the_prompt_from_an_entry_opened_later(qtbot, view, open_service, message_boxes):
    prompt = CATALOGUE.pool("people")[0]
    entry = open_service.add("Ana called.", prompt=prompt)
    view.reload()
    view.show_entry(entry.id)
    card = view.editor.prompt_card
    assert card.mode == PromptCard.KEPT and card.remove_button.isVisible()
    message_boxes.answers.append(Cancel)
    card.remove_button.click()
    assert open_service.get(entry.id).prompt_text == prompt.text, "Keep it keeps it"
    message_boxes.answers.append(Yes)
    card.remove_button.click()
    assert message_boxes.calls[-1][1] == "Remove the prompt"
    after = open_service.get(entry.id)
    assert (after.prompt_id, after.prompt_text, after.prompt_theme) == (None, "", None)
    assert after.body == "Ana called."
    assert card.isHidden()


def test_an_entry_in_the_trash_shows_its_prompt_read_only(qtbot, view, open_service):
    entry = open_service.add("Ana called.", prompt=CATALOGUE.pool("people")[0])
    open_service.move_to_trash(entry.id)
    view.reload()
    view.show_entry(entry.id)
    card = view.editor.prompt_card
    assert card.mode == PromptCard.KEPT and card.isVisible()
    assert not card.remove_button.isVisible()


def test_the_prompt_stays_with_the_entry_after_its_pack_is_removed(qtbot, view, open_service):
    pack = open_service.import_pack(
        parse_pack(
            b'[pack]\nname = "Between sessions"\nauthor = "Sam"\n'
            b'[[prompts]]\nid = "kind"\ntext = "What kind words did you hear this week?"\n'
            b'theme = "people"\nfollow_up = "Who said them?"\n'
        )
    )
    entry = open_service.add("My neighbour.", prompt=pack.prompts[0])
    view.reload()
    view.show_entry(entry.id)
    card = view.editor.prompt_card
    assert card.caption.text() == "People around me · from Between sessions"
    assert card.follow_up.text() == "Who said them?"
    open_service.remove_pack(pack.id)
    view.show_entry(None)
    view.show_entry(entry.id)
    assert card.text.text() == "What kind words did you hear this week?"
    assert card.caption.text() == "People around me"


def test_a_recovered_draft_keeps_its_prompt(qtbot, view, open_service):
    assert view.start_prompted_entry("values")
    if view.editor.prompt_waiting:
        view.editor.reveal_prompt()
    prompt = view.editor.current_prompt()
    qtbot.keyClicks(view.editor.body, "Making things")
    view.editor.save_draft()  # what a crash would leave behind
    draft = open_service.drafts()[0]
    assert draft.prompt_id == prompt.id
    entry = open_service.recover_draft(draft.id)
    assert (entry.prompt_text, entry.prompt_theme) == (prompt.text, "values")


# --------------------------------------------------------------- filter


def test_the_list_can_be_filtered_by_theme(qtbot, view, open_service) -> None:
    assert view.theme_filter.isHidden(), "no entry has a prompt yet: no filter"
    people = open_service.add("Saw Ana.", prompt=CATALOGUE.pool("people")[0])
    values = open_service.add("Pottery.", prompt=CATALOGUE.pool("values")[0])
    free = open_service.add("Just a note.")
    qtbot.waitUntil(lambda: view.model.entry_count() == 3)
    assert view.theme_filter.isVisible()
    items = [view.theme_filter.itemText(i) for i in range(view.theme_filter.count())]
    assert items == ["All entries", *(theme.name for theme in CATALOGUE.themes)]
    view.theme_filter.setCurrentIndex(items.index("People around me"))
    assert view.model.entry_ids() == [people.id]
    view.theme_filter.setCurrentIndex(items.index("What matters to me"))
    assert view.model.entry_ids() == [values.id]
    view.theme_filter.setCurrentIndex(items.index("Understanding myself"))
    assert view.model.entry_ids() == []
    assert view.list_note.text() == "Nothing matches that yet."
    view.theme_filter.setCurrentIndex(0)
    assert set(view.model.entry_ids()) == {people.id, values.id, free.id}
    # The row of a prompted entry says its theme, to the eye and to a screen reader.
    index = view.model.index_of(people.id)
    assert index.data(ThemeNameRole) == "People around me"
    assert "written with a prompt: People around me" in index.data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    assert view.model.index_of(free.id).data(ThemeNameRole) == ""


def test_theme_filter_and_search_work_together(qtbot, view, open_service) -> None:
    open_service.add("Saw Ana at the market.", prompt=CATALOGUE.pool("people")[0])
    other = open_service.add("Called Ben.", prompt=CATALOGUE.pool("people")[1])
    open_service.add("Ben's pottery.", prompt=CATALOGUE.pool("values")[0])
    view.reload()
    view.set_theme_filter("people")
    view.search.setText("Ben")
    view.filters.apply_search()
    assert view.model.entry_ids() == [other.id]


# ----------------------------------------------------- never unasked


def test_no_prompt_appears_unasked(qtbot, view, open_service, app_settings) -> None:
    assert app_settings.suggest_prompt is False, "off unless the person turns it on"
    view.new_entry()
    assert view.editor.prompt_card.isHidden()
    assert open_service._journal.prompts.history == (), "nothing was even offered"
    again = JournalView(open_service, app_settings)
    qtbot.addWidget(again)
    again.new_entry()
    assert again.editor.prompt_card.isHidden()


def test_suggest_a_prompt_setting_shows_one_on_new_entry(qtbot, open_service, app_settings) -> None:
    app_settings.suggest_prompt = True
    view = JournalView(open_service, app_settings)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    view.new_entry()
    card = view.editor.prompt_card
    assert card.isVisible() and card.mode in (PromptCard.LIVE, PromptCard.HEAVY)
    first = view.editor._prompt
    view.new_entry()  # already on a fresh page: the prompt is not swapped under the writer
    assert view.editor._prompt == first
    card.freely_button.click()  # still dismissible
    assert card.isHidden()
    view.new_entry()
    assert card.isHidden(), "a page already begun freely stays free"


# ------------------------------------------------------ the window


def test_ctrl_shift_n_opens_the_chooser_and_lock_clears_everything(
    qtbot, make_window, existing_journal, monkeypatch
) -> None:
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, WINDOW_PASSPHRASE)
    assert QKeySequence("Ctrl+Shift+N") in window.write_with_prompt_action.shortcuts()
    choose_in_chooser(monkeypatch, "coping")
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+N"))
    card = window.journal_view.editor.prompt_card
    qtbot.waitUntil(card.isVisible)
    assert window.journal_view.editor._prompt.theme == "coping"

    window.lock()
    assert card.isHidden() and card.text.text() == ""
    assert window.journal_view.editor._prompt is None

    # Locking while the chooser is open closes it, and no page is begun.
    unlock_through_ui(qtbot, window, WINDOW_PASSPHRASE)
    count = len(window.service.entries())

    def lock_meanwhile(dialog: PromptChooserDialog) -> int:
        dialog.show()
        window.lock()
        return dialog.result()

    monkeypatch.setattr(PromptChooserDialog, "exec", lock_meanwhile)
    window.write_with_prompt_action.setEnabled(True)
    window.journal_view.write_with_prompt()
    assert window.current_page() is window.unlock_page
    assert card.isHidden()
    unlock_through_ui(qtbot, window, WINDOW_PASSPHRASE)
    assert len(window.service.entries()) == count


def test_the_file_menu_offers_writing_with_a_prompt(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    assert not window.write_with_prompt_action.isEnabled(), "locked: nothing to write in"
    unlock_through_ui(qtbot, window, WINDOW_PASSPHRASE)
    texts = [action.text() for action in window.file_menu.actions()]
    assert "&Write with a prompt…" in texts
    assert texts.index("&Write with a prompt…") == texts.index("&New entry") + 1
    assert window.journal_view.prompt_button.accessibleName() == "Write with a prompt"


def test_the_suggest_setting_lives_on_the_prompts_page(qtbot, app_settings, service) -> None:
    from journal_app.ui.common.preferences import AppSettings
    from journal_app.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(app_settings, service)
    qtbot.addWidget(dialog)
    page = dialog.prompts
    assert page.title == "Prompts" and page in dialog.pages
    assert not page.suggest.isChecked()
    with qtbot.waitSignal(page.changed):
        page.suggest.setChecked(True)
    assert AppSettings().suggest_prompt is True  # kept as made, no button to press
    # A hand-edited settings file cannot turn it on by accident.
    app_settings._s.setValue(AppSettings.SUGGEST_PROMPT, "perhaps")
    assert app_settings.suggest_prompt is False


def test_every_new_control_has_a_name_and_a_tooltip(qtbot, view, open_service) -> None:
    from journal_app.ui.journal.packs import PackPreviewDialog, PacksDialog
    from journal_app.ui.window.about import AboutDialog
    from tests.ui.test_words_and_access import _check_controls

    open_service.import_pack(
        parse_pack(
            b'[pack]\nname = "N"\nauthor = "A"\n[[prompts]]\nid = "p"\n'
            b'text = "What made you smile this week?"\n'
        )
    )
    assert view.start_prompted_entry(None)
    pack = open_service.prompt_packs()[0]
    for widget in (
        view.editor.prompt_card,
        PromptChooserDialog(open_service.prompt_themes()),
        PackPreviewDialog(pack, {}),
        PacksDialog(open_service),
        AboutDialog(),
    ):
        if widget.parent() is None:
            qtbot.addWidget(widget)
        _check_controls(widget)
    for widget in (view.prompt_button, view.theme_filter, view.placeholder_prompt_button):
        assert widget.accessibleName() and widget.toolTip()
