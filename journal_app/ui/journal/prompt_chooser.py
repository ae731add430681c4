"""Writing with a prompt begins here: choose one of the four themes of recovery, or any.

A prompt is only ever an invitation the person asked for. The chooser lists the
themes in Tend's own words, each with its line of description, plus "Any theme";
arrow keys move, Enter chooses, Escape goes back without a prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from journal_app.journal.prompts import Theme
from journal_app.ui.common.widgets import button, label
from journal_app.ui.common.widgets import row as button_row
from journal_app.ui.journal.card_list import CardList, ThemeIdRole

# What the chooser says, together for review (CONTENT.md): invitations, never demands.
TEXT_CHOOSER_TITLE = "Write with a prompt"
TEXT_CHOOSER_LEAD = (
    "Choose where you would like to begin. A prompt is only an invitation: you can ask "
    "for another, or write freely, at any time."
)
TEXT_ANY_THEME = "Any theme"
TEXT_ANY_THEME_DESCRIPTION = "A prompt from any of the four themes, chosen for you."
TEXT_SHOW_A_PROMPT = "Show a prompt"

# The chooser starts on the theme chosen last (this session only), else the first.
NOT_CHOSEN: object = object()


class PromptChooserDialog(QDialog):
    """Choose one of the four themes, or any theme. Enter chooses; Escape goes back."""

    def __init__(
        self,
        themes: Sequence[Theme],
        current: object = NOT_CHOSEN,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT_CHOOSER_TITLE)
        self.setObjectName("promptChooser")
        self.resize(560, 540)
        self.setMinimumWidth(440)
        heading = label(TEXT_CHOOSER_TITLE, "heading")
        lead = label(TEXT_CHOOSER_LEAD, "muted")
        lead.setAccessibleName("About prompts")

        self.list = CardList(self)
        self.list.setObjectName("promptThemeList")
        self.list.setAccessibleName("Themes")
        self.list.setToolTip("Choose a theme with the arrow keys; press Enter to see a prompt")
        for theme in themes:
            self.list.add_card(theme.name, theme.description, theme.id)
        self.list.add_card(TEXT_ANY_THEME, TEXT_ANY_THEME_DESCRIPTION, None)
        self.list.itemActivated.connect(lambda _item: self.accept())
        ids: list[object] = [theme.id for theme in themes] + [None]
        self.list.setCurrentRow(ids.index(current) if current in ids else 0)

        self.ok_button = button(
            TEXT_SHOW_A_PROMPT, "See a prompt from the chosen theme", role="primary"
        )
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button = button("Cancel", "Go back without a prompt", on_click=self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addSpacing(4)
        layout.addWidget(self.list, 1)
        buttons = button_row(None, self.cancel_button, self.ok_button)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_theme(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ThemeIdRole)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    @classmethod
    def get_theme(
        cls, parent: QWidget | None, themes: Sequence[Theme], current: object = NOT_CHOSEN
    ) -> tuple[str | None, bool]:
        """Ask for a theme: (theme id or None for any theme, whether one was chosen)."""
        dialog = cls(themes, current, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return (dialog.chosen_theme() if accepted else None), accepted
        finally:
            dialog.deleteLater()
