"""When another program changes the open journal's file: say so calmly, and open it again.

A sync tool may put the other computer's copy of ``journal.tend`` in place while
Tend has it open. The vault then refuses every save (nothing is written over
that copy), and the service says so once (``file_changed``) and at each refused
save (``save_refused``). Here, for one main window:

- a small, non-blocking dialog: the file was changed by another program, Tend
  saved nothing over it; **Open it again** (the default) or **Not now**;
- while not opened again, each refused save says why in the status bar, and the
  dialog comes back at a refused save once :data:`ASK_AGAIN_MS` have passed
  since "Not now" (never a flood of dialogs); locking and unlocking opens the
  copy that arrived too;
- the editor's unsaved words (title, text, tags, date, prompt) are taken when
  the journal locks or is opened again, held in memory only, and saved after the
  next unlock as a NEW entry of the copy that arrived, so nothing typed is lost
  and nothing of that copy is overwritten. Closing Tend before that asks first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.common.calm_dialog import tell
from journal_app.ui.common.kept import KeptDialog
from journal_app.ui.common.questions import confirm
from journal_app.ui.common.widgets import button, label, row
from journal_app.vault import VaultError, WrongPassphrase

if TYPE_CHECKING:
    from journal_app.journal.prompts import Prompt
    from journal_app.journal.sync import KeptResult
    from journal_app.ui.journal.journal_view import JournalView
    from journal_app.ui.services.journal_service import JournalService
    from journal_app.ui.window.pages import UnlockPage

ASK_AGAIN_MS = 3 * 60_000
STATUS_MS = 10_000

TITLE = "The journal's file changed"
HEADING = "Another program changed this journal's file"
TEXT = (
    "While it was open here, another program (a sync tool, perhaps) changed the file "
    "or put another copy in its place. Tend saved nothing over it, and saves nothing "
    "more until it is opened again."
)
TEXT_WITH_WORDS = (
    "What you are writing is safe on screen. Open it again to see the copy that "
    "arrived: once you unlock it, your words are saved there as a new entry, and "
    "nothing in that copy is changed."
)
TEXT_WITHOUT_WORDS = (
    "Open it again to see the copy that arrived; you unlock it with your passphrase. "
    "Nothing in that copy is changed."
)
# The status bar: short enough for a small window, beside its buttons.
NOT_SAVED = "Not saved: another program changed this journal's file."
NOT_NOW = "Not saving: lock (Ctrl+L) and unlock to open it again."
LOCKED_WITH_WORDS = (
    "Another program changed this journal's file. Unlocking opens the copy that "
    "arrived; what you were writing is then saved there as a new entry."
)
LOCKED = "Another program changed this journal's file. Unlocking opens the copy that arrived."
KEPT_AS_NEW = "What you were writing is kept as a new entry in this copy."
BACK_IN_EDITOR = "What you were writing is back in the editor, not saved yet."
KEPT_TITLE = "Writing from before the other copy arrived"
KEEP_FAILED = (
    "Tend could not keep a copy of what it had open when the other copy arrived, "
    "because the file was written into rather than replaced. If something you wrote "
    "here is missing, a backup has it."
)


def brought_back(count: int) -> str:
    noun = "entry" if count == 1 else "entries"
    return f"Brought back {count} {noun} saved here before the other copy arrived."


def kept_left(name: str, error: object) -> str:
    """Why a kept copy was not brought in, and how the person can bring it in."""
    if isinstance(error, WrongPassphrase):
        why = "it does not open with the passphrase just typed (perhaps it was changed there)."
    else:
        why = str(error)
    return (
        f"What Tend had open before the other copy arrived is kept beside the journal as "
        f"“{name}”, and was not brought in: {why} File > Import from another journal "
        "> Another Tend journal or backup brings it in with its own passphrase."
    )


CLOSE_TITLE = "Close Tend?"
CLOSE_TEXT = (
    "What you were writing is not saved yet: it is saved as a new entry once you "
    "unlock the journal again. If Tend closes now, those words are not kept.\n\n"
    "Close Tend anyway?"
)


@dataclass(frozen=True, slots=True)
class KeptWords:
    """What the editor held unsaved, kept in memory until the next unlock."""

    title: str
    body: str
    tags: tuple[str, ...]
    created: datetime | None
    prompt: Prompt | None


def unsaved_words(view: JournalView | None, service: JournalService) -> KeptWords | None:
    """The editor's words not yet saved, or None if it holds none."""
    editor = getattr(view, "editor", None)
    if editor is None or not editor.dirty or editor.read_only:
        return None
    title, body, tags = editor.title.text(), editor.body.toPlainText(), editor.tags.text()
    if not (title.strip() or body.strip()):
        return None
    from journal_app.ui.journal.editor import from_qdatetime

    prompt = editor.current_prompt()
    if prompt is None and editor.entry_id is not None and service.is_unlocked:
        try:  # an entry written with a prompt keeps it in its new copy too
            kept_id = service.get(editor.entry_id).prompt_id
            prompt = service.prompt(kept_id) if kept_id else None
        except (KeyError, VaultError):
            prompt = None
    return KeptWords(
        title,
        body,
        tuple(tag.strip() for tag in tags.split(",") if tag.strip()),
        from_qdatetime(editor.date.dateTime()),
        prompt,
    )


