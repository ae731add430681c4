"""Every control has a name and a tooltip; every word shown follows CONTENT.md."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QWidget,
)

from journal_app.journal import passphrase
from journal_app.journal.wording import check_text
from journal_app.ui.common import errors
from journal_app.ui.settings import dialog as settings_dialog
from journal_app.ui.settings import recovery
from journal_app.ui.settings.dialog import SettingsDialog
from journal_app.ui.settings.recovery import RecoveryCodeDialog
from journal_app.ui.support import support
from journal_app.ui.support.support import SupportDialog
from journal_app.ui.transfer.backups_page import BackupsPage
from journal_app.ui.window import pages
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import create_through_ui, shown_texts, unlock_through_ui

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QListWidget)


def _own_controls(root: QWidget, skip: QWidget | None = None) -> list[QWidget]:
    found = []
    for widget in root.findChildren(QWidget):
        if skip is not None and (widget is skip or skip.isAncestorOf(widget)):
            continue  # the journal view's controls are checked in its own tests
        if isinstance(widget, CONTROLS) and widget.parent() is not None:
            if type(widget).__name__.startswith("Q") and widget.objectName().startswith("qt_"):
                continue  # Qt's own inner parts (scroll bar buttons, spin box line edits)
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
                continue
            found.append(widget)
    return found


def _check_controls(root: QWidget, skip: QWidget | None = None) -> None:
    missing = [
        f"{type(w).__name__} {w.text() if hasattr(w, 'text') else ''!r}"
        for w in _own_controls(root, skip)
        if not w.accessibleName() or not w.toolTip()
    ]
    assert not missing, missing


def _check_words(texts: list[str]) -> None:
    texts = [text for text in texts if text]
    problems = {text: check_text(text) for text in texts if check_text(text)}
    assert not problems, problems


def test_every_page_of_the_window(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    for page in (
        window.welcome_page,
        window.create_page,
        window.recovery_code_page,
        window.unlock_page,
        window.recovery_unlock_page,
        window.new_passphrase_page,
    ):
        _check_controls(page)
        _check_words(shown_texts(page))
    unlock_through_ui(qtbot, window, PASSPHRASE)
    _check_controls(window, skip=window.journal_view)
    for action in window.actions():
        assert action.toolTip() and check_text(action.text()) == []
    for menu in window.menuBar().actions():
        _check_words([menu.text()])


def test_dialogs(qtbot, service, app_settings):
    for dialog in (
        SupportDialog(country="GB"),
        SupportDialog(country="US"),
        # The window hands Settings its Backups page; so does this test.
        SettingsDialog(app_settings, service, backups=BackupsPage(app_settings, service)),
        RecoveryCodeDialog("ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567"),
    ):
        qtbot.addWidget(dialog)
        _check_controls(dialog)
        _check_words(shown_texts(dialog))


def test_first_run_recovery_code_page(qtbot, make_window):
    window = make_window()
    create_through_ui(qtbot, window, PASSPHRASE)
    _check_controls(window.recovery_code_page)
    _check_words(shown_texts(window.recovery_code_page))


def test_module_strings():
    texts = [
        *passphrase.MESSAGES.values(),
        *passphrase.LABELS.values(),
        pages.WELCOME_ABOUT,
        pages.WELCOME_PRIVACY,
        pages.WELCOME_NOT_CRISIS,
        recovery.SKIP_MESSAGE,
        recovery.SKIP_TITLE,
        support.INTRO,
        support.GP_LINE,
        support.NOT_A_CRISIS_SERVICE,
        support.YOUR_PEOPLE,
        support.NO_PEOPLE_YET,
        support.UNLOCK_FOR_PEOPLE,
        support.NO_LINES_HERE,
        support.COPY,
        support.COPIED,
        *support.KIND_TITLES.values(),
        settings_dialog.FONT_PREVIEW,
        errors.UNEXPECTED_MESSAGE,
        *(text for text, tip in errors.ACTION_TEXT.values()),
        *(tip for text, tip in errors.ACTION_TEXT.values()),
    ]
    _check_words(texts)
