"""My people and my plan for hard moments: the person's own help, in their own words.

Both dialogs edit what lives sealed in the vault, through the service only, and
save as the person types (a short pause, as in the journal editor). They hold
text only while the journal is open: the main window flushes and clears them
before it locks. Nothing here scores, counts or dates anything, and nothing is
ever sent anywhere. A copy outside the vault (print, Markdown, PDF) is made only
when the person asks, after a plain word that a saved file is not encrypted.
"""

from __future__ import annotations

import errno
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMarginsF,
    QObject,
    QPoint,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QShortcut,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.files import atomic_write_bytes
from journal_app.journal.personal import (
    DEFAULT_RELATIONSHIP,
    MAX_FIELD_CHARS,
    PEOPLE_TITLE,
    PLAN_TITLE,
    Person,
    PersonalTemplate,
    Plan,
    PlanSection,
    load_template,
    plan_to_markdown,
)
from journal_app.ui.common.country import help_lines, system_country, uses_letter_paper
from journal_app.ui.common.debounce import Debouncer
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import FILE_DIALOG
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import button, label
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError, VaultExists

SAVE_DELAY_MS = 700
SAVE_MAX_WAIT_MS = 4_000

STATUS_SAVED = "Saved"
STATUS_NOT_SAVED = "Not saved yet"

PEOPLE_INTRO = (
    "The people and services you could reach out to when things are hard. Only you can "
    "see them: they are kept in your encrypted journal, and Tend never contacts anyone."
)
PEOPLE_EMPTY_TITLE = "No one here yet"
PEOPLE_EMPTY = (
    "You could add a friend, someone in your family, your therapist, your GP or a "
    "service: whoever you might reach out to when things are hard."
)
NEW_PERSON = "Someone new"
PLAN_INTRO = (
    "Your own words, for when things feel hard. Write as much or as little as you like; "
    "the ideas are only suggestions, to take or leave."
)
PLAN_PRIVATE = (
    "Only you can see this plan: it stays in your encrypted journal and is never sent anywhere."
)
IDEAS_LABEL = "Ideas you could add"
EXPORT_TITLE = "Save a copy of your plan"
EXPORT_WARNING = "The copy you save is not encrypted."
EXPORT_DETAIL = (
    "Anyone who can open the file can read your plan. Keep it somewhere private, "
    "or print it instead."
)
EXPORT_FILTERS = "Markdown (*.md);;PDF (*.pdf)"
EXPORT_NAME = "My plan"
REMOVE_TITLE = "Remove from my people?"
PEOPLE_SHORTCUT = "Ctrl+Shift+P"
PLAN_SHORTCUT = "Ctrl+Shift+M"

# Plan boxes grow with what is written, between these many lines.
MIN_LINES = 3
MAX_LINES = 14


def _field_label(text: str, buddy: QWidget) -> QWidget:
    widget = label(text, wrap=False)
    widget.setTextFormat(Qt.TextFormat.AutoText)  # "&" marks the Alt key, as on buttons
    widget.setBuddy(buddy)
    return widget


def _export_problem(error: BaseException) -> str:
    """Why a copy could not be written, about the copy (not about the journal)."""
    if isinstance(error, VaultExists):
        return str(error)
    if isinstance(error, PermissionError):
        return "Tend is not allowed to write in that folder. Please choose another place."
    if getattr(error, "errno", None) == errno.ENOSPC:
        return "The disk is full. Please free some space or choose another place."
    return "The file could not be written there. Please choose another place."


def _support_button(on_click: Callable[[], object]) -> QPushButton:
    return button(
        "Support",
        "If you need to talk to someone now: helplines for your country (F1)",
        role="support",
        on_click=on_click,
    )


