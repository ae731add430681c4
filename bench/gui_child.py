"""What a child process does for the window's benchmarks (bench/gui.py, bench/transfer.py).

Started as ``python -c "from bench.gui_child import main; main()" TASK ARGS...`` with
QT_QPA_PLATFORM=offscreen; each task prints one line ``BENCH {json}`` and exits.

- ``start-floor``: the floor of start-up: QApplication, an empty ``QMainWindow().show()``,
  and on the event loop's first turn the time (``time.monotonic()``), then quit.
- ``start VAULT``: Tend itself, started by ``journal_app.ui.window.app.run`` unchanged; the
  only hook is ``QApplication.exec``, wrapped so that it first queues a zero-timer
  (``QTimer.singleShot(0, ...)``): that runs on the first turn of the event loop
  after ``run`` has shown the window, and prints the time and whether the window
  is showing its unlock page, then quits.
- ``unlock VAULT COUNT``: Tend started the same way, on the unlock page; the
  passphrase is typed into the unlock page and submitted, as a person would, and
  the time runs until the journal view's list model holds every entry (the moment
  the window's own ``unlocked`` handler has filled it). Then the newest entry is
  opened by selecting it in the list and the whole window is painted once, so the
  child's peak RSS is that of the window unlocked, list shown, one entry open.
- ``export VAULT COUNT FOLDER PDF_BUDGET_S``: Tend unlocked on VAULT; every entry
  exported as Markdown, JSON and PDF through ``TransferService.export_entries`` (its
  worker thread, as the window does) while a 10 ms timer ticks on the GUI thread;
  then the floors (see bench/transfer.py).
- ``import SOURCE COUNT FOLDER``: ``parse`` + ``run_import`` of a jrnl JSON export into
  fresh fast-KDF vaults, the floor, then the same import through the service
  (``transfer.preview_import`` then ``transfer.import_entries``) into an unlocked,
  empty window, with the ticking timer.

The passphrase comes from BENCH_PASSPHRASE. Nothing is imported at module level
beyond the standard library, so the floor's child loads only PySide6.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

TICK_MS = 10
WATCHDOG_S = 900.0


def _report(result: dict[str, Any]) -> None:
    sys.stdout.write("BENCH " + json.dumps(result) + "\n")
    sys.stdout.flush()


def _watchdog(seconds: float = WATCHDOG_S) -> None:
    """Never hang the benchmark: a child still running after ``seconds`` ends itself."""
    import threading

    def expire() -> None:
        sys.stderr.write(f"bench child: still running after {seconds:.0f} s; giving up\n")
        sys.stderr.flush()
        os._exit(3)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


def _on_first_turn(callback: Callable[[], None]) -> None:
    """Run ``callback`` on the first turn of the event loop that Tend's ``run`` enters."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    real_exec = QApplication.exec

    def exec_with_hook(*args: object) -> int:
        QTimer.singleShot(0, callback)
        return real_exec(*args)

    QApplication.exec = staticmethod(exec_with_hook)  # type: ignore[method-assign]


def _guarded(scenario: Callable[[], dict[str, Any]]) -> Callable[[], None]:
    """The scenario's result is printed and the child ends at once (no teardown);
    any exception is printed and ends the child with code 2 (Tend's own exception
    hook would show a dialog, which nobody could close here)."""

    def run() -> None:
        try:
            result = scenario()
        except BaseException:
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            os._exit(2)
        _report(result)
        os._exit(0)

    return run


def _main_window() -> Any:
    from PySide6.QtWidgets import QApplication

    from journal_app.ui.window.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if len(windows) != 1:
        raise RuntimeError(f"expected one main window, found {len(windows)}")
    return windows[0]


def _on_unlock_page(window: Any) -> bool:
    page = window.unlock_page
    return bool(
        window.isVisible() and window.current_page() is page and page.form.isVisibleTo(page)
    )


def _run_tend(vault: str, scenario: Callable[[], dict[str, Any]]) -> None:
    """Start Tend as ``tend --vault VAULT`` does, and run ``scenario`` once it shows."""
    from pathlib import Path

    from journal_app.ui.window import app as tend_app

    _on_first_turn(_guarded(scenario))
    tend_app.run(["tend"], vault_path=Path(vault))
    raise SystemExit("Tend's event loop ended before the benchmark did")


