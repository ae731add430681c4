"""The main window's pages before the journal: welcome, passphrase, recovery code, unlock.

Pages are plain views: they check what was typed and emit intent signals; the
main window decides what happens and talks to the service. Secrets leave a
page's fields as soon as they have been used.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QFrame, QLineEdit, QVBoxLayout, QWidget

from journal_app.ui.common.country import COUNTRY_LABEL, CountryBox
from journal_app.ui.common.errors import Advice
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import (
    Banner,
    BusyBar,
    NewPassphraseFields,
    Page,
    button,
    label,
    row,
    secret_field,
)
from journal_app.ui.settings.recovery import RecoveryCodeWidget

WELCOME_TITLE = "Welcome to Tend"
WELCOME_ABOUT = (
    "Tend is a private journal: a quiet place to notice what helps, what matters to you "
    "and how you are. Write as much or as little as you like; there is nothing to keep up with."
)
WELCOME_PRIVACY = (
    "Everything you write stays on this computer, encrypted with a passphrase only you "
    "know. Nothing is ever sent anywhere."
)
WELCOME_NOT_CRISIS = (
    "Tend is not a crisis service. If you need to talk to someone now, Support lists "
    "people who can listen."
)
WELCOME_COUNTRY = (
    "Support shows the emergency number and helplines for where you are. You can "
    "change this later in Settings."
)


class WelcomePage(Page):
    begin_requested = Signal()
    support_requested = Signal()
    open_other_requested = Signal()
    country_chosen = Signal(str)  # an ISO code, or "" for another place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=540)
        self.add_icon(72)
        self.title = label(WELCOME_TITLE, "heading")
        self.add(self.title, 4)
        self.add(label(WELCOME_ABOUT, "lead"))
        self.privacy = label(WELCOME_PRIVACY, "lead")
        self.add(self.privacy)

        self.not_crisis = label(WELCOME_NOT_CRISIS)
        self.support_button = button(
            "Support",
            "If you need to talk to someone now: helplines for your country (F1)",
            role="support",
            on_click=self.support_requested,
        )
        care = QFrame()
        set_role(care, "notice")
        care_layout = QVBoxLayout(care)
        care_layout.setContentsMargins(16, 12, 16, 12)
        care_layout.setSpacing(8)
        care_layout.addWidget(self.not_crisis)
        care_layout.addLayout(row(self.support_button, None))
        self.care = care
        self.add(care, 4)

        # Where the person is: Support, their plan and its printouts show help for it.
        self.country_box = CountryBox()
        self.country_box.chosen.connect(self.country_chosen)
        where = label(f"&{COUNTRY_LABEL}", wrap=False)
        where.setTextFormat(Qt.TextFormat.AutoText)  # "&" marks the Alt key
        where.setBuddy(self.country_box)
        self.country_note = label(WELCOME_COUNTRY, "muted")
        self.add(row(where, self.country_box, None), 4)
        self.add(self.country_note)

        self.open_button = button(
            "Open an existing journal…",
            "Open a Tend journal file you already have",
            role="link",
            on_click=self.open_other_requested,
        )
        self.begin_button = button(
            "Begin",
            "Choose a passphrase and create your journal",
            role="primary",
            on_click=self.begin_requested,
        )
        self.add(row(self.open_button, None, self.begin_button), 8)
        self.setTabOrder(self.begin_button, self.support_button)
        self.setTabOrder(self.support_button, self.country_box)
        self.setTabOrder(self.country_box, self.open_button)

    def focus_first(self) -> None:
        self.begin_button.setFocus()

    def country(self) -> str:
        return self.country_box.code()

    def set_country(self, code: str) -> None:
        self.country_box.set_code(code)


class _ChoosePassphrasePage(Page):
    """A page where a new passphrase is typed twice: the checks and messages they share.

    Subclasses set ``fields`` (NewPassphraseFields), ``message`` (Banner) and ``busy``
    (BusyBar). ``submitted`` carries the passphrase once it is acceptable.
    """

    submitted = Signal(str)

    fields: NewPassphraseFields
    message: Banner
    busy: BusyBar

    def focus_first(self) -> None:
        self.fields.first.setFocus()

    @Slot()
    def submit(self) -> None:
        if self.busy.isVisible():
            return
        if self.fields.refuse_in(self.message):
            return
        self.message.clear()
        self.submitted.emit(self.fields.passphrase())

    def show_error(self, advice: Advice) -> None:
        self.message.show_message(advice.message, title=advice.title)

    def clear(self) -> None:
        self.fields.clear()
        self.message.clear()


class CreatePassphrasePage(_ChoosePassphrasePage):
    """Choose a passphrase; emits ``submitted`` with it once it is acceptable."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("Choose a passphrase", "heading")
        self.add(self.title)
        self.add(
            label(
                "Your passphrase locks the journal. Only you know it, and Tend cannot look "
                "it up for you, so next you will get a recovery code to keep in case it is "
                "ever forgotten.",
                "lead",
            )
        )
        self.fields = NewPassphraseFields()
        self.add(self.fields, 4)
        self.message = Banner("error")
        self.add(self.message)
        self.busy = BusyBar(
            "Setting up your journal… this takes a moment, and is what makes the "
            "passphrase hard to guess."
        )
        self.add(self.busy)
        self.back_button = button(
            "Back", "Return to the welcome page", on_click=self.back_requested
        )
        self.create_button = button(
            "Create journal",
            "Create your encrypted journal with this passphrase",
            role="primary",
            on_click=self.submit,
        )
        self.add(row(self.back_button, None, self.create_button), 4)
        self.fields.submitted.connect(self.submit)
        self.fields.changed.connect(self.message.clear)
        self.setTabOrder(self.fields.show_toggle, self.create_button)
        self.setTabOrder(self.create_button, self.back_button)

    def set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        self.fields.set_enabled(not busy)
        self.create_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        if not busy:
            self.fields.first.setFocus()


