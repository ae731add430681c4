"""What Support, My people and My plan are built of alike: a heading with its lead
line at the top, and a middle that scrolls (up and down only) when it is long."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QVBoxLayout, QWidget

from journal_app.ui.common.widgets import label


def dialog_layout(dialog: QDialog, title: str, intro: str) -> QVBoxLayout:
    """The dialog's layout, begun with its heading and lead."""
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(28, 24, 28, 18)
    outer.setSpacing(12)
    heading = label(title, "heading")
    heading.setAccessibleName(title)
    outer.addWidget(heading)
    outer.addWidget(label(intro, "lead"))
    return outer


def scroll_area(content: QWidget, accessible_name: str) -> QScrollArea:
    """``content`` in a frameless area that scrolls only up and down."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setAccessibleName(accessible_name)
    area.setWidget(content)
    return area
