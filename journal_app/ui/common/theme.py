"""Tend's look: a calm, warm palette for light and dark, on Qt's Fusion style.

Light is soft paper-white with sage accents; dark is a deep warm grey with a
lighter sage. Text on every background keeps at least WCAG AA contrast (4.5:1);
the accent colour on buttons keeps it with the button's text. Fusion is used on
every platform so that the palette looks the same everywhere.

Widgets ask for a look by a dynamic property, ``role`` (see :func:`set_role`),
never by colour, so that both themes stay in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from journal_app import assets


class ThemeMode(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True, slots=True)
class Colors:
    name: str
    window: str
    surface: str  # text fields, cards, the list
    surface_alt: str
    text: str
    muted: str
    border: str
    accent: str
    accent_hover: str
    accent_pressed: str
    accent_text: str
    accent_soft: str
    link: str
    selection: str
    selection_text: str
    error_bg: str
    error_text: str
    notice_bg: str
    notice_text: str
    disabled_text: str


LIGHT = Colors(
    name="light",
    window="#f6f3ec",
    surface="#fffdf8",
    surface_alt="#efebe2",
    text="#2e332e",
    muted="#5c635b",
    border="#d9d3c7",
    accent="#4e7a4d",
    accent_hover="#446c43",
    accent_pressed="#3a5e3a",
    accent_text="#ffffff",
    accent_soft="#e4ece0",
    link="#3d683e",
    selection="#d3e3cc",
    selection_text="#1e261e",
    error_bg="#f7ebe4",
    error_text="#7f3b2b",
    notice_bg="#ecf1e6",
    notice_text="#34442f",
    disabled_text="#9a9d96",
)

DARK = Colors(
    name="dark",
    window="#252321",
    surface="#2d2a27",
    surface_alt="#34302c",
    text="#ece6dc",
    muted="#b0a89a",
    border="#4a443d",
    accent="#8db585",
    accent_hover="#9cc394",
    accent_pressed="#7ea576",
    accent_text="#1a2018",
    accent_soft="#323b2f",
    link="#a9cca0",
    selection="#41583d",
    selection_text="#f2f5ee",
    error_bg="#3d2a25",
    error_text="#f1bcab",
    notice_bg="#2e362b",
    notice_text="#d6e3cf",
    disabled_text="#7b756c",
)


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def colors_for(mode: ThemeMode | str) -> Colors:
    mode = ThemeMode(mode)
    if mode is ThemeMode.SYSTEM:
        return DARK if system_prefers_dark() else LIGHT
    return DARK if mode is ThemeMode.DARK else LIGHT


def palette_for(colors: Colors) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup

    def put(which: QPalette.ColorRole, value: str) -> None:
        palette.setColor(which, QColor(value))

    put(role.Window, colors.window)
    put(role.WindowText, colors.text)
    put(role.Base, colors.surface)
    put(role.AlternateBase, colors.surface_alt)
    put(role.Text, colors.text)
    put(role.PlaceholderText, colors.muted)
    put(role.Button, colors.surface_alt)
    put(role.ButtonText, colors.text)
    put(role.BrightText, colors.error_text)
    put(role.Highlight, colors.selection)
    put(role.HighlightedText, colors.selection_text)
    put(role.Link, colors.link)
    put(role.LinkVisited, colors.link)
    put(role.ToolTipBase, colors.surface)
    put(role.ToolTipText, colors.text)
    put(role.Accent, colors.accent)
    window = QColor(colors.window)
    border = QColor(colors.border)
    put(role.Light, window.lighter(112).name())
    put(role.Midlight, window.lighter(104).name())
    put(role.Mid, border.name())
    put(role.Dark, border.darker(125).name())
    put(role.Shadow, border.darker(180).name())
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, which, QColor(colors.disabled_text))
    palette.setColor(group.Disabled, role.Base, QColor(colors.window))
    return palette


def icon_url(name: str) -> str:
    """A bundled icon's path for a stylesheet's url(); "" if it has no file path."""
    path = assets.resource("icons", name)
    return path.as_posix() if isinstance(path, Path) else ""


def stylesheet_for(c: Colors) -> str:
    """A small stylesheet for what a palette cannot say: roles, radii, spacing."""
    check = icon_url(f"check-on-accent-{c.name}.svg")
    chevron = icon_url(f"chevron-down-{c.name}.svg")
    return f"""
