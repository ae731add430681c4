"""Support: people to talk to now, for the person's country, one key (F1) away.

Reachable from every screen, locked or not, and never needs the journal. It
leads with the local emergency number; when the journal is open, the person's
own people come next (from the encrypted vault, gone again the moment it
locks); then the checked lines for the chosen country, under the headings of
their kind, each with the date it was checked; and always the international
directories, so that anyone, anywhere, finds a line. Numbers are large,
selectable and have a Copy button. Links open in the browser only when the
person clicks them; Tend itself never goes online.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.help import (
    KIND_TITLES,
    HelpCatalogue,
    HelpDataError,
    Resource,
    load_catalogue,
)
from journal_app.journal.personal import (
    PEOPLE_TITLE,
    PLAN_TITLE,
    Person,
    PersonalDataError,
    contact_value,
    load_template,
)
from journal_app.ui.common.clipboard import PERSONAL_CLIPBOARD_MS, SecretClipboard
from journal_app.ui.common.country import (
    CountryBox,
    emergency_sentence,
    system_country,
)
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import PushButton, button, clear_layout, label
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.support.dialog_parts import dialog_layout, scroll_area
from journal_app.vault import VaultError

HEADING = "If you need to talk to someone now"
INTRO = "You do not need to be in crisis to reach out. These services are there to listen."


def gp_line(doctor: str) -> str:
    """Where treatment is talked about, in the word people use where the person is
    ("GP", "family doctor"): the data beside the help lines says which."""
    return (
        f"For treatment and care, your {doctor} or clinician is the person to talk with. "
        "Tend gives no medical advice."
    )


GP_LINE = gp_line("GP")
NOT_A_CRISIS_SERVICE = "Tend is a journal, not a crisis service, and it never contacts anyone."
YOUR_PEOPLE = "Your people"
NO_PEOPLE_YET = (
    "You can keep the people you would reach out to here: a friend, family, your "
    "therapist or GP, a service. Only you can see them; they stay in your encrypted journal."
)
UNLOCK_FOR_PEOPLE = "Unlock Tend to see your own people and your plan here."
NO_LINES_HERE = (
    "Tend has no checked numbers for this place yet. These directories list free, "
    "confidential helplines in most countries."
)
COPY = "Copy"
COPIED = "Copied"
COPIED_MS = 2_000
# Where each kind appears: the chosen country's lines first, the directories last.
LOCAL_KINDS = ("talk", "text", "information", "pain")
# How to reach someone, shown on one line up to this length; longer, it wraps.
LONG_REACH = 32


def selectable(widget: QLabel) -> QLabel:
    """Text a person can select with the mouse or the keyboard, and copy."""
    widget.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


def _domain(url: str) -> str:
    host = QUrl(url).host()
    return host.removeprefix("www.") or url


def wipe(widget: QWidget) -> None:
    """Take every word off a widget tree at once, then let Qt delete it.

    Deleting is deferred by Qt, so the text goes first: a locked window must not
    hold a person's name even for the moment before the event loop runs again.
    """
    for part in [widget, *widget.findChildren(QWidget)]:
        if isinstance(part, QLabel | QAbstractButton):
            part.setText("")
        if isinstance(part, CopyButton):
            part.value = ""
        part.setToolTip("")
        part.setAccessibleName("")
        part.setAccessibleDescription("")
    widget.hide()
    widget.setParent(None)  # out of the tree now; findChildren no longer sees it
    widget.deleteLater()


class CopyButton(PushButton):
    """A small "Copy" beside a number: copies it, then says "Copied" for a moment.

    With a :class:`SecretClipboard` (the person's own people), the copy is marked
    for clipboard managers to leave alone and is taken off the clipboard again
    after a while, or when Tend locks.
    """

    copied = Signal(str)

    def __init__(
        self,
        value: str,
        what: str,
        *,
        clipboard: SecretClipboard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(COPIED, parent)
        self.value = value
        self._clipboard = clipboard
        set_role(self, "copy")
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"Copy {what}")
        self.setToolTip(f"Copy {what} to the clipboard")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.ensurePolished()
        self.setMinimumWidth(self.sizeHint().width())  # no jump on "Copied"
        self.setText(COPY)
        self._reset = QTimer(self)
        self._reset.setSingleShot(True)
        self._reset.setInterval(COPIED_MS)
        self._reset.timeout.connect(self._restore)
        self.clicked.connect(self.copy)

    @Slot()
    def copy(self) -> None:
        if not self.value:
            return
        if self._clipboard is not None:
            self._clipboard.copy(self.value)
        else:
            QGuiApplication.clipboard().setText(self.value)
        self.setText(COPIED)
        self.setAccessibleDescription("Copied to the clipboard")
        self._reset.start()
        self.copied.emit(self.value)

    @Slot()
    def _restore(self) -> None:
        self.setText(COPY)
        self.setAccessibleDescription("")


def number_row(
    shown: str,
    value: str,
    what: str,
    *,
    role: str = "number",
    clipboard: SecretClipboard | None = None,
    wrap: bool = False,
) -> tuple[QHBoxLayout, QLabel, CopyButton]:
    """A large, selectable number with its Copy button beside it."""
    row = QHBoxLayout()
    row.setSpacing(12)
    text = selectable(label(shown, role, wrap=wrap))
    text.setAccessibleName(what)
    text.setToolTip("Select to copy, or use the Copy button")
    copy = CopyButton(value, what, clipboard=clipboard)
    row.addWidget(text, 1 if wrap else 0)
    row.addWidget(copy, 0, Qt.AlignmentFlag.AlignVCenter)
    if not wrap:
        row.addStretch(1)
    return row, text, copy


class ResourceCard(QFrame):
    """One service: its name, what it offers, how to reach it, when it was checked."""

    def __init__(self, resource: Resource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resource = resource
        self.copy_buttons: list[CopyButton] = []
        set_role(self, "card")
        self.setAccessibleName(resource.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(4)

        name = selectable(label(resource.name, "subheading"))
        name.setAccessibleName(resource.name)
        name.setToolTip(resource.name)
        layout.addWidget(name)
        offers = label(resource.offers, "muted")
        offers.setAccessibleName(f"{resource.name}: what it offers")
        offers.setToolTip(resource.offers)
        layout.addWidget(offers)

        contacts = []
        if resource.phone:
            contacts.append((f"Call {resource.phone}", resource.phone, "number", "phone number"))
        if resource.text:
            contacts.append((resource.text, resource.text_number, "number", "text number"))
        if resource.email:
            contacts.append((f"Email {resource.email}", resource.email, "lead", "email address"))
        if contacts:
            layout.addSpacing(4)
        for shown, value, role, what in contacts:
            row, _text, copy = number_row(
                shown, value, f"{resource.name} {what}: {value}", role=role
            )
            copy.setAccessibleName(f"Copy the {what} of {resource.name}")
            copy.setToolTip(f"Copy {value} to the clipboard")
            self.copy_buttons.append(copy)
            layout.addLayout(row)
        if resource.hours:
            hours = label(resource.hours)
            hours.setAccessibleName(f"{resource.name} hours: {resource.hours}")
            hours.setToolTip("When it is open")
            layout.addWidget(hours)

        footer = QHBoxLayout()
        footer.setContentsMargins(0, 6, 0, 0)
        checked = label(f"Checked on {resource.checked.isoformat()}", "small", wrap=False)
        checked.setAccessibleName(f"{resource.name}: checked on {resource.checked.isoformat()}")
        checked.setToolTip(f"Source: {resource.source}")
        footer.addWidget(checked)
        footer.addStretch(1)
        self.link_button = None
        if resource.url:
            self.link_button = button(
                f"Open {_domain(resource.url)}",
                f"Open {resource.url} in your browser",
                role="link",
                accessible_name=f"Open the website of {resource.name}",
            )
            self.link_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.link_button.clicked.connect(
                lambda _=False, url=resource.url: QDesktopServices.openUrl(QUrl(url))
            )
            footer.addWidget(self.link_button)
        layout.addLayout(footer)


class PersonCard(QFrame):
    """One of the person's own people: who they are, how to reach them, a note."""

    def __init__(
        self,
        person: Person,
        relationship: str,
        clipboard: SecretClipboard | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.person_id = person.id
        self.copy_button: CopyButton | None = None
        set_role(self, "card")
        name = person.name.strip() or "Someone without a name yet"
        self.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(4)
        top = QHBoxLayout()
        title = selectable(label(name, "subheading"))
        title.setAccessibleName(name)
        top.addWidget(title, 1)
        if relationship:
            who = label(relationship, "muted", wrap=False)
            who.setAccessibleName(f"{name}: {relationship}")
            top.addWidget(who, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if person.reach.strip():
            reach = person.reach.strip()
            row, _text, copy = number_row(
                reach,
                contact_value(reach),
                f"how to reach {name}",
                clipboard=clipboard,
                wrap=len(reach) > LONG_REACH,
            )
            self.copy_button = copy
            layout.addLayout(row)
        if person.note.strip():
            note = selectable(label(person.note.strip(), "muted"))
            note.setAccessibleName(f"A note about {name}")
            layout.addWidget(note)


class SupportDialog(QDialog):
    """Helplines for a country: ``country`` (the person's setting), else the system's.

    With a ``service``, the person's own people come first while the journal is
    open, and the dialog follows the journal: it drops them the moment it locks.
    """

    people_requested = Signal()
    plan_requested = Signal()
    comfort_requested = Signal()  # Ways through right now, locked or not
    lock_requested = Signal()  # Ctrl+L here locks Tend too
    country_chosen = Signal(str)  # the person chose a place: the window keeps it

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        catalogue: HelpCatalogue | None = None,
        country: str | None = None,
        service: JournalService | None = None,
        clipboard: SecretClipboard | None = None,
    ) -> None:
        super().__init__(parent)
        return_focus_on_close(self)
        self.setWindowTitle("Support")
        self.setObjectName("SupportDialog")
        self.setMinimumSize(560, 560)
        self.resize(640, 780)
        open_over_parent(self)
        self._error = ""
        if catalogue is None:
            try:
                catalogue = load_catalogue()
            except (HelpDataError, OSError) as exc:
                self._error = str(exc)
                catalogue = HelpCatalogue((), {})
        self.catalogue = catalogue
        self.service = service
        self.clipboard = clipboard or (
            SecretClipboard(self, PERSONAL_CLIPBOARD_MS) if service else None
        )
        self.people_button: QPushButton | None = None
        self.plan_button: QPushButton | None = None

        outer = dialog_layout(self, HEADING, INTRO)
        outer.addWidget(self._build_emergency())  # it always leads, outside the scrolling part
        self.scroll_area = scroll_area(self._build_content(), "Services")
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self._build_buttons())
        lock_key = QShortcut(QKeySequence("Ctrl+L"), self)
        lock_key.activated.connect(self.lock_requested.emit)

        self.country_box.set_code(system_country() if country is None else country)
        self._on_country_changed(self.country_box.currentIndex())
        self.country_box.currentIndexChanged.connect(self._on_country_changed)

        if service is not None:
            service.state_changed.connect(self.refresh_personal)
            service.personal_changed.connect(self.refresh_personal)
        self.refresh_personal()

    def _build_emergency(self) -> QFrame:
        """The local emergency number, for anyone in danger now."""
        self.emergency = QFrame()
        set_role(self.emergency, "notice")
        self.emergency.setAccessibleName(KIND_TITLES["emergency"])
        emergency_layout = QVBoxLayout(self.emergency)
        emergency_layout.setContentsMargins(16, 12, 16, 12)
        self.emergency_label = selectable(label("", "subheading"))
        self.emergency_label.setAccessibleName("Emergency number")
        self.emergency_label.setToolTip("Your local emergency number")
        emergency_layout.addWidget(self.emergency_label)
        return self.emergency

    def _build_content(self) -> QWidget:
        """The scrolling part: their people, the place chooser, the lines, plain words."""
        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setContentsMargins(0, 4, 10, 4)
        self.content_layout.setSpacing(10)

        self.personal = QWidget()
        self.personal_layout = QVBoxLayout(self.personal)
        self.personal_layout.setContentsMargins(0, 0, 0, 0)
        self.personal_layout.setSpacing(10)
        self.content_layout.addWidget(self.personal)

        chooser = QHBoxLayout()
        chooser.setSpacing(10)
        chooser.setContentsMargins(0, 10, 0, 0)
        where = label("Showing services in", wrap=False)
        self.country_box = CountryBox(self.catalogue)
        self.country_box.chosen.connect(self.country_chosen)  # the person chose: kept
        where.setBuddy(self.country_box)
        chooser.addWidget(where)
        chooser.addWidget(self.country_box)
        chooser.addStretch(1)  # sized to the longest name, not to the window
        self.content_layout.addLayout(chooser)

        self.lines = QWidget()
        self.lines_layout = QVBoxLayout(self.lines)
        self.lines_layout.setContentsMargins(0, 0, 0, 0)
        self.lines_layout.setSpacing(10)
        self.content_layout.addWidget(self.lines)

        self.content_layout.addSpacing(6)
        self.gp_label = label(GP_LINE, "muted")
        self.content_layout.addWidget(self.gp_label)
        self.content_layout.addWidget(label(NOT_A_CRISIS_SERVICE, "muted"))
        self.content_layout.addStretch(1)
        return content

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip("Close Support")
        close.setAccessibleName("Close")
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.comfort_button = button(
            "Ways through right now…",
            "Breathing, grounding, letting it pass, and your comfort box (Ctrl+Shift+W)",
            on_click=self.comfort_requested,
        )
        buttons.addButton(self.comfort_button, QDialogButtonBox.ButtonRole.ActionRole)
        return buttons

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.country_box.setFocus()  # not the emergency line: no caret blinking in it

    @property
    def country(self) -> str:
        return self.country_box.code()

    def set_country(self, code: str) -> None:
        """Show ``code``'s services (a place with none shows the directories)."""
        self.country_box.set_code(code)

    def cards(self) -> list[ResourceCard]:
        """The services shown now, in order (wiped ones have left the tree already)."""
        return self.lines.findChildren(ResourceCard)

    def person_cards(self) -> list[PersonCard]:
        return self.personal.findChildren(PersonCard)

    # ----------------------------------------------------------- their people

    @Slot()
    def refresh_personal(self) -> None:
        """Show the person's own people while the journal is open; nothing of them after."""
        clear_layout(self.personal_layout, wipe)
        self.people_button = self.plan_button = None
        service = self.service
        if service is None:
            self.personal.setVisible(False)
            return
        self.personal.setVisible(True)
        if not service.is_unlocked:
            self.personal_layout.addWidget(label(UNLOCK_FOR_PEOPLE, "muted"))
            return
        try:
            people = [p for p in service.people() if not p.is_blank]
        except VaultError:
            people = []
        relationship: Callable[[str], str]
        try:
            template = load_template()
            relationship = template.relationship_label
        except (PersonalDataError, OSError):

            def relationship(_relationship_id: str) -> str:
                return ""

        heading = QHBoxLayout()
        title = label(YOUR_PEOPLE, "subheading")
        title.setAccessibleName(YOUR_PEOPLE)
        heading.addWidget(title, 1)
        self.people_button = button(
            "Edit my people…" if people else "Add my people…",
            f"{PEOPLE_TITLE}: the people and services you would reach out to (Ctrl+Shift+P)",
            role="link",
            accessible_name="Edit my people" if people else "Add my people",
            on_click=self.people_requested,
        )
        heading.addWidget(self.people_button)
        self.personal_layout.addLayout(heading)
        if not people:
            self.personal_layout.addWidget(label(NO_PEOPLE_YET, "muted"))
        for person in people:
            self.personal_layout.addWidget(
                PersonCard(person, relationship(person.relationship), self.clipboard)
            )
        plan_row = QHBoxLayout()
        self.plan_button = button(
            f"{PLAN_TITLE}…",
            "Your own plan, in your words, for when things feel hard (Ctrl+Shift+M)",
            accessible_name=PLAN_TITLE,
            on_click=self.plan_requested,
        )
        plan_row.addWidget(self.plan_button)
        plan_row.addStretch(1)
        self.personal_layout.addLayout(plan_row)

    # ---------------------------------------------------------------- lines

    @Slot(int)
    def _on_country_changed(self, _index: int) -> None:
        code = self.country
        self.emergency_label.setText(emergency_sentence(self.catalogue.emergency_for(code)))
        self.gp_label.setText(gp_line(self.catalogue.doctor_word(code)))
        clear_layout(self.lines_layout, wipe)
        layout = self.lines_layout
        local = self.catalogue.for_country(code)
        if self._error:
            layout.addWidget(
                label("The list of services could not be read. " + self._error, "muted")
            )
        sections = [(kind, [r for r in local if r.kind == kind]) for kind in LOCAL_KINDS]
        sections.append(("directory", self.catalogue.directories()))
        for kind, resources in sections:
            if not resources:
                continue
            layout.addSpacing(6)
            title = label(KIND_TITLES[kind], "subheading")
            title.setAccessibleName(KIND_TITLES[kind])
            layout.addWidget(title)
            if kind == "directory" and not local:
                layout.addWidget(label(NO_LINES_HERE, "muted"))
            for resource in resources:
                layout.addWidget(ResourceCard(resource))


def support_shortcuts() -> list[QKeySequence]:
    return [QKeySequence(QKeySequence.StandardKey.HelpContents), QKeySequence("F1")]
