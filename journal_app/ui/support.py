"""Support: people to talk to now, for the person's country, one key (F1) away.

Reachable from every screen, locked or not, and never needs the journal. It
shows only what the help catalogue holds (checked numbers, each with the date it
was checked), leads with the local emergency number, and always ends with the
international directories so that anyone, anywhere, finds a line. Links open in
the browser only when the person clicks them; Tend itself never goes online.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.help import (
    EmergencyNumbers,
    HelpCatalogue,
    HelpDataError,
    Resource,
    load_catalogue,
)
from journal_app.ui.theme import set_role
from journal_app.ui.widgets import button, label

OTHER_COUNTRY = ""
HEADING = "If you need to talk to someone now"
INTRO = "You do not need to be in crisis to reach out. These services are there to listen."
GP_LINE = (
    "For treatment and care, your GP or clinician is the person to talk with. "
    "Tend gives no medical advice."
)
NOT_A_CRISIS_SERVICE = "Tend is a journal, not a crisis service, and it never contacts anyone."


def system_country() -> str:
    """The ISO code of the system's territory (e.g. "GB"), or "" when unknown."""
    territory = QLocale().territory()
    if territory == QLocale.Country.AnyTerritory:
        return OTHER_COUNTRY
    return QLocale.territoryToCode(territory)


def country_name(code: str) -> str:
    if not code:
        return "Another country or region"
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def emergency_sentence(numbers: EmergencyNumbers | None) -> str:
    if numbers is None:
        return "If you are in danger now, call your local emergency number."
    return f"If you are in danger now, call {numbers.spoken()}."


def _selectable(widget: QLabel) -> QLabel:
    widget.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


def _domain(url: str) -> str:
    host = QUrl(url).host()
    return host.removeprefix("www.") or url


