"""Tend's look: a calm, warm palette for light and dark, on Qt's Fusion style.

Light is soft paper-white with sage accents; dark is a deep warm grey with a
lighter sage. Text on every background keeps at least WCAG AA contrast (4.5:1);
the accent colour on buttons keeps it with the button's text. Fusion is used on
every platform so that the palette looks the same everywhere.

Widgets ask for a look by a dynamic property, ``role`` (see :func:`set_role`),
never by colour, so that both themes stay in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from string import Template

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from journal_app import assets


class ThemeMode(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# The themes as Settings and the View menu offer them: name, and a word on each.
THEME_CHOICES: tuple[tuple[ThemeMode, str, str], ...] = (
    (ThemeMode.SYSTEM, "Follow the system", "Light or dark, as your computer is set"),
    (ThemeMode.LIGHT, "Light", "Soft paper white"),
    (ThemeMode.DARK, "Dark", "Deep, warm grey"),
)


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
    """A small stylesheet for what a palette cannot say: roles, radii, spacing.

    The rules live in resources/theme/tend.qss, a template with one ``$name`` per colour,
    so that the stylesheet reads as a stylesheet and a designer can change it alone.
    """
    template = Template(assets.read_text("theme", "tend.qss"))
    return template.substitute(
        asdict(c),
        check=icon_url(f"check-on-accent-{c.name}.svg"),
        chevron=icon_url(f"chevron-down-{c.name}.svg"),
    )


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
        # A mixin: the Qt class after it in the subclass's MRO has changeEvent.
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
