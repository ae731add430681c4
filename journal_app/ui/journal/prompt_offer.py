"""Another prompt, offered for a new entry once words are written.

Asking for another prompt on a page that already has words must not change the
prompt those words answer, nor ask a question in the middle of writing. So the
new prompt comes as an offer under the page's own prompt: begin a new entry
with it, use it for this entry (only when the person says so), or not now.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from journal_app.ui.journal.prompts import PromptCard

# Words shown, together for review (CONTENT.md): an invitation, nothing more.
TEXT_OFFER_CAPTION = "Another prompt, for a new entry"
TEXT_OFFER_NEW = "Start a new entry with it"
TEXT_OFFER_USE = "Use it for this entry"
TEXT_OFFER_NOT_NOW = "Not now"
TIP_OFFER_NEW = "Keep this entry as it is and begin a new one with this prompt"
TIP_OFFER_USE = "Show this prompt with the entry you are writing, in place of the one above"
TIP_OFFER_NOT_NOW = "Put this prompt away; your entry stays as it is (Escape)"


class PromptOffer(PromptCard):
    """A quiet card with the offered prompt (or a heavy one's gentle note).

    Signals:
        new_entry_requested: begin a new entry with the offered prompt.
        use_requested: show the offered prompt with this entry instead.
        dismissed: put the offer away.
    """

    new_entry_requested = Signal()
    use_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(TEXT_OFFER_CAPTION)
        self.new_button = self._button(
            TEXT_OFFER_NEW, TIP_OFFER_NEW, "offerNewEntry", self.new_entry_requested
        )
        self.use_button = self._button(
            TEXT_OFFER_USE, TIP_OFFER_USE, "offerUseHere", self.use_requested
        )
        self.not_now_button = self._button(
            TEXT_OFFER_NOT_NOW, TIP_OFFER_NOT_NOW, "offerNotNow", self.dismissed
        )
        row = self.buttons.layout()
        if not isinstance(row, QHBoxLayout):  # the card's row of buttons: always one
            raise TypeError("the prompt card has no row of buttons")
        for position, widget in enumerate(self.offer_buttons()):
            row.insertWidget(position, widget)

    def offer_buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        return self.new_button, self.use_button, self.not_now_button

    def offer(self, text: str) -> None:
        """Show ``text`` (the prompt, or the gentle note before a heavy one)."""
        self.show_kept(text, TEXT_OFFER_CAPTION, removable=False)
        self.buttons.show()
        self.setAccessibleDescription(f"{TEXT_OFFER_CAPTION}. {text}")

    def focus_first_button(self) -> None:
        self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            event.accept()
            self.dismissed.emit()
            return
        super().keyPressEvent(event)


__all__ = ["TEXT_OFFER_CAPTION", "PromptOffer"]
