"""Where the journal service's slow work runs, and how the window knows it is busy.

Every slow step (creating a vault, unlocking, an export, a backup, an import) runs
through one :class:`TaskRunner`, so one count says whether Tend is busy: the window
keeps its buttons still meanwhile, and the file check does not mistake Tend's own
write for another program's. Long work that the person follows and may stop is a
:class:`journal_app.ui.common.tasks.Task`; the runner remembers those still going so a
lock can ask every one of them to stop before any key is dropped.

The PDF and print typesetting is the exception to "on a worker": Qt's text and PDF
classes must not run on a worker thread (they can deadlock the window, see
:mod:`journal_app.ui.common.slices`), so :meth:`TaskRunner.start_sliced` runs them on
the GUI thread in short slices, and only plain Python (writing the finished bytes)
goes to the worker afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from journal_app.ui.common.slices import SliceRunner, Steps
from journal_app.ui.common.tasks import Task
from journal_app.ui.common.worker import Worker

# On the GUI thread, when a task's work succeeded: may change the result it reports.
OnSuccess = Callable[[Task, Any], Any]
# On the GUI thread, after the work: steps run in short slices, whose value the task
# reports (what the window must do with a large result, a little at a time).
Settle = Callable[[Task, Any], Steps[Any]]


class TaskRunner(QObject):
    """Runs work on workers (or in slices), counts it, and stops tasks on request.

    Signals:
        busy_changed(bool): the first work started, or the last one ended.
        failed(object): any work ended with this exception (after its own reply).
    """

    busy_changed = Signal(bool)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = 0
        self._tasks: set[Task] = set()

    @property
    def busy(self) -> bool:
        return self._running > 0

    @property
    def tasks(self) -> list[Task]:
        """The long tasks still under way."""
        return [task for task in self._tasks if task.running]

    def cancel_all(self) -> None:
        """Ask every long task to stop (before locking or closing)."""
        for task in list(self._tasks):
            task.cancel()

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        was_busy = self.busy
        self._running += 1 if running else -1
        if self.busy != was_busy:
            self.busy_changed.emit(self.busy)

    # ------------------------------------------------------------- plain work

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[object], None] | SignalInstance,
    ) -> None:
        """Run ``work()`` on a worker of its own, gone when it is done; the reply
        (``on_success(result)`` or ``on_failure(error)``) comes on the GUI thread."""
        worker = Worker(self)
        worker.succeeded.connect(on_success)
        worker.failed.connect(on_failure)
        worker.failed.connect(self.failed)
        worker.running_changed.connect(self._on_running_changed)
        worker.running_changed.connect(lambda running: None if running else worker.deleteLater())
        worker.start(work)

    # ------------------------------------------------------------------ tasks

    def new_task(self, kind: str) -> Task:
        """A task, remembered until it ends, for :meth:`start_sliced`."""
        task = Task(kind)
        self._tasks.add(task)
        return task

    def start(
        self,
        kind: str,
        work: Callable[[Task], Any],
        on_success: OnSuccess | None = None,
        settle: Settle | None = None,
    ) -> Task:
        """Run ``work(task)`` on the worker; ``on_success(task, result)`` runs on the
        GUI thread first and may change the result the task reports.

        ``settle(task, result)``, if given, gives steps that run on the GUI thread in
        short slices after the work, before ``on_success``; their value is the result.
        The runner stays busy until they end.
        """
        task = self.new_task(kind)
        self._run_task(task, lambda: work(task), on_success, settle)
        return task

    def start_sliced(
        self,
        task: Task,
        steps: Steps[Any],
        then: Callable[[Task, Any], Any] | None = None,
        on_success: OnSuccess | None = None,
    ) -> Task:
        """Run ``steps`` on the GUI thread in short slices, then, if given, ``then(task,
        value)`` on the worker with the steps' value; ``task`` is from :meth:`new_task`.

        For Qt work that must not run on a worker (:mod:`journal_app.ui.common.slices`);
        ``then`` does plain Python only, never Qt. The runner is busy throughout.
        """

        def done_on_gui(value: object) -> None:
            if then is None:
                self._end_task(task, value, on_success)
            else:  # the worker counts as running before the slices stop counting
                self._run_task(task, lambda: then(task, value), on_success)

        self._run_slices(task, steps, done_on_gui)
        return task

    def _run_slices(self, task: Task, steps: Steps[Any], done: Callable[[Any], None]) -> None:
        """Run ``steps`` on the GUI thread in short slices, busy meanwhile; then
        ``done(value)``, or ``task`` fails with what a step raised."""
        runner = SliceRunner(steps, task)  # lives, and stops, with its task

        def done_on_gui(value: object) -> None:
            done(value)
            self._on_running_changed(False)

        def failed_on_gui(error: object) -> None:
            self._tasks.discard(task)
            task._fail(error)
            self.failed.emit(error)
            self._on_running_changed(False)

        runner.succeeded.connect(done_on_gui)
        runner.failed.connect(failed_on_gui)
        self._on_running_changed(True)
        runner.start()

    def _run_task(
        self,
        task: Task,
        work: Callable[[], Any],
        on_success: OnSuccess | None,
        settle: Settle | None = None,
    ) -> None:
        """Run ``work()`` on the worker and end ``task`` with what it gives (after
        ``settle``'s steps, if any)."""
        worker = Worker(self)

        def running_changed(running: bool) -> None:
            if not running:
                self._tasks.discard(task)
                worker.deleteLater()

        def succeeded(result: object) -> None:
            if settle is None:
                self._end_task(task, result, on_success)
                return
            self._tasks.add(task)  # a lock still stops it while it settles
            self._run_slices(
                task,
                settle(task, result),
                lambda value: self._end_task(task, value, on_success),
            )

        worker.succeeded.connect(succeeded)
        worker.failed.connect(task._fail)
        worker.failed.connect(self.failed)
        worker.running_changed.connect(self._on_running_changed)
        worker.running_changed.connect(running_changed)
        worker.start(work)

    def _end_task(self, task: Task, result: object, on_success: OnSuccess | None) -> None:
        """On the GUI thread: ``task`` succeeded with ``result`` (``on_success`` first)."""
        self._tasks.discard(task)
        if on_success is not None:
            try:
                result = on_success(task, result)
            except Exception as exc:  # reported like any failure of the work
                task._fail(exc)
                return
        task._succeed(result)


__all__ = ["OnSuccess", "TaskRunner"]
