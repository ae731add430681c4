"""Each key searches on a worker; only the newest words' results ever reach the list."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from journal_app.journal.search import Narrowing
from journal_app.ui.journal.filter_bar import FilterBar


class SlowSearch:
    """Stands in for the journal's search: "first" waits until let go."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.asked: list[str] = []

    def __call__(
        self,
        query: str,
        *,
        tag: str | None = None,
        theme: str | None = None,
        include_trash: bool = False,
        narrowing: Narrowing | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Any]:
        self.asked.append(query)
        if query == "first":
            assert self.gate.wait(5)
        return [f"found {query}"]


@pytest.fixture
def slow() -> SlowSearch:
    return SlowSearch()


@pytest.fixture
def bar(qtbot: Any, slow: SlowSearch) -> FilterBar:
    widget = FilterBar([], search=slow)
    qtbot.addWidget(widget)
    return widget


def shown_by(bar: FilterBar) -> list[tuple[str, object]]:
    """Each query the list is told to follow, with the results it is handed."""
    shown: list[tuple[str, object]] = []
    bar.changed.connect(lambda: shown.append((bar.query, bar.found(False))))
    return shown


def settle(qtbot: Any, bar: FilterBar) -> None:
    assert bar.worker is not None
    bar.worker.wait()
    qtbot.wait(50)  # the worker's answer crosses to the window's thread


def test_a_query_changed_while_searching_shows_only_the_last(qtbot, bar, slow) -> None:
    shown = shown_by(bar)
    bar.search.setText("first")
    qtbot.waitUntil(lambda: slow.asked == ["first"], timeout=2_000)
    bar.search.setText("second")
    slow.gate.set()
    qtbot.waitUntil(lambda: bar.query == "second", timeout=2_000)
    settle(qtbot, bar)
    assert shown == [("second", ["found second"])]
    assert slow.asked == ["first", "second"]


def test_results_for_words_taken_back_are_never_shown(qtbot, bar, slow) -> None:
    shown = shown_by(bar)
    bar.search.setText("first")
    qtbot.waitUntil(lambda: slow.asked == ["first"], timeout=2_000)
    bar.search.setText("")
    slow.gate.set()
    settle(qtbot, bar)
    assert shown == []
    assert bar.query == ""


def test_a_filter_changed_while_searching_takes_the_words_too(qtbot, bar, slow) -> None:
    bar.refresh(["walks"], prompted=False, flagged=False)
    shown = shown_by(bar)
    bar.search.setText("first")
    qtbot.waitUntil(lambda: slow.asked == ["first"], timeout=2_000)
    bar.tag_filter.setCurrentIndex(bar.tag_filter.findText("walks"))
    assert (bar.query, bar.tag) == ("first", "walks")
    slow.gate.set()
    settle(qtbot, bar)
    assert shown == [("first", None)]  # the list searched for both itself, once


def test_found_results_are_handed_over_only_while_the_list_follows_them(qtbot, bar, slow) -> None:
    bar.search.setText("second")
    qtbot.waitUntil(lambda: bar.query == "second", timeout=2_000)
    assert bar.found(False) is None  # a later refresh (after a save) searches again


class HeldSearch:
    """Holds every search at a gate, and notes whether it was asked to stop."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.asked: list[str] = []
        self.stopped: dict[str, bool] = {}

    def __call__(
        self,
        query: str,
        *,
        tag: str | None = None,
        theme: str | None = None,
        include_trash: bool = False,
        narrowing: Narrowing | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Any]:
        self.asked.append(query)
        assert self.gate.wait(5)
        assert cancelled is not None
        self.stopped[query] = cancelled()
        return [f"found {query}"]


def test_a_search_the_newer_words_narrow_is_left_to_finish(qtbot) -> None:
    held = HeldSearch()
    bar = FilterBar([], search=held)
    qtbot.addWidget(bar)
    shown = shown_by(bar)
    bar.search.setText("quiet m")
    qtbot.waitUntil(lambda: held.asked == ["quiet m"], timeout=2_000)
    bar.search.setText("quiet mo")  # narrows "quiet m": that one goes on, for narrowing
    held.gate.set()
    qtbot.waitUntil(lambda: bar.query == "quiet mo", timeout=2_000)
    settle(qtbot, bar)
    assert held.stopped == {"quiet m": False, "quiet mo": False}
    assert shown == [("quiet mo", ["found quiet mo"])]  # only the newest is shown


def test_a_search_the_newer_words_do_not_narrow_is_stopped(qtbot) -> None:
    held = HeldSearch()
    bar = FilterBar([], search=held)
    qtbot.addWidget(bar)
    bar.search.setText("quiet")
    qtbot.waitUntil(lambda: held.asked == ["quiet"], timeout=2_000)
    bar.search.setText("garden")
    held.gate.set()
    qtbot.waitUntil(lambda: bar.query == "garden", timeout=2_000)
    settle(qtbot, bar)
    assert held.stopped == {"quiet": True, "garden": False}
