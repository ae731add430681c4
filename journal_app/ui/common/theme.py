"""Tend's look: a calm, warm palette for light and dark, on Qt's Fusion style.

Light is soft paper-white with sage accents; dark is a deep warm grey with a
lighter sage. Text on every background keeps at least WCAG AA contrast (4.5:1);
the accent colour on buttons keeps it with the button's text; the borders of
fields, buttons and chips (``field_border``) and every focus ring keep 3:1 with
what is beside them (WCAG 2.2 non-text contrast), while the quieter ``border``
only separates areas. When the system asks for more contrast (Qt 6.10 and later
report it), black and white take the place of the warm greys. Fusion is used on
every platform so that the palette looks the same everywhere.

Text size follows the system's font, and Tend's own zoom (View > Text size)
multiplies it: the application font and every size in the stylesheet, which is
written for a 9 pt system font (:data:`DESIGN_POINT_SIZE`), scale together.

Widgets ask for a look by a dynamic property, ``role`` (see :func:`set_role`),
never by colour, so that both themes stay in one place.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from string import Template

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
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
    border: str  # between areas; quiet
    field_border: str  # around what can be used: 3:1 against surface and window
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
    field_border="#857e72",
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
    field_border="#8a8276",
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


# For a system set to more contrast: the same hues, at their strongest.
LIGHT_HIGH_CONTRAST = replace(
    LIGHT,
    window="#ffffff",
    surface="#ffffff",
    surface_alt="#f0f0f0",
    text="#000000",
    muted="#262626",
    border="#595959",
    field_border="#000000",
    accent="#2f5a2e",
    accent_hover="#284d27",
    accent_pressed="#203f20",
    link="#1f4a20",
    selection="#1f4a20",
    selection_text="#ffffff",
    disabled_text="#595959",
)
DARK_HIGH_CONTRAST = replace(
    DARK,
    window="#000000",
    surface="#000000",
    surface_alt="#1a1a1a",
    text="#ffffff",
    muted="#e0e0e0",
    border="#a6a6a6",
    field_border="#ffffff",
    accent="#b5e0ab",
    accent_hover="#c5ebbc",
    accent_pressed="#a3cf99",
    link="#c5ebbc",
    selection="#b5e0ab",
    selection_text="#000000",
    disabled_text="#a6a6a6",
)

DESIGN_POINT_SIZE = 9.0
ZOOM_STEPS: tuple[int, ...] = (80, 90, 100, 110, 125, 150, 175, 200)
DEFAULT_ZOOM = 100
_POINT_SIZE = re.compile(r"(\d+(?:\.\d+)?)pt\b")


def zoom_step(zoom: int, steps: int) -> int:
    """The zoom ``steps`` steps up (or down, if negative) from ``zoom``, within the range."""
    if steps == 0:
        return DEFAULT_ZOOM
    if steps > 0:
        bigger = [step for step in ZOOM_STEPS if step > zoom]
        return bigger[min(steps, len(bigger)) - 1] if bigger else ZOOM_STEPS[-1]
    smaller = [step for step in ZOOM_STEPS if step < zoom]
    return smaller[max(steps, -len(smaller))] if smaller else ZOOM_STEPS[0]


def system_prefers_more_contrast() -> bool:
    """Whether the system asks for more contrast (known to Qt 6.10 and later)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    preference = getattr(Qt, "ContrastPreference", None)
    if accessibility is None or preference is None:
        return False
    return bool(accessibility().contrastPreference() == preference.HighContrast)


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def colors_for(mode: ThemeMode | str, more_contrast: bool | None = None) -> Colors:
    """The colours of ``mode``; of its high-contrast kind when the system asks for it."""
    mode = ThemeMode(mode)
    dark = system_prefers_dark() if mode is ThemeMode.SYSTEM else mode is ThemeMode.DARK
    if more_contrast is None:
        more_contrast = system_prefers_more_contrast()
    if more_contrast:
        return DARK_HIGH_CONTRAST if dark else LIGHT_HIGH_CONTRAST
    return DARK if dark else LIGHT


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


def stylesheet_for(c: Colors, text_scale: float = 1.0) -> str:
    """A small stylesheet for what a palette cannot say: roles, radii, spacing.

    The rules live in resources/theme/tend.qss, a template with one ``$name`` per colour,
    so that the stylesheet reads as a stylesheet and a designer can change it alone.
    Its font sizes (in points) are multiplied by ``text_scale``.
    """
    template = Template(assets.read_text("theme", "tend.qss"))
    sheet = template.substitute(
        asdict(c),
        check=icon_url(f"check-on-accent-{c.name}.svg"),
        chevron=icon_url(f"chevron-down-{c.name}.svg"),
    )
    if text_scale == 1.0:
        return sheet
    return _POINT_SIZE.sub(lambda m: f"{float(m[1]) * text_scale:.1f}pt", sheet)


_SYSTEM_FONT = "tendSystemFont"


def system_font(app: QApplication) -> QFont:
    """The application font as the system gave it, before any zoom of Tend's."""
    kept = app.property(_SYSTEM_FONT)
    if isinstance(kept, QFont):
        return QFont(kept)
    font = QFont(app.font())
    app.setProperty(_SYSTEM_FONT, font)
    return QFont(font)


def text_scale(app: QApplication, zoom: int = DEFAULT_ZOOM) -> float:
    """How much bigger than designed the text is: the system's font size, then the zoom."""
    size = system_font(app).pointSizeF()
    system = size / DESIGN_POINT_SIZE if size > 0 else 1.0
    return system * zoom / 100


_current: Colors = LIGHT


def current_colors() -> Colors:
    """The colours last applied (light until a theme is applied)."""
    return _current


def apply_theme(app: QApplication, mode: ThemeMode | str, zoom: int = DEFAULT_ZOOM) -> Colors:
    """Fusion, the palette, the font and the stylesheet for ``mode`` and ``zoom`` (percent)."""
    global _current
    colors = colors_for(mode)
    _current = colors  # first: widgets repaint themselves on the change events below
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette_for(colors))
    font = system_font(app)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * zoom / 100)
    if font != app.font():
        app.setFont(font)
    app.setStyleSheet(stylesheet_for(colors, text_scale(app, zoom)))
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

    def __init__(
        self,
        app: QApplication,
        mode: ThemeMode | str = ThemeMode.SYSTEM,
        zoom: int = DEFAULT_ZOOM,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._mode = ThemeMode(mode)
        self._zoom = zoom
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_scheme_changed)
        accessibility = getattr(hints, "accessibility", None)
        if accessibility is not None:  # Qt 6.10 and later
            accessibility().contrastPreferenceChanged.connect(self._reapply)
        apply_theme(app, self._mode, zoom)

    @property
    def mode(self) -> ThemeMode:
        return self._mode

    def set_mode(self, mode: ThemeMode | str, zoom: int | None = None) -> None:
        self._mode = ThemeMode(mode)
        if zoom is not None:
            self._zoom = zoom
        apply_theme(self._app, self._mode, self._zoom)

    @Slot()
    def _reapply(self, *_args: object) -> None:
        apply_theme(self._app, self._mode, self._zoom)

    @Slot(Qt.ColorScheme)
    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode is ThemeMode.SYSTEM:
            apply_theme(self._app, self._mode, self._zoom)
