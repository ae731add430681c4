"""Finds words a person cannot read whole: a label or button smaller than its text."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def clipped(root: QWidget) -> list[str]:
    """Each visible label or button under ``root`` too small for its words: narrower
    than its size hint (one line), or, where it wraps, shorter than its words need."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if isinstance(widget, QLabel) and (
            not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull())
        ):
            continue
        hint = widget.sizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if widget.height() < needed:
                found.append(f"{widget.text()[:40]!r}: {widget.height()} < {needed} high")
        elif widget.width() < hint.width() or widget.height() < hint.height() - 2:
            text = widget.text() if hasattr(widget, "text") else ""
            size = f"{widget.width()}x{widget.height()}"
            found.append(f"{text[:40]!r}: {size} < {hint.width()}x{hint.height()}")
    return found
