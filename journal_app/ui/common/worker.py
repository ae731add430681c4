"""Run slow work (key derivation, decrypting thousands of entries) off the GUI thread.

The callable runs on Qt's global thread pool; its result or its exception comes
back as a queued signal, so slots always run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # handed to the GUI thread, which decides
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class Worker(QObject):
    """One kind of background task; emits ``succeeded`` or ``failed`` on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._on_succeeded)
        self._relay.failed.connect(self._on_failed)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self, work: Callable[[], Any]) -> None:
        if self._running:
            raise RuntimeError("already running")
        self._set_running(True)
        QThreadPool.globalInstance().start(_Job(work, self._relay))

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.running_changed.emit(running)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._set_running(False)
        self.succeeded.emit(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._set_running(False)
        self.failed.emit(error)
