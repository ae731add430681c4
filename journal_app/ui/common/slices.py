"""Long Qt work on the GUI thread, in slices short enough that the window never stalls.

Why not a worker thread: PySide6 keeps Python's lock (the GIL) held through most
Qt calls, and Qt takes process-wide locks inside many of them: making, parenting,
connecting or deleting any QObject (the signal-slot mutex pool), fonts (the font
database). The GUI thread, deleting an object, holds such a lock while it asks
for the GIL (a Python-made object's virtual ``disconnectNotify``, a Python slot).
A worker that holds the GIL and waits for that lock, as ``QTextDocument``,
``documentLayout()`` or ``QPdfWriter`` do on a worker, then waits forever: both
threads stuck in C, where no Python timeout can reach them. So Qt's text and PDF
classes run only on the GUI thread, here, and a worker thread does only plain
Python (writing the finished bytes to disk).

The work is a generator of short steps (a few entries typeset, a page painted):
:class:`SliceRunner` runs steps from a zero-interval timer until
:data:`SLICE_BUDGET_S` has gone, then lets the event loop run, so the window paints,
types and answers Cancel between slices. A step that yields :data:`LONG_STEP` says
a longer step comes next: that one is started at the beginning of a slice of its
own rather than after a slice's budget. :func:`run_steps` runs the same steps all
at once (the command line, tests).
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

T = TypeVar("T")

SLICE_BUDGET_S = 0.012  # about one frame; each step itself is kept well under 50 ms
LONG_STEP: object = object()  # yielded just before a step that may take longer than the rest

Steps = Generator[object, None, T]


def run_steps(steps: Steps[T]) -> T:
    """Run every step now, in the calling thread, and return the generator's value."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            value: T = done.value
            return value


class SliceRunner(QObject):
    """Drives ``steps`` on the GUI thread from a zero timer, a slice at a time.

    Signals (emitted on the GUI thread, once):
        succeeded(object): the generator's return value.
        failed(object): the exception a step raised (``Cancelled`` if stopped).
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        steps: Steps[Any],
        parent: QObject | None = None,
        *,
        budget_s: float = SLICE_BUDGET_S,
    ) -> None:
        super().__init__(parent)
        self._steps: Steps[Any] | None = steps
        self._budget_s = budget_s
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def running(self) -> bool:
        return self._steps is not None

    def start(self) -> None:
        """Start at the next turn of the event loop (never inside the caller)."""
        if self._steps is not None:
            self._timer.start()

    def stop(self) -> None:
        """Drop the remaining steps without a signal (their ``finally`` blocks run)."""
        self._timer.stop()
        steps, self._steps = self._steps, None
        if steps is not None:
            steps.close()

    @Slot()
    def _slice(self) -> None:
        steps = self._steps
        if steps is None:
            self._timer.stop()
            return
        deadline = time.perf_counter() + self._budget_s
        try:
            while True:
                said = next(steps)
                if said is LONG_STEP or time.perf_counter() >= deadline:
                    return
        except StopIteration as done:
            self._finish()
            self.succeeded.emit(done.value)
        except Exception as exc:  # the work's failure, reported like a worker's
            self._finish()
            self.failed.emit(exc)

    def _finish(self) -> None:
        self._timer.stop()
        self._steps = None


__all__ = ["LONG_STEP", "SLICE_BUDGET_S", "SliceRunner", "Steps", "run_steps"]
