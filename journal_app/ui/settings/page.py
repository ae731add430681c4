"""What every page of Settings shares: a heading, load/save/changed, and its forms."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.widgets import label

CONTROL_HEIGHT = 34


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(10)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


def form_label(text: str, buddy: QWidget) -> QLabel:
    """A form label centred on its field's height (QFormLayout aligns only sideways)."""
    widget = QLabel(text)
    widget.setBuddy(buddy)
    widget.setMinimumHeight(CONTROL_HEIGHT)
    widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return widget


class SettingsPage(QWidget):
    """One page of Settings."""

    changed = Signal()
    title = ""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 0, 4, 0)
        self.layout_.setSpacing(12)
        heading = label(self.title, "heading")
        self.layout_.addWidget(heading)

    def load(self) -> None:
        """Show the stored values."""

    def save(self) -> None:
        """Store what is shown."""
