"""A menu action made the one way every window of Tend makes them.

The main window's own items and the transfer part's (Export, Print, Import, backups)
are built alike: a tooltip that is also the status tip, shortcuts without
duplicates, and the action added to the window itself, so that its shortcuts work
even while the menu bar is hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def window_action(
    window: QWidget,
    text: str,
    tooltip: str,
    slot: Callable[..., object],
    shortcuts: Sequence[QKeySequence] = (),
    *,
    checkable: bool = False,
) -> QAction:
    """An action of ``window`` that calls ``slot`` (with ``checked`` if checkable)."""
    action = QAction(text, window)
    action.setToolTip(tooltip)
    action.setStatusTip(tooltip)
    action.setCheckable(checkable)
    unique: list[QKeySequence] = []
    for sequence in shortcuts:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    if unique:
        action.setShortcuts(unique)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action


__all__ = ["window_action"]
