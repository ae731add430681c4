"""SliceRunner: long GUI-thread work in short slices, with the event loop between."""

from __future__ import annotations

from collections.abc import Generator

from PySide6.QtCore import QTimer

from journal_app.ui.common.slices import LONG_STEP, SliceRunner, run_steps
from journal_app.vault import Cancelled


def counting(steps: int, seen: list[int]) -> Generator[object, None, str]:
    for step in range(steps):
        seen.append(step)
        yield None
    return f"{steps} steps"


def test_run_steps_runs_them_all_and_returns_the_value():
    seen: list[int] = []
    assert run_steps(counting(5, seen)) == "5 steps"
    assert seen == [0, 1, 2, 3, 4]


def test_the_event_loop_runs_between_slices(qtbot):
    seen: list[int] = []
    ticks: list[int] = []
    runner = SliceRunner(counting(40, seen), budget_s=0.0)  # one step a slice
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(len(seen)))
    timer.start()
    with qtbot.waitSignal(runner.succeeded, timeout=10_000) as done:
        runner.start()
        assert seen == []  # never inside the caller: from the next turn of the loop
    timer.stop()
    assert done.args == ["40 steps"]
    assert len(set(ticks)) > 10  # other timers ran while the steps went on
    assert not runner.running


def test_a_long_step_starts_a_slice_of_its_own(qtbot):
    order: list[str] = []

    def steps() -> Generator[object, None, None]:
        order.append("short")
        yield None
        yield LONG_STEP
        order.append("long")

    runner = SliceRunner(steps(), budget_s=10.0)
    QTimer.singleShot(0, lambda: order.append("loop"))
    with qtbot.waitSignal(runner.succeeded, timeout=10_000):
        runner.start()
    assert order.index("loop") < order.index("long")


def test_a_failing_step_is_reported_and_the_rest_never_run(qtbot):
    seen: list[str] = []

    def steps() -> Generator[object, None, None]:
        seen.append("one")
        yield None
        raise Cancelled()

    runner = SliceRunner(steps())
    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.start()
    assert isinstance(failed.args[0], Cancelled)
    assert seen == ["one"] and not runner.running


def test_stop_closes_the_steps_and_says_nothing(qtbot):
    closed: list[bool] = []

    def steps() -> Generator[object, None, None]:
        try:
            while True:
                yield None
        finally:
            closed.append(True)

    runner = SliceRunner(steps(), budget_s=0.0)
    said: list[object] = []
    runner.succeeded.connect(said.append)
    runner.failed.connect(said.append)
    runner.start()
    qtbot.wait(30)
    runner.stop()
    qtbot.wait(30)
    assert closed == [True] and said == [] and not runner.running
