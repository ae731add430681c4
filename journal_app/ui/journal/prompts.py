"""The prompt above the page: the soft card the editor shows a prompt in.

A prompt is only ever an invitation the person asked for (chosen in the prompt
chooser, or turned on in Settings). The card shows it above the page, with
"Another prompt" and "Write freely instead" one click away. A prompt that may
touch something heavy first says so gently, and can be skipped without ever
being shown. An entry written with a prompt keeps it, and can let it go.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance, Slot
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.common.theme import RestyleOnPaletteChange
from journal_app.ui.common.widgets import button
from journal_app.ui.journal.entry_delegate import is_dark, mix

# What the prompt card says, together for review (CONTENT.md): invitations,
# never demands; nothing counts, nothing is lost by skipping.
TEXT_HEAVY_NOTE = "This one may bring up something heavy. It’s fine to skip it."
TEXT_SHOW_THE_PROMPT = "Show the prompt"
TEXT_SKIP = "Skip"
TEXT_ANOTHER = "Another prompt"
TEXT_WRITE_FREELY = "Write freely instead"
TEXT_REMOVE = "Remove the prompt…"
TEXT_REMOVE_TITLE = "Remove the prompt"
TEXT_REMOVE_QUESTION = (
    "Remove the prompt from this entry? Your words stay just as they are; only the "
    "prompt above them goes."
)
TEXT_NO_PROMPTS = "There is no prompt to offer for that theme just now."
TEXT_WRITTEN_WITH = "Written with a prompt"
TEXT_FROM_PACK = "from {name}"

SHORTCUT_ANOTHER = "Ctrl+Shift+R"
SHORTCUT_WRITE_FREELY = "Ctrl+Shift+F"

TIP_ANOTHER = f"Show a different prompt ({SHORTCUT_ANOTHER})"
TIP_WRITE_FREELY = f"Put the prompt away and write about anything ({SHORTCUT_WRITE_FREELY})"
TIP_SHOW = "Show this prompt; you can still ask for another"
TIP_SKIP = f"Skip this one and see another prompt ({SHORTCUT_ANOTHER})"
TIP_REMOVE = "Take the prompt away from this entry; your words stay as they are"

CARD_PAD_X = 20
CARD_PAD_Y = 16


class PromptCard(RestyleOnPaletteChange, QFrame):
    """The prompt above the page, in one of three looks.

    ``live``: the prompt of a page being written, with "Another prompt" and
    "Write freely instead". ``heavy``: a gentle note first, with "Show the prompt"
    and "Skip". ``kept``: the prompt an entry was written with, when it is opened
    again, with "Remove the prompt…" (unless the entry is read-only).
    """

    another_requested = Signal()
    write_freely_requested = Signal()
    show_requested = Signal()
    remove_requested = Signal()

    HIDDEN = "hidden"
    LIVE = "live"
    HEAVY = "heavy"
    KEPT = "kept"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptCard")
        self.setAccessibleName("Prompt")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._mode = self.HIDDEN

        self.caption = QLabel(self)
        self.caption.setObjectName("promptCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Prompt theme")
        self.text = QLabel(self)
        self.text.setObjectName("promptText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Prompt text")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.follow_up = QLabel(self)
        self.follow_up.setObjectName("promptFollowUp")
        self.follow_up.setTextFormat(Qt.TextFormat.PlainText)
        self.follow_up.setWordWrap(True)
        self.follow_up.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.follow_up.setAccessibleName("A further thought")

        self.another_button = self._button(
            TEXT_ANOTHER, TIP_ANOTHER, "promptAnother", self.another_requested
        )
        self.freely_button = self._button(
            TEXT_WRITE_FREELY, TIP_WRITE_FREELY, "promptWriteFreely", self.write_freely_requested
        )
        self.show_button = self._button(
            TEXT_SHOW_THE_PROMPT, TIP_SHOW, "promptShow", self.show_requested
        )
        self.skip_button = self._button(TEXT_SKIP, TIP_SKIP, "promptSkip", self.another_requested)
        self.remove_button = self._button(
            TEXT_REMOVE, TIP_REMOVE, "promptRemove", self.remove_requested
        )
        self.remove_button.setAccessibleName("Remove the prompt")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(CARD_PAD_X, CARD_PAD_Y - 2, CARD_PAD_X, CARD_PAD_Y)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.caption, 1)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.follow_up)
        self.buttons = QWidget(self)
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 6, 0, 0)
        row.setSpacing(8)
        for widget in (
            self.show_button,
            self.skip_button,
            self.another_button,
            self.freely_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addWidget(self.buttons)
        self._built = True
        self._restyle()
        self.hide()

    def _button(self, text: str, tip: str, name: str, signal: SignalInstance) -> QPushButton:
        widget = button(text, tip)
        widget.setObjectName(name)
        widget.setParent(self)
        widget.setCursor(Qt.CursorShape.PointingHandCursor)
        widget.clicked.connect(signal)
        return widget

    # ----------------------------------------------------------------- looks

    @property
    def mode(self) -> str:
        return self._mode

    def _set_buttons(self, *shown: QPushButton) -> None:
        for widget in (
            self.another_button,
            self.freely_button,
            self.show_button,
            self.skip_button,
            self.remove_button,
        ):
            widget.setVisible(widget in shown)
        self.buttons.setVisible(any(widget is not self.remove_button for widget in shown))
        self._restyle()

    def show_live(self, text: str, caption: str, follow_up: str = "") -> None:
        """A prompt for the page being written."""
        self._mode = self.LIVE
        self._fill(caption, text, follow_up)
        self._set_buttons(self.another_button, self.freely_button)
        self.setAccessibleDescription(f"{caption}. {text} {follow_up}".strip())
        self.show()

    def show_heavy_note(self, caption: str) -> None:
        """The gentle note before a heavy prompt; the prompt itself is not shown yet."""
        self._mode = self.HEAVY
        self._fill(caption, TEXT_HEAVY_NOTE, "")
        self._set_buttons(self.show_button, self.skip_button, self.freely_button)
        self.setAccessibleDescription(TEXT_HEAVY_NOTE)
        self.show()

    def show_kept(self, text: str, caption: str, follow_up: str = "", *, removable: bool) -> None:
        """The prompt an entry was written with, opened again later."""
        self._mode = self.KEPT
        self._fill(caption, text, follow_up)
        self.set_removable(removable)
        self.setAccessibleDescription(f"{caption}. {text}".strip())
        self.show()

    def set_removable(self, removable: bool) -> None:
        if self._mode == self.KEPT:
            self._set_buttons(*([self.remove_button] if removable else []))

    def clear(self) -> None:
        self._mode = self.HIDDEN
        self._fill("", "", "")
        self.setAccessibleDescription("")
        self.hide()

    def _fill(self, caption: str, text: str, follow_up: str) -> None:
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        self.text.setText(text)
        self.follow_up.setText(follow_up)
        self.follow_up.setVisible(bool(follow_up))

    def prompt_text(self) -> str:
        """The prompt as shown ("" while the gentle note stands in for it)."""
        return self.text.text() if self._mode in (self.LIVE, self.KEPT) else ""

    def _restyle(self) -> None:
        """A soft card in the theme's colours: tinted paper, sage caption, quiet pills.

        The colours come from the application's palette, not the card's own, which
        its stylesheet changes (reading that back would chase its own tail).
        """
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Accent)
        link = palette.color(QPalette.ColorRole.Link)
        dark = is_dark(palette)
        kept = self._mode == self.KEPT  # quieter: it belongs to what was written
        warm = QColor(236, 226, 200) if not dark else QColor(96, 88, 70)
        paper = mix(base, warm, 0.10 if kept else 0.16)
        fill = mix(paper, accent, (0.07 if dark else 0.05) if kept else (0.13 if dark else 0.10))
        edge = mix(fill, accent, 0.18 if kept else 0.30)
        muted = mix(text, fill, 0.34)
        pill_edge = mix(fill, text, 0.24)
        pill_hover = mix(fill, accent, 0.16)
        sheet = f"""
