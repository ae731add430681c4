"""Settings: privacy, appearance, prompts, country or region, passphrase and recovery
code, the journal file and backups.

Each page has ``load()`` (from AppSettings into its controls), ``save()`` (back)
and a ``changed`` signal. A change is kept the moment it is made, as in the best
desktop apps: there is no OK, Cancel or Apply, only Close (Escape), and going back is
choosing the old value again. Only the page that changed is saved, so a choice made
elsewhere meanwhile (a country picked in Support) is never undone. The window hears
``applied`` a moment after the last change, so holding an arrow on the font size
restyles it once, not at every step. Changing the passphrase and making a recovery
code act on their own buttons, with their own confirmation, as they change the vault
rather than a setting.

The Backups page belongs to the transfer part beside this one; the window, which
sees both, builds it and hands it in (``backups=``), so Settings never imports it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal, SignalInstance, Slot
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.kept import KeptDialog
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.preferences import (
    AUTO_LOCK_CHOICES_MINUTES,
    MAX_EDITOR_FONT_SIZE,
    MIN_EDITOR_FONT_SIZE,
    AppSettings,
)
from journal_app.ui.common.questions import confirm
from journal_app.ui.common.theme import THEME_CHOICES, ThemeMode, set_role
from journal_app.ui.common.widgets import (
    Banner,
    BusyBar,
    NewPassphraseFields,
    button,
    label,
    row,
    secret_field,
)
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.settings.country_page import CountryPage
from journal_app.ui.settings.page import CONTROL_HEIGHT, SettingsPage, form_label, new_form
from journal_app.ui.settings.recovery import RecoveryCodeDialog

FONT_PREVIEW = "A few quiet words, written at my own pace."
APPLY_AFTER_MS = 150  # a pause in changes before the window restyles


class HandedPage(Protocol):
    """A page made elsewhere that Settings shows as its own: a widget with the same
    ``title``, ``load()``, ``save()`` and ``changed`` as a :class:`SettingsPage`."""

    title: str

    @property
    def changed(self) -> SignalInstance: ...
    def load(self) -> None: ...
    def save(self) -> None: ...
    def blockSignals(self, block: bool) -> bool: ...


def _minutes(minutes: int) -> str:
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


class PrivacyPage(SettingsPage):
    title = "Privacy"

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.layout_.addWidget(
            label(
                "Tend locks itself when it has not been used for a while, so that what you "
                "wrote stays private if you step away. Ctrl+L locks it at once.",
                "lead",
            )
        )
        self.auto_lock = QComboBox()
        self.auto_lock.setMinimumHeight(CONTROL_HEIGHT)
        self.auto_lock.setAccessibleName("Lock after")
        self.auto_lock.setToolTip("How long Tend waits, unused, before it locks itself")
        for minutes in AUTO_LOCK_CHOICES_MINUTES:
            self.auto_lock.addItem(_minutes(minutes), minutes)
        form = new_form()
        form.addRow(form_label("&Lock after", self.auto_lock), self.auto_lock)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            label(
                "Tend also locks when your computer's screen locks or the computer goes to "
                "sleep, where the system tells it so.",
                "muted",
            )
        )
        self.layout_.addStretch(1)
        self.auto_lock.currentIndexChanged.connect(self.changed)

    def load(self) -> None:
        index = self.auto_lock.findData(self.settings.auto_lock_minutes)
        self.auto_lock.setCurrentIndex(max(index, 0))

    def save(self) -> None:
        self.settings.auto_lock_minutes = int(self.auto_lock.currentData())


class AppearancePage(SettingsPage):
    title = "Appearance"

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.theme_group = QButtonGroup(self)
        self.theme_buttons: dict[ThemeMode, QRadioButton] = {}
        themes = QVBoxLayout()
        themes.setSpacing(8)
        for mode, text, tip in THEME_CHOICES:
            radio = QRadioButton(text)
            radio.setAccessibleName(f"Theme: {text}")
            radio.setToolTip(tip)
            self.theme_group.addButton(radio)
            self.theme_buttons[mode] = radio
            themes.addWidget(radio)
            radio.toggled.connect(self._on_toggled)
        self.layout_.addWidget(label("Theme", "subheading"))
        self.layout_.addLayout(themes)

        self.font_box = QFontComboBox()
        self.font_box.setMinimumHeight(CONTROL_HEIGHT)
        self.font_box.setAccessibleName("Editor font")
        self.font_box.setToolTip("The font you write in")
        self.size_box = QSpinBox()
        self.size_box.setMinimumHeight(CONTROL_HEIGHT)
        self.size_box.setMaximumWidth(120)
        self.size_box.setRange(MIN_EDITOR_FONT_SIZE, MAX_EDITOR_FONT_SIZE)
        self.size_box.setSuffix(" pt")
        self.size_box.setAccessibleName("Editor font size")
        self.size_box.setToolTip("The size of the text you write")
        self.preview = label(FONT_PREVIEW)
        self.preview.setAccessibleName("Font preview")
        self.preview.setMinimumHeight(48)
        self.layout_.addSpacing(8)
        self.layout_.addWidget(label("Writing", "subheading"))
        form = new_form()
        form.addRow(form_label("&Font", self.font_box), self.font_box)
        form.addRow(form_label("&Size", self.size_box), self.size_box)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.preview)
        self.layout_.addStretch(1)
        self.font_box.currentFontChanged.connect(self._on_font)
        self.size_box.valueChanged.connect(self._on_font)

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self.changed.emit()

    @Slot()
    def _on_font(self, *_args: object) -> None:
        font = QFont(self.font_box.currentFont())
        font.setPointSize(self.size_box.value())
        self.preview.setFont(font)
        self.changed.emit()

    def selected_theme(self) -> ThemeMode:
        for mode, radio in self.theme_buttons.items():
            if radio.isChecked():
                return mode
        return ThemeMode.SYSTEM

    def load(self) -> None:
        self.theme_buttons[self.settings.theme].setChecked(True)
        family = self.settings.editor_font_family
        if family:
            font = QFont(family)
        else:
            font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self.font_box.setCurrentFont(font)
        self.size_box.setValue(self.settings.editor_font_size)
        self._on_font()

    def save(self) -> None:
        self.settings.theme = self.selected_theme()
        self.settings.editor_font_family = self.font_box.currentFont().family()
        self.settings.editor_font_size = self.size_box.value()


class PromptsPage(SettingsPage):
    title = "Prompts"

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.layout_.addWidget(
            label(
                "Prompts are gentle invitations to write. Tend shows one only when you ask: "
                "choose Write with a prompt (Ctrl+Shift+N), or the button beside New entry.",
                "lead",
            )
        )
        self.suggest = QCheckBox("Suggest a prompt when I start a new entry")
        self.suggest.setAccessibleName("Suggest a prompt when I start a new entry")
        self.suggest.setToolTip(
            "Show a prompt from any theme above each new entry; you can always ask for "
            "another or write freely instead"
        )
        self.layout_.addSpacing(4)
        self.layout_.addWidget(self.suggest)
        self.layout_.addWidget(
            label(
                "Off unless you turn it on. A suggested prompt is only an invitation: "
                "Write freely instead puts it away.",
                "muted",
            )
        )
        self.layout_.addSpacing(8)
        self.layout_.addWidget(label("Prompt packs", "subheading"))
        self.layout_.addWidget(
            label(
                "A therapist can write a pack of prompts for you. Import it, or turn packs "
                "off and on, from the File menu.",
                "muted",
            )
        )
        self.layout_.addStretch(1)
        self.suggest.toggled.connect(self.changed)

    def load(self) -> None:
        self.suggest.setChecked(self.settings.suggest_prompt)

    def save(self) -> None:
        self.settings.suggest_prompt = self.suggest.isChecked()


class PassphrasePage(SettingsPage):
    title = "Passphrase"
    recovery_dialog: KeptDialog[RecoveryCodeDialog] = KeptDialog()  # None once deleted

    def __init__(
        self, settings: AppSettings, service: JournalService, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, parent)
        self.service = service
        self._pending = False
        self.locked_note = label("Unlock the journal to change its passphrase.", "muted")
        self.layout_.addWidget(self.locked_note)

        self.current = secret_field(
            "Current passphrase", "The passphrase you use now", "Current passphrase"
        )
        self.fields = NewPassphraseFields(
            first_label="New passphrase", second_label="Type the new one again"
        )
        self.change_button = button(
            "Change passphrase",
            "Set the new passphrase; the old one will no longer open the journal",
            role="primary",
            on_click=self.change_passphrase,
        )
        self.busy = BusyBar("Changing the passphrase… this takes a moment.")
        self.message = Banner("error")
        self.done_note = Banner("notice")
        self.layout_.addWidget(label("Change passphrase", "subheading"))
        self.layout_.addWidget(self.current)
        self.layout_.addWidget(self.fields)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.done_note)
        self.layout_.addWidget(self.busy)
        self.layout_.addLayout(row(None, self.change_button))

        self.layout_.addSpacing(10)
        self.layout_.addWidget(label("Recovery code", "subheading"))
        self.recovery_status = label("", "muted")
        self.layout_.addWidget(self.recovery_status)
        self.recovery_button = button(
            "Make a new recovery code…",
            "Make a new code, shown once; the old code stops working",
            on_click=self.make_recovery_code,
        )
        self.layout_.addLayout(row(self.recovery_button, None))
        self.layout_.addStretch(1)

        self.current.returnPressed.connect(self.fields.first.setFocus)
        self.fields.submitted.connect(self.change_passphrase)
        self.setTabOrder(self.current, self.fields.first)
        service.passphrase_changed.connect(self._on_changed_ok)
        service.passphrase_change_failed.connect(self._on_change_failed)
        service.busy_changed.connect(self._on_busy)
        service.state_changed.connect(self._on_state_changed)

    @Slot(object)
    def _on_state_changed(self, _state: object) -> None:
        self.load()

    def load(self) -> None:
        unlocked = self.service.is_unlocked
        self.locked_note.setVisible(not unlocked)
        for widget in (self.current, self.change_button, self.recovery_button):
            widget.setEnabled(unlocked and not self.service.busy)
        self.fields.set_enabled(unlocked and not self.service.busy)
        if unlocked:
            has_code = self.service.has_recovery_code()
            self.recovery_status.setText(
                "This journal has a recovery code. If you are not sure where it is, you can "
                "make a new one; the old one then stops working."
                if has_code
                else "This journal has no recovery code, so only the passphrase opens it. "
                "A recovery code opens it if the passphrase is ever forgotten."
            )
        else:
            self.recovery_status.setText("")

    def clear(self) -> None:
        self.current.clear()
        self.fields.clear()
        self.message.clear()
        self.done_note.clear()

    @Slot()
    def change_passphrase(self) -> None:
        self.message.clear()
        self.done_note.clear()
        if not self.service.is_unlocked or self.service.busy:
            return
        if not self.current.text():
            self.message.show_message("Please enter your current passphrase first.")
            self.current.setFocus()
            return
        if self.fields.refuse_in(self.message):
            return
        self._pending = True
        self.service.change_passphrase(self.fields.passphrase(), current=self.current.text())

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.busy.set_busy(busy and self._pending)
        self.load()

    @Slot()
    def _on_changed_ok(self) -> None:
        if not self._pending:
            return
        self._pending = False
        self.current.clear()
        self.fields.clear()
        self.done_note.show_message(
            "Your passphrase has been changed. The old one no longer opens the journal."
        )

    @Slot(object)
    def _on_change_failed(self, error: object) -> None:
        if not self._pending:
            return
        self._pending = False
        advice = advice_for(error if isinstance(error, BaseException) else Exception())
        if advice.inline:
            self.message.show_message(
                "That is not the current passphrase. Nothing was changed; please try again."
            )
            self.current.selectAll()
            self.current.setFocus()
        else:
            self.message.show_message(advice.message, title=advice.title)

    @Slot()
    def make_recovery_code(self) -> None:
        if not self.service.is_unlocked:
            return
        if self.service.has_recovery_code() and not confirm(
            self,
            "Make a new recovery code?",
            "The new code replaces the old one, which will no longer open the journal.",
            "Make a new code",
            "Keep the old one",
            default="yes",
        ):
            return
        try:
            code = self.service.new_recovery_code()
        except Exception as exc:  # a VaultError or an OSError from the disk
            advice = advice_for(exc)
            self.message.show_message(advice.message, title=advice.title)
            return
        self.recovery_dialog = RecoveryCodeDialog(code, self)
        del code
        self.recovery_dialog.finished.connect(lambda _r: self.load())
        self.recovery_dialog.open()


class JournalFilePage(SettingsPage):
    title = "Journal file"

    open_other_requested = Signal()
    create_new_requested = Signal()

    def __init__(
        self, settings: AppSettings, service: JournalService, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, parent)
        self.service = service
        self.layout_.addWidget(
            label(
                "Your journal is one encrypted file on this computer. You can keep it "
                "elsewhere, for example on an encrypted drive, and open it from there.",
                "lead",
            )
        )
        self.path_label = label("")
        self.path_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.path_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.path_label.setAccessibleName("Journal file location")
        self.path_label.setToolTip("Where the journal file is")
        set_role(self.path_label, "path")
        self.show_button = button(
            "Show in folder", "Open the folder that holds the journal file", on_click=self._show
        )
        self.open_button = button(
            "Open another journal file…",
            "Lock this journal and open a different Tend journal file",
            on_click=self.open_other_requested,
        )
        self.create_button = button(
            "Create a new journal here…",
            "Lock this journal and start a new, empty one in a file you choose",
            on_click=self.create_new_requested,
        )
        self.layout_.addWidget(self.path_label)
        self.layout_.addLayout(row(self.show_button, None))
        self.layout_.addSpacing(6)
        self.layout_.addLayout(row(self.open_button, self.create_button, None))
        self.layout_.addStretch(1)

    def load(self) -> None:
        self.path_label.setText(str(self.service.vault_path))

    @Slot()
    def _show(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.service.vault_path.parent)))


class SettingsDialog(QDialog):
    """Pages on the left, the chosen page on the right; changes kept as made, and Close."""

    applied = Signal()
    open_other_requested = Signal()
    create_new_requested = Signal()

    def __init__(
        self,
        settings: AppSettings,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        backups: HandedPage | None = None,
    ) -> None:
        """``backups``: the Backups page, last, if the window hands one in."""
        super().__init__(parent)
        return_focus_on_close(self)
        self.setWindowTitle("Settings")
        self.setObjectName("SettingsDialog")
        self.settings = settings
        self.resize(780, 600)
        open_over_parent(self)
        self.privacy = PrivacyPage(settings)
        self.appearance = AppearancePage(settings)
        self.prompts = PromptsPage(settings)
        self.country = CountryPage(settings)
        self.passphrase = PassphrasePage(settings, service)
        self.journal_file = JournalFilePage(settings, service)
        self.backups = backups
        self.pages: list[SettingsPage | HandedPage] = [
            self.privacy,
            self.appearance,
            self.prompts,
            self.country,
            self.passphrase,
            self.journal_file,
        ]
        if backups is not None:
            self.pages.append(backups)
        self.nav = QListWidget()
        set_role(self.nav, "nav")
        self.nav.setAccessibleName("Settings pages")
        self.nav.setToolTip("Choose a page of settings")
        self.nav.setFixedWidth(180)
        self.stack = QStackedWidget()
        for page in self.pages:
            item = QListWidgetItem(page.title, self.nav)
            item.setSizeHint(QSize(0, 38))
            # A handed page is a widget as well as a HandedPage (a type cannot say both).
            assert isinstance(page, QWidget)
            self.stack.addWidget(page)
            page.changed.connect(lambda page=page: self._on_page_changed(page))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setToolTip("Close Settings; every change is already kept")
        self.close_button.setAccessibleName("Close")
        self.buttons.rejected.connect(self.reject)
        self._apply_soon = QTimer(self)
        self._apply_soon.setSingleShot(True)
        self._apply_soon.setInterval(APPLY_AFTER_MS)
        self._apply_soon.timeout.connect(self.apply)

        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self.journal_file.open_other_requested.connect(self._relay_open_other)
        self.journal_file.create_new_requested.connect(self._relay_create_new)
        self.load()
        self.nav.setCurrentRow(0)

    def load(self) -> None:
        for page in self.pages:
            page.blockSignals(True)
            page.load()
            page.blockSignals(False)

    def _on_page_changed(self, page: SettingsPage | HandedPage) -> None:
        """Keep the page's values now; the window follows after a short pause."""
        page.save()
        self.settings.sync()
        self._apply_soon.start()

    @Slot()
    def apply(self) -> None:
        """Tell the window now about what was kept (the pause cut short)."""
        self._apply_soon.stop()
        self.applied.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the passphrase fields changes the passphrase; it does not close Settings."""
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.stack.currentWidget() is self.passphrase
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def show_page(self, page: SettingsPage | HandedPage) -> None:
        self.nav.setCurrentRow(self.pages.index(page))

    def done(self, result: int) -> None:
        if self._apply_soon.isActive():
            self.apply()
        self.passphrase.clear()
        super().done(result)

    @Slot()
    def _relay_open_other(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        self.open_other_requested.emit()

    @Slot()
    def _relay_create_new(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        self.create_new_requested.emit()
