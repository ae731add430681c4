"""Grounding, 5-4-3-2-1: noticing the world around, one gentle step at a time.

Each step is an invitation, with Next and Back. There is nothing to type; a small
box is there for someone who finds it helps to write things down, and what is
typed in it is never kept anywhere: it is wiped when the step changes and when
the window closes, and it never reaches the journal, the disk or a log.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from journal_app.ui.common.announce import announce
from journal_app.ui.common.widgets import add_stretch, button, label, row


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    invitation: str


STEPS = (
    Step(
        "Five things you can see",
        "If you like, look around and notice five things you can see: a colour, a shape, "
        "a patch of light, something small.",
    ),
    Step(
        "Four things you can feel",
        "Notice four things you can feel: the chair or floor beneath you, the fabric of your "
        "sleeve, the air around you, something in your hands.",
    ),
    Step(
        "Three things you can hear",
        "Listen for three sounds, near or far: traffic, a clock, your own breathing.",
    ),
    Step(
        "Two things you can smell",
        "Notice two things you can smell, or two scents you like and can call to mind.",
    ),
    Step(
        "One thing you can taste",
        "Notice one thing you can taste, or take a sip of something you like.",
    ),
)
CLOSING = Step(
    "Take your time",
    "Thank you for taking this moment. You can go back through the steps, "
    "or begin again whenever you like.",
)
NOT_KEPT = "Nothing you type here is kept: it is gone when you move on or close this window."


class GroundingPane(QWidget):
    """One step shown at a time; ``index`` runs past the last step to the closing words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = 0
        self.title = label("", "subheading")
        self.invitation = label("", "lead")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Write them here if it helps (optional)")
        self.notes.setAccessibleName("Notes for this step, not kept")
        self.notes.setToolTip(NOT_KEPT)
        self.notes.setMaximumHeight(110)
        self.not_kept = label(NOT_KEPT, "small")
        self.back_button = button("Bac&k", "The step before", on_click=self.back)
        self.next_button = button("&Next", "The next step", role="primary", on_click=self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.invitation)
        layout.addWidget(self.notes)
        layout.addWidget(self.not_kept)
        add_stretch(layout)
        layout.addLayout(row(None, self.back_button, self.next_button))
        self._show_step()

    @property
    def step(self) -> Step:
        return STEPS[self.index] if self.index < len(STEPS) else CLOSING

    @Slot()
    def next(self) -> None:
        self.index = 0 if self.index >= len(STEPS) else self.index + 1
        self._show_step()

    @Slot()
    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show_step()

    def wipe(self) -> None:
        """What was typed goes, with its undo history."""
        self.notes.setPlainText("")
        self.notes.document().clearUndoRedoStacks()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.wipe()

    def _show_step(self) -> None:
        step = self.step
        closing = step is CLOSING
        self.wipe()
        self.title.setText(step.title)
        self.invitation.setText(step.invitation)
        self.notes.setVisible(not closing)
        self.not_kept.setVisible(not closing)
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setText("Begin &again" if closing else "&Next")
        self.next_button.setAccessibleName("Begin again" if closing else "Next")
        self.next_button.setToolTip("From the first step" if closing else "The next step")
        announce(self.invitation, f"{step.title}. {step.invitation}")
