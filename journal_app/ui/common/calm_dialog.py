"""Tend's own small dialog, in place of the platform's message box.

A stock message box greets a person with the platform's alarm signs (a yellow
triangle, a red circle) whatever it says, and on some desktops ignores the theme.
Someone may open Tend on a hard day; a saved copy that could not be written is news,
not an emergency. So every notice and question is this one calm dialog: the leaf or
no icon, a heading, plain text (a person's words are never read as markup or links),
and the theme's own colours, because it is an ordinary themed widget.

Each answer stands on a standard button, which gives it its role, so the button box
puts the answers in the order the platform's people expect (Cancel before OK on
macOS and GNOME, after it on Windows). Enter presses the default answer, or the
button that has the focus; Escape, or closing the window, gives the answer that
changes nothing.

``exec`` returns the standard button chosen, as a message box's does. Every notice
and question passes through :meth:`CalmDialog.exec`, so tests answer them all by
patching that one method.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.theme import current_colors
from journal_app.ui.common.widgets import label, leaf_pixmap

# The message box's spelling of the standard buttons, for its int values: an answer
# compares equal to what ``exec`` returns (the button box's own spelling does not).
Button = QMessageBox.StandardButton

LEAF_SIZE = 40
TEXT_WIDTH = 380  # a comfortable line: about 60 characters


class Tone(StrEnum):
    """What kind of news a dialog brings; tests read it as the dialog's kind."""

    INFORMATION = "information"
    WARNING = "warning"
    QUESTION = "question"


@dataclass(frozen=True, slots=True)
class Answer:
    """One button: the standard button it stands on, its words, and a tooltip where
    the words need one."""

    button: Button
    text: str
    tip: str = ""


OK = Answer(Button.Ok, "OK")


class CalmDialog(QDialog):
    """A heading, a few lines and the answers; see the module's docstring."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        answers: Sequence[Answer] = (OK,),
        *,
        default: Button | None = None,
        escape: Button | None = None,
        tone: Tone = Tone.INFORMATION,
        leaf: bool = True,
    ) -> None:
        super().__init__(parent)
        return_focus_on_close(self)
        self.setWindowTitle(title)
        self.setObjectName("CalmDialog")
        self.kind = tone.value
        self.escape = escape if escape is not None else answers[-1].button
        self.heading = label(title, "subheading")
        self.heading.setAccessibleName(title)
        self.message = label(text)
        self.message.setAccessibleName(text)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(TEXT_WIDTH)
        self.leaf = QLabel()
        self.leaf.setAccessibleName("Tend")
        self.leaf.setFixedSize(LEAF_SIZE, LEAF_SIZE)
        self.leaf.setVisible(leaf)
        self.leaf.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._paint_leaf()
        self.buttons = QDialogButtonBox()

        words = QVBoxLayout()
        words.setSpacing(8)
        words.addWidget(self.heading)
        words.addWidget(self.message)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.leaf, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(18)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
        # In the dialog before the default is set: a button finds its dialog then.
        self._add_answers(answers, default if default is not None else answers[0].button)

    def _add_answers(self, answers: Sequence[Answer], default: Button) -> None:
        for answer in answers:
            widget = self.buttons.addButton(QDialogButtonBox.StandardButton(answer.button.value))
            widget.setText(answer.text)
            widget.setAccessibleName(answer.text.replace("&", ""))
            widget.setToolTip(answer.tip or answer.text.replace("&", ""))
            widget.setAutoDefault(True)  # Enter presses the button that has the focus
            widget.clicked.connect(lambda _=False, which=answer.button: self.done(which.value))
            if answer.button == default:
                widget.setDefault(True)
                widget.setFocus()

    def title(self) -> str:
        return self.windowTitle()

    def text(self) -> str:
        return self.message.text()

    def button(self, which: Button) -> QPushButton | None:
        return self.buttons.button(QDialogButtonBox.StandardButton(which.value))

    def reject(self) -> None:
        """Escape and the window's close button give the answer that changes nothing."""
        self.done(self.escape.value)

    def _paint_leaf(self) -> None:
        dark = current_colors().name == "dark"
        self.leaf.setPixmap(leaf_pixmap(LEAF_SIZE, dark, self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and hasattr(
            self, "leaf"
        ):
            self._paint_leaf()
        super().changeEvent(event)


def answer_of(dialog: CalmDialog, answers: Sequence[Answer]) -> Button:
    """Show ``dialog`` and wait; the answer chosen (the escape one if none matches)."""
    result = dialog.exec()
    dialog.deleteLater()
    return next((a.button for a in answers if result == a.button), dialog.escape)


def tell(parent: QWidget | None, title: str, text: str, tone: Tone = Tone.INFORMATION) -> None:
    """A notice with one OK: something happened, or could not happen, and what to do."""
    answer_of(CalmDialog(parent, title, text, (OK,), tone=tone), (OK,))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A notice that something did not happen; calm, like every other."""
    tell(parent, title, text, Tone.WARNING)


__all__ = ["OK", "Answer", "Button", "CalmDialog", "Tone", "answer_of", "tell", "warn"]
