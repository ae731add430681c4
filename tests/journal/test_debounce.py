"""The debounce rule: after a pause, and never later than the limit after the first change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journal_app.journal.debounce import Debounce


def test_nothing_is_due_before_a_change() -> None:
    rule = Debounce(1.5, 10.0)
    assert not rule.pending
    assert rule.due_at() is None
    assert not rule.is_due(1_000.0)
    assert not rule.take(1_000.0)


def test_due_after_a_pause_and_each_change_restarts_the_pause() -> None:
    rule = Debounce.from_ms(1_500, 10_000)
    rule.poke(100.0)
    assert rule.due_at() == 101.5
    rule.poke(101.0)
    assert rule.due_at() == 102.5
    assert not rule.is_due(102.4)
    assert rule.take(102.5)
    assert not rule.pending, "taking a due run ends it"


def test_steady_changes_are_due_at_the_limit_after_the_first() -> None:
    rule = Debounce(1.5, 10.0)
    for tick in range(30):
        rule.poke(tick * 0.5)
        if rule.take(tick * 0.5):
            break
    assert tick * 0.5 == 10.0


def test_cancel_forgets_the_run_and_the_next_poke_starts_a_new_one() -> None:
    rule = Debounce(1.5, 10.0)
    rule.poke(0.0)
    rule.cancel()
    assert rule.due_at() is None
    rule.poke(20.0)
    assert rule.due_at() == 21.5


@given(
    delay=st.floats(0.001, 100),
    max_wait=st.floats(0.001, 1_000),
    gaps=st.lists(st.floats(0, 200), min_size=1, max_size=30),
)
def test_never_later_than_the_pause_nor_the_limit(
    delay: float, max_wait: float, gaps: list[float]
) -> None:
    rule = Debounce(delay, max_wait)
    now = first = 0.0
    rule.poke(now)
    for gap in gaps:
        due = rule.due_at()
        assert due is not None
        assert due <= now + delay and due <= first + max_wait
        if now + gap >= due:
            assert rule.take(now + gap)
            first = now + gap
        now += gap
        rule.poke(now)