# ------------------------------------------------------------------ waiting


def _wait(signal: Any, timeout_s: float, trigger: Callable[[], object] | None = None) -> tuple:
    """Run the event loop until ``signal`` is emitted (after ``trigger()``, if given)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    got: list[tuple] = []

    def arrived(*args: object) -> None:
        if not got:
            got.append(args)
        loop.quit()

    signal.connect(arrived)
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    limit.start(round(timeout_s * 1000))
    try:
        if trigger is not None:
            trigger()
        if not got:
            loop.exec()
    finally:
        limit.stop()
        signal.disconnect(arrived)
    if not got:
        raise TimeoutError(f"nothing arrived in {timeout_s:.0f} s")
    return got[0]


def _spin(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class _StallProbe:
    """A timer ticking every 10 ms on the GUI thread; the longest gap between ticks
    is the longest the GUI thread could not run (the window's worst stall)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.ticks: list[float] = []

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> float:
        """Stop; the longest gap in seconds (the last one runs to this call)."""
        self._timer.stop()
        self.ticks.append(time.perf_counter())
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False))

    def stall(self) -> float:
        """Stop; the longest stall in seconds: the longest gap minus the tick itself."""
        return max(0.0, self.stop() - TICK_MS / 1000)


def _settle_search(window: Any) -> None:
    """The search index is folded on a pool thread, begun a moment after unlock: let
    it begin, then finish, before anything is timed."""
    from PySide6.QtCore import QThreadPool

    from journal_app.ui.services.journal_service import WARM_SEARCH_AFTER_MS

    _spin(WARM_SEARCH_AFTER_MS + 100)
    QThreadPool.globalInstance().waitForDone()


def _unlock(window: Any, passphrase: str) -> None:
    """Type the passphrase into the unlock page and wait until the journal shows."""

    page = window.unlock_page
    page.field.setText(passphrase)
    _wait(window.service.unlocked, 600, page.submit)
    _settle_search(window)


# ------------------------------------------------------------------ start-up