class ResourceCard(QFrame):
    """One service: its name, what it offers, how to reach it, when it was checked."""

    def __init__(self, resource: Resource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resource = resource
        set_role(self, "card")
        self.setAccessibleName(resource.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(4)

        name = _selectable(label(resource.name, "subheading"))
        name.setAccessibleName(resource.name)
        name.setToolTip(resource.name)
        layout.addWidget(name)
        offers = label(resource.offers, "muted")
        offers.setAccessibleName(f"{resource.name}: what it offers")
        offers.setToolTip(resource.offers)
        layout.addWidget(offers)

        if resource.phone:
            layout.addSpacing(4)
            number = _selectable(label(f"Call {resource.phone}", "number", wrap=False))
            number.setAccessibleName(f"{resource.name} phone number: {resource.phone}")
            number.setToolTip("Select the number to copy it")
            layout.addWidget(number)
        for text, what in ((resource.text, "text message"), (resource.email, "email")):
            if not text:
                continue
            shown = f"Email {text}" if what == "email" else text
            line = _selectable(label(shown, "lead"))
            line.setAccessibleName(f"{resource.name} {what}: {text}")
            line.setToolTip(f"Select to copy; {what}")
            layout.addWidget(line)
        if resource.hours:
            hours = label(resource.hours)
            hours.setAccessibleName(f"{resource.name} hours: {resource.hours}")
            hours.setToolTip("When it is open")
            layout.addWidget(hours)

        footer = QHBoxLayout()
        footer.setContentsMargins(0, 4, 0, 0)
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
            self.link_button.clicked.connect(
                lambda _=False, url=resource.url: QDesktopServices.openUrl(QUrl(url))
            )
            footer.addWidget(self.link_button)
        layout.addLayout(footer)


class SupportDialog(QDialog):
    """Helplines for a country (the system's, or one the person picks)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        catalogue: HelpCatalogue | None = None,
        country: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Support")
        self.setObjectName("SupportDialog")
        self.setMinimumSize(560, 560)
        self.resize(620, 760)
        self._error = ""
        if catalogue is None:
            try:
                catalogue = load_catalogue()
            except (HelpDataError, OSError) as exc:
                self._error = str(exc)
                catalogue = HelpCatalogue((), {})
        self.catalogue = catalogue

        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 18)
        outer.setSpacing(12)
        heading = label(HEADING, "heading")
        heading.setAccessibleName(HEADING)
        outer.addWidget(heading)
        intro = label(INTRO, "lead")
        outer.addWidget(intro)

        self.emergency = QFrame()
        set_role(self.emergency, "notice")
        emergency_layout = QVBoxLayout(self.emergency)
        emergency_layout.setContentsMargins(16, 12, 16, 12)
        self.emergency_label = _selectable(label("", "subheading"))
        self.emergency_label.setAccessibleName("Emergency number")
        self.emergency_label.setToolTip("Your local emergency number")
        emergency_layout.addWidget(self.emergency_label)
        outer.addWidget(self.emergency)

        chooser = QHBoxLayout()
        chooser.setSpacing(10)
        where = label("Showing services in", wrap=False)
        self.country_box = QComboBox()
        self.country_box.setMinimumHeight(32)
        self.country_box.setAccessibleName("Country or region")
        self.country_box.setToolTip("Choose where you are, to see services there")
        where.setBuddy(self.country_box)
        codes = sorted(self.catalogue.countries(), key=country_name)
        for code in codes:
            self.country_box.addItem(country_name(code), code)
        self.country_box.addItem(country_name(OTHER_COUNTRY), OTHER_COUNTRY)
        chooser.addWidget(where)
        chooser.addWidget(self.country_box, 1)
        outer.addLayout(chooser)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAccessibleName("Services")
        outer.addWidget(self.scroll, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip("Close Support")
        close.setAccessibleName("Close")
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self.country_box.currentIndexChanged.connect(self._on_country_changed)
        chosen = system_country() if country is None else country.upper()
        index = self.country_box.findData(chosen)
        if index < 0:
            index = self.country_box.findData(OTHER_COUNTRY)
        self.country_box.setCurrentIndex(index)
        self._on_country_changed(index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.country_box.setFocus()  # not the emergency line: no caret blinking in it

    @property
    def country(self) -> str:
        return str(self.country_box.currentData() or OTHER_COUNTRY)

    def set_country(self, code: str) -> None:
        index = self.country_box.findData(code.upper() if code else OTHER_COUNTRY)
        if index >= 0:
            self.country_box.setCurrentIndex(index)

    def cards(self) -> list[ResourceCard]:
        return self.scroll.widget().findChildren(ResourceCard) if self.scroll.widget() else []

    @Slot(int)
    def _on_country_changed(self, _index: int) -> None:
        code = self.country
        self.emergency_label.setText(emergency_sentence(self.catalogue.emergency_for(code)))

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 4, 8, 4)
        layout.setSpacing(10)
        local = self.catalogue.for_country(code)
        sections = (
            (f"In {country_name(code)}", [r for r in local if r.kind in ("talk", "text")]),
            ("Information", [r for r in local if r.kind == "information"]),
            ("Living with pain", [r for r in local if r.kind == "pain"]),
            ("Anywhere in the world", self.catalogue.directories()),
        )
        if self._error:
            layout.addWidget(
                label("The list of services could not be read. " + self._error, "muted")
            )
        for title, resources in sections:
            if not resources:
                continue
            layout.addSpacing(6)
            layout.addWidget(label(title, "subheading"))
            if title == "Anywhere in the world" and not local:
                layout.addWidget(
                    label(
                        "Tend has no checked numbers for this place yet. These directories "
                        "list free, confidential helplines in most countries.",
                        "muted",
                    )
                )
            for resource in resources:
                layout.addWidget(ResourceCard(resource))
        layout.addSpacing(6)
        gp = label(GP_LINE, "muted")
        layout.addWidget(gp)
        layout.addWidget(label(NOT_A_CRISIS_SERVICE, "muted"))
        layout.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(content)


def support_shortcuts() -> list[QKeySequence]:
    return [QKeySequence(QKeySequence.StandardKey.HelpContents), QKeySequence("F1")]