class RecoveryCodePage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=560)
        self.widget = RecoveryCodeWidget()
        self.add(self.widget)

    def focus_first(self) -> None:
        self.widget.focus_first()

    def clear(self) -> None:
        self.widget.clear()


class UnlockPage(Page):
    """The lock screen: passphrase, Enter to unlock, and calm words when something is wrong."""

    unlock_requested = Signal(str)
    recovery_requested = Signal()
    action_requested = Signal(str)  # an errors.RETRY / OPEN_OTHER / CREATE_NEW id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=440)
        self.add_icon(64)
        self.title = label("Tend is locked", "heading")
        self.add(self.title, 4)
        self.lead = label("Enter your passphrase to open your journal.", "lead")
        self.add(self.lead)

        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 4, 0, 0)
        form.setSpacing(10)
        self.field = secret_field(
            "Passphrase", "Your journal's passphrase; press Enter to unlock", "Passphrase"
        )
        self.show_toggle = QCheckBox("Show passphrase")
        self.show_toggle.setAccessibleName("Show passphrase")
        self.show_toggle.setToolTip("Show the passphrase as you type it")
        self.show_toggle.toggled.connect(
            lambda shown: self.field.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        self.inline_error = Banner("error")
        self.busy = BusyBar("Opening your journal…")
        self.recovery_button = button(
            "Use recovery code",
            "Forgot the passphrase? Open the journal with its recovery code",
            role="link",
            on_click=self.recovery_requested,
        )
        self.unlock_button = button(
            "Unlock", "Open your journal (Enter)", role="primary", on_click=self.submit
        )
        form.addWidget(self.field)
        form.addWidget(self.show_toggle)
        form.addWidget(self.inline_error)
        form.addWidget(self.busy)
        form.addLayout(row(self.recovery_button, None, self.unlock_button))
        self.add(self.form)

        self.vault_error = Banner("error")
        self.vault_error.action_triggered.connect(self.action_requested)
        self.add(self.vault_error)
        self.notice = Banner("notice")
        self.add(self.notice)

        self.path_label = label("", "small")
        self.path_label.setAccessibleName("Journal file")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add(self.path_label, 6)

        self.field.returnPressed.connect(self.submit)
        self.setTabOrder(self.field, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.show_toggle)
        self.setTabOrder(self.show_toggle, self.recovery_button)

    def focus_first(self) -> None:
        if self.form.isVisibleTo(self):
            self.field.setFocus()
        elif self.vault_error.buttons:
            next(iter(self.vault_error.buttons.values())).setFocus()

    def set_path(self, text: str) -> None:
        self.path_label.setText(text)
        self.path_label.setToolTip(text)

    @Slot()
    def submit(self) -> None:
        if self.busy.isVisible() or not self.form.isVisibleTo(self):
            return
        if not self.field.text():
            self.inline_error.show_message("Please type your passphrase first.")
            self.field.setFocus()
            return
        self.inline_error.clear()
        self.notice.clear()
        self.unlock_requested.emit(self.field.text())

    def reset(self) -> None:
        """Ready for a passphrase: no errors, an empty field."""
        self.title.setText("Tend is locked")
        self.lead.setText("Enter your passphrase to open your journal.")
        self.lead.setVisible(True)
        self.form.setVisible(True)
        self.field.clear()
        self.show_toggle.setChecked(False)
        self.inline_error.clear()
        self.vault_error.clear()
        self.notice.clear()
        self.busy.set_busy(False)

    def show_wrong(self, message: str) -> None:
        """A mistyped passphrase: say so calmly; keep the text, selected, to retype over."""
        self.inline_error.show_message(message)
        self.field.setFocus()
        self.field.selectAll()

    def show_vault_error(self, advice: Advice) -> None:
        """The file itself cannot be opened: explain, and offer what can be done next."""
        self.field.clear()
        self.form.setVisible(False)
        self.lead.setVisible(False)
        self.notice.clear()
        self.title.setText(advice.title or "The journal could not be opened")
        self.vault_error.show_message(advice.message, actions=advice.action_triples())
        self.focus_first()

    def show_notice(self, text: str) -> None:
        self.notice.show_message(text)

    def set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        self.field.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.recovery_button.setEnabled(not busy)
        self.show_toggle.setEnabled(not busy)
        if not busy and self.form.isVisibleTo(self):
            self.field.setFocus()

    def clear(self) -> None:
        self.field.clear()
        self.inline_error.clear()


class RecoveryUnlockPage(Page):
    """Open the journal with the recovery code, on the way to a new passphrase."""

    submitted = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=500)
        self.add(label("Open with your recovery code", "heading"))
        self.add(
            label(
                "The recovery code was shown when the journal was made: six groups of five "
                "letters and digits. Once it opens the journal, you will choose a new "
                "passphrase.",
                "lead",
            )
        )
        self.field = secret_field(
            "Recovery code",
            "Type the recovery code; dashes and spaces are optional",
            "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX",
        )
        self.field.setEchoMode(QLineEdit.EchoMode.Normal)  # typed from paper: let it be checked
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 12.0))
        self.field.setFont(mono)
        self.message = Banner("error")
        self.busy = BusyBar("Opening your journal…")
        self.back_button = button("Back", "Return to the passphrase", on_click=self.back_requested)
        self.continue_button = button(
            "Continue", "Open the journal with this code", role="primary", on_click=self.submit
        )
        self.add(self.field, 4)
        self.add(self.message)
        self.add(self.busy)
        self.add(row(self.back_button, None, self.continue_button), 4)
        self.field.returnPressed.connect(self.submit)
        self.setTabOrder(self.field, self.continue_button)
        self.setTabOrder(self.continue_button, self.back_button)

    def focus_first(self) -> None:
        self.field.setFocus()

    @Slot()
    def submit(self) -> None:
        if self.busy.isVisible():
            return
        if not self.field.text().strip():
            self.message.show_message("Please type the recovery code first.")
            self.field.setFocus()
            return
        self.message.clear()
        self.submitted.emit(self.field.text())

    def show_wrong(self, message: str) -> None:
        self.message.show_message(message)
        self.field.setFocus()
        self.field.selectAll()

    def show_error(self, advice: Advice) -> None:
        self.message.show_message(advice.message, title=advice.title)

    def set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        self.field.setEnabled(not busy)
        self.continue_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        if not busy:
            self.field.setFocus()

    def clear(self) -> None:
        self.field.clear()
        self.message.clear()


class NewPassphrasePage(_ChoosePassphrasePage):
    """After the recovery code opened the journal: choose the passphrase from now on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add(label("Choose a new passphrase", "heading"))
        self.add(
            label(
                "Your journal is open. Choose the passphrase you will use from now on; the "
                "old one will no longer open it.",
                "lead",
            )
        )
        self.fields = NewPassphraseFields(
            first_label="New passphrase", second_label="Type it again"
        )
        self.message = Banner("error")
        self.busy = BusyBar("Setting the new passphrase… this takes a moment.")
        self.set_button = button(
            "Set passphrase",
            "Use this passphrase from now on",
            role="primary",
            on_click=self.submit,
        )
        self.add(self.fields, 4)
        self.add(self.message)
        self.add(self.busy)
        self.add(row(None, self.set_button), 4)
        self.fields.submitted.connect(self.submit)
        self.fields.changed.connect(self.message.clear)
        self.setTabOrder(self.fields.show_toggle, self.set_button)

    def set_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy)
        self.fields.set_enabled(not busy)
        self.set_button.setEnabled(not busy)
