"""What My people and My plan share: the person's own help, in their own words.

Both dialogs edit what lives sealed in the vault, through the service only, and
save as the person types (a short pause, as in the journal editor). They hold
text only while the journal is open: the main window flushes and clears them
before it locks. Nothing here scores, counts or dates anything, and nothing is
ever sent anywhere. My people is in ``people.py``, My plan in ``plan.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from journal_app.journal.personal import PersonalTemplate, load_template
from journal_app.ui.common.debounce import Debouncer
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import button, label
from journal_app.ui.services.journal_service import JournalService

SAVE_DELAY_MS = 700
SAVE_MAX_WAIT_MS = 4_000

STATUS_SAVED = "Saved"
STATUS_NOT_SAVED = "Not saved yet"

# Boxes grow with what is written, between these many lines.
MIN_LINES = 3
MAX_LINES = 14


class GrowingTextEdit(QPlainTextEdit):
    """A plain text box that grows with its text (within limits); Tab moves on."""

    def __init__(
        self, parent: QWidget | None = None, *, min_lines: int = MIN_LINES, role: str = "field"
    ) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        set_role(self, role)  # "field": the plan's roomy text; "note": form-sized text
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    @Slot()
    def _fit(self, *_args: object) -> None:
        """As tall as the text plus one free line, within MIN_LINES and MAX_LINES."""
        lines = int(self.document().documentLayout().documentSize().height()) + 1
        lines = max(self._min_lines, min(MAX_LINES, lines))
        margins = self.contentsMargins()  # the stylesheet's border and padding
        extra = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + extra + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def wipe(self) -> None:
        """No text and no undo history left behind."""
        self.setPlainText("")
        self.document().clearUndoRedoStacks()


def support_button(on_click: Callable[[], object]) -> QPushButton:
    return button(
        "Support",
        "If you need to talk to someone now: helplines for your country (F1)",
        role="support",
        on_click=on_click,
    )


class PersonalDialog(QDialog):
    """What My people and My plan share: the service, the template, autosave.

    Edits are saved a moment after typing stops (``save_now`` in the subclass);
    closing, for any reason, saves what is pending first.
    """

    support_requested = Signal()
    lock_requested = Signal()  # Ctrl+L here locks Tend, as it does in the main window

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None,
        template: PersonalTemplate | None,
    ) -> None:
        super().__init__(parent)
        return_focus_on_close(self)
        self.service = service
        self.template = template or load_template()
        self._dirty = False
        self._saver = Debouncer(SAVE_DELAY_MS, SAVE_MAX_WAIT_MS, self.save_now, self)

    def save_now(self) -> bool:
        raise NotImplementedError

    def flush(self) -> bool:
        """Save pending edits now (before switching, closing or locking)."""
        return self.save_now()

    def done(self, result: int) -> None:
        self.flush()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    def _footer(self, *buttons: QPushButton) -> QHBoxLayout:
        """The saving status at the left (``self.status``), the buttons at the right."""
        footer = QHBoxLayout()
        footer.setSpacing(10)
        self.status = label("", "small", wrap=False)
        self.status.setAccessibleName("Saving")
        footer.addWidget(self.status)
        footer.addStretch(1)
        for widget in buttons:
            footer.addWidget(widget)
        return footer

    def _window_keys(self) -> None:
        """F1 (Support) and Ctrl+L (lock) work here too, as in the main window."""
        seen: list[QKeySequence] = []
        for sequence, signal in (
            (QKeySequence(QKeySequence.StandardKey.HelpContents), self.support_requested),
            (QKeySequence("F1"), self.support_requested),
            (QKeySequence("Ctrl+L"), self.lock_requested),
        ):
            if sequence.isEmpty() or sequence in seen:
                continue  # one shortcut per key: two would cancel each other out
            seen.append(sequence)
            shortcut = QShortcut(sequence, self)
            shortcut.activated.connect(signal.emit)
