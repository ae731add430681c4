"""My people: the people and services the person could reach out to when things are hard.

A list at the left, and the chosen person's details at the right: their name, who
they are, how to reach them, a note. Only the person can see them; Tend never
contacts anyone. Support shows them first while the journal is open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.personal import (
    DEFAULT_RELATIONSHIP,
    MAX_FIELD_CHARS,
    PEOPLE_TITLE,
    Person,
    PersonalTemplate,
)
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.questions import confirm
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import button, label
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.support.dialog_parts import dialog_layout
from journal_app.ui.support.personal import (
    STATUS_NOT_SAVED,
    STATUS_SAVED,
    GrowingTextEdit,
    PersonalDialog,
    support_button,
)
from journal_app.vault import VaultError

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
REMOVE_TITLE = "Remove from my people?"
PEOPLE_SHORTCUT = "Ctrl+Shift+P"


def _field_label(text: str, buddy: QWidget) -> QWidget:
    widget = label(text, wrap=False)
    widget.setTextFormat(Qt.TextFormat.AutoText)  # "&" marks the Alt key, as on buttons
    widget.setBuddy(buddy)
    return widget


class PeopleDialog(PersonalDialog):
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
        open_over_parent(self)
        self._build()
        self.reload()

    # ------------------------------------------------------------- building

    def _build(self) -> None:
        outer = dialog_layout(self, PEOPLE_TITLE, PEOPLE_INTRO)
        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(self._build_side())
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_empty())
        self.pages.addWidget(self._build_form())
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)

        self.support_button = support_button(self.support_requested.emit)
        self.close_button = button(
            "Close", "Close My people; everything is saved", on_click=self.close
        )
        outer.addLayout(self._footer(self.support_button, self.close_button))

        self.name.textChanged.connect(self._on_edited)
        self.reach.textChanged.connect(self._on_edited)
        self.note.textChanged.connect(self._on_edited)
        self.relationship.currentIndexChanged.connect(self._on_edited)
        self.list.installEventFilter(self)  # Delete in the list: remove (after asking)
        self._window_keys()
        self._set_tab_order()

    def _build_side(self) -> QWidget:
        """The list of people, with Add and Remove below it."""
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
        return self.side

    def _build_empty(self) -> QFrame:
        """What shows before anyone is added: a word, and Add a person."""
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
        return self.empty

    def _build_form(self) -> QFrame:
        """The chosen person's details, each field with its label above it."""
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
        return self.form

    def _set_tab_order(self) -> None:
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
        if not confirm(
            self,
            REMOVE_TITLE,
            f"Remove {name} from your people? Their details will be deleted from your journal.",
            "Remove",
            "Keep",
        ):
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
