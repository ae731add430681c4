"""How the editor looks: colours drawn from the palette, and the notice bar.

Everything here is worked out from the palette each time it changes, so the page
follows a light or dark theme (or none) without a restart.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from journal_app.ui.common.theme import icon_url, set_role
from journal_app.ui.journal.editor_page import EditorPage
from journal_app.ui.journal.entry_delegate import is_dark, mix, muted_text


class EditorLook(EditorPage):
    """The palette-dependent look of the editor's page; mixed into the editor."""

    def _restyle(self) -> None:
        palette = self.palette()
        muted = muted_text(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        for label in (self.status, self.tags_label):
            label_palette = label.palette()
            label_palette.setColor(QPalette.ColorRole.WindowText, muted)
            label.setPalette(label_palette)
        rule_palette = self.rule_line.palette()
        rule_palette.setColor(QPalette.ColorRole.Window, mix(base, text, 0.14))
        self.rule_line.setPalette(rule_palette)
        self.footer.setAutoFillBackground(True)
        footer_palette = self.footer.palette()
        footer_palette.setColor(QPalette.ColorRole.Window, base)
        self.footer.setPalette(footer_palette)
        with self._restyling():
            self.highlighter.set_palette(palette)
        self._style_sheet(palette)
        self._style_notice(self.notice.property("tone") or "info")

    def _style_sheet(self, palette: QPalette) -> None:
        """The writing surface has no boxes: title and text sit on the page itself.

        Built from the palette, so it follows the app's theme (and works without one).
        """
        base = palette.color(QPalette.ColorRole.Base).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        accent = palette.color(QPalette.ColorRole.Accent).name()
        soft_border = mix(
            palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.18
        ).name()
        rule = mix(
            palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.14
        ).name()
        chevron = icon_url(f"chevron-down-{'dark' if is_dark(palette) else 'light'}.svg")
        sheet = f"""
QLineEdit#entryTitle {{
    border: none; border-bottom: 2px solid transparent; border-radius: 0;
    background: {base}; color: {text}; padding: 2px 0px;
}}
QLineEdit#entryTitle:focus {{ border: none; border-bottom: 2px solid {accent}; padding: 2px 0px; }}
QTextEdit#entryBody, QTextEdit#entryBody:focus {{
    border: none; background: {base}; color: {text};
}}
QFrame#ruleLine {{ background: {rule}; border: none; }}
QLineEdit#entryTags {{
    border: 1px solid {soft_border}; border-radius: 6px; background: {base};
    color: {text}; padding: 4px 6px; min-height: 18px;
}}
QLineEdit#entryTags:focus {{ border: 2px solid {accent}; padding: 3px 5px; }}
QDateTimeEdit#entryDate {{
    border: 1px solid {soft_border}; border-radius: 6px; background: {base};
    color: {text}; padding: 4px 22px 4px 6px; min-height: 18px; max-height: 18px;
}}
QDateTimeEdit#entryDate:focus {{ border: 2px solid {accent}; padding: 3px 21px 3px 5px; }}
QDateTimeEdit#entryDate::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right;
    width: 20px; border: none; background: transparent;
}}
QDateTimeEdit#entryDate::down-arrow {{ image: url("{chevron}"); width: 12px; height: 12px; }}
"""
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def _style_notice(self, tone: str) -> None:
        """The theme's "notice"/"error" frame if there is a theme; a tinted bar if not."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        if tone == "problem":
            tint = QColor(214, 160, 60) if not is_dark(palette) else QColor(170, 120, 40)
        else:
            tint = palette.color(QPalette.ColorRole.Accent)
        notice_palette = self.notice.palette()
        notice_palette.setColor(QPalette.ColorRole.Window, mix(base, tint, 0.16))
        notice_palette.setColor(QPalette.ColorRole.WindowText, text)
        self.notice.setPalette(notice_palette)
        self.notice_label.setPalette(notice_palette)
        self.notice.setAutoFillBackground(True)
        if self.notice.property("role") != ("error" if tone == "problem" else "notice"):
            set_role(self.notice, "error" if tone == "problem" else "notice")

    # ------------------------------------------------------------ the notice

    def show_notice(self, text: str, *, tone: str = "info") -> None:
        self.notice.setProperty("tone", tone)
        self._style_notice(tone)
        self.notice_label.setText(text)
        self.notice_row.setVisible(bool(text))

    def notice_text(self) -> str:
        return self.notice_label.text() if self.notice_row.isVisibleTo(self) else ""

    def hide_notice(self) -> None:
        self.notice_label.clear()
        self.notice_row.hide()


__all__ = ["EditorLook"]
