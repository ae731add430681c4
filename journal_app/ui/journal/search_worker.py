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
from journal_app.journal.search import Narrowing, query_terms, refines
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

    done = Signal(object, bool)  # SearchResult or None if it stopped; whether it failed


def _narrows(newer: SearchRequest, earlier: SearchRequest) -> bool:
    """Whether the earlier search's results are where the newer one will look."""
    return (
        bool(earlier.query)
        and (newer.tag, newer.theme, newer.include_trash)
        == (earlier.tag, earlier.theme, earlier.include_trash)
        and refines(query_terms(newer.query), query_terms(earlier.query))
    )


class SearchWorker(QObject):
    """Runs one search at a time off the window's thread; only the newest is reported.

    A search under way that the newest words only narrow ("quiet m" when "quiet mo"
    is typed) is left to finish, unreported: the newest then looks only at what it
    found. Any other is stopped at its next check.

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
        # Only the window's thread writes these; the pool thread reads them to know
        # whether to stop (the search's own flag) or to skip building rows no one
        # will see (a newer request came).
        self._generation = 0
        self._answers = 0  # the generation of the search under way
        self._stop = [False]
        self._running: SearchRequest | None = None
        self._waiting: SearchRequest | None = None
        self._forget = False

    @property
    def busy(self) -> bool:
        return self._running is not None

    def find(self, request: SearchRequest) -> None:
        """Search for this now; whatever was asked before is dropped."""
        self._generation += 1
        running = self._running
        if running is None:
            self._start(request)
            return
        if not _narrows(request, running):
            self._stop[0] = True  # of no use to the newest: it stops at its next check
        self._waiting = request  # searched afresh: the journal may have changed meanwhile

    def drop(self) -> None:
        """Drop every search asked for: none of them is reported."""
        self._generation += 1
        self._waiting = None
        self._stop[0] = True

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
        self._answers = self._generation
        self._running = request
        self._stop = stop = [False]
        narrowing, search, relay = self._narrowing, self._search, self._relay

        def stopped() -> bool:
            return stop[0]

        def unseen() -> bool:
            return stop[0] or self._answers != self._generation

        def run() -> None:
            result: SearchResult | None = None
            failed = False
            try:
                entries = search(
                    request.query,
                    tag=request.tag,
                    theme=request.theme,
                    include_trash=request.include_trash,
                    narrowing=narrowing,
                    cancelled=stopped,
                )
                long = len(entries) >= LONG_LIST and not unseen()
                listing = Listing.of(entries, unseen) if long else None
                result = SearchResult(request, entries, listing)
            except Cancelled:
                pass  # stopped, or its rows are not wanted: nothing to show
            except Exception:  # searched again on the window's thread, which reports it
                failed = True
            relay.done.emit(result, failed)

        self._pool.start(run)

    @Slot(object, bool)
    def _on_done(self, result: SearchResult | None, failed: bool) -> None:
        request, self._running = self._running, None
        newest = self._answers == self._generation and not self._stop[0]
        if self._forget:
            self._forget = False
            self._narrowing.forget()
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._start(waiting)
            return
        if request is None or not newest:
            return
        if failed:
            self.failed.emit(request)
        elif result is not None:
            self.found.emit(result)