QToolTip {{
    color: {c.text}; background: {c.surface}; border: 1px solid {c.border};
    padding: 4px 6px;
}}
QLabel[role="heading"] {{ font-size: 19pt; font-weight: 600; color: {c.text}; }}
QLabel[role="subheading"] {{ font-size: 12.5pt; font-weight: 600; color: {c.text}; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="small"] {{ color: {c.muted}; font-size: 9pt; }}
QLabel[role="lead"] {{ font-size: 11.5pt; color: {c.text}; }}
QLabel[role="feedback"] {{ color: {c.muted}; }}
QLabel[role="code"] {{
    font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace;
    font-size: 16pt; letter-spacing: 1px; color: {c.text};
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 10px;
    padding: 18px 20px;
}}
QLabel[role="number"] {{ font-size: 17pt; font-weight: 600; color: {c.text}; }}
QLabel[role="path"] {{
    background: {c.surface_alt}; border: none; border-radius: 8px;
    padding: 9px 12px; color: {c.text};
}}
QLabel[role="status"] {{ color: {c.muted}; padding: 0 6px; }}
QFrame[role="card"] {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px;
}}
QFrame[role="card"] QLabel {{ background: transparent; }}
QFrame[role="error"] {{
    background: {c.error_bg}; border: 1px solid {c.error_bg}; border-radius: 10px;
}}
QFrame[role="error"] QLabel {{ color: {c.error_text}; background: transparent; }}
QFrame[role="notice"] {{
    background: {c.notice_bg}; border: 1px solid {c.notice_bg}; border-radius: 10px;
}}
QFrame[role="notice"] QLabel {{ color: {c.notice_text}; background: transparent; }}
QPushButton {{
    background: {c.surface_alt}; color: {c.text};
    border: 1px solid {c.border}; border-radius: 8px;
    padding: 7px 16px; min-height: 20px;
}}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:pressed {{ background: {c.accent_soft}; }}
QPushButton:focus {{ border: 2px solid {c.accent}; padding: 6px 15px; }}
QPushButton:disabled {{ color: {c.disabled_text}; border-color: {c.border}; }}
QPushButton[role="primary"] {{
    background: {c.accent}; color: {c.accent_text}; border: 1px solid {c.accent};
    font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {c.accent_hover}; }}
