"""When a run of changes is due to be written: after a pause, or at the latest a
while after the first change, so that someone who never pauses is saved too.

Plain arithmetic over a clock's readings, with no timer of its own. The rule lives
here, below the window, so that it is written once, tested with a fake clock, and
driven by whatever timer the caller has: the window wakes it with a Qt timer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]
"""Monotonic seconds (``time.monotonic`` or a test's fake): never the wall clock,
which jumps when the computer's time is set."""


@dataclass
class Debounce:
    """Due ``delay`` seconds after the last poke, and never more than ``max_wait``
    seconds after the first poke of the run."""

    delay: float
    max_wait: float
    _first: float | None = field(default=None, init=False, repr=False)
    _last: float | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_ms(cls, delay_ms: int, max_wait_ms: int) -> Debounce:
        return cls(delay_ms / 1000, max_wait_ms / 1000)

    @property
    def pending(self) -> bool:
        return self._first is not None

    def poke(self, now: float) -> None:
        """A change at ``now``: wait for a pause, but not past the first change's limit."""
        if self._first is None:
            self._first = now
        self._last = now

    def cancel(self) -> None:
        self._first = self._last = None

    def due_at(self) -> float | None:
        """The moment the run is due, or None when nothing is pending."""
        if self._first is None or self._last is None:
            return None
        return min(self._last + self.delay, self._first + self.max_wait)

    def is_due(self, now: float) -> bool:
        due = self.due_at()
        return due is not None and now >= due

    def take(self, now: float) -> bool:
        """True (and the run is over) if it is due at ``now``."""
        if not self.is_due(now):
            return False
        self.cancel()
        return True


__all__ = ["Clock", "Debounce"]
