"""What the passphrase pages lead to: the first run, unlocking, and opening by recovery code.

The pages (:mod:`journal_app.ui.window.pages`) only say what the person asked for;
here the window asks the service, and the service's answer is read in the light
of :class:`Mode`, what its next ``unlocked`` signal means: a new journal shows its
recovery code before the journal, and one opened by recovery code asks for a new
passphrase first. The journal itself is entered by the window (``_enter_journal``).
"""

from __future__ import annotations

from contextlib import suppress
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from journal_app.ui.common import errors
from journal_app.ui.common.errors import advice_for
from journal_app.ui.journal.entry_rows import Listing, journal_listing
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.window.mixin import WindowMixin

if TYPE_CHECKING:
    from journal_app.journal import Journal, LoadReport
    from journal_app.ui.common.preferences import AppSettings
    from journal_app.ui.window.pages import (
        CreatePassphrasePage,
        NewPassphrasePage,
        RecoveryCodePage,
        RecoveryUnlockPage,
        UnlockPage,
        WelcomePage,
    )

CODE_STATUS_MS = 4000


def _ready_the_journal(journal: Journal) -> Listing:
    """Run on the unlock worker, so the window's thread is spared both: the journal
    page's code imported (the first time, most of a second at unlock) and the rows of
    the whole journal's list built (as long again at 100,000 entries)."""
    # If it fails here (an import running on the window's thread at that moment, say),
    # the window imports it itself when it shows the journal.
    with suppress(Exception):
        import_module("journal_app.ui.journal.journal_view")
    return journal_listing(journal)


class Mode(Enum):
    """What the service's next ``unlocked`` signal means."""

    NONE = "none"
    CREATE = "create"  # first run: show the recovery code before the journal
    UNLOCK = "unlock"
    RECOVERY = "recovery"  # opened by recovery code: a new passphrase comes next


