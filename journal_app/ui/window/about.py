"""About Tend: what it is and is not, where its prompts come from, its version and
licence, and where the journal lives (with its folder one click away).

The study's link opens in the browser only when the person clicks it; Tend
itself never goes online. The journal's folder opens in the system's file manager.
"""

from __future__ import annotations

import platform
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QEvent, Qt, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal_app import APP_NAME, __version__, paths
from journal_app.journal.prompts import STUDY_CREDIT, STUDY_DOI_URL
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.theme import current_colors, set_role
from journal_app.ui.common.widgets import button, label, leaf_pixmap

if TYPE_CHECKING:
    from journal_app.ui.services.journal_service import JournalService

ABOUT_WHAT = (
    "A private, encrypted journal: a quiet place to notice what helps and what matters "
    "to you, at your own pace. Everything you write stays on this computer, encrypted "
    "with your passphrase; nothing is ever sent anywhere."
)
ABOUT_WHAT_NOT = (
    "Tend is a journal, not a crisis service or a treatment, and it never contacts "
    "anyone. If you need to talk to someone now, Support lists people who can listen."
)
ABOUT_LICENCE = (
    "Free software: you may share and change it under the GNU General Public License, "
    "version 3 or later. It comes with no warranty."
)
JOURNAL_KEPT = "Your journal is kept in this file:"
JOURNAL_TO_BE_KEPT = "Your journal will be kept in this file once you create it:"
SHOW_FOLDER = "Show the journal's folder"
SHOW_FOLDER_TIP = "Opens the folder that holds your journal in your file manager"
NO_FOLDER_TIP = "The folder is made when you create your journal"


def built_with() -> str:
    """What this copy of Tend runs on, for a question to whoever looks after it."""
    return f"Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {platform.python_version()}"


