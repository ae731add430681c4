"""Export or print: the person chooses which entries, and in what form.

Which entries: those picked in the list (or the open one), those marked "bring to
my next session", a date range, a tag, a prompt theme, or everything; the dialog
says how many as the choice changes. Formats: PDF (typeset for reading and
printing), Markdown (plain text) and JSON (complete, for other programs).

Before an unencrypted file is written the dialog says so plainly and asks; then
the save dialog; then the work runs on the service's worker with a progress bar
and Cancel. Print typesets the same document and opens the system's print
preview, from which the system print dialog is one click away.

On lock the window closes this dialog (and any preview): the chosen entries and
the typeset document go with it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer, Signal, Slot
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal import Entry
from journal_app.journal.prompts import builtin_catalogue
from journal_app.journal.selection import Selection
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import Purpose, save_file_name
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.questions import Answer, Button, Icon, Question, ask
from journal_app.ui.common.tasks import Task
from journal_app.ui.common.widgets import Banner, button, label, row
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.transfer.progress import ProgressPanel, WorkDialog, fit_height
from journal_app.ui.transfer.session_note import SessionNote
from journal_app.vault import Cancelled

if TYPE_CHECKING:
    from journal_app.ui.services.pdf import PrintDocument

TITLE = "Export or print"
LEAD = (
    "Choose the entries to take with you, for example to a session with your "
    "therapist. Only you decide what leaves Tend."
)
NOT_ENCRYPTED_TITLE = "This file will not be encrypted"
NOT_ENCRYPTED = (
    "This file will not be encrypted. Anyone who can open it can read it.\n\n"
    "Keep it somewhere safe, and delete it when you no longer need it."
)
EXPORT_NOTE = "Exported files are not encrypted. Tend asks before writing one."
STOPPED = "Stopped. Nothing was written."
NOTHING_CHOSEN = "No entries match this choice yet."
CONTROL_HEIGHT = 34

FORMATS = (
    ("pdf", "PDF — to read or print", "pdf", "PDF documents (*.pdf)"),
    ("md", "Markdown — plain text", "md", "Markdown files (*.md)"),
    ("json", "JSON — every detail, for other apps", "json", "JSON files (*.json)"),
)

CHOSEN, MARKED, DATES, TAG, THEME, EVERYTHING = (
    "chosen",
    "marked",
    "dates",
    "tag",
    "theme",
    "everything",
)


def entries_phrase(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


NOT_ENCRYPTED_QUESTION = Question(
    NOT_ENCRYPTED_TITLE,
    NOT_ENCRYPTED,
    (
        Answer(Button.Ok, "Continue", "Go on to choose where to save the file"),
        Answer(Button.Cancel, "Cancel", "Write nothing"),
    ),
    default=Button.Ok,
    icon=Icon.Information,
)


def confirm_not_encrypted(parent: QWidget) -> bool:
    """Ask before any unencrypted file is written. Tests answer through ``CalmDialog.exec``."""
    return ask(parent, NOT_ENCRYPTED_QUESTION) == Button.Ok


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ExportDialog(WorkDialog):
    """Choose entries and a format; export to a file, or print.

    Signals:
        exported(object): the ExportResult, after the file was written.
    """

    exported = Signal(object)

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        chosen_ids: list[str] | None = None,
        for_print: bool = False,
    ) -> None:
        super().__init__(parent)
        open_over_parent(self)
        return_focus_on_close(self)
        self.setWindowTitle(TITLE)
        self.setObjectName("exportDialog")
        self.setMinimumWidth(660)
        self.service = service
        self._chosen_ids = list(chosen_ids or [])
        self.task: Task | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        self._build(for_print)
        self._choose_default()
        self.update_count()

    # ---------------------------------------------------------------- building

    def _radio(self, key: str, text: str, tip: str) -> QRadioButton:
        radio = QRadioButton(text)
        radio.setObjectName(f"choice_{key}")
        radio.setAccessibleName(text.rstrip(" :"))
        radio.setToolTip(tip)
        self.choice_group.addButton(radio)
        self.choices[key] = radio
        radio.toggled.connect(self._on_choice_toggled)
        return radio

    def _build(self, for_print: bool) -> None:
        self._build_choices()
        self._build_dates()
        self._build_boxes()
        grid = self._choices_grid()
        format_label = self._build_format()
        self.note = SessionNote()
        self.note.setHidden(True)  # shown with "Marked for my next session"
        buttons = self._build_buttons(for_print)
        self._lay_out(grid, format_label, buttons)

    def _build_choices(self) -> None:
        """One radio button for each way of choosing entries."""
        self.choices: dict[str, QRadioButton] = {}
        self.choice_group = QButtonGroup(self)
        count = len(self._chosen_ids)
        chosen_text = (
            "The entry open now" if count <= 1 else f"The {count} entries picked in the list"
        )
        self._radio(
            CHOSEN,
            chosen_text,
            "The entries you picked in the list (Shift or Ctrl+click picks several)",
        )
        self._radio(
            MARKED,
            "Marked for my next session",
            "The entries you marked to bring to your next session",
        )
        self._radio(DATES, "From", "Entries dated between these two days, both included")
        self._radio(TAG, "With the tag", "Entries with this tag")
        self._radio(
            THEME, "Written with prompts from", "Entries written with a prompt from this theme"
        )
        self._radio(EVERYTHING, "Everything in my journal", "Every entry (not those in the trash)")

    def _build_dates(self) -> None:
        """The first and last day, a month apart to begin with."""
        today = date.today()
        self.date_from = QDateEdit(_qdate(today - timedelta(days=30)))
        self.date_to = QDateEdit(_qdate(today))
        for edit, name, tip in (
            (self.date_from, "First day", "The first day to include"),
            (self.date_to, "Last day", "The last day to include"),
        ):
            edit.setMinimumHeight(CONTROL_HEIGHT)
            edit.setMinimumWidth(140)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.setToolTip(tip)
            edit.dateChanged.connect(lambda _d, key=DATES: self._select(key))

    def _build_boxes(self) -> None:
        """The tag and theme lists; a choice with nothing to offer is turned off."""
        self.tag_box = QComboBox()
        self.tag_box.setAccessibleName("Tag")
        self.tag_box.setToolTip("The tag the entries have")
        tags = self.service.tags() if self.service.is_unlocked else []
        self.tag_box.addItems(tags)
        self.tag_box.setEnabled(bool(tags))
        self.choices[TAG].setEnabled(bool(tags))
        self.tag_box.activated.connect(lambda _i: self._select(TAG))
        self.theme_box = QComboBox()
        self.theme_box.setAccessibleName("Theme")
        self.theme_box.setToolTip("The theme of the prompts the entries were written with")
        themes = getattr(self.service, "prompt_themes", None)
        for theme in themes() if callable(themes) else builtin_catalogue().themes:
            self.theme_box.addItem(theme.name, theme.id)
        self.theme_box.activated.connect(lambda _i: self._select(THEME))
        for box in (self.tag_box, self.theme_box):
            box.setMinimumHeight(CONTROL_HEIGHT)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(18)
            box.currentIndexChanged.connect(lambda _i: self.update_count())
        self.choices[CHOSEN].setEnabled(bool(self._chosen_ids))

    def _choices_grid(self) -> QGridLayout:
        """The choices in a grid, each beside the fields that refine it."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(
            0, max(self.choices[key].sizeHint().width() for key in (DATES, TAG, THEME)) + 8
        )
        grid.addWidget(self.choices[CHOSEN], 0, 0, 1, 4)
        grid.addWidget(self.choices[MARKED], 1, 0, 1, 4)
        grid.addWidget(self.choices[DATES], 2, 0)
        grid.addWidget(self.date_from, 2, 1)
        to_label = label("to", wrap=False)
        to_label.setBuddy(self.date_to)
        dates = QHBoxLayout()
        dates.setSpacing(10)
        dates.addWidget(to_label)
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        grid.addLayout(dates, 2, 2, 1, 2)
        grid.addWidget(self.choices[TAG], 3, 0)
        grid.addWidget(self.tag_box, 3, 1, 1, 2)
        grid.addWidget(self.choices[THEME], 4, 0)
        grid.addWidget(self.theme_box, 4, 1, 1, 2)
        grid.addWidget(self.choices[EVERYTHING], 5, 0, 1, 4)
        return grid

    def _build_format(self) -> QLabel:
        """The count of entries chosen and the format list; returns the list's label."""
        self.count_label = label("", "muted")
        self.count_label.setObjectName("exportCount")
        self.count_label.setAccessibleName("Entries chosen")

        self.format_box = QComboBox()
        self.format_box.setMinimumHeight(CONTROL_HEIGHT)
        self.format_box.setObjectName("exportFormat")
        self.format_box.setAccessibleName("Format")
        self.format_box.setToolTip("The kind of file to write")
        for key, text, _suffix, _filter in FORMATS:
            self.format_box.addItem(text, key)
        format_label = label("Format", "subheading", wrap=False)
        format_label.setBuddy(self.format_box)
        return format_label

    def _build_buttons(self, for_print: bool) -> QHBoxLayout:
        """The message, progress and buttons; Print or Export is the default."""
        self.message = Banner("error")
        self.progress = ProgressPanel(self, with_button=False)  # Cancel below stops it

        self.cancel_button = button(
            "Cancel", "Close without exporting; while writing, stop", on_click=self.reject
        )
        self.print_button = button(
            "Print…",
            "See the pages, then print them with your system's print dialog (Ctrl+P)",
            on_click=self.print_entries,
        )
        self.export_button = button(
            "Export…",
            "Write the entries to a file you choose; Tend first reminds you it is not encrypted",
            on_click=self.export,
        )
        primary = self.print_button if for_print else self.export_button
        primary.setProperty("role", "primary")
        primary.setDefault(True)
        return row(None, self.cancel_button, self.print_button, self.export_button)

    def _lay_out(self, grid: QGridLayout, format_label: QLabel, buttons: QHBoxLayout) -> None:
        """The dialog's column, top to bottom; ``controls`` are what a running task stills."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(TITLE, "heading"))
        layout.addWidget(label(LEAD, "lead"))
        layout.addSpacing(4)
        layout.addWidget(label("Which entries", "subheading"))
        layout.addLayout(grid)
        layout.addWidget(self.count_label)
        layout.addWidget(self.note)
        layout.addSpacing(6)
        layout.addWidget(format_label)
        formats = QHBoxLayout()
        formats.addWidget(self.format_box)
        formats.addStretch(1)
        layout.addLayout(formats)
        note = label(EXPORT_NOTE, "muted")
        note.setAccessibleName("About exported files")
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.controls: list[QWidget] = [
            *self.choices.values(),
            self.date_from,
            self.date_to,
            self.tag_box,
            self.theme_box,
            self.note.edit,
            self.format_box,
            self.print_button,
            self.export_button,
        ]

    def _choose_default(self) -> None:
        """What the person is looking at: the open entry, or those picked in the list
        (Ctrl+P on an entry prints that entry, as in any other app). With none, the
        ones marked for the next session; else everything. Marked is one click away."""
        marked = bool(self.service.is_unlocked and self.service.flagged_count())
        if self._chosen_ids:
            self._select(CHOSEN)
        elif marked:
            self._select(MARKED)
        else:
            self._select(EVERYTHING)

    # ---------------------------------------------------------------- choosing

    def _select(self, key: str) -> None:
        radio = self.choices[key]
        if radio.isEnabled() and not radio.isChecked():
            radio.setChecked(True)
        self.update_count()

    @Slot(bool)
    def _on_choice_toggled(self, checked: bool) -> None:
        if checked:
            self.update_count()

    def choice(self) -> str:
        for key, radio in self.choices.items():
            if radio.isChecked():
                return key
        return EVERYTHING

    def set_choice(self, key: str) -> None:
        self._select(key)

    def selection(self) -> Selection:
        """The choice as a :class:`Selection` (what ``tend export`` takes too)."""
        key = self.choice()
        if key == CHOSEN:
            return Selection(ids=frozenset(self._chosen_ids))
        if key == MARKED:
            return Selection(flagged_only=True)
        if key == DATES:
            first = _to_date(self.date_from.date())
            last = _to_date(self.date_to.date())
            if first > last:
                first, last = last, first
            return Selection(date_from=first, date_to=last)
        if key == TAG:
            return Selection(tag=self.tag_box.currentText() or None)
        if key == THEME:
            return Selection(theme=self.theme_box.currentData() or None)
        return Selection()

    def chosen_entries(self) -> list[Entry]:
        if not self.service.is_unlocked:
            return []
        return self.service.select_entries(self.selection())

    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))

    def _show_note(self) -> None:
        """The note belongs to the marked entries: shown with that choice only."""
        shown = self.choice() == MARKED
        if shown == self.note.isHidden():
            self.note.setHidden(not shown)
            if self.isVisible():
                fit_height(self)

    @Slot()
    def update_count(self) -> None:
        self._show_note()
        count = len(self.chosen_entries())
        text = NOTHING_CHOSEN if count == 0 else f"{entries_phrase(count)} chosen."
        self.count_label.setText(text)
        busy = self.task is not None and self.task.running
        self.print_button.setEnabled(count > 0 and not busy)
        self.export_button.setEnabled(count > 0 and not busy)

    def _set_busy(self, busy: bool) -> None:
        for widget in self.controls:
            widget.setEnabled(not busy)
        if not busy:
            self.choices[CHOSEN].setEnabled(bool(self._chosen_ids))
            self.tag_box.setEnabled(self.tag_box.count() > 0)
            self.choices[TAG].setEnabled(self.tag_box.count() > 0)
            self.update_count()

    # ---------------------------------------------------------------- export

    def _save_path(self) -> Path | None:
        fmt = self.fmt()
        _key, _text, suffix, file_filter = next(f for f in FORMATS if f[0] == fmt)
        suggested = f"journal-{date.today().isoformat()}.{suffix}"
        name, _ = save_file_name(self, Purpose.EXPORT, "Export to a file", suggested, file_filter)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(path.name + f".{suffix}")
        return path

    def _still_open(self) -> bool:
        """Still shown, and the journal still unlocked (a lock closes this dialog)."""
        return self.isVisible() and self.service.is_unlocked

    @Slot()
    def export(self) -> None:
        self.message.clear()
        entries = self.chosen_entries()
        if not entries or (self.task is not None and self.task.running):
            return
        if not confirm_not_encrypted(self) or not self._still_open():
            return
        path = self._save_path()
        if path is None or not self._still_open():
            return
        entries = self.chosen_entries()  # again: the journal may have changed meanwhile
        if not entries:
            return
        self.task = self.service.transfer.export_entries(
            entries, self.fmt(), path, note=self.note.text()
        )
        self.task.succeeded.connect(self._on_exported)
        self.task.failed.connect(self._on_failed)
        self.progress.follow(self.task, f"Writing {entries_phrase(len(entries))}…")
        self._set_busy(True)

    @Slot(object)
    def _on_exported(self, result: object) -> None:
        self._set_busy(False)
        if not self.isVisible():
            return
        self.exported.emit(result)
        self.accept()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._set_busy(False)
        if not self.isVisible():
            return
        if isinstance(error, Cancelled):
            self.message.show_message(STOPPED)
            fit_height(self)
            return
        advice = advice_for(error if isinstance(error, BaseException) else Exception())
        self.message.show_message(advice.message, title="The file could not be written")
        fit_height(self)

    # ---------------------------------------------------------------- print

    @Slot()
    def print_entries(self) -> None:
        self.message.clear()
        entries = self.chosen_entries()
        if not entries or (self.task is not None and self.task.running):
            return
        self.task = self.service.transfer.print_document(entries, note=self.note.text())
        self.task.succeeded.connect(self._on_typeset)
        self.task.failed.connect(self._on_failed)
        self.progress.follow(self.task, f"Preparing the pages of {entries_phrase(len(entries))}…")
        self._set_busy(True)

    @Slot(object)
    def _on_typeset(self, document: PrintDocument) -> None:
        self._set_busy(False)
        # The preview runs its own event loop: start it from the loop, not from
        # inside the task's signal.
        QTimer.singleShot(0, lambda: self.show_preview(document))

    def show_preview(self, document: PrintDocument) -> None:
        """The system's print preview of the same pages; Print opens the print dialog."""
        from journal_app.ui.services.pdf import default_page_layout, render

        if not self._still_open():
            document.clear()
            return

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(default_page_layout())
        printer.setDocName("Journal")  # discreet: the print queue shows this name
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle("Print preview")
        preview.paintRequested.connect(lambda device: render(document, device))
        self.preview_dialog = preview
        try:
            preview.exec()
        finally:
            self.preview_dialog = None
            preview.deleteLater()
            document.clear()
        if self.isVisible():
            self.accept()

    # ---------------------------------------------------------------- closing

    def forget(self) -> None:
        """Closing (or a lock) also closes a print preview still open, and empties the
        note (never kept)."""
        self.note.forget()
        if self.preview_dialog is not None:
            self.preview_dialog.done(QDialog.DialogCode.Rejected)


__all__ = [
    "NOT_ENCRYPTED",
    "ExportDialog",
    "confirm_not_encrypted",
    "entries_phrase",
]