def _window_keys(dialog: PeopleDialog | PlanDialog) -> None:
    """F1 (Support) and Ctrl+L (lock) work here too, as in the main window."""
    seen: list[QKeySequence] = []
    for sequence, signal in (
        (QKeySequence(QKeySequence.StandardKey.HelpContents), dialog.support_requested),
        (QKeySequence("F1"), dialog.support_requested),
        (QKeySequence("Ctrl+L"), dialog.lock_requested),
    ):
        if sequence.isEmpty() or sequence in seen:
            continue  # one shortcut per key: two would cancel each other out
        seen.append(sequence)
        shortcut = QShortcut(sequence, dialog)
        shortcut.activated.connect(signal.emit)


class GrowingTextEdit(QPlainTextEdit):
    """A plain text box that grows with its text (within limits); Tab moves on."""

    def __init__(
        self, parent: QWidget | None = None, *, min_lines: int = MIN_LINES, role: str = "field"
    ) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        set_role(self, role)  # "field": the plan's roomy text; "note": form-sized text
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    @Slot()
    def _fit(self, *_args: object) -> None:
        """As tall as the text plus one free line, within MIN_LINES and MAX_LINES."""
        lines = int(self.document().documentLayout().documentSize().height()) + 1
        lines = max(self._min_lines, min(MAX_LINES, lines))
        margins = self.contentsMargins()  # the stylesheet's border and padding
        extra = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + extra + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def wipe(self) -> None:
        """No text and no undo history left behind."""
        self.setPlainText("")
        self.document().clearUndoRedoStacks()


class FlowLayout(QLayout):
    """Lays widgets out in rows, wrapping like words (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x = area.x()
                y += line + self._spacing
                line = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


# ------------------------------------------------------------------ my people


def _dialog_layout(dialog: QDialog, title: str, intro: str) -> QVBoxLayout:
    """The People and Plan dialogs' layout, begun with their heading and lead."""
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(28, 24, 28, 18)
    outer.setSpacing(12)
    heading = label(title, "heading")
    heading.setAccessibleName(title)
    outer.addWidget(heading)
    outer.addWidget(label(intro, "lead"))
    return outer


class _PersonalDialog(QDialog):
    """What My people and My plan share: the service, the template, autosave.

    Edits are saved a moment after typing stops (``save_now`` in the subclass);
    closing, for any reason, saves what is pending first.
    """

    support_requested = Signal()
    lock_requested = Signal()  # Ctrl+L here locks Tend, as it does in the main window

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None,
        template: PersonalTemplate | None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.template = template or load_template()
        self._dirty = False
        self._saver = Debouncer(SAVE_DELAY_MS, SAVE_MAX_WAIT_MS, self.save_now, self)

    def save_now(self) -> bool:
        raise NotImplementedError

    def flush(self) -> bool:
        """Save pending edits now (before switching, closing or locking)."""
        return self.save_now()

    def done(self, result: int) -> None:
        self.flush()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)