def _row_of(widget: QWidget) -> QHBoxLayout:
    """A button on its own line, at the start."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


class AboutDialog(QDialog):
    """Help > About Tend."""

    support_requested = Signal()

    def __init__(
        self, parent: QWidget | None = None, service: JournalService | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 26, 28, 20)
        layout.setSpacing(12)
        layout.addLayout(self._build_title())
        layout.addSpacing(4)
        self.what = label(ABOUT_WHAT, "lead")
        layout.addWidget(self.what)
        layout.addWidget(self._build_care())
        layout.addSpacing(4)
        layout.addLayout(self._build_journal())
        layout.addSpacing(4)
        layout.addLayout(self._build_credit())
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(self._build_bottom())
        # The keyboard goes through it in the order it reads, from top to bottom.
        order = (
            self.support_button,
            self.journal_label,
            self.folder_button,
            self.study_button,
            self.close_button,
        )
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.refresh_journal()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        if service is not None:
            service.vault_path_changed.connect(self.refresh_journal)
            service.state_changed.connect(self.refresh_journal)
        # Wrapped lines need their height for the width they are given.
        width = 640
        layout.activate()
        if layout.hasHeightForWidth():
            self.resize(width, layout.totalHeightForWidth(width))
        else:
            self.resize(width, self.sizeHint().height())
        open_over_parent(self)
        return_focus_on_close(self)

    def _build_title(self) -> QHBoxLayout:
        """The leaf, the name and the version."""
        self.icon = QLabel()
        self.icon.setAccessibleName(APP_NAME)
        self.icon.setFixedSize(56, 56)
        self._paint_icon()
        title = label(APP_NAME, "heading")
        self.version_label = label(f"Version {__version__}", "muted")
        self.version_label.setAccessibleName("Version")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(title)
        names.addWidget(self.version_label)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.icon)
        top.addLayout(names, 1)
        top.setAlignment(names, Qt.AlignmentFlag.AlignVCenter)
        return top

    def _build_care(self) -> QFrame:
        """What Tend is not, with Support one click away."""
        self.what_not = label(ABOUT_WHAT_NOT)
        care = QFrame()
        set_role(care, "notice")
        care_layout = QVBoxLayout(care)
        care_layout.setContentsMargins(16, 12, 16, 12)
        care_layout.setSpacing(8)
        care_layout.addWidget(self.what_not)
        self.support_button = button(
            "Support",
            "If you need to talk to someone now: helplines for your country (F1)",
            role="support",
            on_click=self.support_requested,
        )
        care_layout.addLayout(_row_of(self.support_button))
        return care

    def _build_journal(self) -> QVBoxLayout:
        """Where the journal's file is, selectable, and its folder a click away."""
        self.journal_caption = label(JOURNAL_KEPT, "muted")
        self.journal_label = label("")
        set_role(self.journal_label, "path")
        self.journal_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.journal_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.journal_label.setAccessibleName("Where your journal is kept")
        self.journal_label.setToolTip("Your journal's file: select the text to copy it")
        self.folder_button = button(SHOW_FOLDER, SHOW_FOLDER_TIP, on_click=self.show_folder)
        journal = QVBoxLayout()
        journal.setSpacing(6)
        journal.addWidget(self.journal_caption)
        journal.addWidget(self.journal_label)
        journal.addLayout(_row_of(self.folder_button))
        return journal

    def _build_credit(self) -> QVBoxLayout:
        """Where the prompts come from, and the study's link."""
        self.credit = label(STUDY_CREDIT, "muted")
        self.credit.setAccessibleName("Where the prompts come from")
        self.credit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.study_button = button(
            "Read the study",
            f"Opens {STUDY_DOI_URL} in your browser",
            role="link",
            on_click=self.open_study,
        )
        credit = QVBoxLayout()
        credit.setSpacing(2)
        credit.addWidget(self.credit)
        link_row = _row_of(self.study_button)
        link_row.setContentsMargins(-6, 0, 0, 0)
        credit.addLayout(link_row)
        return credit

    def _build_bottom(self) -> QHBoxLayout:
        """The licence and what Tend runs on, in small print, beside Close."""
        self.licence = label(ABOUT_LICENCE, "small")
        self.licence.setAccessibleName("Licence")
        self.built_with = label(built_with(), "small")
        self.built_with.setAccessibleName("Built with")
        self.built_with.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = button("Close", "Close this window", on_click=self.accept)
        self.close_button.setDefault(True)
        self.close_button.setAutoDefault(True)
        small_print = QVBoxLayout()
        small_print.setSpacing(2)
        small_print.addWidget(self.licence)
        small_print.addWidget(self.built_with)
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        bottom.addLayout(small_print, 1)
        bottom.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)
        return bottom

    @property
    def journal_path(self) -> Path:
        """The journal's file: the window's, else the one Tend opens when not told."""
        if self.service is not None:
            return self.service.vault_path
        return paths.default_vault_path()

    @Slot()
    def refresh_journal(self) -> None:
        """Say where the journal is now (another file may have been opened since)."""
        path = self.journal_path
        self.journal_caption.setText(JOURNAL_KEPT if path.exists() else JOURNAL_TO_BE_KEPT)
        self.journal_label.setText(str(path))
        has_folder = path.parent.is_dir()
        self.folder_button.setEnabled(has_folder)
        tip = SHOW_FOLDER_TIP if has_folder else NO_FOLDER_TIP
        self.folder_button.setToolTip(tip)
        self.folder_button.setAccessibleDescription(tip)

    @Slot()
    def show_folder(self) -> None:
        """Open the folder that holds the journal in the system's file manager."""
        folder = self.journal_path.parent
        if folder.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @Slot()
    def open_study(self) -> None:
        """Open the study's page in the browser: the only time Tend points outside."""
        QDesktopServices.openUrl(QUrl(STUDY_DOI_URL))

    def _paint_icon(self) -> None:
        dark = current_colors().name == "dark"
        self.icon.setPixmap(leaf_pixmap(56, dark, self.devicePixelRatioF()))

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_journal()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and hasattr(
            self, "icon"
        ):
            self._paint_icon()
        super().changeEvent(event)