QPushButton[role="primary"]:pressed {{ background: {c.accent_pressed}; }}
QPushButton[role="primary"]:focus {{
    border: 2px solid {c.text}; padding: 6px 15px;
}}
QPushButton[role="primary"]:disabled {{
    background: {c.surface_alt}; color: {c.disabled_text}; border-color: {c.border};
}}
QPushButton[role="link"] {{
    background: transparent; border: 1px solid transparent; color: {c.link};
    padding: 4px 6px; text-decoration: underline;
}}
QPushButton[role="link"]:hover {{ color: {c.accent_hover}; }}
QPushButton[role="link"]:focus {{ border: 2px solid {c.accent}; padding: 3px 5px; }}
QPushButton[role="support"] {{
    background: transparent; border: 1px solid {c.border}; color: {c.text};
    border-radius: 12px; padding: 3px 14px; min-height: 16px;
}}
QPushButton[role="support"]:hover {{ border-color: {c.accent}; background: {c.accent_soft}; }}
QPushButton[role="support"]:focus {{ border: 2px solid {c.accent}; padding: 2px 13px; }}
QPushButton[role="copy"] {{
    background: transparent; border: 1px solid {c.border}; color: {c.muted};
    border-radius: 10px; padding: 2px 10px; min-height: 14px; font-size: 9pt;
}}
QPushButton[role="copy"]:hover {{ border-color: {c.accent}; color: {c.text}; }}
QPushButton[role="copy"]:focus {{ border: 2px solid {c.accent}; padding: 1px 9px; }}
QPushButton[role="chip"] {{
    background: transparent; border: 1px solid {c.border}; color: {c.muted};
    border-radius: 12px; padding: 3px 11px; min-height: 14px; font-size: 9.5pt;
}}
QPushButton[role="chip"]:hover {{
    background: {c.accent_soft}; border-color: {c.accent}; color: {c.text};
}}
QPushButton[role="chip"]:focus {{
    border: 2px solid {c.accent}; padding: 2px 10px; color: {c.text};
}}
QPushButton[role="chip"]:disabled {{
    background: transparent; border: 1px dashed {c.border}; color: {c.disabled_text};
}}
QPlainTextEdit[role="field"], QPlainTextEdit[role="note"] {{
    background: {c.surface}; color: {c.text};
    border: 1px solid {c.border}; border-radius: 8px; padding: 6px 8px;
    selection-background-color: {c.selection}; selection-color: {c.selection_text};
}}
QPlainTextEdit[role="field"] {{ font-size: 11pt; }}
QPlainTextEdit[role="field"]:focus, QPlainTextEdit[role="note"]:focus {{
    border: 2px solid {c.accent}; padding: 5px 7px;
}}
QLineEdit {{
    background: {c.surface}; color: {c.text};
    border: 1px solid {c.border}; border-radius: 8px;
    selection-background-color: {c.selection}; selection-color: {c.selection_text};
    padding: 7px 10px; min-height: 20px;
}}
QLineEdit[role="passphrase"] {{ font-size: 12pt; }}
QLineEdit:focus {{ border: 2px solid {c.accent}; padding: 6px 9px; }}
QLineEdit:disabled {{ color: {c.disabled_text}; background: {c.window}; }}
QComboBox {{
    background: {c.surface}; color: {c.text};
    border: 1px solid {c.border}; border-radius: 8px;
    padding: 6px 30px 6px 10px; min-height: 20px;
    selection-background-color: {c.selection}; selection-color: {c.selection_text};
}}
QComboBox:hover {{ border-color: {c.accent}; }}
QComboBox:focus, QComboBox:on {{ border: 2px solid {c.accent}; padding: 5px 29px 5px 9px; }}
QComboBox:disabled {{ color: {c.disabled_text}; background: {c.window}; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right;
    width: 28px; border: none; background: transparent;
}}
QComboBox::down-arrow {{ image: url("{chevron}"); width: 12px; height: 12px; }}
QComboBox QLineEdit, QComboBox QLineEdit:focus {{
    border: none; padding: 0; margin: 0; background: transparent; min-height: 0;
}}
QComboBox QAbstractItemView {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    selection-background-color: {c.selection}; selection-color: {c.selection_text};
}}
QCheckBox, QRadioButton {{ spacing: 8px; color: {c.text}; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 16px; height: 16px; border: 1px solid {c.muted}; background: {c.surface};
}}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator {{ border-radius: 9px; }}
QCheckBox::indicator:hover, QRadioButton::indicator:hover {{ border-color: {c.accent}; }}
QCheckBox::indicator:checked {{
    background: {c.accent}; border-color: {c.accent}; image: url("{check}");
}}
QRadioButton::indicator:checked {{
    border-color: {c.accent};
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {c.accent}, stop: 0.5 {c.accent}, stop: 0.62 {c.surface}, stop: 1 {c.surface});
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
    border-color: {c.disabled_text}; background: {c.window};
}}
QProgressBar {{
    background: {c.surface_alt}; border: none; border-radius: 3px;
    max-height: 6px; min-height: 6px;
}}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 3px; }}
QStatusBar {{ background: {c.window}; color: {c.muted}; border-top: 1px solid {c.border}; }}
QStatusBar::item {{ border: none; }}
QMenuBar {{ background: {c.window}; color: {c.text}; }}
QMenuBar::item {{ padding: 4px 10px; background: transparent; border-radius: 6px; }}
QMenuBar::item:selected {{ background: {c.accent_soft}; }}
QMenu {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    padding: 4px;
}}
QMenu::item {{ padding: 6px 28px 6px 14px; border-radius: 6px; }}
QMenu::item:selected {{ background: {c.selection}; color: {c.selection_text}; }}
QMenu::item:disabled {{ color: {c.disabled_text}; }}
QMenu::separator {{ height: 1px; background: {c.border}; margin: 4px 8px; }}
QListWidget[role="nav"] {{
    background: transparent; border: none; outline: 0;
}}
QListWidget[role="nav"]::item {{ padding: 9px 12px; border-radius: 8px; margin: 1px 0; }}
QListWidget[role="nav"]::item:selected {{
    background: {c.selection}; color: {c.selection_text};
}}
QScrollArea {{ background: transparent; border: none; }}
QScrollArea > QWidget#qt_scrollarea_viewport {{ background: transparent; }}
QScrollArea > QWidget#qt_scrollarea_viewport > QWidget {{ background: transparent; }}
QScrollBar:vertical {{
    background: transparent; width: 12px; margin: 2px 2px 2px 0;
}}
QScrollBar::handle:vertical {{
    background: {c.border}; border-radius: 4px; min-height: 36px; margin: 0 2px;
}}
QScrollBar::handle:vertical:hover {{ background: {c.muted}; }}
QScrollBar:horizontal {{
    background: transparent; height: 12px; margin: 0 2px 2px 2px;
}}
QScrollBar::handle:horizontal {{
    background: {c.border}; border-radius: 4px; min-width: 36px; margin: 2px 0;
}}
QScrollBar::handle:horizontal:hover {{ background: {c.muted}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QDialog {{ background: {c.window}; }}
"""


_current: Colors = LIGHT


def current_colors() -> Colors:
    """The colours last applied (light until a theme is applied)."""
    return _current


def apply_theme(app: QApplication, mode: ThemeMode | str) -> Colors:
    """Fusion, the palette and the stylesheet for ``mode``, on the whole app."""
    global _current
    colors = colors_for(mode)
    _current = colors  # first: widgets repaint themselves on the change events below
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette_for(colors))
    app.setStyleSheet(stylesheet_for(colors))
    return colors


class RestyleOnPaletteChange:
    """Mixin for widgets that colour parts of themselves from the palette.

    Calls ``self._restyle()`` whenever the widget's or the application's palette
    changes (light/dark switch), once ``__init__`` has set ``self._built = True``.
    List it before the Qt class: ``class Card(RestyleOnPaletteChange, QFrame)``.
    """

    def _restyle(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if getattr(self, "_built", False) and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self._restyle()
        super().changeEvent(event)  # type: ignore[misc]


def set_role(widget: QWidget, role: str) -> None:
    """Ask the stylesheet for a look (``heading``, ``primary``, ``card``, ...)."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class ThemeController(QObject):
    """Applies a theme and, when following the system, follows it as it changes."""

    def __init__(self, app: QApplication, mode: ThemeMode | str = ThemeMode.SYSTEM) -> None:
        super().__init__(app)
        self._app = app
        self._mode = ThemeMode(mode)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        apply_theme(app, self._mode)

    @property
    def mode(self) -> ThemeMode:
        return self._mode

    def set_mode(self, mode: ThemeMode | str) -> None:
        self._mode = ThemeMode(mode)
        apply_theme(self._app, self._mode)

    @Slot(Qt.ColorScheme)
    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode is ThemeMode.SYSTEM:
            apply_theme(self._app, self._mode)
