"""The rule of when an entry's typed words are written: the entry itself, and a
crash-safe draft in between.

The editor on screen only reports what happens (a change, a save that worked or
did not, a flush before lock or close) and shows :attr:`EditSession.status`; this
class decides what is due and when. It keeps no text: it counts changes, so it
knows whether the latest one has been saved or drafted, and it never imports Qt,
so the promise that no typed word is lost is tested here, with a fake clock,
without a window.

Timing, as the person sees it:

- the entry is saved once typing pauses (``autosave_delay_ms``), and at the latest
  ``autosave_max_wait_ms`` after the first unsaved change, so steady typing is
  saved too;
- a draft is sealed sooner (``draft_delay_ms``, at the latest
  ``draft_max_wait_ms``), so a crash between saves loses at most a moment;
- a save that failed (a full disk, say) keeps the words pending and is tried
  again after ``retry_ms``; typing meanwhile still schedules its own save;
- a flush (before lock, a switch of entry, or close) saves now whatever is pending
  and nothing when all is saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from journal_app.journal.debounce import Clock, Debounce

DRAFT_DELAY_MS = 700
DRAFT_MAX_WAIT_MS = 4_000
AUTOSAVE_DELAY_MS = 1_500
AUTOSAVE_MAX_WAIT_MS = 10_000
RETRY_MS = 8_000


@dataclass(frozen=True)
class SaveTiming:
    """How long the editor waits before it writes (milliseconds, as Qt counts)."""

    draft_delay_ms: int = DRAFT_DELAY_MS
    draft_max_wait_ms: int = DRAFT_MAX_WAIT_MS
    autosave_delay_ms: int = AUTOSAVE_DELAY_MS
    autosave_max_wait_ms: int = AUTOSAVE_MAX_WAIT_MS
    retry_ms: int = RETRY_MS


class SaveStatus(Enum):
    """What the editor's footer says about the words on screen."""

    NONE = "none"  # nothing worth a word: a blank new page, or read-only
    SAVING = "saving"  # changed, and a save is on its way
    SAVED = "saved"
    NOT_SAVED = "not saved"  # the last save did not work; the words are still there


class SaveOutcome(Enum):
    """How an attempt to write the entry ended."""

    SAVED = "saved"
    EMPTY = "empty"  # a new page with nothing worth keeping: nothing was written
    FAILED = "failed"  # the journal said no (a full disk...): try again later
    REFUSED = "refused"  # the journal is locked: nothing to try until it is open


class Due(Enum):
    """What the session asks its editor to write now."""

    DRAFT = "draft"
    SAVE = "save"