class PassphraseFlow(WindowMixin):
    """The main window's answers to its passphrase pages (a mixin of the window)."""

    service: JournalService
    settings: AppSettings
    welcome_page: WelcomePage
    create_page: CreatePassphrasePage
    recovery_code_page: RecoveryCodePage
    unlock_page: UnlockPage
    recovery_unlock_page: RecoveryUnlockPage
    new_passphrase_page: NewPassphrasePage
    _mode: Mode
    _pending_report: LoadReport | None

    if TYPE_CHECKING:
        # The rest of the window, which these answers lead on to.
        def show_page(self, page: QWidget) -> None: ...
        def route(self, *, open_later: bool = False) -> None: ...
        def choose_country(self, code: str) -> None: ...
        def show_support(self) -> None: ...
        def open_other_journal(self) -> None: ...
        def create_new_journal(self) -> None: ...
        def _describe_path(self) -> str: ...
        def _enter_journal(self, report: LoadReport | None, notice: str | None = None) -> None: ...

    def _connect_flow(self, service: JournalService) -> None:
        service.prepare_on_unlock(_ready_the_journal)
        service.created.connect(self._on_created)
        service.create_failed.connect(self._on_create_failed)
        service.unlocked.connect(self._on_unlocked)
        service.unlock_failed.connect(self._on_unlock_failed)
        service.passphrase_changed.connect(self._on_passphrase_changed)
        service.passphrase_change_failed.connect(self._on_passphrase_change_failed)

    def _connect_pages(self) -> None:
        self.welcome_page.set_country(self.settings.country)
        self.welcome_page.country_chosen.connect(self.choose_country)
        self.welcome_page.begin_requested.connect(self._begin)
        self.welcome_page.support_requested.connect(self.show_support)
        self.welcome_page.open_other_requested.connect(self.open_other_journal)
        self.create_page.back_requested.connect(lambda: self.show_page(self.welcome_page))
        self.create_page.submitted.connect(self._on_create_submitted)
        code = self.recovery_code_page.widget
        code.confirmed.connect(self._on_recovery_code_done)
        code.skipped.connect(self._on_recovery_code_done)
        code.status_message.connect(lambda text: self._status(text))
        self.unlock_page.unlock_requested.connect(self._on_unlock_submitted)
        self.unlock_page.recovery_requested.connect(self._show_recovery_unlock)
        self.unlock_page.action_requested.connect(self._on_error_action)
        self.recovery_unlock_page.back_requested.connect(self._back_to_unlock)
        self.recovery_unlock_page.submitted.connect(self._on_recovery_submitted)
        self.new_passphrase_page.submitted.connect(self._on_new_passphrase_submitted)

    def _status(self, text: str) -> None:
        self._window().statusBar().showMessage(text, CODE_STATUS_MS)

    # ------------------------------------------------------------ first run

    @Slot()
    def _begin(self) -> None:
        self.choose_country(self.welcome_page.country())  # the place shown is the choice
        self.show_page(self.create_page)

    @Slot(str)
    def _on_create_submitted(self, passphrase: str) -> None:
        if self.service.busy:
            return
        self._mode = Mode.CREATE
        self.service.create(passphrase, with_recovery_code=True)

    @Slot(str)
    def _on_created(self, code: str) -> None:
        self.create_page.clear()
        if not code:
            self._mode = Mode.NONE
            return  # the ``unlocked`` that follows opens the journal
        self.recovery_code_page.widget.set_code(code)
        self.show_page(self.recovery_code_page)

    @Slot(object)
    def _on_create_failed(self, error: object) -> None:
        self._mode = Mode.NONE
        exc = error if isinstance(error, BaseException) else Exception()
        self.create_page.show_error(advice_for(exc))
        self.show_page(self.create_page)

    @Slot()
    def _on_recovery_code_done(self) -> None:
        self.recovery_code_page.clear()
        report = self._pending_report or self.service.report
        self._pending_report = None
        self._mode = Mode.NONE
        self._enter_journal(report)

    # -------------------------------------------------------------- unlock

    @Slot(str)
    def _on_unlock_submitted(self, passphrase: str) -> None:
        if self.service.busy:
            return
        self._mode = Mode.UNLOCK
        self.service.unlock(passphrase)

    @Slot(object)
    def _on_unlocked(self, report: LoadReport) -> None:
        mode, self._mode = self._mode, Mode.NONE
        if mode is Mode.CREATE:
            self._pending_report = report  # the journal opens once the code is kept
            return
        if mode is Mode.RECOVERY:
            self._mode = Mode.RECOVERY
            self._pending_report = report
            self.recovery_unlock_page.clear()
            self.new_passphrase_page.clear()
            self.show_page(self.new_passphrase_page)
            return
        self.unlock_page.clear()
        self._enter_journal(report)

    @Slot(object)
    def _on_unlock_failed(self, error: object) -> None:
        mode, self._mode = self._mode, Mode.NONE
        exc = error if isinstance(error, BaseException) else Exception()
        advice = advice_for(exc)
        if mode is Mode.RECOVERY and advice.inline:
            self.recovery_unlock_page.show_wrong(advice.message)
            return
        if advice.inline:
            self.show_page(self.unlock_page)
            self.unlock_page.show_wrong(advice.message)
            return
        self.unlock_page.set_path(self._describe_path())
        self.unlock_page.show_vault_error(advice)
        self.show_page(self.unlock_page)

    @Slot(str)
    def _on_error_action(self, action: str) -> None:
        if action == errors.RETRY:
            self.route()
        elif action == errors.OPEN_OTHER:
            self.open_other_journal()
        elif action == errors.CREATE_NEW:
            self.create_new_journal()

    # ------------------------------------------------------- recovery code

    @Slot()
    def _show_recovery_unlock(self) -> None:
        self.recovery_unlock_page.clear()
        self.show_page(self.recovery_unlock_page)

    @Slot()
    def _back_to_unlock(self) -> None:
        self.recovery_unlock_page.clear()
        self.show_page(self.unlock_page)

    @Slot(str)
    def _on_recovery_submitted(self, code: str) -> None:
        if self.service.busy:
            return
        self._mode = Mode.RECOVERY
        self.service.unlock_with_recovery_code(code)

    @Slot(str)
    def _on_new_passphrase_submitted(self, passphrase: str) -> None:
        if self.service.busy or not self.service.is_unlocked:
            return
        self._mode = Mode.RECOVERY
        self.service.change_passphrase(passphrase)

    @Slot()
    def _on_passphrase_changed(self) -> None:
        if self._mode is not Mode.RECOVERY:
            return  # a change made from Settings reports there
        self._mode = Mode.NONE
        self.new_passphrase_page.clear()
        report = self._pending_report or self.service.report
        self._pending_report = None
        self._enter_journal(
            report,
            notice="Your new passphrase is set. The old one no longer opens the journal; "
            "your recovery code still does.",
        )

    @Slot(object)
    def _on_passphrase_change_failed(self, error: object) -> None:
        if self._mode is not Mode.RECOVERY:
            return
        exc = error if isinstance(error, BaseException) else Exception()
        self.new_passphrase_page.show_error(advice_for(exc))


__all__ = ["Mode", "PassphraseFlow"]
