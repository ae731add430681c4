"""The entry editor: an optional title, a Markdown body, tags and a date.

Typing is saved by itself: a crash-safe draft a moment after each change, and
the entry itself a little later, both sealed into the vault. A save that fails
(a full disk, say) leaves every word in the editor and says so calmly; nothing
is ever dropped from the screen because the disk said no.

When to write is decided by an :class:`~journal_app.journal.edit_session.EditSession`,
below Qt, where it is tested with a fake clock; this widget only tells it what
happened, writes when it is asked to, and shows its status. One Qt timer wakes the
session when it says something is due. The page itself is built in rooms beside
this one: ``editor_page`` (layout), ``editor_look`` (colours and the notice),
``editor_marks`` (search marks), ``editor_format`` (Markdown commands) and
``editor_prompts`` (writing with a prompt).
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget

from journal_app.journal import Entry
from journal_app.journal.edit_session import (
    AUTOSAVE_DELAY_MS,
    DRAFT_DELAY_MS,
    Due,
    EditSession,
    SaveOutcome,
    SaveStatus,
    SaveTiming,
)
from journal_app.ui.common.debounce import Alarm
from journal_app.ui.common.theme import RestyleOnPaletteChange
from journal_app.ui.journal.editor_marks import HIGHLIGHT_DELAY_MS
from journal_app.ui.journal.editor_page import (
    STATUS_NOT_SAVED,
    STATUS_SAVED,
    STATUS_SAVING,
    from_qdatetime,
    to_qdatetime,
)
from journal_app.ui.journal.editor_prompts import EditorPrompts
from journal_app.ui.journal.flag import FlagButton
from journal_app.ui.journal.markdown_edit import LINE_HEIGHT_PERCENT, MarkdownEdit
from journal_app.ui.journal.tags_edit import TagsEdit
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError

STATUS_TEXT = {
    SaveStatus.NONE: "",
    SaveStatus.SAVING: STATUS_SAVING,
    SaveStatus.SAVED: STATUS_SAVED,
    SaveStatus.NOT_SAVED: STATUS_NOT_SAVED,
}


class EntryEditor(EditorPrompts, RestyleOnPaletteChange, QWidget):
    """Edits one entry (or a new one) and keeps it saved.

    Signals:
        saved(str): the entry's id after it reached the vault.
        status_message(str): quiet news for the window's status bar.
        save_failed(str): a save did not work (the words stay on screen).
        new_page_started(): the editor began a new entry by itself (with a prompt
            offered for one); the entry shown before was saved first.
    """

    saved = Signal(str)
    status_message = Signal(str)
    save_failed = Signal(str)
    new_page_started = Signal()

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        timing: SaveTiming | None = None,
        highlight_delay_ms: int = HIGHLIGHT_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._entry_id: str | None = None
        self._loaded_created: QDateTime | None = None
        self._draft_id: str | None = None
        self._loading = False
        self._read_only = False
        self._init_prompts()
        self._init_marks(highlight_delay_ms)
        self._alarm = Alarm(self._wake, self)
        self._session = EditSession(
            self._alarm.clock, timing or SaveTiming(), on_change=self._session_changed
        )

        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._build(service)
        self._connect()
        self._restyle()
        self._built = True
        self._make_format_actions()
        self._make_prompt_actions()
        self.apply_font(QApplication.font().family(), self._default_point_size())
        self._session_changed()

    def _make_flag(self, service: JournalService, parent: QWidget) -> FlagButton:
        return FlagButton(self, service, parent)

    def _connect(self) -> None:
        self._connect_prompt_card()
        self.title.returnPressed.connect(lambda: self.focus_body(at_end=False))
        self.title.textEdited.connect(self._on_changed)
        self.body.textChanged.connect(self._on_changed)
        self.tags.textEdited.connect(self._on_changed)
        self.date.dateTimeChanged.connect(self._on_changed)
        self.body.textChanged.connect(self._on_body_changed_for_highlight)

    # ------------------------------------------------------------ state

    @property
    def entry_id(self) -> str | None:
        return self._entry_id

    @property
    def dirty(self) -> bool:
        return self._session.dirty

    @property
    def draft_id(self) -> str | None:
        return self._draft_id

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def timing(self) -> SaveTiming:
        return self._session.timing

    def is_blank(self) -> bool:
        return not (
            self.title.text().strip() or self.body.toPlainText().strip() or self.tags.text().strip()
        )

    def _session_changed(self) -> None:
        """Show what the session says, and wake it when it next has something due."""
        self.status.setText(STATUS_TEXT[self._session.status])
        self._alarm.wake_at(self._session.next_due())

    @Slot()
    def _wake(self) -> None:
        while (due := self._session.due()) is not None:
            if due is Due.SAVE:
                self.save()
            else:
                self.save_draft()

    # ------------------------------------------------------------ loading

    def load(self, entry: Entry | None) -> None:
        """Show an entry, or a fresh page for a new one (``None``).

        The caller flushes first; whatever was pending here is dropped.
        """
        self._session.reset()
        self._loading = True
        try:
            self._entry_id = entry.id if entry is not None else None
            self._draft_id = None
            self.title.setText(entry.title if entry else "")
            self.body.set_plain_text(entry.body if entry else "")
            self.tags.set_tags(entry.tags if entry else ())
            moment = to_qdatetime(entry.created) if entry else QDateTime.currentDateTime()
            self.date.setDateTime(moment)
            self._loaded_created = self.date.dateTime()
        finally:
            self._loading = False
        if not self._read_only:
            self.hide_notice()
        shown = entry is not None and not self._read_only
        self._session.show(SaveStatus.SAVED if shown else SaveStatus.NONE)
        self.flag.show_entry(entry)
        self._apply_highlight()
        self._forget_prompt()
        if entry is not None and entry.prompt_text:
            self._kept_prompt_id = entry.prompt_id
            self._show_kept_prompt(entry)

    def new_entry(self) -> None:
        self.load(None)
        self.focus_start()

    def focus_start(self) -> None:
        """Where a person begins: a blank new page at its title (Tab or Return goes
        on to the text), any other page in its text, at the end."""
        if self._entry_id is None and self.is_blank() and not self.prompt_live:
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_body()

    def focus_body(self, *, at_end: bool = True) -> None:
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)
        if at_end:
            self.body.moveCursor(QTextCursor.MoveOperation.End)

    def clear(self) -> None:
        """Forget everything shown, undo history included; nothing is saved."""
        self._session.reset()
        self._highlight_timer.stop()
        self._loading = True
        try:
            self._entry_id = None
            self._draft_id = None
            self._query = ""
            self.title.setText("")
            self.title.setModified(False)
            self.body.setExtraSelections([])
            self.body.set_plain_text("")
            self.body.document().clearUndoRedoStacks()
            self.tags.clear_all()
            self.date.setDateTime(QDateTime.currentDateTime())
            self._loaded_created = None
            self._clear_title_highlight()
            self.flag.show_entry(None)
        finally:
            self._loading = False
        self.hide_notice()
        self._session.show(SaveStatus.NONE)
        self._forget_prompt()

    def set_read_only(self, read_only: bool, notice: str = "") -> None:
        self._read_only = read_only
        self.flag.set_read_only(read_only)
        for widget in (self.title, self.body, self.tags):
            widget.setReadOnly(read_only)
        self.date.setReadOnly(read_only)
        self.date.setCalendarPopup(not read_only)
        self.date.setButtonSymbols(
            QDateTimeEdit.ButtonSymbols.NoButtons
            if read_only
            else QDateTimeEdit.ButtonSymbols.UpDownArrows
        )
        for action in self.format_actions:
            action.setEnabled(not read_only)
        self.prompt_card.set_removable(not read_only)
        if read_only and notice:
            self.show_notice(notice)
        elif not self._session.failed:
            self.hide_notice()
        if read_only:
            self._session.show(SaveStatus.NONE)

    def refresh_known_tags(self) -> None:
        """Offer the tags in use for completion (the journal page does this for us)."""
        if self._service.is_unlocked:
            self.tags.set_known_tags(self._service.tags())

    # ------------------------------------------------------------ saving

    @Slot()
    def _on_changed(self) -> None:
        if self._loading or self._read_only:
            return
        # A blank new page is nothing worth keeping yet; a draft from before is
        # dropped on save.
        self._session.typed(worth_keeping=not (self._entry_id is None and self.is_blank()))

    def _values(self) -> tuple[str, str, str]:
        return self.title.text(), self.body.toPlainText(), self.tags.text()

    def _created_if_changed(self) -> datetime | None:
        value = self.date.dateTime()
        if self._loaded_created is not None and value == self._loaded_created:
            return None
        return from_qdatetime(value)

    @Slot()
    def save_draft(self) -> None:
        """Keep a sealed copy of what is on screen; cheap, and safe against a crash."""
        change = self._session.begin_draft()
        if change is None or self._read_only or not self._service.is_unlocked:
            return
        if self._entry_id is None and self.is_blank():
            self._drop_draft()
            return
        title, body, tags = self._values()
        try:
            draft = self._service.save_draft(
                entry_id=self._entry_id,
                title=title,
                body=body,
                tags=tags.split(","),
                created=from_qdatetime(self.date.dateTime()),
                prompt_id=self._draft_prompt_id(),
                draft_id=self._draft_id,
            )
        except VaultError:
            return  # the real save reports the problem; the text stays on screen
        self._draft_id = draft.id
        self._session.finish_draft(change)

    def _drop_draft(self) -> None:
        self._session.finish_draft(None)
        if self._draft_id is None:
            return
        draft_id, self._draft_id = self._draft_id, None
        # If this fails the draft is offered again after the next unlock: never a loss.
        with contextlib.suppress(VaultError):
            self._service.discard_draft(draft_id)

    def save(self) -> bool:
        """Save now if anything changed. Returns False (text kept) if it could not."""
        return self._save(self._session.begin_save())

    def flush(self) -> bool:
        """Save pending edits now, synchronously (before lock, switch or close)."""
        self.body.drop_empty_pair()  # a bold begun but never typed leaves no "****"
        return self._save(self._session.flush())

    def _save(self, dirty: bool) -> bool:
        if not dirty or self._read_only:
            return True
        if not self._service.is_unlocked:
            self._session.finish_save(SaveOutcome.REFUSED)
            return False
        try:
            entry = self._write_entry()
        except VaultError as exc:
            self.show_notice(f"{exc} Your words are still here.", tone="problem")
            self._session.finish_save(SaveOutcome.FAILED)
            self.save_failed.emit(str(exc))
            return False
        if entry is None:
            self._session.finish_save(SaveOutcome.EMPTY)
            self._drop_draft()
            return True
        self._prompt_changed = False
        self._kept_prompt_id = entry.prompt_id
        self._loaded_created = to_qdatetime(entry.created)
        if self._session.failed:
            self.hide_notice()
        self._session.finish_save(SaveOutcome.SAVED)
        self._drop_draft()
        self.saved.emit(entry.id)
        self.status_message.emit(STATUS_SAVED)
        return True

    def _write_entry(self) -> Entry | None:
        """Update the entry, or add it; None for a new page with nothing in it."""
        title, body, tags = self._values()
        tag_list = tags.split(",")
        if self._entry_id is not None:
            try:
                prompt = {"prompt": self.current_prompt()} if self._prompt_changed else {}
                return self._service.update(
                    self._entry_id,
                    title=title,
                    body=body,
                    tags=tag_list,
                    created=self._created_if_changed(),
                    **prompt,
                )
            except KeyError:
                self._entry_id = None  # gone underneath us: keep the words as new
        if not (title.strip() or body.strip()):
            return None
        entry = self._service.add(
            body,
            title=title,
            tags=tag_list,
            created=from_qdatetime(self.date.dateTime()),
            prompt=self.current_prompt(),
        )
        self._entry_id = entry.id
        return entry


__all__ = [
    "AUTOSAVE_DELAY_MS",
    "DRAFT_DELAY_MS",
    "LINE_HEIGHT_PERCENT",
    "STATUS_NOT_SAVED",
    "STATUS_SAVED",
    "STATUS_SAVING",
    "EntryEditor",
    "MarkdownEdit",
    "SaveTiming",
    "TagsEdit",
    "from_qdatetime",
    "to_qdatetime",
]
