"""Moving in from another journal: jrnl, Day One, a folder of notes, or another Tend
journal or backup (a merge: see import_tend.py).

Four steps in one dialog:

1. **Choose**: the kind of journal and the file (or folder). Tend guesses the
   kind from the file and says so.
2. **Preview**: the source is read in memory on the worker (with progress and
   Cancel); nothing is written. The dialog shows how many entries, their first
   and last dates, the first few titles, anything to know (photos left behind, a
   date guessed) and how many are already in the journal and will be skipped.
   A file that cannot be read gets a sentence naming the file, the entry and the
   field, and nothing is imported.
3. **Import**: everything new is sealed and added in one transaction on the
   worker, with progress and Cancel; stopping imports nothing at all.
4. **Done**: "Imported N entries; skipped M already in your journal."

The source's entries are held in memory only while the dialog is open; a lock
closes it and they go with it (with the other journal's passphrase, for a merge).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.importers import FORMAT_NAMES, ImportFormatError, guess_format
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import Purpose, existing_folder, open_file_name
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.tasks import Task
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import Banner, button, clear_layout, label, row
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.services.transfer_service import ImportDone, ImportPlan
from journal_app.ui.transfer import import_tend
from journal_app.ui.transfer.import_tend import TEND, PassphraseSection
from journal_app.ui.transfer.progress import ProgressPanel, WorkDialog, fit_height
from journal_app.vault import Cancelled
from journal_app.vault.fileheader import is_vault_file

if TYPE_CHECKING:
    from journal_app.journal.merge import MergePlan, MergeReport

TITLE = "Import from another journal"
LEAD = (
    "Bring in the entries you wrote elsewhere, with their dates, titles and tags. "
    "Nothing is added until you have seen what will come in."
)
FORMAT_ORDER = ("jrnl", "dayone", "folder", TEND)
SOURCE_NAMES = {**FORMAT_NAMES, TEND: import_tend.TEND_NAME}
FORMAT_TIPS = {
    "jrnl": "The file made by: jrnl --export json",
    "dayone": "Day One's JSON export, or the .zip file Day One makes",
    "folder": "A folder of .md, .markdown or .txt files, one note each",
    TEND: import_tend.TEND_TIP,
}
SOURCE_NOTE = (
    "The file you import from is not encrypted. Once your entries look right in Tend, "
    "you may want to delete it."
)
SAMPLE_SIZE = 5
KIND_NAMES = {"jrnl": "a jrnl export", "dayone": "a Day One export", "folder": "a folder of notes"}
FILE_FILTERS = {TEND: import_tend.TEND_FILTER}
EXPORTS_FILTER = "Journal exports (*.json *.zip);;All files (*)"


def entries_phrase(count: int) -> str:
    return "1 entry" if count == 1 else f"{count:,} entries"


def day_text(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), "d MMMM yyyy")


def done_message(imported: int, skipped: int) -> str:
    """The final sentence, as the command line says it too."""
    noun = "entry" if imported == 1 else "entries"
    return f"Imported {imported:,} {noun}; skipped {skipped:,} already in your journal."


class ImportDialog(WorkDialog):
    """Choose, preview, import, done.

    Signals:
        imported(object): the ImportReport, once the entries are in the journal.
    """

    imported = Signal(object)

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        open_over_parent(self)
        return_focus_on_close(self)
        self.setWindowTitle(TITLE)
        self.setObjectName("importDialog")
        self.setMinimumWidth(620)
        self.resize(660, 560)
        self.service = service
        self.source: Path | None = None
        self.plan: ImportPlan | None = None
        self.merge_plan: MergePlan | None = None  # what another Tend journal would add
        self.task: Task | None = None

        self.pages = QStackedWidget()
        self.choose_page = QWidget()
        self.preview_page = QWidget()
        self.done_page = QWidget()
        for page in (self.choose_page, self.preview_page, self.done_page):
            self.pages.addWidget(page)
        self._build_choose()
        self._build_preview()
        self._build_done()
        self.progress = ProgressPanel(self, with_button=False)  # Cancel below stops it
        self.message = Banner("error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        self.buttons_row = row(None)
        layout.addLayout(self.buttons_row)
        self._build_buttons()
        self.show_step(self.choose_page)

    # ---------------------------------------------------------------- building

    def _build_choose(self) -> None:
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self.choose_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label(TITLE, "heading"))
        layout.addWidget(label(LEAD, "lead"))
        layout.addSpacing(4)
        layout.addWidget(label("From", "subheading"))
        kinds = QGridLayout()  # two columns: the four kinds fit a small screen
        kinds.setHorizontalSpacing(24)
        kinds.setVerticalSpacing(10)
        for index, key in enumerate(FORMAT_ORDER):
            radio = QRadioButton(SOURCE_NAMES[key])
            radio.setObjectName(f"format_{key}")
            radio.setAccessibleName(SOURCE_NAMES[key])
            radio.setToolTip(FORMAT_TIPS[key])
            self.format_group.addButton(radio)
            self.format_buttons[key] = radio
            radio.toggled.connect(lambda _on: self._on_kind_changed())
            kinds.addWidget(radio, index // 2, index % 2)
        kinds.setColumnStretch(1, 1)
        layout.addLayout(kinds)
        layout.addSpacing(4)
        layout.addWidget(label("The file or folder", "subheading"))
        self.source_label = label("Nothing chosen yet.")
        set_role(self.source_label, "path")
        self.source_label.setAccessibleName("File or folder to import")
        self.source_label.setToolTip("What Tend will read the entries from")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.source_label)
        self.file_button = button(
            "Choose file…", "Choose a jrnl or Day One export file", on_click=self.choose_file
        )
        self.folder_button = button(
            "Choose folder…", "Choose a folder of notes", on_click=self.choose_folder
        )
        layout.addLayout(row(self.file_button, self.folder_button, None))
        self.guess_note = label("", "muted")
        self.guess_note.setAccessibleName("About the file")
        layout.addWidget(self.guess_note)
        self.passphrase = PassphraseSection()
        self.passphrase.field.textChanged.connect(lambda _text: self._update_buttons())
        self.passphrase.field.returnPressed.connect(self.preview)
        self.passphrase.setVisible(False)
        layout.addWidget(self.passphrase)
        layout.addStretch(1)

    def _build_preview(self) -> None:
        layout = QVBoxLayout(self.preview_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label("What will come in", "heading"))
        self.summary = label("", "lead")
        self.summary.setObjectName("importSummary")
        self.summary.setAccessibleName("Summary")
        self.source_line = label("", "muted")
        self.source_line.setAccessibleName("Read from")
        self.duplicates = label("")
        self.duplicates.setObjectName("importDuplicates")
        self.duplicates.setAccessibleName("Already in your journal")
        self.sample_heading = label("The first few", "subheading")
        # A quiet card: day on the left, title on the right, one line each.
        self.sample_card = QFrame()
        set_role(self.sample_card, "card")
        self.sample_grid = QGridLayout(self.sample_card)
        self.sample_grid.setContentsMargins(16, 12, 16, 12)
        self.sample_grid.setHorizontalSpacing(18)
        self.sample_grid.setVerticalSpacing(8)
        self.sample_grid.setColumnStretch(1, 1)
        self.sample = label("")  # the same lines as plain text, for screen readers
        self.sample.setObjectName("importSample")
        self.sample.setAccessibleName("The first few entries")
        self.sample.hide()
        self.problems = Banner("notice")
        self.problems.setObjectName("importProblems")
        layout.addWidget(self.summary)
        layout.addWidget(self.source_line)
        layout.addSpacing(2)
        layout.addWidget(self.duplicates)
        self.details = import_tend.DetailLines()  # a merge's sentences
        self.details.hide()
        layout.addWidget(self.details)
        layout.addSpacing(6)
        layout.addWidget(self.sample_heading)
        layout.addWidget(self.sample_card)
        layout.addWidget(self.sample)
        layout.addWidget(self.problems)
        layout.addStretch(1)

    def _build_done(self) -> None:
        layout = QVBoxLayout(self.done_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label("Done", "heading"))
        self.done_text = label("", "lead")
        self.done_text.setObjectName("importDone")
        self.done_text.setAccessibleName("What was imported")
        layout.addWidget(self.done_text)
        self.done_problems = label("", "muted")
        layout.addWidget(self.done_problems)
        self.source_note = label(SOURCE_NOTE, "muted")
        self.source_note.setAccessibleName("About the file you imported from")
        layout.addWidget(self.source_note)
        layout.addStretch(1)

    def _build_buttons(self) -> None:
        self.cancel_button = button("Cancel", "Close without importing", on_click=self.reject)
        self.back_button = button("Back", "Choose another file", on_click=self.go_back)
        self.preview_button = button(
            "Preview…",
            "Read the file and show what would come in; nothing is added yet",
            role="primary",
            on_click=self.preview,
        )
        self.import_button = button(
            "Import",
            "Add the new entries to your journal, all at once",
            role="primary",
            on_click=self.start_import,
        )
        self.close_button = button(
            "Close", "Close this window", role="primary", on_click=self.accept
        )
        self.buttons_row.insertWidget(0, self.back_button)  # left of the stretch
        for widget in (
            self.cancel_button,
            self.preview_button,
            self.import_button,
            self.close_button,
        ):
            self.buttons_row.addWidget(widget)

    # ---------------------------------------------------------------- steps

    def show_step(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        choose, preview, done = (
            page is self.choose_page,
            page is self.preview_page,
            page is self.done_page,
        )
        self.cancel_button.setVisible(not done)
        self.back_button.setVisible(preview)
        self.preview_button.setVisible(choose)
        self.import_button.setVisible(preview)
        self.close_button.setVisible(done)
        default = (
            self.preview_button if choose else self.import_button if preview else self.close_button
        )
        default.setDefault(True)
        self._update_buttons()
        if default.isEnabled():
            default.setFocus()
        else:
            self.cancel_button.setFocus()
        fit_height(self)

    def fmt(self) -> str | None:
        for key, radio in self.format_buttons.items():
            if radio.isChecked():
                return key
        return None

    def set_format(self, fmt: str) -> None:
        self.format_buttons[fmt].setChecked(True)

    def _busy(self) -> bool:
        return self.task is not None and self.task.running

    def _on_kind_changed(self) -> None:
        tend = self.fmt() == TEND
        self.passphrase.setVisible(tend)
        self.folder_button.setVisible(not tend)
        self._update_buttons()
        fit_height(self)

    def _update_buttons(self) -> None:
        busy = self._busy()
        tend = self.fmt() == TEND
        ready = self.source is not None and self.fmt() is not None
        self.preview_button.setEnabled(
            ready and not busy and (not tend or bool(self.passphrase.text()))
        )
        new = 0
        if self.plan is not None:
            new = self.plan.preview.count - (self.plan.preview.duplicates or 0)
        text = f"Import {entries_phrase(new)}" if new else "Nothing new to import"
        if self.merge_plan is not None:
            new = int(self.merge_plan.adds_anything)
            text = import_tend.import_text(self.merge_plan)
        self.import_button.setEnabled(new > 0 and not busy)
        self.import_button.setText(text)
        self.back_button.setEnabled(not busy)
        for widget in (*self.format_buttons.values(), self.file_button, self.folder_button):
            widget.setEnabled(not busy)

    # ---------------------------------------------------------------- choosing

    @Slot()
    def choose_file(self) -> None:
        name, _ = open_file_name(
            self,
            Purpose.IMPORT,
            "Choose the file to import",
            FILE_FILTERS.get(self.fmt() or "", EXPORTS_FILTER),
        )
        if name:
            self.set_source(Path(name))

    @Slot()
    def choose_folder(self) -> None:
        name = existing_folder(self, Purpose.IMPORT, "Choose the folder of notes")
        if name:
            self.set_source(Path(name))

    def set_source(self, path: Path) -> None:
        """Take this file or folder, and guess its kind from a quick look."""
        self.source = Path(path)
        self.plan = self.merge_plan = None
        self.message.clear()
        self.passphrase.clear_problem()
        self.source_label.setText(str(self.source))
        guessed = TEND if is_vault_file(self.source) else guess_format(self.source)
        if guessed is not None:
            self.set_format(guessed)
            self.guess_note.setText(f"This looks like: {SOURCE_NAMES[guessed]}.")
        else:
            self.guess_note.setText("Tend could not tell what kind of file this is; choose above.")
        self._update_buttons()

    # ---------------------------------------------------------------- preview

    @Slot()
    def preview(self) -> None:
        fmt = self.fmt()
        if self.source is None or fmt is None or self._busy() or not self.service.is_unlocked:
            return
        if fmt == TEND and not self.passphrase.text():
            self.passphrase.retype()
            return
        self.message.clear()
        self.passphrase.clear_problem()
        if fmt == TEND:
            self.task = self.service.transfer.preview_merge(self.source, self.passphrase.text())
            self.task.succeeded.connect(self._on_merge_previewed)
        else:
            self.task = self.service.transfer.preview_import(self.source, fmt)
            self.task.succeeded.connect(self._on_previewed)
        self.task.failed.connect(self._on_failed)
        self.progress.follow(self.task, f"Reading {self.source.name}… nothing is added yet.")
        self._update_buttons()

    @Slot(object)
    def _on_previewed(self, plan: object) -> None:
        if not self.isVisible() or not isinstance(plan, ImportPlan):
            return
        self.plan = plan
        shown = plan.preview
        kind = KIND_NAMES.get(shown.format, shown.format)
        self.source_line.setText(f"Read from {shown.source}, {kind}. Nothing is added yet.")
        if shown.count == 0:
            self.summary.setText("There are no entries in it to bring in.")
        elif shown.first and shown.last and day_text(shown.first) != day_text(shown.last):
            self.summary.setText(
                f"{entries_phrase(shown.count)}, written from {day_text(shown.first)} "
                f"to {day_text(shown.last)}."
            )
        else:
            self.summary.setText(
                f"{entries_phrase(shown.count)}, written on {day_text(shown.first)}."
            )
        duplicates = shown.duplicates or 0
        if duplicates == shown.count and shown.count:
            self.duplicates.setText("All of them are already in your journal.")
        elif duplicates:
            verb = "is" if duplicates == 1 else "are"
            self.duplicates.setText(
                f"{entries_phrase(duplicates)} of them {verb} already in your journal "
                "and will be skipped."
            )
        else:
            self.duplicates.setText("None of them is in your journal yet.")
        self.duplicates.show()
        self.details.clear()
        self._show_sample([(item.created, item.title) for item in shown.sample])
        if shown.problems:
            self.problems.show_message("\n".join(shown.problems), title="Good to know")
        else:
            self.problems.clear()
        self.show_step(self.preview_page)

    def _show_sample(self, items: list[tuple[datetime, str]]) -> None:
        """The first few entries: day on the left, title on the right, one line each."""
        self._clear_sample()
        lines = []
        for row_index, (created, text) in enumerate(items[:SAMPLE_SIZE]):
            day = label(day_text(created), "muted", wrap=False)
            title = label(text or "Untitled", wrap=False)
            title.setMinimumWidth(1)  # long titles are cut, not the window widened
            self.sample_grid.addWidget(day, row_index, 0)
            self.sample_grid.addWidget(title, row_index, 1)
            lines.append(f"{day.text()} · {title.text()}")
        self.sample.setText("\n".join(lines))
        self.sample_card.setAccessibleDescription(self.sample.text())
        self.sample_card.setVisible(bool(lines))
        self.sample_heading.setVisible(bool(lines))

    @Slot(object)
    def _on_merge_previewed(self, plan: object) -> None:
        """What another Tend journal would add: describe()'s sentences, as the CLI says them."""
        from journal_app.journal.merge import MergePlan, describe

        if not self.isVisible() or not isinstance(plan, MergePlan):
            return
        self.merge_plan = plan
        lines = describe(plan)
        self.summary.setText(lines[0])
        self.source_line.setText(import_tend.source_line(plan))
        self.duplicates.hide()
        self.details.set_lines(lines[1:])
        self._show_sample([(entry.created, entry.title) for entry in plan.entries])
        self.problems.clear()
        self.show_step(self.preview_page)

    @Slot()
    def go_back(self) -> None:
        self.plan = self.merge_plan = None
        self.message.clear()
        self._forget_preview()
        self.show_step(self.choose_page)

    def _clear_sample(self) -> None:
        clear_layout(self.sample_grid)

    def _forget_preview(self) -> None:
        for widget in (self.summary, self.source_line, self.duplicates, self.sample, self.details):
            widget.clear()
        self.sample_card.setAccessibleDescription("")
        self._clear_sample()
        self.problems.clear()

    # ---------------------------------------------------------------- import

    @Slot()
    def start_import(self) -> None:
        if self.merge_plan is not None and not self._busy() and self.service.is_unlocked:
            self.message.clear()
            self.task = self.service.transfer.merge(self.merge_plan)
            self.task.succeeded.connect(self._on_merged)
            self.task.failed.connect(self._on_failed)
            self.progress.follow(self.task, import_tend.progress_text(self.merge_plan))
            self._update_buttons()
            return
        if self.plan is None or self._busy() or not self.service.is_unlocked:
            return
        self.message.clear()
        new = self.plan.preview.count - (self.plan.preview.duplicates or 0)
        self.task = self.service.transfer.import_entries(self.plan.parsed)
        self.task.succeeded.connect(self._on_imported)
        self.task.failed.connect(self._on_failed)
        self.progress.follow(self.task, f"Adding {entries_phrase(new)} to your journal…")
        self._update_buttons()

    @Slot(object)
    def _on_imported(self, done: object) -> None:
        if not isinstance(done, ImportDone):
            return
        self.plan = None
        self._forget_preview()
        report = done.report
        self.imported.emit(report)
        if not self.isVisible():
            return
        self.done_text.setText(done_message(report.imported, report.skipped_duplicates))
        self.done_problems.setText("\n".join(report.problems))
        self.done_problems.setVisible(bool(report.problems))
        self.source_note.setVisible(True)
        self.show_step(self.done_page)

    @Slot(object)
    def _on_merged(self, report: MergeReport) -> None:
        plan, self.merge_plan = self.merge_plan, None
        self._forget_preview()
        self.passphrase.clear()
        self.imported.emit(report)
        if not self.isVisible() or plan is None:
            return
        self.done_text.setText(import_tend.done_text(report, plan.source))
        self.done_problems.setText(import_tend.done_note(plan))
        self.done_problems.setVisible(True)
        self.source_note.setVisible(False)  # that file is encrypted: nothing to delete
        self.show_step(self.done_page)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._update_buttons()
        if not self.isVisible():
            return
        if self.fmt() == TEND and self.source is not None and not isinstance(error, Cancelled):
            title, text = import_tend.error_text(error, self.source)
            if self.merge_plan is None:  # the preview failed: correct it and try again
                self.show_step(self.choose_page)
                self.passphrase.show_problem(text, title)
            else:
                self.message.show_message(text, title=title)
            fit_height(self)
        elif isinstance(error, Cancelled):
            self.message.show_message("Stopped. Nothing was imported.")
            fit_height(self)
        elif isinstance(error, ImportFormatError):
            self.message.show_message(
                f"{error}\n\nNothing was imported.", title="Tend could not read this file"
            )
            self.plan = None
            self._forget_preview()
            self.show_step(self.choose_page)
        else:
            advice = advice_for(error if isinstance(error, BaseException) else Exception())
            self.message.show_message(
                f"{advice.message} Nothing was imported.", title="The import could not be made"
            )
            fit_height(self)

    # ---------------------------------------------------------------- closing

    def forget(self) -> None:
        """Closing (or a lock) drops the source's entries, the preview, and a passphrase."""
        self.plan = self.merge_plan = None
        self.passphrase.clear()
        self._forget_preview()


__all__ = ["ImportDialog", "done_message"]
