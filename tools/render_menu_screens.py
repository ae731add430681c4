"""The menu bar's menus, the keyboard shortcuts window, the guide for therapists and
the journal without its list.

Called by render_screens.py for each size and theme, with an unlocked window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def render(
    window: Any, size: str, theme: str, shot: Callable[..., None], settle: Callable[..., None]
) -> None:
    """Each menu opened under its title, Help > Keyboard shortcuts, and F9's page."""
    from journal_app.ui.window.shortcuts_dialog import bar_menus

    bar = window.menuBar()
    for menu in bar_menus(bar):
        geometry = bar.actionGeometry(menu.menuAction())
        menu.popup(bar.mapToGlobal(geometry.bottomLeft()))
        settle(120)
        name = menu.title().replace("&", "").lower()
        shot(menu, f"11-menu-{name}-{size}", theme)
        menu.hide()
    window.show_shortcuts()
    dialog = window.shortcuts_dialog
    settle(120)
    shot(dialog, f"12-keyboard-shortcuts-{size}", theme)
    dialog.close()
    window.show_guide()
    guide = window.guide_dialog
    settle(120)
    shot(guide, f"12-guide-for-therapists-{size}", theme)
    guide.close()
    window.view_choices.list_action.trigger()  # View > Show the list, off
    shot(window, f"13-journal-without-list-{size}", theme)
    window.view_choices.list_action.trigger()
