"""Qt's side of the saving rules: a timer that wakes a rule at the moment it names.

The rules themselves (wait for a pause in typing, but never longer than a maximum
after the first change) live below the window, in ``journal_app.journal.debounce``
and ``journal_app.journal.edit_session``, where they are tested with a fake clock.
Here they are only woken up on time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot

from journal_app.journal.debounce import Clock, Debounce


class Alarm(QObject):
    """Calls ``callback`` once the clock reaches the moment last set (None: never).

    A precise single-shot timer, rounded up to the next millisecond: a coarse Qt
    timer may fire a little early, and a rule woken early would find nothing due.
    """

    def __init__(
        self, callback: Callable[[], object], parent: QObject, *, clock: Clock = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._callback = callback
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._ring)

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def wake_at(self, moment: float | None) -> None:
        if moment is None:
            self._timer.stop()
            return
        wait_ms = max(0, math.ceil((moment - self._clock()) * 1000))
        self._timer.start(wait_ms)

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _ring(self) -> None:
        self._callback()


class Debouncer(QObject):
    """Call ``callback`` once things have been quiet for ``delay_ms``, and at the
    latest ``max_wait_ms`` after the first poke, so steady typing is saved too."""

    def __init__(
        self,
        delay_ms: int,
        max_wait_ms: int,
        callback: Callable[[], object],
        parent: QObject,
        *,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._callback = callback
        self._rule = Debounce.from_ms(delay_ms, max_wait_ms)
        self._alarm = Alarm(self._wake, self, clock=clock)

    @property
    def pending(self) -> bool:
        return self._rule.pending

    def poke(self) -> None:
        self._rule.poke(self._alarm.clock())
        self._alarm.wake_at(self._rule.due_at())

    def cancel(self) -> None:
        self._rule.cancel()
        self._alarm.stop()

    @Slot()
    def fire(self) -> None:
        self.cancel()
        self._callback()

    def _wake(self) -> None:
        if self._rule.take(self._alarm.clock()):
            self._alarm.stop()
            self._callback()
        else:
            self._alarm.wake_at(self._rule.due_at())


__all__ = ["Alarm", "Debouncer", "call_later"]


def call_later(owner: QObject, ms: int, callback: Callable[[], object]) -> None:
    """Call ``callback`` once, ``ms`` from now, unless ``owner`` is gone by then.

    ``QTimer.singleShot(ms, context, callable)`` does this from PySide6 6.7 on; Tend
    still runs on 6.6, which only takes a context with a slot's name.
    """
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(callback)
    timer.timeout.connect(timer.deleteLater)
    timer.start(ms)
