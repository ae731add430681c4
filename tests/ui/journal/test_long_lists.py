"""A long journal is listed off the window's thread, and saves never reset the list.

At 100,000 entries, working out the list's rows (months, entries by id) froze the
window for hundreds of milliseconds at each search, each cleared search and at
unlock. Here "long" is made short (``LONG_LIST``) so a few dozen entries take the
long way: rows built on the search worker, or on the unlock worker, and swapped in.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from journal_app.journal import Entry
from journal_app.ui.journal import search_worker, sidebar
from journal_app.ui.journal.entry_model import EntryListModel, EntryRole
from journal_app.ui.journal.entry_rows import Listing, journal_listing
from journal_app.ui.journal.journal_view import JournalView
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import (
    PASSPHRASE,
    QT_LOG_IGNORE,
    add_many,
    make_entries,
    make_view,
    open_service,
    view,
)

__all__ = ["open_service", "view"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE

COUNT = 60


class Spy:
    """Counts the model's signals by kind."""

    def __init__(self, model: EntryListModel) -> None:
        self.seen: Counter[str] = Counter()
        model.modelReset.connect(lambda: self.seen.update(["reset"]))
        model.dataChanged.connect(lambda *_: self.seen.update(["changed"]))
        model.rowsInserted.connect(lambda *_: self.seen.update(["inserted"]))
        model.rowsRemoved.connect(lambda *_: self.seen.update(["removed"]))


def listed(model: EntryListModel) -> list[str]:
    return model.entry_ids()


def rows(model: EntryListModel) -> list[object]:
    """Headings by their words, entries by their id."""
    shown = []
    for row in range(model.rowCount()):
        entry = model.index(row).data(EntryRole)
        shown.append(entry.id if entry is not None else model.index(row).data())
    return shown


@pytest.fixture
def long_from(monkeypatch: pytest.MonkeyPatch) -> int:
    """Lists of 10 entries or more count as long."""
    monkeypatch.setattr(sidebar, "LONG_LIST", 10)
    monkeypatch.setattr(search_worker, "LONG_LIST", 10)
    return 10


