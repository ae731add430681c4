"""A Qt timer pair that turns a stream of pokes into timely calls.

Autosave waits for a pause in typing, but never longer than a maximum after the
first change, so someone who types without stopping is still saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot


class Debouncer(QObject):
    """Call ``callback`` once things have been quiet for ``delay_ms``, and at the
    latest ``max_wait_ms`` after the first poke, so steady typing is saved too."""

    def __init__(
        self, delay_ms: int, max_wait_ms: int, callback: Callable[[], object], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._callback = callback
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(delay_ms)
        self._delay.timeout.connect(self.fire)
        self._max = QTimer(self)
        self._max.setSingleShot(True)
        self._max.setInterval(max_wait_ms)
        self._max.timeout.connect(self.fire)

    @property
    def pending(self) -> bool:
        return self._delay.isActive() or self._max.isActive()

    def poke(self) -> None:
        self._delay.start()
        if not self._max.isActive():
            self._max.start()

    def cancel(self) -> None:
        self._delay.stop()
        self._max.stop()

    @Slot()
    def fire(self) -> None:
        self.cancel()
        self._callback()
