"""About Tend: what it is and is not, where its prompts come from, and its version.

The study's link opens in the browser only when the person clicks it; Tend
itself never goes online.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal_app import APP_NAME, __version__
from journal_app.journal.prompts import STUDY_CREDIT, STUDY_DOI_URL
from journal_app.ui.theme import current_colors, set_role
from journal_app.ui.widgets import button, label, leaf_pixmap

ABOUT_WHAT = (
    "A private, encrypted journal: a quiet place to notice what helps and what matters "
    "to you, at your own pace. Everything you write stays on this computer, encrypted "
    "with your passphrase; nothing is ever sent anywhere."
)
ABOUT_WHAT_NOT = (
    "Tend is a journal, not a crisis service or a treatment, and it never contacts "
    "anyone. If you need to talk to someone now, Support lists people who can listen."
)
ABOUT_LICENCE = "Free software under the GNU General Public License, version 3 or later."


class AboutDialog(QDialog):
    """Help > About Tend."""

    support_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        self.setMinimumWidth(520)

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

        self.what = label(ABOUT_WHAT, "lead")
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
        support_row = QHBoxLayout()
        support_row.addWidget(self.support_button)
        support_row.addStretch(1)
        care_layout.addLayout(support_row)

        self.credit = label(STUDY_CREDIT, "muted")
        self.credit.setAccessibleName("Where the prompts come from")
        self.credit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.study_button = button(
            "Read the study",
            f"Opens {STUDY_DOI_URL} in your browser",
            role="link",
            on_click=self.open_study,
        )
        self.licence = label(ABOUT_LICENCE, "small")

        self.close_button = button("Close", "Close this window", on_click=self.accept)
        self.close_button.setDefault(True)
        self.close_button.setAutoDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 26, 28, 20)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addSpacing(4)
        layout.addWidget(self.what)
        layout.addWidget(care)
        layout.addSpacing(4)
        layout.addWidget(self.credit)
        link_row = QHBoxLayout()
        link_row.setContentsMargins(-6, 0, 0, 0)
        link_row.addWidget(self.study_button)
        link_row.addStretch(1)
        layout.addLayout(link_row)
        layout.addWidget(self.licence)
        layout.addStretch(1)
        layout.addSpacing(6)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        # Wrapped lines need their height for the width they are given.
        width = 580
        layout.activate()
        if layout.hasHeightForWidth():
            self.resize(width, layout.totalHeightForWidth(width))
        else:
            self.resize(width, self.sizeHint().height())

    @Slot()
    def open_study(self) -> None:
        """Open the study's page in the browser: the only time Tend points outside."""
        QDesktopServices.openUrl(QUrl(STUDY_DOI_URL))

    def _paint_icon(self) -> None:
        dark = current_colors().name == "dark"
        self.icon.setPixmap(leaf_pixmap(56, dark, self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and hasattr(
            self, "icon"
        ):
            self._paint_icon()
        super().changeEvent(event)
