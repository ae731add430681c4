"""Long pieces of work (export, backup, restore, import) as tasks a window can follow.

A :class:`Task` is what :class:`journal_app.ui.services.journal_service.JournalService` hands back
when it starts something slow on its worker: a plain QObject living on the GUI
thread, with ``progress(done, total)``, ``succeeded(result)`` and
``failed(error)`` signals (queued across threads, so slots always run on the GUI
thread) and a ``cancel()`` that the work notices within a few hundred entries or
pages. Cancelled work raises :class:`journal_app.vault.Cancelled` and leaves
nothing half done: the core writes exports, backups and imports all at once or
not at all.

Results are plain dataclasses (an ``ExportResult``, a ``BackupResult``, a
``CopyReport``, an ``ImportPreview``...), never a Journal or a Vault.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot


class Task(QObject):
    """One long piece of work under way (or done).

    Signals:
        progress(int, int): ``done`` of ``total`` steps, as the work goes on.
        succeeded(object): the work's result.
        failed(object): the exception that ended it (``Cancelled`` if stopped).
        finished(): after ``succeeded`` or ``failed``.
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._stop = threading.Event()
        self._running = True

    # ------------------------------------------------- called by the GUI thread

    @property
    def running(self) -> bool:
        return self._running

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop; it raises Cancelled at its next check."""
        self._stop.set()

    # ---------------------------------------------- called by the worker thread

    def is_cancelled(self) -> bool:
        """The ``cancelled()`` check handed to the core (any thread)."""
        return self._stop.is_set()

    def report(self, done: int, total: int) -> None:
        """The ``progress(done, total)`` callback handed to the core (any thread)."""
        self.progress.emit(int(done), int(total))

    # ------------------------------------------------------------- endings

    def _succeed(self, result: object) -> None:
        self._running = False
        self.succeeded.emit(result)
        self.finished.emit()

    def _fail(self, error: object) -> None:
        self._running = False
        self.failed.emit(error)
        self.finished.emit()


__all__ = ["Task"]
