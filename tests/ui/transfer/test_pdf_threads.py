"""PDF export and printing never touch Qt off the GUI thread (the deadlock they once had).

PySide6 keeps Python's lock (the GIL) through most Qt calls. A worker thread that
typeset the PDF took Qt's signal-slot mutex inside ``QTextDocument.documentLayout()``
while holding the GIL; the GUI thread, deleting an object, held that mutex while
it waited for the GIL (a Python-made sender's ``disconnectNotify``): both stuck in C
for good. The deadlock itself needs an unlucky moment, so these tests check the
property that rules it out: while an export or a print is made through the
service, no PySide6 function is called on any worker thread. The one exception is
emitting a signal (a task's progress and result): PySide6 lets go of the GIL
around the emission itself (``Py_BEGIN_ALLOW_THREADS`` around
``QMetaObject::metacall`` in libpyside's MetaFunction::call).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest

from journal_app.journal.export import ExportResult
from journal_app.journal.selection import Selection
from journal_app.ui.common import worker
from journal_app.ui.services import pdf
from journal_app.ui.window.main_window import MainWindow
from tests.ui._journal_fixtures import add_many
from tests.ui._transfer_fixtures import many_entries, rich_journal, wait_for_task, window

__all__ = ["rich_journal", "window"]  # fixtures, used by name

SAFE_OFF_THE_GUI_THREAD = {"SignalInstance.emit"}


def _qt_name(function: Any) -> str | None:
    """``Class.method`` if ``function`` belongs to PySide6 or shiboken6, else None."""
    owner = getattr(function, "__objclass__", None)
    if owner is None:
        bound = getattr(function, "__self__", None)
        owner = bound if isinstance(bound, type) else type(bound)
    module = getattr(owner, "__module__", "") or getattr(function, "__module__", "") or ""
    if not module.startswith(("PySide6", "shiboken6")):
        return None
    return f"{getattr(owner, '__name__', '?')}.{getattr(function, '__name__', '?')}"


@pytest.fixture
def qt_calls_on_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every PySide6 call made inside a Worker's job, other than emitting a signal."""
    calls: list[str] = []
    original: Callable[[worker._Job], None] = worker._Job.run

    def profile(_frame: FrameType, event: str, arg: Any) -> None:
        if event == "c_call":
            name = _qt_name(arg)
            if name is not None and name not in SAFE_OFF_THE_GUI_THREAD:
                calls.append(name)

    def run(job: worker._Job) -> None:
        assert threading.current_thread() is not threading.main_thread()
        sys.setprofile(profile)
        try:
            original(job)
        finally:
            sys.setprofile(None)

    monkeypatch.setattr(worker._Job, "run", run)
    yield calls


def test_the_probe_sees_qt_calls_on_a_worker(qtbot, qt_calls_on_workers):
    """The check below would see the old export: typesetting on the worker."""
    pdf.ensure_gui_application()
    job = worker.Worker()
    with qtbot.waitSignal(job.failed, timeout=10_000):
        job.start(lambda: pdf.build_document(many_entries(2)))
    assert qt_calls_on_workers == []  # refused before any Qt object was made
    with qtbot.waitSignal(job.succeeded, timeout=10_000):
        job.start(lambda: pdf.QPageLayout().isValid())
    assert qt_calls_on_workers == ["QPageLayout.isValid"]


def test_export_and_print_make_no_qt_call_off_the_gui_thread(
    qtbot, window: MainWindow, tmp_path, qt_calls_on_workers
):
    service = window.service
    add_many(service, many_entries(120))
    entries = service.select_entries(Selection())
    target = tmp_path / "journal.pdf"
    task = service.transfer.export_entries(entries, "pdf", target)
    results: list[object] = []
    task.succeeded.connect(results.append)
    wait_for_task(qtbot, task, 60_000)
    data = target.read_bytes()
    assert results == [ExportResult(target, len(entries), len(data))]
    assert data.startswith(b"%PDF-") and pdf.page_count(data) > 1

    printed = service.transfer.print_document(entries)
    documents: list[object] = []
    printed.succeeded.connect(documents.append)
    wait_for_task(qtbot, printed, 60_000)
    assert isinstance(documents[0], pdf.PrintDocument)
    assert documents[0].pageCount() > 1
    documents[0].clear()

    assert qt_calls_on_workers == []


def test_typesetting_refuses_to_run_off_the_gui_thread():
    pdf.ensure_gui_application()
    errors: list[BaseException] = []

    def typeset() -> None:
        try:
            pdf.build_document(many_entries(3))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=typeset)
    thread.start()
    thread.join(30)
    assert len(errors) == 1 and isinstance(errors[0], RuntimeError)
    assert "GUI thread" in str(errors[0])
