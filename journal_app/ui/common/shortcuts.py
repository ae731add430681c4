"""Keyboard shortcuts the main window needs before the modules that act on them.

The window's menus are built at start; the prompt chooser itself is imported only
when the journal opens.
"""

from __future__ import annotations

SHORTCUT_WRITE_WITH_PROMPT = "Ctrl+Shift+N"
SHORTCUT_SHOW_LIST = "F9"