class PeopleDialog(_PersonalDialog):
    """The person's own list: name, who they are, how to reach them, a note."""

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        template: PersonalTemplate | None = None,
    ) -> None:
        super().__init__(service, parent, template)
        self._people: list[Person] = []
        self._current: str | None = None
        self._loading = False
        self.setWindowTitle(PEOPLE_TITLE)
        self.setObjectName("PeopleDialog")
        self.setMinimumSize(640, 480)
        self.resize(780, 560)
        self._build()
        self.reload()

    # ------------------------------------------------------------- building

    def _build(self) -> None:
        outer = _dialog_layout(self, PEOPLE_TITLE, PEOPLE_INTRO)

        body = QHBoxLayout()
        body.setSpacing(18)
        self.side = QWidget()
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(8)
        self.list = QListWidget()
        set_role(self.list, "nav")
        self.list.setAccessibleName("Your people")
        self.list.setToolTip("Choose someone to see or change their details")
        self.list.setMinimumWidth(220)
        self.list.setMaximumWidth(280)
        self.list.currentItemChanged.connect(self._on_current_changed)
        side.addWidget(self.list, 1)
        self.add_button = button(
            "&Add a person",
            "Add someone you could reach out to",
            role="primary",
            accessible_name="Add a person",
            on_click=self.add_person,
        )
        self.remove_button = button(
            "Remove…",
            "Remove the chosen person from your list",
            role="link",
            accessible_name="Remove the chosen person",
            on_click=self.remove_current,
        )
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.side)

        self.pages = QStackedWidget()
        self.empty = QFrame()
        set_role(self.empty, "card")
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(40, 36, 40, 36)
        empty_layout.setSpacing(10)
        empty_layout.addStretch(1)
        empty_title = label(PEOPLE_EMPTY_TITLE, "subheading")
        empty_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addWidget(empty_title)
        self.empty_label = label(PEOPLE_EMPTY, "muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addSpacing(8)
        self.empty_add_button = button(
            "Add a person",
            "Add someone you could reach out to",
            role="primary",
            on_click=self.add_person,
        )
        empty_layout.addWidget(self.empty_add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.pages.addWidget(self.empty)

        self.form = QFrame()
        set_role(self.form, "card")
        form = QVBoxLayout(self.form)
        form.setContentsMargins(22, 18, 22, 18)
        form.setSpacing(6)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.name.setToolTip("Their name, or what you call them")
        self.name.setPlaceholderText("Their name, or what you call them")
        self.name.setMaxLength(MAX_FIELD_CHARS)
        self.relationship = QComboBox()
        self.relationship.setAccessibleName("Who they are")
        self.relationship.setToolTip("Who they are to you")
        self.relationship.setMinimumHeight(32)
        for item in self.template.relationships:
            self.relationship.addItem(item.label, item.id)
        self.reach = QLineEdit()
        self.reach.setAccessibleName("How to reach them")
        self.reach.setToolTip("A phone number, an email address, or where to find them")
        self.reach.setPlaceholderText("A phone number, an email, or where to find them")
        self.reach.setMaxLength(MAX_FIELD_CHARS)
        self.note = GrowingTextEdit(min_lines=3, role="note")
        self.note.setAccessibleName("A note")
        self.note.setToolTip("Anything that helps: the best time to call, what to say")
        self.note.setPlaceholderText(
            "If you like: the best time to reach them, or what you might say"
        )
        for text, widget, gap in (
            ("&Name", self.name, 0),
            ("&Who they are", self.relationship, 8),
            ("How to &reach them", self.reach, 8),
            ("A n&ote, if you like", self.note, 8),
        ):
            if gap:
                form.addSpacing(gap)
            form.addWidget(_field_label(text, widget))
            form.addWidget(widget)
        form.addStretch(1)
        self.pages.addWidget(self.form)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)

        footer = QHBoxLayout()
        footer.setSpacing(10)
        self.status = label("", "small", wrap=False)
        self.status.setAccessibleName("Saving")
        footer.addWidget(self.status)
        footer.addStretch(1)
        self.support_button = _support_button(self.support_requested.emit)
        footer.addWidget(self.support_button)
        self.close_button = button(
            "Close", "Close My people; everything is saved", on_click=self.close
        )
        footer.addWidget(self.close_button)
        outer.addLayout(footer)

        self.name.textChanged.connect(self._on_edited)
        self.reach.textChanged.connect(self._on_edited)
        self.note.textChanged.connect(self._on_edited)
        self.relationship.currentIndexChanged.connect(self._on_edited)
        self.list.installEventFilter(self)  # Delete in the list: remove (after asking)
        _window_keys(self)

        for first, second in (
            (self.list, self.add_button),
            (self.add_button, self.remove_button),
            (self.remove_button, self.name),
            (self.name, self.relationship),
            (self.relationship, self.reach),
            (self.reach, self.note),
            (self.note, self.support_button),
            (self.support_button, self.close_button),
        ):
            self.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.list if self._people else self.empty_add_button).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.remove_current()
            return True
        return super().eventFilter(watched, event)

    # -------------------------------------------------------------- content

    def people(self) -> list[Person]:
        """What the dialog holds now, including unsaved edits to the current person."""
        return [self._from_form() if p.id == self._current else p for p in self._people]

    def reload(self) -> None:
        """Show what the journal holds (after unlock, or when opened again)."""
        if not self.flush():
            return  # what is typed stays on screen, and the status line says why
        self._people = list(self.service.people())
        self._dirty = False
        self._fill_list(self._people[0].id if self._people else None)

    def _label_for(self, person: Person) -> str:
        return person.name.strip() or NEW_PERSON

    def _fill_list(self, select: str | None) -> None:
        self._loading = True
        try:
            self.list.clear()
            for person in self._people:
                item = QListWidgetItem(self._label_for(person))
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                kind = self.template.relationship_label(person.relationship)
                item.setToolTip(kind)
                self.list.addItem(item)
        finally:
            self._loading = False
        self._current = None
        row = next((i for i, p in enumerate(self._people) if p.id == select), -1)
        if row >= 0:
            self.list.setCurrentRow(row)
        self._show_person(self._people[row] if row >= 0 else None)

    def _show_person(self, person: Person | None) -> None:
        self._loading = True
        try:
            self._current = person.id if person else None
            self.name.setText(person.name if person else "")
            index = self.relationship.findData(person.relationship if person else "")
            if index < 0:
                index = self.relationship.findData(DEFAULT_RELATIONSHIP)
            self.relationship.setCurrentIndex(max(index, 0))
            self.reach.setText(person.reach if person else "")
            self.note.setPlainText(person.note if person else "")
            self.note.document().clearUndoRedoStacks()
        finally:
            self._loading = False
        self.pages.setCurrentWidget(self.form if person else self.empty)
        self.remove_button.setEnabled(person is not None)
        self.side.setVisible(bool(self._people))

    def _from_form(self) -> Person:
        return Person(
            id=self._current or "",
            name=self.name.text(),
            relationship=str(self.relationship.currentData() or DEFAULT_RELATIONSHIP),
            reach=self.reach.text(),
            note=self.note.toPlainText(),
        )

    @Slot()
    def _on_edited(self, *_args: object) -> None:
        if self._loading or self._current is None:
            return
        self._dirty = True
        self.status.setText("")
        item = self.list.currentItem()
        if item is not None:
            person = self._from_form()
            item.setText(self._label_for(person))
            item.setToolTip(self.template.relationship_label(person.relationship))
        self._saver.poke()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if self._loading:
            return
        self.flush()
        person_id = current.data(Qt.ItemDataRole.UserRole) if current else None
        self._show_person(next((p for p in self._people if p.id == person_id), None))

    # --------------------------------------------------------------- saving

    @Slot()
    def save_now(self) -> bool:
        """Seal the current person now; False (and a quiet word) if it could not be."""
        self._saver.cancel()
        if not self._dirty or self._current is None:
            return True
        person = self._from_form()
        saved_ids = {p.id for p in self.service.people()} if self.service.is_unlocked else set()
        if person.is_blank and person.id not in saved_ids:
            self._remember(person)  # nothing typed yet: nothing to keep
            self._dirty = False
            return True
        try:
            self.service.save_person(person)
        except (VaultError, OSError) as exc:
            self.status.setText(f"{STATUS_NOT_SAVED}. {advice_for(exc).message}")
            return False
        self._remember(person)
        self._dirty = False
        self.status.setText(STATUS_SAVED)
        return True

    def _remember(self, person: Person) -> None:
        self._people = [person if p.id == person.id else p for p in self._people]

    def clear(self) -> None:
        """Forget everything shown; nothing is saved. Used when Tend locks."""
        self._saver.cancel()
        self._dirty = False
        self._loading = True
        try:
            self._people = []
            self._current = None
            self.list.clear()
            self.name.clear()
            self.name.setModified(False)
            self.reach.clear()
            self.note.wipe()
            self.relationship.setCurrentIndex(0)
        finally:
            self._loading = False
        self.status.setText("")
        self.pages.setCurrentWidget(self.empty)
        self.side.setVisible(False)

    # -------------------------------------------------------------- actions

    @Slot()
    def add_person(self) -> None:
        if not self.flush():
            return
        person = Person.new()
        self._people.append(person)
        self._fill_list(person.id)
        self.name.setFocus()

    @Slot()
    def remove_current(self) -> None:
        if self._current is None:
            return
        person = self._from_form()
        name = person.name.strip() or "this person"
        answer = QMessageBox.question(
            self,
            REMOVE_TITLE,
            f"Remove {name} from your people? Their details will be deleted from your journal.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._saver.cancel()
        self._dirty = False
        row = next((i for i, p in enumerate(self._people) if p.id == person.id), 0)
        try:
            if person.id in {p.id for p in self.service.people()}:
                self.service.remove_person(person.id)
        except (VaultError, OSError) as exc:
            self.status.setText(f"Not removed. {advice_for(exc).message}")
            return
        self._people = [p for p in self._people if p.id != person.id]
        following = self._people[min(row, len(self._people) - 1)].id if self._people else None
        self._fill_list(following)
        self.status.setText("Removed")
        (self.list if self._people else self.empty_add_button).setFocus()


# -------------------------------------------------------------------- my plan


class SectionEditor(QWidget):
    """One part of the plan: heading, a gentle line, the person's box, ideas to add."""

    changed = Signal()

    def __init__(self, section: PlanSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        title = label(section.title, "subheading")
        title.setAccessibleName(section.title)
        layout.addWidget(title)
        if section.description:
            layout.addWidget(label(section.description, "muted"))
        self.edit = GrowingTextEdit()
        self.edit.setAccessibleName(section.title)
        self.edit.setToolTip(f"{section.title}: in your own words")
        self.edit.setPlaceholderText(section.placeholder)
        title.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.chips: list[QPushButton] = []
        if section.ideas:
            layout.addSpacing(2)
            layout.addWidget(label(IDEAS_LABEL, "small"))
            holder = QWidget()
            flow = FlowLayout(holder, spacing=8)
            for idea in section.ideas:
                chip = button(
                    f"+ {idea}",
                    "Add this idea to your plan; change it into your own words if you like",
                    role="chip",
                    accessible_name=f"Add to my plan: {idea}",
                )
                chip.setCursor(Qt.CursorShape.PointingHandCursor)
                chip.clicked.connect(lambda _=False, text=idea: self.add_idea(text))
                flow.addWidget(chip)
                self.chips.append(chip)
            layout.addWidget(holder)
        self.edit.textChanged.connect(self._on_text_changed)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        blocker = self.edit.blockSignals(True)
        try:
            self.edit.setPlainText(text)
            self.edit.document().clearUndoRedoStacks()
        finally:
            self.edit.blockSignals(blocker)
        self.edit._fit()
        self._update_chips()

    @Slot(str)
    def add_idea(self, idea: str) -> None:
        """Add an idea on a line of its own, where the person can make it theirs."""
        if idea.casefold() in self.text().casefold():
            return
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        current = self.text()
        prefix = "" if not current or current.endswith("\n") else "\n"
        cursor.insertText(f"{prefix}{idea}")
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def _update_chips(self) -> None:
        folded = self.text().casefold()
        for chip, idea in zip(self.chips, self.section.ideas, strict=True):
            there = idea.casefold() in folded
            chip.setEnabled(not there)
            chip.setToolTip(
                "Already in your plan"
                if there
                else "Add this idea to your plan; change it into your own words if you like"
            )

    @Slot()
    def _on_text_changed(self) -> None:
        self._update_chips()
        self.changed.emit()

    def wipe(self) -> None:
        blocker = self.edit.blockSignals(True)
        try:
            self.edit.wipe()
        finally:
            self.edit.blockSignals(blocker)
        self._update_chips()


class PlanDialog(_PersonalDialog):
    """My plan for hard moments: the blank template, filled in only by the person."""

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        template: PersonalTemplate | None = None,
        settings: AppSettings | None = None,
    ) -> None:
        super().__init__(service, parent, template)
        self.settings = settings  # its country: the help lines on paper and in copies
        self._loaded = Plan()
        self.editors: dict[str, SectionEditor] = {}
        self.setWindowTitle(PLAN_TITLE)
        self.setObjectName("PlanDialog")
        self.setMinimumSize(600, 520)
        self.resize(780, 820)
        self._build()
        self.reload()

    def _build(self) -> None:
        outer = _dialog_layout(self, PLAN_TITLE, PLAN_INTRO)
        outer.addWidget(label(PLAN_PRIVATE, "muted"))
        outer.addSpacing(4)

        content = QWidget()
        self.sections_layout = QVBoxLayout(content)
        self.sections_layout.setContentsMargins(0, 6, 14, 6)
        self.sections_layout.setSpacing(28)
        for section in self.template.sections:
            self._add_editor(section)
        self.sections_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAccessibleName("Your plan")
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll, 1)

        footer = QHBoxLayout()
        footer.setSpacing(10)
        self.status = label("", "small", wrap=False)
        self.status.setAccessibleName("Saving")
        footer.addWidget(self.status)
        footer.addStretch(1)
        self.support_button = _support_button(self.support_requested.emit)
        self.print_button = button(
            "&Print…", "Print your plan, with a preview first", on_click=self.print_plan
        )
        self.export_button = button(
            "&Save a copy…",
            "Save your plan as a Markdown or PDF file (not encrypted)",
            on_click=self.save_copy,
        )
        self.close_button = button(
            "Close", "Close your plan; everything is saved", on_click=self.close
        )
        for widget in (
            self.support_button,
            self.print_button,
            self.export_button,
            self.close_button,
        ):
            footer.addWidget(widget)
        outer.addLayout(footer)
        _window_keys(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = next(iter(self.editors.values()), None)
        if first is not None:
            first.edit.setFocus()

    def _add_editor(self, section: PlanSection) -> SectionEditor:
        editor = SectionEditor(section)
        editor.changed.connect(self._on_edited)
        self.editors[section.id] = editor
        self.sections_layout.insertWidget(len(self.editors) - 1, editor)
        return editor

    # -------------------------------------------------------------- content

    def plan(self) -> Plan:
        """The plan as shown now (unsaved typing included), keeping unknown sections."""
        plan = Plan({k: v for k, v in self._loaded.sections.items() if k not in self.editors})
        for section_id, editor in self.editors.items():
            plan = plan.with_text(section_id, editor.text())
        return plan

    def reload(self) -> None:
        """Show the plan the journal holds; anything typed is saved first."""
        if not self.flush():
            return  # what is typed stays on screen, and the status line says why
        self._loaded = self.service.plan()
        known = set(self.editors)
        for section_id, _title, _text in self._loaded.ordered(self.template):
            if section_id not in known:  # written by a newer Tend: shown, never dropped
                self._add_editor(PlanSection(section_id, section_id, "", "", ()))
        for section_id, editor in self.editors.items():
            editor.set_text(self._loaded.text(section_id))
        self._dirty = False
        self.status.setText("")

    @Slot()
    def _on_edited(self) -> None:
        self._dirty = True
        self.status.setText("")
        self._saver.poke()

    @Slot()
    def save_now(self) -> bool:
        self._saver.cancel()
        if not self._dirty:
            return True
        try:
            self._loaded = self.service.save_plan(self.plan())
        except (VaultError, OSError) as exc:
            self.status.setText(f"{STATUS_NOT_SAVED}. {advice_for(exc).message}")
            return False
        self._dirty = False
        self.status.setText(STATUS_SAVED)
        return True

    def clear(self) -> None:
        """Forget everything shown, undo history included; nothing is saved."""
        self._saver.cancel()
        self._dirty = False
        self._loaded = Plan()
        for editor in self.editors.values():
            editor.wipe()
        self.status.setText("")

    # ------------------------------------------------------ print and export

    def markdown(self) -> str:
        return plan_to_markdown(self.plan(), self.template, footer=help_lines(self.country()))

    def document(self) -> QTextDocument:
        """The plan laid out for paper: headings, the person's words, room to write.

        Only their words and the section headings: no placeholders, no ideas.
        """
        h1 = "font-size: 20pt; font-weight: 600; margin-bottom: 10px;"
        h2 = (
            "font-size: 13pt; font-weight: 600; color: #34502f;"
            " margin-top: 20px; margin-bottom: 5px;"
        )
        p = "font-size: 11.5pt; margin-top: 0; margin-bottom: 3px;"
        small = "font-size: 9.5pt; color: #4a4a4a; margin-top: 0; margin-bottom: 2px;"
        parts = [f'<p style="{h1}">{html.escape(PLAN_TITLE)}</p>']
        for _section_id, title, text in self.plan().ordered(self.template):
            parts.append(f'<p style="{h2}">{html.escape(title)}</p>')
            lines = text.strip("\n").split("\n") if text.strip() else ["", "", "", ""]
            # Empty sections keep a few blank lines: room to write by hand.
            parts += [f'<p style="{p}">{html.escape(line) or "&nbsp;"}</p>' for line in lines]
        first, *rest = help_lines(self.country())
        parts.append('<p style="font-size: 10pt; margin: 0;">&nbsp;</p><hr>')
        parts.append(f'<p style="{p} font-weight: 600;">{html.escape(first)}</p>')
        parts += [f'<p style="{small}">{html.escape(line)}</p>' for line in rest]
        document = QTextDocument()
        document.setDocumentMargin(0)
        font = QFont(QApplication.font())
        font.setPointSizeF(11.5)
        document.setDefaultFont(font)
        document.setHtml(f'<body style="color: #222222;">{"".join(parts)}</body>')
        return document

    def country(self) -> str:
        """The country or region chosen in Tend (read each time: Settings may change it)."""
        return self.settings.country if self.settings is not None else system_country()

    def _page_size(self) -> QPageSize:
        letter = uses_letter_paper(self.country())
        return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)

    def pdf_bytes(self) -> bytes:
        """The plan as a PDF, made in memory (it reaches the disk only as the saved file)."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setTitle(PLAN_TITLE)
        writer.setCreator("Tend")
        writer.setPageLayout(
            QPageLayout(
                self._page_size(),
                QPageLayout.Orientation.Portrait,
                QMarginsF(20, 20, 20, 20),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.document().print_(writer)
        del writer
        buffer.close()
        return bytes(data.data())

    @Slot()
    def print_plan(self) -> None:
        """Print, after a preview (Qt's print dialog is one click from the preview)."""
        self.flush()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(self._page_size())
        printer.setDocName(PLAN_TITLE)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(f"Print {PLAN_TITLE.lower()}")
        document = self.document()
        preview.paintRequested.connect(document.print_)
        preview.exec()
        preview.deleteLater()

    @Slot()
    def save_copy(self) -> None:
        """Save the plan as Markdown or PDF, after saying plainly it will not be encrypted."""
        self.flush()
        answer = QMessageBox.information(
            self,
            EXPORT_TITLE,
            f"{EXPORT_WARNING} {EXPORT_DETAIL}",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Save:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / f"{EXPORT_NAME}.md")
        name, chosen = QFileDialog.getSaveFileName(
            self, EXPORT_TITLE, start, EXPORT_FILTERS, "", FILE_DIALOG
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".md", ".pdf"):
            path = path.with_name(path.name + (".pdf" if "pdf" in chosen.lower() else ".md"))
        try:
            data = self.pdf_bytes() if path.suffix.lower() == ".pdf" else self.markdown().encode()
            atomic_write_bytes(path, data)
        except (VaultExists, OSError) as exc:
            QMessageBox.warning(self, "The copy was not saved", _export_problem(exc))
            return
        self.status.setText(f"Saved a copy as {path.name}")
