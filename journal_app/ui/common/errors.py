"""What the window says when something goes wrong, and the last-resort exception hook.

Every vault error already carries a sentence for the person; here each gets a
short title and the next steps that make sense for it (try again, open another
file, create a new journal). Nothing here ever shows or logs a traceback's text:
an exception's message may quote what someone wrote.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtWidgets import QApplication, QWidget

from journal_app.ui.common.calm_dialog import warn
from journal_app.vault import (
    DamagedRecords,
    DamagedVault,
    NewerVersion,
    NoRecoveryCode,
    NotAVault,
    StorageFull,
    VaultError,
    VaultExists,
    VaultInUse,
    WrongPassphrase,
    WrongRecoveryCode,
)

RETRY = "retry"
OPEN_OTHER = "open_other"
CREATE_NEW = "create_new"

ACTION_TEXT = {
    RETRY: ("Try again", "Try to open the journal again"),
    OPEN_OTHER: ("Open another journal file…", "Choose a different Tend journal file"),
    CREATE_NEW: ("Create a new journal here…", "Start a new, empty journal in a file you choose"),
}

UNEXPECTED_MESSAGE = (
    "Something went wrong inside Tend. What was saved before is safe. "
    "If it happens again, closing and reopening Tend may help."
)


@dataclass(frozen=True, slots=True)
class Advice:
    """How to present one error: a title, the sentence, and the next steps."""

    title: str
    message: str
    actions: tuple[str, ...] = ()
    inline: bool = False  # a typing mistake: shown beside the field, not as a banner

    def action_triples(self) -> list[tuple[str, str, str]]:
        return [(action, *ACTION_TEXT[action]) for action in self.actions]


def advice_for(error: BaseException) -> Advice:
    """The words and next steps for an error from the vault, or from anywhere."""
    if isinstance(error, WrongPassphrase | WrongRecoveryCode | NoRecoveryCode):
        return Advice("", str(error), inline=True)
    if isinstance(error, NotAVault):
        return Advice("Tend cannot open this file", str(error), (OPEN_OTHER, CREATE_NEW))
    if isinstance(error, DamagedVault):
        return Advice("Tend cannot read this journal", str(error), (OPEN_OTHER, CREATE_NEW))
    if isinstance(error, NewerVersion):
        return Advice("This journal needs a newer Tend", str(error), (OPEN_OTHER,))
    if isinstance(error, VaultInUse):
        return Advice("This journal is open somewhere else", str(error), (RETRY, OPEN_OTHER))
    if isinstance(error, StorageFull):
        return Advice("The disk is full", str(error), (RETRY,))
    if isinstance(error, DamagedRecords):
        return Advice("Some entries could not be read", str(error))
    if isinstance(error, VaultExists):
        return Advice("", str(error), inline=True)
    if isinstance(error, VaultError):
        return Advice("The journal could not be opened", str(error), (RETRY, OPEN_OTHER))
    if isinstance(error, PermissionError):
        return Advice(
            "Tend may not use this file",
            "Tend is not allowed to read or write the journal's file. "
            "Check its permissions, or choose another place.",
            (RETRY, OPEN_OTHER),
        )
    if isinstance(error, OSError):
        reason = error.strerror or "the file could not be reached"
        return Advice(
            "The journal's file could not be reached",
            f"Tend could not use the journal's file ({reason}). "
            "What was saved before is safe. Check the disk, then try again.",
            (RETRY, OPEN_OTHER),
        )
    return Advice("Something went wrong", UNEXPECTED_MESSAGE, (RETRY,))


def content_free_summary(
    exc_type: type[BaseException], tb: TracebackType | None, limit: int = 12
) -> str:
    """The exception's type and where it happened, without its message or any values."""
    frames = traceback.extract_tb(tb)[-limit:]
    lines = [f"Tend: unexpected {exc_type.__module__}.{exc_type.__qualname__}"]
    for frame in frames:
        lines.append(f"  at {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


class ExceptionHook:
    """Replaces ``sys.excepthook``: a calm dialog, and a log line with no content in it."""

    def __init__(
        self,
        parent: Callable[[], QWidget | None] | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self._parent = parent or QApplication.activeWindow
        self._stream = stream
        self._showing = False
        self.previous = sys.excepthook

    def install(self) -> None:
        self.previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        stream = self._stream or sys.stderr
        # With no console (a windowed app on Windows) there is nowhere to log to.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            print(content_free_summary(exc_type, tb), file=stream)
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            advice = advice_for(exc)
            message = (
                advice.message if isinstance(exc, VaultError | OSError) else UNEXPECTED_MESSAGE
            )
            warn(self._parent(), "Tend", message)
        finally:
            self._showing = False


def install_excepthook() -> ExceptionHook:
    hook = ExceptionHook()
    hook.install()
    return hook
