"""Small pieces the pages of "Ways through right now" share: the door to the
comfort box, and labels that move the focus."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from journal_app.journal.comfort import ComfortBox, ComfortStore
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.widgets import label
from journal_app.vault import VaultChanged, VaultError

LOCKED_NOTE = (
    "Your comfort box is kept in your journal, so it opens while the journal is open. "
    "Everything else here works while it is locked."
)
NOT_SAVED = "Not saved yet"


class ComfortSource(Protocol):
    """Where the box lives: the window's journal service (or, in tests, a real store).

    ``is_unlocked`` is asked each time, since the journal may lock at any moment;
    ``note_refused`` hears of a save refused because another program changed the file.
    """

    @property
    def is_unlocked(self) -> bool: ...

    def comfort(self) -> ComfortStore: ...

    def note_refused(self) -> None: ...


class ComfortService(ComfortSource, Protocol):
    """The window's journal service, as this window uses it: the box, and the signal
    that the journal opened or locked."""

    @property
    def state_changed(self) -> SignalInstance: ...


def save_box(source: ComfortSource, box: ComfortBox) -> str:
    """Seal ``box``; "" when it is saved, else the words that say why it was not."""
    try:
        source.comfort().save(box)
    except (VaultError, OSError) as exc:
        if isinstance(exc, VaultChanged):
            source.note_refused()
        return f"{NOT_SAVED}. {advice_for(exc).message}"
    return ""


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose "&" marks the Alt key that moves the focus to ``buddy``."""
    widget = label(text, wrap=False)
    widget.setTextFormat(Qt.TextFormat.AutoText)
    widget.setBuddy(buddy)
    return widget
