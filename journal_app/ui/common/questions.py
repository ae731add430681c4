"""The calm questions Tend asks before something that cannot be undone.

Every one looks and behaves alike: Tend's own calm dialog
(:class:`~journal_app.ui.common.calm_dialog.CalmDialog`), plain text (a person's
words are never read as markup or links), buttons named for what they do ("Delete
for good", "Keep them") rather than Yes and No, the safe answer as the default unless
the question says otherwise, and Escape always the answer that changes nothing. Each
answer stands on a standard button, which gives it its role, so every platform puts
it where its people expect it.

Tests answer through ``CalmDialog.exec``, which :func:`ask` calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from PySide6.QtWidgets import QWidget

from journal_app.ui.common.calm_dialog import Answer, Button, CalmDialog, Tone, answer_of


class Icon(Enum):
    """Whether a question shows the leaf. Spelled as the message box's icons were, so
    the questions written for it read the same; none of them is an alarm sign."""

    NoIcon = "none"
    Information = "information"
    Question = "question"
    Warning = "warning"


@dataclass(frozen=True, slots=True)
class Question:
    """A whole question: what it says, its answers, and which one Enter and Escape give."""

    title: str
    text: str
    answers: Sequence[Answer]
    default: Button
    escape: Button = Button.Cancel
    icon: Icon = Icon.Question


def question_dialog(parent: QWidget | None, question: Question) -> CalmDialog:
    """The calm dialog that asks ``question`` (not shown yet)."""
    return CalmDialog(
        parent,
        question.title,
        question.text,
        question.answers,
        default=question.default,
        escape=question.escape,
        tone=Tone.QUESTION,
        leaf=question.icon is not Icon.NoIcon,
    )


def ask(parent: QWidget | None, question: Question) -> Button:
    """Ask ``question`` and wait; the button of the answer chosen (the escape one if
    the box was closed some other way)."""
    return answer_of(question_dialog(parent, question), question.answers)


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: str,
    no: str,
    *,
    default: Literal["yes", "no"] = "no",
    icon: Icon = Icon.Question,
) -> bool:
    """Ask before doing something; True only if the person chose ``yes``.

    ``no`` changes nothing, is what Escape gives, and is the default unless
    ``default="yes"``.
    """
    question = Question(
        title,
        text,
        (Answer(Button.Yes, yes), Answer(Button.Cancel, no)),
        default=Button.Yes if default == "yes" else Button.Cancel,
        icon=icon,
    )
    return ask(parent, question) == Button.Yes


__all__ = [
    "Answer",
    "Button",
    "Icon",
    "Question",
    "ask",
    "confirm",
    "question_dialog",
]