def _settle_opening(window: Any) -> None:
    """Let the window finish opening the vault it loads on a pool thread after showing."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + 30
    while getattr(window, "opening_vault", False) and time.perf_counter() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def start_floor() -> None:
    began = time.monotonic()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    imported = time.monotonic()
    app = QApplication(sys.argv[:1] or ["floor"])
    window = QMainWindow()
    window.show()

    def first_turn() -> None:
        shown = time.monotonic()
        _report({"began": began, "imported": imported, "shown": shown, "ok": window.isVisible()})
        QApplication.quit()

    QTimer.singleShot(0, first_turn)
    app.exec()


def start_tend(vault: str) -> None:
    began = time.monotonic()
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from journal_app.ui.window import app as tend_app

    imported = time.monotonic()

    def first_turn() -> None:
        shown = time.monotonic()
        ok = _on_unlock_page(_main_window())
        _report({"began": began, "imported": imported, "shown": shown, "ok": ok})
        QApplication.quit()

    _on_first_turn(first_turn)
    tend_app.run(["tend"], vault_path=Path(vault))


# ------------------------------------------------------------------ unlock


def unlock(vault: str, count: int) -> None:
    from journal_app.journal.service import Journal
    from journal_app.ui.services.journal_service import JournalService
    from journal_app.ui.window import main_window as mw
    from journal_app.vault import crypto

    passphrase = os.environ["BENCH_PASSPHRASE"]
    marks: dict[str, float] = {}

    # Marks only: each wrapper calls Tend's own code unchanged. The journal view is
    # still imported and built by the window itself, on the first unlock.
    journal_init = Journal.__init__

    def timed_journal_init(self: Journal, vault: Any) -> None:
        marks.setdefault("load_start", time.perf_counter())
        journal_init(self, vault)
        marks.setdefault("load_end", time.perf_counter())

    on_unlocked = JournalService._on_unlocked

    def timed_on_unlocked(self: JournalService, loaded: Any) -> None:
        marks.setdefault("handed_over", time.perf_counter())
        on_unlocked(self, loaded)

    make_view = mw.default_journal_view

    def timed_make_view(service: Any, settings: Any, parent: Any) -> Any:
        marks["view_start"] = time.perf_counter()
        view = make_view(service, settings, parent)
        marks["view_end"] = time.perf_counter()
        reload = view.reload

        def timed_reload() -> None:
            marks["reload_start"] = time.perf_counter()
            reload()
            marks["reload_end"] = time.perf_counter()

        view.reload = timed_reload
        return view

    Journal.__init__ = timed_journal_init  # type: ignore[method-assign]
    JournalService._on_unlocked = timed_on_unlocked  # type: ignore[method-assign]
    mw.default_journal_view = timed_make_view

    def scenario() -> dict[str, Any]:
        window = _main_window()
        if not _on_unlock_page(window):
            raise RuntimeError("the window did not open on its unlock page")
        _settle_opening(window)
        params = window.service._vault.kdf_params
        start = time.perf_counter()
        crypto.derive_passphrase_key(passphrase, params)
        kdf_s = time.perf_counter() - start

        page = window.unlock_page
        page.field.setText(passphrase)
        listed: list[float] = []
        window.service.unlocked.connect(lambda _report: listed.append(time.perf_counter()))
        marks["submit"] = time.perf_counter()
        _wait(window.service.unlocked, 600, page.submit)
        view = window.journal_view
        rows = view.model.entry_count()
        if rows != count:
            raise RuntimeError(f"the list holds {rows} entries, not {count}")
        marks["listed"] = listed[0]
        _spin(0)
        marks["idle"] = time.perf_counter()

        model = view.model
        row = model.first_entry_row()
        newest = model.entry_at(row)
        marks["open_start"] = time.perf_counter()
        view.list.setCurrentIndex(model.index(row))
        marks["open_end"] = time.perf_counter()
        if view.current_entry_id() != newest.id:
            raise RuntimeError("selecting the newest entry did not open it")
        marks["paint_start"] = time.perf_counter()
        window.grab()  # paint the whole window once: list rows, editor, chrome
        marks["paint_end"] = time.perf_counter()
        return {"kdf_s": kdf_s, "marks": marks, "rows": rows}

    _run_tend(vault, scenario)


# ------------------------------------------------------------------ stalls

SEARCH_TYPED = "quiet morning"
KEY_GAP_MS = 120
AUTOSAVE_KEYS = 8  # typed in a burst, then a pause long enough for the autosave


def _until(done: Callable[[], bool], timeout_s: float, *signals: Any) -> float:
    """Run the event loop until ``done()``; that moment. It is asked whenever one of
    ``signals`` is emitted (the model's, so the moment is exact) and every 20 ms
    besides: a faster timer would take the GIL from the very worker being timed."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    moment: list[float] = []

    def look(*_args: object) -> None:
        if not moment and done():
            moment.append(time.perf_counter())
            loop.quit()

    check = QTimer()
    check.setInterval(20)
    check.timeout.connect(look)
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    for signal in signals:
        signal.connect(look)
    look()
    if not moment:
        check.start()
        limit.start(round(timeout_s * 1000))
        loop.exec()
        check.stop()
        limit.stop()
    for signal in signals:
        signal.disconnect(look)
    if not moment:
        raise TimeoutError(f"not done in {timeout_s:.0f} s")
    return moment[0]


def _model_signals(model: Any) -> tuple[Any, ...]:
    """The signals by which the entry list model shows a change."""
    return (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved)


def _stall_of(
    action: Callable[[], object],
    done: Callable[[], bool] = lambda: True,
    signals: tuple[Any, ...] = (),
    after_ms: int = 200,
) -> float:
    """The longest stall from 50 ms before ``action()`` to ``after_ms`` after ``done()``
    (the window may finish the action on a later turn of its event loop)."""
    probe = _StallProbe()
    probe.start()
    _spin(50)
    action()
    _until(done, 60, *signals)
    _spin(after_ms)
    return probe.stall()


def _type_keys(widget: Any, text: str, gap_ms: int = KEY_GAP_MS) -> float:
    """Type ``text`` into ``widget`` one key at a time, ``gap_ms`` apart; the moment
    of the last key."""
    from PySide6.QtTest import QTest

    last = 0.0
    for index, char in enumerate(text):
        if index:
            _spin(gap_ms)
        QTest.keyClicks(widget, char)
        last = time.perf_counter()
    return last


def _open_row(view: Any, row: int) -> str:
    """Choose the entry at this row in the list, as a click does; its id."""
    entry = view.model.entry_at(row)
    view.list.setCurrentIndex(view.model.index(row))
    if view.current_entry_id() != entry.id:
        raise RuntimeError("choosing an entry in the list did not open it")
    return str(entry.id)


def _autosave_stall(view: Any) -> dict[str, Any]:
    """Type in the open entry in two bursts, each followed by a pause in which the
    editor's own debounce saves; the longest stall, and how many saves ran."""
    saves: list[str] = []
    view.editor.saved.connect(saves.append)
    body = view.editor.body
    body.setFocus()
    probe = _StallProbe()
    probe.start()
    _spin(50)
    for burst in range(1, 3):
        _type_keys(body, "x" * AUTOSAVE_KEYS)
        _until(lambda want=burst: len(saves) >= want, 30)
        _spin(200)
    stall = probe.stall()
    view.editor.saved.disconnect(saves.append)
    return {"stall_s": stall, "saves": len(saves)}


def _search_stall(view: Any, query: str) -> dict[str, Any]:
    """Type the query into the search field one key at a time; the longest stall and
    the time from the last key to the list showing that query's results."""
    field = view.filters.search
    field.setFocus()
    probe = _StallProbe()
    probe.start()
    _spin(50)
    last = _type_keys(field, query)
    shown = _until(
        lambda: view.filters.query == query and view.model.highlight == query,
        30,
        *_model_signals(view.model),
    )
    _spin(200)
    return {"stall_s": probe.stall(), "shown_s": shown - last, "found": view.model.entry_count()}


def stalls(vault: str, count: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    passphrase = os.environ["BENCH_PASSPHRASE"]

    def scenario() -> dict[str, Any]:
        window = _main_window()
        if not _on_unlock_page(window):
            raise RuntimeError("the window did not open on its unlock page")
        _settle_opening(window)
        result: dict[str, Any] = {"idle_s": max(0.0, _idle_gap() - TICK_MS / 1000)}
        page = window.unlock_page
        page.field.setText(passphrase)
        probe = _StallProbe()
        probe.start()
        _spin(50)
        began = time.perf_counter()
        _wait(window.service.unlocked, 600, page.submit)
        listed = _until(
            lambda: (
                window.journal_view is not None and window.journal_view.model.entry_count() == count
            ),
            60,
            window.service.state_changed,
        )
        _spin(300)
        result["unlock"] = {"stall_s": probe.stall(), "listed_s": listed - began}
        _settle_search(window)
        view = window.journal_view
        model = view.model

        opens = [
            _stall_of(lambda r=row: _open_row(view, r))
            for row in (model.first_entry_row(), model.rowCount() // 2, model.rowCount() - 1)
        ]
        result["open"] = {"stall_s": max(opens)}
        _open_row(view, model.first_entry_row())
        result["autosave"] = _autosave_stall(view)
        result["search"] = _search_stall(view, SEARCH_TYPED)
        if model.entry_count():
            _open_row(view, model.first_entry_row())
            result["autosave_search"] = _autosave_stall(view)
        result["clear_search"] = {
            "stall_s": _stall_of(
                lambda: QTest.keyClick(view.filters.search, Qt.Key.Key_Escape),
                lambda: not view.filters.query and model.entry_count() == count,
                _model_signals(model),
            )
        }
        _open_row(view, model.rowCount() // 2)
        result["trash"] = {
            "stall_s": _stall_of(
                view.trash_current,
                lambda: model.entry_count() == count - 1,
                _model_signals(model),
            )
        }
        return result

    _run_tend(vault, scenario)


# ------------------------------------------------------------------ export


def _peak_rss_kib() -> int:
    """This process's peak RSS since the last :func:`_reset_peak_rss` (VmHWM), in KiB."""
    with open("/proc/self/status") as status:  # noqa: PTH123 - Linux only, like the bench
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _reset_peak_rss() -> None:
    """Start the peak RSS afresh from the present RSS (Linux 4.0+: clear_refs "5"), so
    each export's peak is its own, not the largest of those before it."""
    with open("/proc/self/clear_refs", "w") as refs:  # noqa: PTH123
        refs.write("5")


def _through_service(window: Any, start: Callable[[], Any], timeout_s: float) -> dict[str, Any]:
    """Start a service task with the stall probe ticking; its wall time, longest gap,
    the child's peak RSS meanwhile, the longest time the progress bar stood still
    (from the call to the first report, between reports, and from the last to the
    end), and its result or its error. A progress bar in the status bar follows it."""
    from PySide6.QtWidgets import QProgressBar

    bar = QProgressBar()
    window.statusBar().addWidget(bar)
    bar.show()
    moved: list[float] = []

    def progress(done: int, total: int) -> None:
        if done != bar.value() or max(total, 1) != bar.maximum():
            moved.append(time.perf_counter())
        bar.setMaximum(max(total, 1))
        bar.setValue(done)

    probe = _StallProbe()
    probe.start()
    _spin(100)
    outcome: dict[str, Any] = {}
    _reset_peak_rss()
    rss_before_kib = _peak_rss_kib()
    began = time.perf_counter()
    task = start()
    task.progress.connect(progress)
    task.succeeded.connect(lambda result: outcome.setdefault("result", result))
    task.failed.connect(lambda error: outcome.setdefault("error", error))
    _wait(task.finished, timeout_s)
    ended = time.perf_counter()
    wall = ended - began
    rss_kib = _peak_rss_kib()
    marks = [began, *moved, ended]
    progress_gap = max(b - a for a, b in itertools.pairwise(marks))
    _spin(100)
    gap = probe.stop()
    window.statusBar().removeWidget(bar)
    bar.deleteLater()
    return {
        "wall_s": wall,
        "gap_s": gap,
        "rss_kib": rss_kib,
        "rss_before_kib": rss_before_kib,
        "progress_gap_s": progress_gap,
        **outcome,
    }


def _idle_gap(ms: int = 1000) -> float:
    """The longest gap with no work at all, after letting the window settle."""
    _spin(300)
    probe = _StallProbe()
    probe.start()
    _spin(ms)
    return probe.stop()


def _pdf_unavailable() -> str:
    """Why PDF export cannot run here, or "" if it can."""
    try:
        from journal_app.ui.services import pdf
    except Exception as exc:  # being written by someone else: any failure counts
        return f"journal_app.ui.services.pdf does not import: {type(exc).__name__}: {exc}"
    if not callable(getattr(pdf, "write_pdf", None)):
        return "journal_app.ui.services.pdf has no write_pdf"
    return ""


def export(vault: str, count: int, folder: str, pdf_budget_s: float) -> None:
    from pathlib import Path

    from bench import transfer_floor
    from journal_app.journal.selection import Selection

    passphrase = os.environ["BENCH_PASSPHRASE"]
    out = Path(folder)

    def scenario() -> dict[str, Any]:
        window = _main_window()
        _unlock(window, passphrase)
        service = window.service
        entries = service.select_entries(Selection())
        if len(entries) != count:
            raise RuntimeError(f"{len(entries)} entries selected, not {count}")
        result: dict[str, Any] = {"idle_gap_s": _idle_gap(), "formats": {}}
        plans = [("md", 3), ("json", 3), ("pdf", 3)]
        for fmt, most in plans:
            runs: list[dict[str, Any]] = []
            info: dict[str, Any] = {"runs": runs}
            result["formats"][fmt] = info
            if fmt == "pdf":
                reason = _pdf_unavailable()
                if reason:
                    info["unavailable"] = reason
                    continue
            target = out / f"export.{fmt}"
            spent = 0.0
            # The PDF: once, then again only while one more run still fits the budget.
            while len(runs) < most and (
                fmt != "pdf" or not runs or spent * (len(runs) + 1) / len(runs) <= pdf_budget_s
            ):
                run = _through_service(
                    window,
                    lambda f=fmt, t=target: service.transfer.export_entries(entries, f, t),
                    WATCHDOG_S,
                )
                spent += run["wall_s"]
                if "error" in run:
                    error = run.pop("error")
                    info["unavailable"] = f"the export failed: {type(error).__name__}: {error}"
                    break
                done = run.pop("result")
                if done.entries != count:
                    raise RuntimeError(f"{fmt}: {done.entries} entries exported, not {count}")
                run["bytes"] = done.size
                if fmt == "pdf":
                    run["pages"] = transfer_floor.pdf_pages(target.read_bytes())
                runs.append(run)
                target.unlink(missing_ok=True)
        floors = result["floors"] = {}
        floors["md"] = [transfer_floor.markdown(entries, out / "floor.md") for _ in range(3)]
        floors["json"] = [transfer_floor.json_export(entries, out / "floor.json") for _ in range(3)]
        if "unavailable" not in result["formats"]["pdf"]:
            floors["pdf"] = [transfer_floor.pdf(entries, out / "floor.pdf")]
        return result

    _run_tend(vault, scenario)


# ------------------------------------------------------------------ import


def import_(source: str, count: int, folder: str) -> None:
    from pathlib import Path

    from bench import transfer_floor
    from bench.vaults import fast_kdf, remove_vault
    from journal_app.journal import Journal
    from journal_app.journal.importers import parse, run_import
    from journal_app.vault import Vault

    passphrase = os.environ["BENCH_PASSPHRASE"]
    out = Path(folder)
    result: dict[str, Any] = {"runs": [], "floors": []}
    for index in range(3):
        path = out / f"import-{index}.tend"
        remove_vault(path)
        journal = Journal.create(path, passphrase, fast_kdf())
        try:
            began = time.perf_counter()
            parsed = parse(Path(source), "jrnl")
            parsed_at = time.perf_counter()
            report = run_import(journal, parsed)
            done = time.perf_counter()
            if report.imported != count or len(journal) != count:
                raise RuntimeError(f"{report.imported} entries imported, not {count}")
        finally:
            journal.close()
            remove_vault(path)
        result["runs"].append({"parse_s": parsed_at - began, "import_s": done - parsed_at})

        empty = out / f"floor-{index}.tend"
        remove_vault(empty)
        with Vault.create(empty, passphrase, fast_kdf()) as vault:
            key, vault_id = bytes(vault._key or b""), vault.vault_id
        try:
            seconds, stored = transfer_floor.import_jrnl(Path(source), empty, key, vault_id)
        finally:
            remove_vault(empty)
        if stored != count:
            raise RuntimeError(f"the floor stored {stored} entries, not {count}")
        result["floors"].append(seconds)

    target = out / "import-window.tend"
    remove_vault(target)
    Journal.create(target, passphrase, fast_kdf()).close()

    def scenario() -> dict[str, Any]:
        window = _main_window()
        _unlock(window, passphrase)
        service = window.service
        result["idle_gap_s"] = _idle_gap()
        probe = _StallProbe()
        probe.start()
        _spin(100)
        began = time.perf_counter()
        preview = service.transfer.preview_import(Path(source), "jrnl")
        outcome: dict[str, Any] = {}
        preview.succeeded.connect(lambda plan: outcome.setdefault("plan", plan))
        preview.failed.connect(lambda error: outcome.setdefault("error", error))
        _wait(preview.finished, WATCHDOG_S)
        if "error" in outcome:
            raise outcome["error"]
        previewed = time.perf_counter()
        task = service.transfer.import_entries(outcome["plan"].parsed)
        task.succeeded.connect(lambda done: outcome.setdefault("done", done))
        task.failed.connect(lambda error: outcome.setdefault("error", error))
        _wait(task.finished, WATCHDOG_S)
        if "error" in outcome:
            raise outcome["error"]
        imported = time.perf_counter()
        view = window.journal_view
        while view.model.entry_count() < count and time.perf_counter() - imported < 60:
            _spin(1)  # the list refreshes on the next turn after entries_changed
        listed = time.perf_counter()
        if view.model.entry_count() != count:
            raise RuntimeError(f"the list shows {view.model.entry_count()} entries, not {count}")
        _spin(100)
        result["window"] = {
            "preview_s": previewed - began,
            "import_s": imported - previewed,
            "listed_s": listed - imported,
            "wall_s": listed - began,
            "gap_s": probe.stop(),
        }
        remove_vault(target)  # Tend still holds it open; on Linux the name can go
        return result

    _run_tend(str(target), scenario)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    task, rest = args[0], args[1:]
    if task == "start-floor":
        start_floor()
    elif task == "start":
        start_tend(rest[0])
    else:
        _watchdog()
        if task == "unlock":
            unlock(rest[0], int(rest[1]))
        elif task == "export":
            export(rest[0], int(rest[1]), rest[2], float(rest[3]))
        elif task == "import":
            import_(rest[0], int(rest[1]), rest[2])
        elif task == "stalls":
            stalls(rest[0], int(rest[1]))
        else:
            raise SystemExit(f"unknown task {task}")
