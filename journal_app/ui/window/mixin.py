"""What the main window's mixins (menus, dialogs, the passphrase flow) share.

Each is a room of the one main window, split out so that each reads on its own;
none is ever made by itself. Qt calls them with the window as ``self``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow


class WindowMixin:
    """A part of :class:`~journal_app.ui.window.main_window.MainWindow`'s own code."""

    def _window(self) -> QMainWindow:
        """This very object, as the QMainWindow every mixin here is mixed into."""
        assert isinstance(self, QMainWindow), "a mixin of the main window only"
        return self


__all__ = ["WindowMixin"]
