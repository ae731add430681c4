""" "Another prompt" once words are written: nothing asked, the entry's prompt kept,
the new one offered for a new entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt

from journal_app.journal.prompts import Prompt, builtin_catalogue
from journal_app.ui.journal.journal_view import JournalView
from journal_app.ui.journal.prompt_offer import TEXT_OFFER_CAPTION
from journal_app.ui.journal.prompts import TEXT_HEAVY_NOTE, PromptCard
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import QT_LOG_IGNORE, open_service, view

__all__ = ["open_service", "view"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE

CATALOGUE = builtin_catalogue()
LIGHT = [p for p in CATALOGUE.prompts if p.theme == "coping" and not p.heavy]
FIRST, SECOND, THIRD = LIGHT[:3]


@dataclass
class Handout:
    """What the service hands out: its own prompts until ``queue`` is switched on."""

    queue: list[Prompt] = field(default_factory=lambda: [SECOND, THIRD])
    on: bool = False


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch, open_service: JournalService) -> Handout:
    handout = Handout()
    real = open_service.next_prompt
    monkeypatch.setattr(
        open_service,
        "next_prompt",
        lambda theme=None: handout.queue.pop(0) if handout.on else real(theme),
    )
    return handout


def written_with_first(qtbot: Any, view: JournalView, handout: Handout | None = None) -> str:
    """A page with FIRST above it, words written and saved; the entry's id. From
    then on the service hands out SECOND, then THIRD."""
    assert view.start_prompted_entry("coping")
    view.editor.show_prompt(FIRST)
    if handout is not None:
        handout.on = True
    view.editor.body.setFocus()
    qtbot.keyClicks(view.editor.body, "A walk by the river.")
    assert view.editor.flush()
    entry_id = view.editor.entry_id
    assert entry_id is not None
    return entry_id


def test_another_prompt_after_words_asks_nothing_and_keeps_the_prompt(
    qtbot: Any, view: JournalView, open_service: JournalService, offered, message_boxes
) -> None:
    entry_id = written_with_first(qtbot, view, offered)
    calls = len(message_boxes.calls)
    view.editor.prompt_card.another_button.click()
    assert len(message_boxes.calls) == calls, "nothing is asked"
    assert view.editor.current_prompt() == FIRST
    assert view.editor.prompt_card.text.text() == FIRST.text
    offer = view.editor.prompt_offer
    assert offer.isVisibleTo(view) and offer.text.text() == SECOND.text
    assert offer.caption.text() == TEXT_OFFER_CAPTION
    assert not view.editor.dirty
    assert view.editor.flush()
    assert open_service.get(entry_id).prompt_text == FIRST.text


def test_the_offer_begins_a_new_entry_and_the_first_keeps_its_prompt(
    qtbot: Any, view: JournalView, open_service: JournalService, offered
) -> None:
    entry_id = written_with_first(qtbot, view, offered)
    view.editor.another_prompt()
    started: list[bool] = []
    view.editor.new_page_started.connect(lambda: started.append(True))
    view.editor.prompt_offer.new_button.click()
    assert started
    assert view.editor.entry_id is None and view.editor.body.toPlainText() == ""
    assert view.editor.current_prompt() == SECOND
    assert not view.editor.prompt_offer.isVisibleTo(view)
    qtbot.keyClicks(view.editor.body, "Music helped.")
    assert view.editor.flush()
    assert view.editor.entry_id != entry_id
    assert open_service.get(view.editor.entry_id).prompt_text == SECOND.text
    assert open_service.get(entry_id).prompt_text == FIRST.text


def test_the_offer_comes_to_this_entry_only_when_asked(
    qtbot: Any, view: JournalView, open_service: JournalService, offered
) -> None:
    entry_id = written_with_first(qtbot, view, offered)
    view.editor.another_prompt()
    view.editor.another_prompt()  # asking again offers yet another
    assert view.editor.prompt_offer.text.text() == THIRD.text
    view.editor.prompt_offer.use_button.click()
    assert view.editor.current_prompt() == THIRD
    assert not view.editor.prompt_offer.isVisibleTo(view)
    assert view.editor.flush()
    saved = open_service.get(entry_id)
    assert saved.prompt_text == THIRD.text
    assert saved.body == "A walk by the river."


def test_not_now_and_escape_put_the_offer_away(
    qtbot: Any, view: JournalView, open_service: JournalService, offered
) -> None:
    written_with_first(qtbot, view, offered)
    view.editor.prompt_card.another_button.setFocus()
    view.editor.another_prompt()
    offer = view.editor.prompt_offer
    assert offer.new_button.hasFocus() or not view.isActiveWindow()
    qtbot.keyClick(offer.new_button, Qt.Key.Key_Escape)
    assert not offer.isVisibleTo(view)
    view.editor.another_prompt()
    offer.not_now_button.click()
    assert not offer.isVisibleTo(view)
    assert view.editor.current_prompt() == FIRST


def test_a_heavy_prompt_is_offered_behind_its_note(
    qtbot: Any, view: JournalView, open_service: JournalService, monkeypatch
) -> None:
    heavy = next(p for p in CATALOGUE.prompts if p.heavy)
    written_with_first(qtbot, view)
    monkeypatch.setattr(open_service, "next_prompt", lambda theme=None: heavy)
    view.editor.another_prompt()
    assert view.editor.prompt_offer.text.text() == TEXT_HEAVY_NOTE
    view.editor.prompt_offer.new_button.click()
    assert view.editor.prompt_card.mode == PromptCard.HEAVY
    assert view.editor.current_prompt() is None, "not shown until the person asks"


def test_before_any_words_another_prompt_simply_replaces_it(
    qtbot: Any, view: JournalView, open_service: JournalService, offered
) -> None:
    assert view.start_prompted_entry("coping")
    view.editor.show_prompt(FIRST)
    offered.on = True
    view.editor.another_prompt()
    assert view.editor.current_prompt() == SECOND
    assert not view.editor.prompt_offer.isVisibleTo(view)
