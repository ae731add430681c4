"""Notice when nobody has touched Tend for a while, so that it can lock itself.

An application-wide event filter notes the time of every key press, click,
scroll or touch; one single-shot timer then checks, when it fires, whether the
quiet time has really passed. Input events only store a number, so watching
costs next to nothing, and moving the mouse over the window counts as use.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``timeout_ms`` without input; ``start`` arms it again."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = max(1, int(timeout_ms))
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._running = False

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def running(self) -> bool:
        return self._running

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(1, int(timeout_ms))
        if self._running:
            self._timer.start(self._remaining_ms())

    def start(self) -> None:
        app = QCoreApplication.instance()
        if not self._running and app is not None:
            app.installEventFilter(self)
        self._running = True
        self._last_input = time.monotonic()
        self._timer.start(self._timeout_ms)

    def stop(self) -> None:
        if self._running:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self._running = False
        self._timer.stop()

    def poke(self) -> None:
        """Count as activity (also used for input the filter cannot see)."""
        self._last_input = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_input = time.monotonic()
        return False

    def _remaining_ms(self) -> int:
        elapsed_ms = (time.monotonic() - self._last_input) * 1000.0
        return max(0, int(self._timeout_ms - elapsed_ms))

    @Slot()
    def _check(self) -> None:
        if not self._running:
            return
        remaining = self._remaining_ms()
        if remaining > 0:
            self._timer.start(remaining)
            return
        self.stop()
        self.idle.emit()