class ChangedFileWindow(Protocol):
    """What the controller needs of the window it watches over, and nothing more."""

    service: JournalService
    unlock_page: UnlockPage
    # Its editor's words are read, and shown again; a view made by another factory
    # may have no editor, so that is looked for first.
    journal_view: JournalView | None

    def current_page(self) -> QWidget | None:
        """The page the window shows now."""

    def journal_shown(self) -> bool:
        """True while the open journal itself is on screen."""

    def switch_vault(self, path: Path) -> None:
        """Lock this journal and open the file at ``path`` again."""


class FileChangedDialog(QDialog):
    """The calm message; it does not block the window (the words stay there to copy).

    Signals:
        reopen_requested(): "Open it again" was chosen.
    """

    reopen_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("fileChangedDialog")
        self.setAccessibleName(TITLE)
        self.setModal(False)
        self.setMinimumWidth(540)  # the heading on one line
        self.setMaximumWidth(620)
        self.heading = label(HEADING, "subheading")  # a calm note, not a page
        self.text = label(TEXT)
        self.text.setAccessibleName("What happened")
        self.words = label("")
        self.words.setAccessibleName("What happens next")
        for text in (self.text, self.words):
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.not_now_button = button(
            "Not now",
            "Stay here; Tend saves nothing until the journal is opened again",
            on_click=self.reject,
        )
        self.reopen_button = button(
            "Open it again",
            "Close this copy and open the one that arrived; you unlock it with your passphrase",
            role="primary",
            on_click=self._reopen,
        )
        self.reopen_button.setAutoDefault(True)
        self.reopen_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.words)
        layout.addSpacing(4)
        layout.addLayout(row(None, self.not_now_button, self.reopen_button))
        self.set_words(False)

    def set_words(self, with_words: bool) -> None:
        self.words.setText(TEXT_WITH_WORDS if with_words else TEXT_WITHOUT_WORDS)
        self.setAccessibleDescription(f"{TEXT} {self.words.text()}")
        self.adjustSize()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reopen_button.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    @Slot()
    def _reopen(self) -> None:
        self.accept()
        self.reopen_requested.emit()


