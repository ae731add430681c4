"""Tend's own calm dialogs: a notice, a warning and questions, as a person meets them.

Called by render_screens.py once per theme.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def render(shot: Callable[..., None], settle: Callable[..., None], theme: str) -> None:
    """Each dialog shown on its own, then closed with Escape's answer."""
    from journal_app.ui.common.calm_dialog import OK, CalmDialog, Tone
    from journal_app.ui.common.errors import UNEXPECTED_MESSAGE
    from journal_app.ui.common.questions import Answer, Button, Question, question_dialog
    from journal_app.ui.transfer.export_dialog import NOT_ENCRYPTED_QUESTION
    from journal_app.vault import VaultExists

    remove = Question(
        "Remove from my people?",
        "Remove Sam from your people? Their details will be deleted from your journal.",
        (Answer(Button.Yes, "Remove"), Answer(Button.Cancel, "Keep")),
        default=Button.Cancel,
    )
    dialogs: list[tuple[str, Any]] = [
        ("60-calm-question", question_dialog(None, remove)),
        ("61-calm-notice-not-encrypted", question_dialog(None, NOT_ENCRYPTED_QUESTION)),
        ("62-calm-warning", CalmDialog(None, "Tend", UNEXPECTED_MESSAGE, (OK,), tone=Tone.WARNING)),
        ("63-calm-notice", CalmDialog(None, "Tend", VaultExists.message, (OK,))),
    ]
    for name, dialog in dialogs:
        dialog.show()
        settle(80)
        shot(dialog, name, theme)
        dialog.reject()
        dialog.deleteLater()
