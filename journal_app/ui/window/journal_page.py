"""The journal's page in the main window: the journal view, with a notice above it."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from journal_app.ui.common.widgets import Banner


class JournalPage(QWidget):
    """The journal view, with a notice above it when something needs saying."""

    def __init__(self, view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.notice = Banner("notice")
        self.notice.action_triggered.connect(lambda _action: self.clear_notice())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The margin around the notice exists only while the notice is shown.
        self.notice_holder = QWidget()
        holder = QVBoxLayout(self.notice_holder)
        holder.setContentsMargins(12, 10, 12, 6)
        holder.addWidget(self.notice)
        self.notice.setVisible(True)
        self.notice_holder.setVisible(False)
        self.notice.clear()
        layout.addWidget(self.notice_holder)
        layout.addWidget(view, 1)

    def show_notice(self, text: str) -> None:
        self.notice.show_message(text, actions=[("dismiss", "Dismiss", "Hide this message")])
        self.notice_holder.setVisible(True)

    def clear_notice(self) -> None:
        self.notice.clear()
        self.notice_holder.setVisible(False)