QFrame#promptCard {{
    background: {fill.name()}; border: 1px solid {edge.name()}; border-radius: 12px;
}}
QFrame#promptCard QLabel {{ background: transparent; border: none; }}
QLabel#promptCaption {{ color: {link.name()}; font-weight: 600; }}
QLabel#promptText {{ color: {text.name()}; }}
QLabel#promptFollowUp {{ color: {muted.name()}; font-style: italic; }}
QFrame#promptCard QPushButton {{
    background: transparent; color: {text.name()}; border: 1px solid {pill_edge.name()};
    border-radius: 14px; padding: 4px 14px; min-height: 18px;
}}
QFrame#promptCard QPushButton:hover {{
    background: {pill_hover.name()}; border-color: {accent.name()};
}}
QFrame#promptCard QPushButton:focus {{ border: 2px solid {accent.name()}; padding: 3px 13px; }}
QFrame#promptCard QPushButton#promptRemove {{
    border: 1px solid transparent; color: {link.name()}; text-decoration: underline;
    padding: 0px 4px; min-height: 0px; border-radius: 6px; background: transparent;
}}
QFrame#promptCard QPushButton#promptRemove:hover {{ border-color: transparent; }}
QFrame#promptCard QPushButton#promptRemove:focus {{
    border: 2px solid {accent.name()}; padding: 0px 3px;
}}
"""
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        base_font = QFont(QApplication.font())
        size = base_font.pointSizeF()
        prompt_font = QFont(base_font)
        if size > 0:
            # The prompt reads a little larger; a note or a kept prompt a little less so.
            scale = {self.HEAVY: 1.08, self.KEPT: 1.12}.get(self._mode, 1.22)
            prompt_font.setPointSizeF(size * scale)
        if self.text.font() != prompt_font:
            self.text.setFont(prompt_font)
        caption_font = QFont(base_font)
        if size > 0:
            caption_font.setPointSizeF(size * 0.95)
        if self.caption.font() != caption_font:
            self.caption.setFont(caption_font)

    @Slot()
    def focus_first_button(self) -> None:
        for widget in (self.show_button, self.another_button, self.remove_button):
            if widget.isVisibleTo(self):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return


__all__ = [
    "SHORTCUT_ANOTHER",
    "SHORTCUT_WRITE_FREELY",
    "PromptCard",
]
