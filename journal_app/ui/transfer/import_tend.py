"""The Import dialog's fourth source: another Tend journal or backup (a merge).

For one journal kept on two computers, an old backup, or a second journal of the
person's own. The words follow the command line's (``tend import --from tend``,
journal_app/cli_merge.py); the work is :mod:`journal_app.journal.merge`, run by
the service on its worker (``preview_merge`` and ``merge``).

The window does not keep this journal's passphrase in memory, so the other
file's passphrase is asked for, with a gentle note that it is often the same.
It is held only in its field, and forgotten when the dialog closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from journal_app.ui.common.widgets import Banner, clear_layout, label, secret_field
from journal_app.vault import (
    Cancelled,
    DamagedVault,
    NewerVersion,
    NotAVault,
    VaultInUse,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from journal_app.journal.merge import MergePlan, MergeReport

TEND = "tend"
TEND_NAME = "Another Tend journal or backup"
TEND_TIP = (
    "A copy of this journal from another computer, a backup, or another journal of "
    "yours. It is only read, never changed."
)
TEND_FILTER = "Tend journals and backups (*.tend);;All files (*)"
PASSPHRASE_NOTE = "Often the same as this journal's, which Tend does not keep in memory."
NOTHING_IMPORTED = "Nothing was imported."


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class DetailLines(QWidget):
    """The preview's sentences after the first, one label each, a little apart, so
    that a sentence that wraps still reads as one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDetails")
        self.setAccessibleName("More about what will come in")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._lines: list[str] = []

    def set_lines(self, lines: list[str]) -> None:
        clear_layout(self._layout)
        self._lines = list(lines)
        for line in self._lines:
            self._layout.addWidget(label(line))
        self.setAccessibleDescription(" ".join(self._lines))
        self.setVisible(bool(self._lines))

    def text(self) -> str:
        return "\n".join(self._lines)

    def clear(self) -> None:
        self.set_lines([])


class PassphraseSection(QWidget):
    """The passphrase section, a hidden field and a gentle note: for a Tend file only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("Its passphrase", "subheading")
        self.field = secret_field(
            "Passphrase of the other journal",
            "The passphrase that opens the journal or backup you chose",
            "Its passphrase",
        )
        self.field.setObjectName("mergePassphrase")
        self.note = label(PASSPHRASE_NOTE, "muted")
        self.note.setAccessibleName("About its passphrase")
        # Why the file did not open (a wrong passphrase, not a journal...), in the note's
        # place: next to what can be corrected, and no taller a window on a small screen.
        self.problem = Banner("error")
        self.problem.setObjectName("mergeProblem")
        self.field.textEdited.connect(lambda _text: self.clear_problem())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.field)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)

    def text(self) -> str:
        return self.field.text()

    def clear(self) -> None:
        self.field.clear()
        self.clear_problem()

    def retype(self) -> None:
        """The passphrase to type (again): the field focused, its text selected."""
        self.field.setFocus()
        self.field.selectAll()

    def show_problem(self, text: str, title: str = "") -> None:
        """Why the chosen file did not open; the field is ready to type over."""
        self.note.setVisible(False)
        self.problem.show_message(text, title=title)
        self.retype()

    def clear_problem(self) -> None:
        self.problem.clear()
        self.note.setVisible(True)


def source_line(plan: MergePlan) -> str:
    kind = "a copy of this journal" if plan.copy_of_this else "another Tend journal"
    return f"Read from {plan.source}, {kind}. Nothing is added yet; that file is only read."


def import_text(plan: MergePlan | None) -> str:
    """The Import button's words."""
    if plan is None or not plan.adds_anything:
        return "Nothing new to import"
    if plan.entries:
        return f"Import {_plural(len(plan.entries), 'entry', 'entries')}"
    return "Import"


def progress_text(plan: MergePlan) -> str:
    if plan.entries:
        return f"Adding {_plural(len(plan.entries), 'entry', 'entries')} to your journal…"
    return "Adding to your journal…"


def done_text(report: MergeReport, source: Path) -> str:
    """What came in, in one sentence (the command line says the first part too)."""
    parts = [_plural(report.entries, "entry", "entries")] if report.entries else []
    if report.people:
        parts.append(_plural(report.people, "person", "people") + " in My people")
    if report.plan_sections:
        sections = _plural(report.plan_sections, "section", "sections")
        parts.append(f"words in {sections} of My plan")
    if report.packs:
        parts.append(_plural(report.packs, "prompt pack", "prompt packs"))
    if not parts:
        return f"Nothing new came in from {source.name}."
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Brought in {listed} from {source.name}."


def done_note(plan: MergePlan) -> str:
    note = f"{plan.source.name} was left as it was."
    if plan.copy_of_this:
        note += (
            " Once you no longer write in it, keep only this journal, so that both copies "
            "do not grow apart again."
        )
    return note


def error_text(error: object, source: Path) -> tuple[str, str]:
    """A failed preview or merge, as (title, sentence); the person can try again."""
    name = source.name
    if isinstance(error, Cancelled):
        return "", f"Stopped. {NOTHING_IMPORTED}"
    if isinstance(error, WrongPassphrase):
        return "", (
            f"That passphrase does not open {name}. It opens with the passphrase that "
            "journal had when this copy of it was made. Please try again."
        )
    if isinstance(error, NewerVersion):
        return "Tend could not read this file", (
            f"{name} was written by a newer version of Tend. Please update Tend to bring "
            f"it in. {NOTHING_IMPORTED}"
        )
    if isinstance(error, VaultInUse):
        return "Tend could not read this file", (
            f"{name} is open in another Tend window or program. Close it there, then try "
            f"again. {NOTHING_IMPORTED}"
        )
    if isinstance(error, DamagedVault):
        return "Tend could not read this file", (
            f"{name} is damaged and cannot be read; it was not changed. {NOTHING_IMPORTED}"
        )
    if isinstance(error, NotAVault):
        return "Tend could not read this file", (
            f"{name} is not a Tend journal or backup. Choose another file. {NOTHING_IMPORTED}"
        )
    from journal_app.journal.merge import SameJournal  # the store is loaded by now
    from journal_app.ui.common.errors import advice_for

    if isinstance(error, SameJournal):
        return "", f"{error} {NOTHING_IMPORTED}"
    advice = advice_for(error if isinstance(error, BaseException) else Exception())
    return "The import could not be made", f"{advice.message} {NOTHING_IMPORTED}"


__all__ = [
    "PASSPHRASE_NOTE",
    "TEND",
    "TEND_FILTER",
    "TEND_NAME",
    "TEND_TIP",
    "DetailLines",
    "PassphraseSection",
    "done_note",
    "done_text",
    "error_text",
    "import_text",
    "progress_text",
    "source_line",
]