@dataclass(eq=False)
class EditSession:
    """One editing session of one entry: what is typed, saved, drafted and due.

    ``on_change`` is called after every change of state, so the editor can show
    :attr:`status` and set its one timer to wake the session at :meth:`next_due`.
    """

    clock: Clock = time.monotonic
    timing: SaveTiming = field(default_factory=SaveTiming)
    on_change: Callable[[], None] | None = None
    status: SaveStatus = SaveStatus.NONE
    failed: bool = field(default=False, init=False)
    _typed: int = field(default=0, init=False)
    _saved: int = field(default=0, init=False)
    _drafted: int | None = field(default=None, init=False)
    _saving: int = field(default=0, init=False)
    _retry_at: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        timing = self.timing
        self._draft = Debounce.from_ms(timing.draft_delay_ms, timing.draft_max_wait_ms)
        self._save = Debounce.from_ms(timing.autosave_delay_ms, timing.autosave_max_wait_ms)

    # ------------------------------------------------------------ what is known

    @property
    def dirty(self) -> bool:
        """The latest change has not reached the entry."""
        return self._typed != self._saved

    @property
    def drafted(self) -> bool:
        """The latest change is sealed in a draft (the entry may lag behind)."""
        return self._drafted == self._typed

    @property
    def save_pending(self) -> bool:
        """A save of the entry is scheduled (after a pause, or a retry)."""
        return self._save.pending or self._retry_at is not None

    def next_due(self) -> float | None:
        """The clock's reading at which something is next due, or None."""
        moments = [
            moment
            for moment in (self._draft.due_at(), self._save.due_at(), self._retry_at)
            if moment is not None
        ]
        return min(moments, default=None)

    def due(self) -> Due | None:
        """What is due now, earliest first, taken off the schedule as it is returned."""
        now = self.clock()
        draft_at = self._draft.due_at()
        save_at = min(
            (m for m in (self._save.due_at(), self._retry_at) if m is not None), default=None
        )
        if save_at is not None and save_at <= now and (draft_at is None or save_at <= draft_at):
            self._save.cancel()
            self._retry_at = None
            self._changed()
            return Due.SAVE
        if draft_at is not None and draft_at <= now:
            self._draft.cancel()
            self._changed()
            return Due.DRAFT
        return None

    # ------------------------------------------------------------ what happens

    def typed(self, *, worth_keeping: bool = True) -> None:
        """The words changed. A blank new page is not worth a "Saving…" yet."""
        now = self.clock()
        self._typed += 1
        if not worth_keeping:
            self.status = SaveStatus.NONE
        elif not self.failed:
            self.status = SaveStatus.SAVING
        self._draft.poke(now)
        self._save.poke(now)
        self._changed()

    def begin_save(self) -> bool:
        """A save starts now: the scheduled one is no longer due. False when clean."""
        self._save.cancel()
        self._retry_at = None
        self._saving = self._typed
        self._changed()
        return self.dirty

    def finish_save(self, outcome: SaveOutcome) -> None:
        """How the save begun by :meth:`begin_save` ended."""
        if outcome in (SaveOutcome.SAVED, SaveOutcome.EMPTY):
            self._saved = self._saving
            self._draft.cancel()  # the entry holds the words; the draft goes
            self._drafted = None
            if outcome is SaveOutcome.SAVED:
                self.failed = False
                self.status = SaveStatus.SAVED
            else:
                self.status = SaveStatus.NONE
        elif outcome is SaveOutcome.FAILED:
            self.failed = True
            self.status = SaveStatus.NOT_SAVED
            self._retry_at = self.clock() + self.timing.retry_ms / 1000
        else:
            self.status = SaveStatus.NOT_SAVED
        self._changed()

    def flush(self) -> bool:
        """Before lock, close or a switch: True if a save must happen now."""
        self._draft.cancel()
        return self.begin_save()

    def begin_draft(self) -> int | None:
        """A draft is worth writing only while the entry lags behind: the change it
        would hold, or None."""
        return self._typed if self.dirty else None

    def finish_draft(self, change: int | None) -> None:
        """A draft holding ``change`` was sealed, or (None) the draft was dropped."""
        self._drafted = change
        if change is None:
            self._draft.cancel()
        self._changed()

    def reset(self, status: SaveStatus = SaveStatus.NONE) -> None:
        """Another entry (or none) is shown: nothing is pending, nothing failed."""
        self._draft.cancel()
        self._save.cancel()
        self._retry_at = None
        self._typed = self._saved = self._saving = 0
        self._drafted = None
        self.failed = False
        self.status = status
        self._changed()

    def cancel_save(self) -> None:
        """Nothing scheduled is to be saved (a page that cannot be edited)."""
        self._save.cancel()
        self._retry_at = None
        self._changed()

    def show(self, status: SaveStatus) -> None:
        self.status = status
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


__all__ = [
    "AUTOSAVE_DELAY_MS",
    "AUTOSAVE_MAX_WAIT_MS",
    "DRAFT_DELAY_MS",
    "DRAFT_MAX_WAIT_MS",
    "RETRY_MS",
    "Due",
    "EditSession",
    "SaveOutcome",
    "SaveStatus",
    "SaveTiming",
]