class ChangedFileController(QObject):
    """The changed-file message, reopening, and the words carried over, for one window."""

    dialog: KeptDialog[FileChangedDialog] = KeptDialog()

    def __init__(self, parent: QMainWindow, *, window: ChangedFileWindow) -> None:
        """``parent`` is the main window as Qt sees it (its events, its status bar);
        ``window`` is the same window as this controller uses it."""
        super().__init__(parent)
        self.parent_window = parent
        self.window = window
        self.service = window.service
        self.kept: KeptWords | None = None
        self.ask_again_ms = ASK_AGAIN_MS
        self._dismissed: QElapsedTimer | None = None
        self._locking = False
        self.service.file_changed.connect(self._on_file_changed)
        self.service.save_refused.connect(self._on_save_refused)
        self.service.unlocked.connect(self._on_unlocked)
        parent.installEventFilter(self)

    def _status_bar(self) -> QStatusBar:
        return self.parent_window.statusBar()

    # ------------------------------------------------------------- noticing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent_window:
            if event.type() == QEvent.Type.WindowActivate:
                self.service.check_file()  # back from another program: a cheap look
            elif event.type() == QEvent.Type.Close and not self._may_close():
                event.ignore()
                return True
        return False

    @Slot()
    def _on_file_changed(self) -> None:
        self._dismissed = None
        self.ask()

    @Slot()
    def _on_save_refused(self) -> None:
        self._status_bar().showMessage(NOT_SAVED)
        if self.dialog is not None and self.dialog.isVisible():
            return
        if self._dismissed is not None and self._dismissed.elapsed() >= self.ask_again_ms:
            self.ask()

    def ask(self) -> FileChangedDialog | None:
        """Show the message (or raise the one shown), while the change stands."""
        if self._locking or not (self.service.is_unlocked and self.service.file_changed_underneath):
            return None
        dialog = self.dialog
        if dialog is None:
            dialog = FileChangedDialog(self.parent_window)
            dialog.reopen_requested.connect(self.reopen)
            dialog.rejected.connect(self._on_not_now)
            dialog.finished.connect(dialog.deleteLater)
            self.dialog = dialog
        self._dismissed = None
        dialog.set_words(unsaved_words(self.window.journal_view, self.service) is not None)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot()
    def _on_not_now(self) -> None:
        self._dismissed = QElapsedTimer()
        self._dismissed.start()
        if self.service.is_unlocked:
            self._status_bar().showMessage(NOT_NOW)

    def show_status(self, text: str) -> None:
        """The journal view's news for the status bar; a save refused says why."""
        from journal_app.ui.journal.journal_view import TEXT_NOT_SAVED_KEPT

        if self.service.file_changed_underneath and text == TEXT_NOT_SAVED_KEPT:
            self._status_bar().showMessage(NOT_SAVED)
        else:
            self._status_bar().showMessage(text, 4000)

    # ------------------------------------------------------- opening again

    @Slot()
    def reopen(self) -> None:
        """Close this copy and open the file again; the person unlocks the copy that arrived."""
        if not self.service.file_changed_underneath:
            return
        window = self.window
        window.switch_vault(self.service.vault_path)  # the lock takes the words first
        page = window.unlock_page
        if window.current_page() is page and page.form.isVisibleTo(page):
            page.show_notice(LOCKED_WITH_WORDS if self.kept is not None else LOCKED)

    def keep_words(self) -> str | None:
        """Called first when the window locks. If the file changed underneath, take the
        editor's unsaved words (they could not be saved there) and return the notice
        for the unlock page; else None."""
        self._locking = True  # a look first (a change not yet noticed counts), no dialog
        try:
            if not self.service.check_file():
                return None
        finally:
            self._locking = False
        view = self.window.journal_view
        words = unsaved_words(view, self.service)
        if words is not None and view is not None:  # words come only from a view's editor
            self.kept = words
            view.editor.clear()  # nothing left to save over the other copy
        return LOCKED_WITH_WORDS if self.kept is not None else LOCKED

    @Slot(object)
    def _on_unlocked(self, _report: object) -> None:
        if self.kept is not None:
            QTimer.singleShot(0, self._save_kept)  # once the window shows the journal
        results, failed = self.service.take_kept_results()
        if results or failed is not None:
            QTimer.singleShot(0, lambda: self._say_kept(results, failed))

    def _say_kept(self, results: list[KeptResult], failed: Exception | None) -> None:
        """What became of the copies kept when the file changed underneath."""
        brought = sum(len(r.plan.entries) for r in results if r.plan is not None)
        if brought:
            self._status_bar().showMessage(brought_back(brought), STATUS_MS)
        left = [r for r in results if r.error is not None]
        if not left and failed is None:
            return
        lines = [kept_left(r.path.name, r.error) for r in left]
        if failed is not None:
            lines.append(KEEP_FAILED)
        tell(self.parent_window, KEPT_TITLE, "\n\n".join(lines))

    @Slot()
    def _save_kept(self) -> None:
        words, self.kept = self.kept, None
        if words is None:
            return
        if not self.service.is_unlocked:
            self.kept = words  # locked again meanwhile: at the next unlock
            return
        try:
            entry = self.service.add(
                words.body,
                title=words.title,
                tags=words.tags,
                created=words.created,
                prompt=words.prompt,
            )
        except (VaultError, OSError):
            self._back_in_editor(words)
            return
        view = self.window.journal_view
        if view is not None and self.window.journal_shown():
            view.show_entry(entry.id)
        self._status_bar().showMessage(KEPT_AS_NEW, STATUS_MS)

    def _back_in_editor(self, words: KeptWords) -> None:
        """The new entry could not be saved: the words go back on screen, unsaved, where
        the editor keeps trying (and keeps them) as it does for any failed save."""
        view = self.window.journal_view
        editor = getattr(view, "editor", None)
        if view is None or editor is None:
            self.kept = words
            return
        view.new_entry()
        editor.title.setText(words.title)
        editor.tags.setText(", ".join(words.tags))
        editor.body.set_plain_text(words.body)  # marks the page unsaved: it saves soon
        self._status_bar().showMessage(BACK_IN_EDITOR)

    def _may_close(self) -> bool:
        """Closing with words still held for the next unlock asks first."""
        if self.kept is None or self.service.is_unlocked:
            return True
        if confirm(self.parent_window, CLOSE_TITLE, CLOSE_TEXT, "Close anyway", "Keep Tend open"):
            self.kept = None
            return True
        return False


__all__ = [
    "ASK_AGAIN_MS",
    "ChangedFileController",
    "FileChangedDialog",
    "KeptWords",
    "unsaved_words",
]
