"""Saying a message out loud to screen readers, as it appears on screen.

A status line or an error that appears beside a field is seen at a glance, but a
screen reader says nothing unless told. Qt 6.8 and later can send an
announcement (polite, or assertive for errors); older Qt gets an Alert event on
the widget, which readers also speak. The last message announced is kept on the
widget (property ``tendAnnounced``) so that it can be read back.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

ANNOUNCED = "tendAnnounced"


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Tell screen readers ``text``, which ``widget`` now shows; nothing for no text."""
    text = " ".join(text.split())
    if not text:
        return
    widget.setProperty(ANNOUNCED, text)
    event = _announcement(widget, text, urgent)
    QAccessible.updateAccessibility(event)


def _announcement(widget: QWidget, text: str, urgent: bool) -> QAccessibleEvent:
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # before Qt 6.8
        return QAccessibleEvent(widget, QAccessible.Event.Alert)
    event = QAccessibleAnnouncementEvent(widget, text)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    return event


__all__ = ["ANNOUNCED", "announce"]
