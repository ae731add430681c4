"""Searching as the person types, on a thread of its own, so the window never waits.

Each key starts a search at once, on a one-thread pool; the window's thread only
hands the words over and, later, shows the results. A newer key makes the search
under way stale: it stops at its next check (within a millisecond's work, see
``journal_app.journal.search.scan``) and the newest query runs next. Results are
shown only if they are still the newest query's: a slow early search can never
overwrite a quick later one.

The worker also works out the list's rows for what it found, when that is long (a
:class:`~journal_app.ui.journal.entry_rows.Listing`: months, and the entries by
id), which at 100,000 entries is as slow as the search itself; the window's
thread then only swaps the rows in. An empty query lists the whole journal the
same way, so clearing the words, or unlocking a long journal, never freezes the
window either.

The worker keeps a :class:`Narrowing`, so a word typed one key at a time looks
only at what the key before it found. It holds entries, so it is emptied when the
journal locks (:meth:`SearchWorker.forget`); only the worker thread touches it
while a search runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from journal_app.journal import Entry
from journal_app.journal.search import Narrowing
from journal_app.ui.journal.entry_rows import LONG_LIST, Listing
from journal_app.vault import Cancelled


class SearchFunction(Protocol):
    """What the worker needs of the journal: ``JournalService.search``."""

    def __call__(
        self,
        query: str,
        *,
        tag: str | None = None,
        theme: str | None = None,
        include_trash: bool = False,
        narrowing: Narrowing | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Entry]: ...


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """Everything that decides a search's results (besides the journal itself)."""

    query: str
    tag: str | None = None
    theme: str | None = None
    include_trash: bool = False


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What was found, and the list's rows for it, built beside it on the worker."""

    request: SearchRequest
    entries: list[Entry]
    listing: Listing | None = None


class _Relay(QObject):
    """Carries a finished search from the pool thread to the window's thread."""

    done = Signal(int, object)  # generation, SearchResult | None


class SearchWorker(QObject):
    """Runs one search at a time off the window's thread; only the newest is reported.

    Signals:
        found(SearchResult): the newest request's results, on the window's thread.
        failed(SearchRequest): it could not be searched there (the caller searches
            itself, so any error is met where it can be shown).
    """

    found = Signal(object)
    failed = Signal(object)

    def __init__(self, search: SearchFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._narrowing = Narrowing()
        # Read by the pool thread to know it is stale; only the window's thread writes it.
        self._generation = 0
        self._running: SearchRequest | None = None
        self._waiting: SearchRequest | None = None
        self._forget = False

    @property
    def busy(self) -> bool:
        return self._running is not None

    def find(self, request: SearchRequest) -> None:
        """Search for this now; whatever was asked before is dropped."""
        self._generation += 1
        if self._running is not None:
            self._waiting = request  # the running search notices and stops
        else:
            self._start(request)

    def drop(self) -> None:
        """Drop every search asked for: none of them is reported."""
        self._generation += 1
        self._waiting = None

    def forget(self) -> None:
        """Drop every search, and the results remembered to narrow from (on lock)."""
        self.drop()
        if self._running is None:
            self._narrowing.forget()
        else:
            self._forget = True

    def wait(self) -> None:
        """Block until the pool thread is idle (tests, and closing)."""
        self._pool.waitForDone()

    def _start(self, request: SearchRequest) -> None:
        generation = self._generation
        self._running = request
        narrowing, search, relay = self._narrowing, self._search, self._relay

        def stale() -> bool:
            return self._generation != generation

        def run() -> None:
            result: SearchResult | None
            try:
                entries = search(
                    request.query,
                    tag=request.tag,
                    theme=request.theme,
                    include_trash=request.include_trash,
                    narrowing=narrowing,
                    cancelled=stale,
                )
                long = len(entries) >= LONG_LIST and not stale()
                listing = Listing.of(entries, stale) if long else None
                result = SearchResult(request, entries, listing)
            except Cancelled:
                result = SearchResult(request, [])  # never shown: its generation is stale
            except Exception:  # searched again on the window's thread, which reports it
                result = None
            relay.done.emit(generation, result)

        self._pool.start(run)

    @Slot(int, object)
    def _on_done(self, generation: int, result: SearchResult | None) -> None:
        request, self._running = self._running, None
        if self._forget:
            self._forget = False
            self._narrowing.forget()
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._start(waiting)
            return
        if request is None or generation != self._generation:
            return
        if result is None:
            self.failed.emit(request)
        else:
            self.found.emit(result)
