"""Writing with a prompt: offering one above the page, another, a heavy one behind
its gentle note, putting it away, and the prompt an entry was written with.

``_prompt`` is the prompt offered on this page in this sitting ("live"); a heavy
one waits behind a gentle note until the person asks to see it.
``_prompt_changed``: what the saved entry holds differs from what the page shows,
so the next save sets it.

Once words are written, "Another prompt" never touches the prompt they answer:
the new one is offered for a new entry (``_offered``), and only comes to this
entry if the person says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from journal_app.journal import Entry
from journal_app.journal.edit_session import EditSession
from journal_app.journal.prompts import Prompt
from journal_app.ui.common.questions import confirm
from journal_app.ui.journal.editor_format import EditorFormatting
from journal_app.ui.journal.prompts import (
    SHORTCUT_ANOTHER,
    SHORTCUT_WRITE_FREELY,
    TEXT_ANOTHER,
    TEXT_FROM_PACK,
    TEXT_HEAVY_NOTE,
    TEXT_NO_PROMPTS,
    TEXT_REMOVE_QUESTION,
    TEXT_REMOVE_TITLE,
    TEXT_WRITE_FREELY,
    TEXT_WRITTEN_WITH,
    TIP_ANOTHER,
    TIP_WRITE_FREELY,
)
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError


def ask_remove_prompt(parent: QWidget) -> bool:
    """The plain question before a prompt leaves an entry. Tests patch ``QMessageBox.exec``."""
    return confirm(parent, TEXT_REMOVE_TITLE, TEXT_REMOVE_QUESTION, "Remove the prompt", "Keep it")


class EditorPrompts(EditorFormatting):
    """The prompt above the page; mixed into the editor, which saves it with the entry."""

    status_message: Signal
    new_page_started: Signal
    _service: JournalService
    _session: EditSession
    _entry_id: str | None

    def flush(self) -> bool:
        raise NotImplementedError

    def focus_body(self, *, at_end: bool = True) -> None:
        raise NotImplementedError

    def load(self, entry: Entry | None) -> None:
        raise NotImplementedError

    def _init_prompts(self) -> None:
        self._prompt: Prompt | None = None
        self._prompt_live = False
        self._prompt_waiting = False
        self._prompt_theme: str | None = None
        self._prompt_changed = False
        self._kept_prompt_id: str | None = None  # the prompt of the entry as loaded
        self._offered: Prompt | None = None  # another prompt, offered for a new entry

    def _connect_prompt_card(self) -> None:
        self.prompt_card.another_requested.connect(self.another_prompt)
        self.prompt_card.write_freely_requested.connect(self.write_freely)
        self.prompt_card.show_requested.connect(self.reveal_prompt)
        self.prompt_card.remove_requested.connect(self.remove_kept_prompt)
        self.prompt_offer.new_entry_requested.connect(self.new_entry_with_offered)
        self.prompt_offer.use_requested.connect(self.use_offered_here)
        self.prompt_offer.dismissed.connect(self.dismiss_offer)

    def _make_prompt_actions(self) -> None:
        """ "Another prompt" and "Write freely instead" from anywhere in the editor."""
        self.another_prompt_action = QAction(TEXT_ANOTHER, self)
        self.write_freely_action = QAction(TEXT_WRITE_FREELY, self)
        for action, name, shortcut, tip, slot in (
            (
                self.another_prompt_action,
                "anotherPromptAction",
                SHORTCUT_ANOTHER,
                TIP_ANOTHER,
                self.another_prompt,
            ),
            (
                self.write_freely_action,
                "writeFreelyAction",
                SHORTCUT_WRITE_FREELY,
                TIP_WRITE_FREELY,
                self.write_freely,
            ),
        ):
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(tip)
            action.setEnabled(False)
            action.triggered.connect(slot)
            self.addAction(action)
            self.body.register_shortcut(QKeySequence(shortcut))

    @property
    def prompt_live(self) -> bool:
        """A prompt (or its gentle note) was offered on this page in this sitting."""
        return self._prompt_live

    @property
    def prompt_waiting(self) -> bool:
        """A heavy prompt's gentle note is shown; the prompt itself is not, yet."""
        return self._prompt_live and self._prompt_waiting

    def current_prompt(self) -> Prompt | None:
        """The prompt shown with this page now, to be kept with the entry (or None)."""
        if self._prompt_live and not self._prompt_waiting:
            return self._prompt
        return None

    def _draft_prompt_id(self) -> str | None:
        if self._prompt_live:
            prompt = self.current_prompt()
            return prompt.id if prompt is not None else None
        return self._kept_prompt_id

    def start_with_prompt(self, theme_id: str | None) -> bool:
        """Offer a prompt of a theme (None: any) above this page. False if none came."""
        if self._read_only or not self._service.is_unlocked:
            return False
        self._prompt_theme = theme_id
        if not self._offer_next():
            return False
        if self._prompt_waiting:
            self.prompt_card.focus_first_button()  # the gentle note is read first
        return True

    @Slot()
    def another_prompt(self) -> None:
        """A different prompt of the same theme ("Skip" on a gentle note does this too).

        On a page with words, the prompt they answer stays: the new one is offered
        for a new entry instead, without a question.
        """
        if not self._prompt_live or self._read_only:
            return
        if not self._has_words():
            if (prompt := self._next_prompt()) is not None:
                self.show_prompt(prompt)
            return
        focus = QApplication.focusWidget()
        on_cards = focus is not None and (
            self.prompt_card.isAncestorOf(focus) or self.prompt_offer.isAncestorOf(focus)
        )
        if (prompt := self._next_prompt()) is None:
            return
        self._offered = prompt
        self.prompt_offer.offer(TEXT_HEAVY_NOTE if prompt.heavy else prompt.text)
        self._show_offer_row(True)
        if on_cards:
            self.prompt_offer.focus_first_button()  # keyboard users stay on the cards

    def _has_words(self) -> bool:
        return bool(self.title.text().strip() or self.body.toPlainText().strip())

    def _offer_next(self) -> bool:
        prompt = self._next_prompt()
        if prompt is None:
            return False
        self.show_prompt(prompt)
        return True

    def _next_prompt(self) -> Prompt | None:
        """The next prompt of the theme, never the one shown or offered just now."""
        seen = {p.id for p in (self._prompt, self._offered) if p is not None}
        try:
            prompt = self._service.next_prompt(self._prompt_theme)
            for _ in range(3):  # never the same prompt twice in a row, if there is another
                if prompt is None or prompt.id not in seen:
                    break
                prompt = self._service.next_prompt(self._prompt_theme)
        except VaultError as exc:
            self.status_message.emit(str(exc))
            return None
        if prompt is None:
            self.status_message.emit(TEXT_NO_PROMPTS)
        return prompt

    @Slot()
    def new_entry_with_offered(self) -> None:
        """Keep this entry as it is and begin a new one with the offered prompt."""
        prompt, theme = self._offered, self._prompt_theme
        if prompt is None or self._read_only or not self.flush():
            return  # a save that did not work says so; the words stay on screen
        self.load(None)
        self._prompt_theme = theme
        self.show_prompt(prompt)
        self.new_page_started.emit()
        if prompt.heavy:
            self.prompt_card.focus_first_button()  # the gentle note is read first
        else:
            self.focus_body()

    @Slot()
    def use_offered_here(self) -> None:
        """The person chose the offered prompt for this entry, in place of its own."""
        prompt = self._offered
        if prompt is None or self._read_only:
            return
        self._put_offer_away()
        self.show_prompt(prompt)
        self.focus_body()

    @Slot()
    def dismiss_offer(self) -> None:
        self._put_offer_away()
        self.focus_body()

    def _put_offer_away(self) -> None:
        self._offered = None
        self.prompt_offer.clear()
        self._show_offer_row(False)

    def show_prompt(self, prompt: Prompt) -> None:
        """Offer this prompt on the page; a heavy one behind its gentle note first."""
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.prompt_card.isAncestorOf(focus)
        self._prompt = prompt
        self._prompt_live = True
        self._prompt_waiting = prompt.heavy
        caption = self._caption(prompt.id, prompt.theme, prompt.source)
        if prompt.heavy:
            self.prompt_card.show_heavy_note(caption)
        else:
            self.prompt_card.show_live(prompt.text, caption, prompt.follow_up)
        self._show_prompt_row(True)
        self._prompt_page_changed()
        if had_focus:
            self.prompt_card.focus_first_button()  # keyboard users stay on the card

    @Slot()
    def reveal_prompt(self) -> None:
        """The person asked to see the heavy prompt behind its note."""
        if not self._prompt_live or not self._prompt_waiting or self._prompt is None:
            return
        self._prompt_waiting = False
        prompt = self._prompt
        caption = self._caption(prompt.id, prompt.theme, prompt.source)
        self.prompt_card.show_live(prompt.text, caption, prompt.follow_up)
        self._prompt_page_changed()
        self.focus_body()

    @Slot()
    def write_freely(self) -> None:
        """Put the offered prompt away: this page is free writing."""
        if not self._prompt_live or self._read_only:
            return
        had = self.current_prompt() is not None or self._kept_prompt_id is not None
        self._prompt = None
        self._prompt_live = False
        self._prompt_waiting = False
        self.prompt_card.clear()
        self._show_prompt_row(False)
        self._put_offer_away()
        if had:
            self._prompt_page_changed()
        self.focus_body()

    @Slot()
    def remove_kept_prompt(self) -> None:
        """Take the prompt away from an entry opened again later, after a plain question."""
        if self._read_only or self._entry_id is None or not self._service.is_unlocked:
            return
        if not ask_remove_prompt(self):
            return
        if not self._service.is_unlocked or self._entry_id is None:
            return  # locked while the question was open
        if not self.flush():
            return
        try:
            entry = self._service.update(self._entry_id, prompt=None)
        except (VaultError, KeyError) as exc:
            self.status_message.emit(str(exc))
            return
        self._kept_prompt_id = entry.prompt_id
        self._forget_prompt()
        self.focus_body(at_end=False)

    def _prompt_page_changed(self) -> None:
        """What the page shows as its prompt changed: a saved entry follows it."""
        for action in (self.another_prompt_action, self.write_freely_action):
            action.setEnabled(self._prompt_live and not self._read_only)
        if self._entry_id is None or self._read_only:
            return  # a new page takes its prompt with it when it is first saved
        self._prompt_changed = True
        self._session.typed()

    def _forget_prompt(self) -> None:
        self._prompt = None
        self._prompt_live = False
        self._prompt_waiting = False
        self._prompt_changed = False
        self._kept_prompt_id = None
        self.prompt_card.clear()
        self._show_prompt_row(False)
        self._put_offer_away()
        for action in (self.another_prompt_action, self.write_freely_action):
            action.setEnabled(False)

    def _show_kept_prompt(self, entry: Entry) -> None:
        known = self._service.prompt(entry.prompt_id) if entry.prompt_id else None
        follow_up = known.follow_up if known is not None and known.text == entry.prompt_text else ""
        source = known.source if known is not None else ""
        caption = self._caption(entry.prompt_id, entry.prompt_theme, source, kept=True)
        self.prompt_card.show_kept(
            entry.prompt_text, caption, follow_up, removable=not self._read_only
        )
        self._show_prompt_row(True)

    def _caption(
        self, prompt_id: str | None, theme_id: str | None, source: str, *, kept: bool = False
    ) -> str:
        """ "People around me", "… · from Between our sessions", or "Written with a prompt"."""
        parts = [self._service.theme_name(theme_id)] if theme_id else []
        if source and prompt_id and prompt_id.startswith("pack:"):
            pack = next((p for p in self._service.prompt_packs() if p.id == source), None)
            if pack is not None:
                parts.append(TEXT_FROM_PACK.format(name=pack.name))
        parts = [part for part in parts if part]
        if not parts and kept:
            return TEXT_WRITTEN_WITH
        return " · ".join(parts)


__all__ = ["EditorPrompts", "ask_remove_prompt"]