@pytest.fixture
def on_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread each Listing is built on."""
    names: list[str] = []
    build = Listing.of.__func__  # type: ignore[attr-defined]

    def watched(cls: type[Listing], entries: Any, *args: Any) -> Listing:
        names.append(
            "window" if threading.current_thread() is threading.main_thread() else "worker"
        )
        return build(cls, entries, *args)

    monkeypatch.setattr(Listing, "of", classmethod(watched))
    return names


def filled(view: JournalView, service: JournalService, qtbot: Any) -> list[Entry]:
    entries = make_entries(COUNT, step=timedelta(days=3))
    add_many(service, entries)
    view.reload()
    qtbot.waitUntil(lambda: view.model.entry_count() == COUNT, timeout=5_000)
    return service.entries()


def settle(view: JournalView, qtbot: Any) -> None:
    worker = view.filters.worker
    assert worker is not None
    worker.wait()
    qtbot.wait(30)  # the worker's answer crosses to the window's thread


# ------------------------------------------------------------------ the rows


def test_a_listing_gives_the_rows_the_model_always_gave(qtbot) -> None:
    entries = make_entries(40, step=timedelta(days=5))
    listing = Listing.of(entries)
    assert [row for row in listing.shape if isinstance(row, tuple)] == sorted(
        {(e.created.year, e.created.month) for e in entries}, reverse=True
    )
    assert listing.row_of is None  # newest first: rows are found by binary search
    shuffled = Listing.of([entries[3], entries[0], *entries[4:]])
    assert shuffled.row_of is not None


def test_rows_built_on_another_thread_are_swapped_in(qtbot, qtmodeltester) -> None:
    entries = make_entries(30, step=timedelta(days=2))
    built: list[Listing] = []
    worker = threading.Thread(target=lambda: built.append(Listing.of(entries)))
    worker.start()
    worker.join(5)
    model = EntryListModel()
    spy = Spy(model)
    model.set_listing(built[0])
    assert spy.seen == Counter(reset=1)
    expected = EntryListModel()
    expected.set_entries(entries)
    assert rows(model) == rows(expected)
    qtmodeltester.check(model)


# ------------------------------------------------------------------ searching


def test_long_results_arrive_with_their_rows_built_on_the_worker(
    qtbot, view: JournalView, open_service, long_from, on_threads
) -> None:
    filled(view, open_service, qtbot)
    on_threads.clear()
    view.search.setText("day")  # every entry's body says so
    qtbot.waitUntil(lambda: view.filters.query == "day", timeout=5_000)
    assert on_threads == ["worker"]
    assert view.model.entry_count() == COUNT
    assert view.model.highlight == "day"


def test_clearing_the_words_lists_a_long_journal_on_the_worker(
    qtbot, view: JournalView, open_service, long_from, on_threads
) -> None:
    filled(view, open_service, qtbot)
    view.search.setText("entry 12.")
    qtbot.waitUntil(lambda: view.model.entry_count() == 1, timeout=5_000)
    on_threads.clear()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.model.entry_count() == COUNT, timeout=5_000)
    assert on_threads == ["worker"]
    assert view.model.highlight == ""


def test_a_list_asked_for_before_newer_words_never_replaces_them(
    qtbot, view: JournalView, open_service, long_from
) -> None:
    filled(view, open_service, qtbot)
    gate = threading.Event()
    search = open_service.search

    def held(query: str, **kwargs: Any) -> list[Entry]:
        if not query:
            assert gate.wait(5)  # the whole journal's list is slow to come
        return search(query, **kwargs)

    assert view.filters.worker is not None
    view.filters.worker._search = held
    view.search.setText("entry 7.")
    qtbot.waitUntil(lambda: view.filters.query == "entry 7.", timeout=5_000)
    view.search.clear()  # asks for the whole journal, held at the gate
    view.search.setText("entry 12.")  # newer words, while it is held
    gate.set()
    qtbot.waitUntil(lambda: view.filters.query == "entry 12.", timeout=5_000)
    settle(view, qtbot)
    assert view.model.entry_count() == 1
    assert "entry 12." in view.model.entry_at(view.model.first_entry_row()).body


def test_a_list_the_worker_cannot_make_is_made_here(
    qtbot, view: JournalView, open_service, long_from
) -> None:
    filled(view, open_service, qtbot)
    view.search.setText("entry 12.")
    qtbot.waitUntil(lambda: view.model.entry_count() == 1, timeout=5_000)

    def broken(query: str, **kwargs: Any) -> list[Entry]:
        raise RuntimeError("no search here")

    assert view.filters.worker is not None
    view.filters.worker._search = broken
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.entry_count() == COUNT, timeout=5_000)


# ------------------------------------------------------------------ saving


@pytest.mark.parametrize("long", [False, True], ids=["short journal", "long journal"])
def test_a_save_while_a_search_is_shown_changes_only_its_rows(
    qtbot, view: JournalView, open_service, monkeypatch, long
) -> None:
    if long:
        monkeypatch.setattr(sidebar, "LONG_LIST", 10)
        monkeypatch.setattr(search_worker, "LONG_LIST", 10)
    filled(view, open_service, qtbot)
    view.search.setText("walks")  # every other entry has the tag
    qtbot.waitUntil(lambda: view.filters.query == "walks", timeout=5_000)
    settle(view, qtbot)
    shown = listed(view.model)
    assert len(shown) == COUNT // 2
    spy = Spy(view.model)

    kept, leaving = shown[3], shown[5]
    open_service.update(kept, title="Renamed on a walk")
    open_service.update(leaving, tags=["evenings"])  # no longer matches
    qtbot.waitUntil(lambda: leaving not in listed(view.model), timeout=5_000)
    settle(view, qtbot)
    assert spy.seen["reset"] == 0
    assert spy.seen["removed"] >= 1 and spy.seen["changed"] >= 1
    assert listed(view.model) == [entry_id for entry_id in shown if entry_id != leaving]
    row = view.model.row_of(kept)
    assert view.model.entry_at(row).title == "Renamed on a walk"


def test_trashing_from_a_search_moves_on_to_the_neighbour(
    qtbot, view: JournalView, open_service, long_from
) -> None:
    filled(view, open_service, qtbot)
    view.search.setText("walks")
    qtbot.waitUntil(lambda: view.filters.query == "walks", timeout=5_000)
    shown = listed(view.model)
    view.show_entry(shown[2])
    spy = Spy(view.model)
    view.trash_current()
    qtbot.waitUntil(lambda: shown[2] not in listed(view.model), timeout=5_000)
    assert view.current_entry_id() == shown[3]
    assert spy.seen["reset"] == 0


# ------------------------------------------------------------------ unlocking


def test_unlock_lists_the_journal_with_rows_built_on_the_unlock_worker(
    qtbot, open_service: JournalService, on_threads
) -> None:
    add_many(open_service, make_entries(COUNT, step=timedelta(days=3)))
    open_service.prepare_on_unlock(journal_listing)
    open_service.lock()
    with qtbot.waitSignal(open_service.unlocked, timeout=10_000):
        open_service.unlock(PASSPHRASE)
    assert on_threads == ["worker"]
    shown = make_view(open_service, qtbot)  # reload() takes the prepared rows
    assert on_threads == ["worker"]
    assert shown.model.entry_count() == COUNT
    assert open_service.take_prepared() is None  # given once


def test_rows_prepared_at_unlock_are_dropped_by_a_save(qtbot, open_service: JournalService) -> None:
    open_service.prepare_on_unlock(journal_listing)
    open_service.lock()
    with qtbot.waitSignal(open_service.unlocked, timeout=10_000):
        open_service.unlock(PASSPHRASE)
    open_service.add("Written before the list was shown.")
    assert open_service.take_prepared() is None


def test_the_trash_is_known_empty_or_not_without_listing_it(
    qtbot, open_service: JournalService
) -> None:
    entry = open_service.add("Words.")
    assert not open_service.has_trash()
    open_service.move_to_trash(entry.id)
    assert open_service.has_trash()
    open_service.empty_trash()
    assert not open_service.has_trash()


def test_locking_while_a_save_is_followed_keeps_no_entry(
    qtbot, view: JournalView, open_service, long_from
) -> None:
    filled(view, open_service, qtbot)
    view.search.setText("walks")
    qtbot.waitUntil(lambda: view.filters.query == "walks", timeout=5_000)
    settle(view, qtbot)
    gate = threading.Event()
    search = open_service.search

    def held(query: str, **kwargs: Any) -> list[Entry]:
        assert gate.wait(5)  # the worker is still searching when the journal locks
        return search(query, **kwargs)

    assert view.filters.worker is not None
    view.filters.worker._search = held
    open_service.update(listed(view.model)[0], body="Words saved just before locking.")
    qtbot.waitUntil(lambda: bool(view.sidebar._following), timeout=5_000)
    view.clear()
    gate.set()
    settle(view, qtbot)
    assert view.sidebar._following == {}
    assert view.model.rowCount() == 0


def test_rows_that_cannot_be_prepared_at_unlock_are_built_by_the_window(
    qtbot, open_service: JournalService
) -> None:
    add_many(open_service, make_entries(COUNT, step=timedelta(days=3)))

    def broken(journal: Any) -> Listing:
        raise RuntimeError("not today")

    open_service.prepare_on_unlock(broken)
    open_service.lock()
    with qtbot.waitSignal(open_service.unlocked, timeout=10_000):
        open_service.unlock(PASSPHRASE)
    assert open_service.take_prepared() is None
    shown = make_view(open_service, qtbot)
    assert shown.model.entry_count() == COUNT
