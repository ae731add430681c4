"""Following a long task on screen: a progress bar with Cancel, inline or in a small window.

The bar moves with the task's ``progress`` signal (queued from the worker, so the
window stays responsive); Cancel asks the task to end, and the core then leaves
everything as it was. Nothing here shows any of the journal's words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.tasks import Task
from journal_app.ui.common.widgets import button, label

STOPPING = "Stopping…"


class ProgressPanel(QWidget):
    """A sentence, a progress bar and a Cancel button, following one task at a time."""

    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_button: bool = True) -> None:
        """``with_button=False`` inside a dialog whose own Cancel stops the task."""
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self.task: Task | None = None
        self.text = label("", "muted")
        self.text.setAccessibleName("What is happening")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName("Progress")
        self.bar.setToolTip("How far along it is")
        self.stop_button = button(
            "Cancel",
            "Stop now; nothing is changed",
            on_click=self.stop,
        )
        line = QHBoxLayout()
        line.setSpacing(12)
        line.addWidget(self.bar, 1)
        line.addWidget(self.stop_button)
        self.stop_button.setVisible(with_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.text)
        layout.addLayout(line)
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def follow(self, task: Task, text: str) -> None:
        """Show ``text`` and the task's progress until it ends."""
        self.task = task
        self.text.setText(text)
        self.bar.setRange(0, 0)
        self.stop_button.setEnabled(True)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self.setVisible(True)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if total <= 0:
            return
        if self.bar.maximum() != total:
            self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    @Slot()
    def _on_finished(self) -> None:
        self.task = None
        self.setVisible(False)

    @Slot()
    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.text.setText(STOPPING)
            self.stop_button.setEnabled(False)
        self.stop_requested.emit()


def fit_height(dialog: QWidget) -> None:
    """Grow a window to the height its wrapped text needs at its width (Qt does not
    do this by itself for a top-level window)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = dialog.heightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class TaskDialog(QDialog):
    """A small window that follows one task (e.g. Back up now); closing it stops it."""

    def __init__(self, title: str, text: str, task: Task, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        open_over_parent(self)
        return_focus_on_close(self)
        self.setWindowTitle(title)
        self.setObjectName("taskDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        self.task = task
        self.panel = ProgressPanel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.addWidget(self.panel)
        self.panel.follow(task, text)
        task.finished.connect(self._on_finished)

    @Slot()
    def _on_finished(self) -> None:
        if self.isVisible():
            super().done(QDialog.DialogCode.Accepted)

    def done(self, result: int) -> None:
        """Closed (Escape, the window's close button, or a lock): the task stops."""
        if self.task.running:
            self.task.cancel()
        super().done(result)


class WorkDialog(QDialog):
    """A dialog that runs one task at a time in its ``progress`` panel.

    Cancel or Escape while the task runs stops the task instead of closing;
    closing (or a lock) stops it and calls ``forget`` so nothing the dialog
    held (a passphrase, a preview, a choice) outlives it.
    """

    task: Task | None
    progress: ProgressPanel

    def working(self) -> bool:
        return self.task is not None and self.task.running

    def forget(self) -> None:
        """Drop what the dialog holds; subclasses override."""

    def reject(self) -> None:
        if self.working():
            self.progress.stop()
            return
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def done(self, result: int) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        self.forget()
        super().done(result)


__all__ = ["STOPPING", "ProgressPanel", "TaskDialog", "WorkDialog", "fit_height"]
