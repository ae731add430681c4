"""The look: contrast people can see, and text that grows with the system and the zoom."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from journal_app.ui.common.theme import (
    DARK,
    DARK_HIGH_CONTRAST,
    DEFAULT_ZOOM,
    LIGHT,
    LIGHT_HIGH_CONTRAST,
    ZOOM_STEPS,
    Colors,
    ThemeMode,
    apply_theme,
    colors_for,
    stylesheet_for,
    system_font,
    zoom_step,
)

ALL = [LIGHT, DARK, LIGHT_HIGH_CONTRAST, DARK_HIGH_CONTRAST]


def _luminance(color: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    rgb = QColor(color)
    r, g, b = (channel(c) for c in (rgb.redF(), rgb.greenF(), rgb.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2.2's contrast ratio of two colours."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("colors", ALL, ids=lambda c: f"{c.name}-{c.window}")
def test_fields_buttons_and_focus_rings_stand_out_three_to_one(colors: Colors) -> None:
    for background in (colors.surface, colors.window, colors.surface_alt):
        assert contrast(colors.field_border, background) >= 3.0, background
        assert contrast(colors.accent, background) >= 3.0, background  # focus ring


@pytest.mark.parametrize("colors", ALL, ids=lambda c: f"{c.name}-{c.window}")
def test_text_keeps_aa_contrast_everywhere(colors: Colors) -> None:
    for background in (colors.surface, colors.window, colors.surface_alt):
        assert contrast(colors.text, background) >= 4.5
        assert contrast(colors.muted, background) >= 4.5
    assert contrast(colors.selection_text, colors.selection) >= 4.5
    assert contrast(colors.accent_text, colors.accent) >= 4.5


def test_more_contrast_when_the_system_asks_for_it() -> None:
    assert colors_for(ThemeMode.LIGHT, more_contrast=True) is LIGHT_HIGH_CONTRAST
    assert colors_for(ThemeMode.DARK, more_contrast=True) is DARK_HIGH_CONTRAST
    assert colors_for(ThemeMode.DARK, more_contrast=False) is DARK
    # The high-contrast kinds keep their names: the bundled icons are chosen by them.
    assert {LIGHT_HIGH_CONTRAST.name, DARK_HIGH_CONTRAST.name} == {"light", "dark"}


def test_fields_use_the_strong_border_in_the_stylesheet() -> None:
    sheet = stylesheet_for(LIGHT)
    for rule in ("QLineEdit {", "QComboBox {", "QPushButton {"):
        block = sheet[sheet.index(rule) : sheet.index("}", sheet.index(rule))]
        assert f"1px solid {LIGHT.field_border}" in block, rule


def test_every_font_size_of_the_stylesheet_scales() -> None:
    usual = [float(size) for size in re.findall(r"(\d+(?:\.\d+)?)pt\b", stylesheet_for(LIGHT))]
    double = [float(size) for size in re.findall(r"(\d+(?:\.\d+)?)pt\b", stylesheet_for(LIGHT, 2))]
    assert usual and double == pytest.approx([size * 2 for size in usual], abs=0.06)


def test_zoom_steps_stop_at_their_ends() -> None:
    assert zoom_step(DEFAULT_ZOOM, 1) == 110
    assert zoom_step(DEFAULT_ZOOM, -1) == 90
    assert zoom_step(150, 0) == DEFAULT_ZOOM
    assert zoom_step(ZOOM_STEPS[-1], 1) == ZOOM_STEPS[-1]
    assert zoom_step(ZOOM_STEPS[0], -1) == ZOOM_STEPS[0]
    assert zoom_step(105, 1) == 110  # a value between steps goes to the next one


def test_zoom_multiplies_the_system_font_and_comes_back(qapp: QApplication) -> None:
    system = system_font(qapp).pointSizeF()
    try:
        apply_theme(qapp, ThemeMode.LIGHT, 200)
        assert qapp.font().pointSizeF() == pytest.approx(system * 2)
        assert f"{19 * 2 * system / 9:.1f}pt" in qapp.styleSheet()
    finally:
        apply_theme(qapp, ThemeMode.LIGHT, DEFAULT_ZOOM)
    assert qapp.font().pointSizeF() == pytest.approx(system)
