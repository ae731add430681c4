"""When typed words are written: the edit session's rule, on a fake clock, without Qt.

``Page`` below plays the editor's part as the window does: it tells the session
what happened, writes when asked, and wakes the session exactly when it says
something is due (as the window's one timer does). The store can be made to fail,
like a full disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from journal_app.journal.edit_session import (
    AUTOSAVE_DELAY_MS,
    AUTOSAVE_MAX_WAIT_MS,
    DRAFT_DELAY_MS,
    DRAFT_MAX_WAIT_MS,
    RETRY_MS,
    Due,
    EditSession,
    SaveOutcome,
    SaveStatus,
    SaveTiming,
)

TIMING = SaveTiming()
DRAFT_DELAY = DRAFT_DELAY_MS / 1000
DRAFT_MAX_WAIT = DRAFT_MAX_WAIT_MS / 1000
AUTOSAVE_DELAY = AUTOSAVE_DELAY_MS / 1000
AUTOSAVE_MAX_WAIT = AUTOSAVE_MAX_WAIT_MS / 1000
RETRY = RETRY_MS / 1000


@dataclass
class FakeClock:
    now: float = 1_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Store:
    """The journal, as far as saving goes: one entry and its draft."""

    working: bool = True
    entry: str | None = None
    draft: str | None = None
    entry_writes: list[float] = field(default_factory=list)
    draft_writes: list[float] = field(default_factory=list)


class Page:
    """The editor's side of the bargain, with a text in place of the widgets."""

    def __init__(self, timing: SaveTiming = TIMING) -> None:
        self.clock = FakeClock()
        self.store = Store()
        self.text = ""
        self.changes = 0
        self.session = EditSession(self.clock, timing, on_change=self._changed)

    def _changed(self) -> None:
        self.changes += 1

    def type(self, words: str) -> None:
        self.text += words
        self.session.typed(worth_keeping=bool(self.text.strip()))

    def advance(self, seconds: float) -> None:
        """Let time pass, waking the session at each moment it names."""
        until = self.clock.now + seconds
        while (due := self.session.next_due()) is not None and due <= until:
            self.clock.now = max(self.clock.now, due)
            self.wake()
        self.clock.now = until

    def wake(self) -> None:
        while (due := self.session.due()) is not None:
            if due is Due.SAVE:
                self.save()
            else:
                self.write_draft()

    def save(self) -> bool:
        return self._save(self.session.begin_save())

    def flush(self) -> bool:
        return self._save(self.session.flush())

    def _save(self, dirty: bool) -> bool:
        if not dirty:
            return True
        if not self.text.strip() and self.store.entry is None:
            self.session.finish_save(SaveOutcome.EMPTY)
            self.store.draft = None
            return True
        if not self.store.working:
            self.session.finish_save(SaveOutcome.FAILED)
            return False
        self.store.entry = self.text
        self.store.entry_writes.append(self.clock.now)
        self.session.finish_save(SaveOutcome.SAVED)
        self.store.draft = None
        self.session.finish_draft(None)
        return True

    def write_draft(self) -> None:
        change = self.session.begin_draft()
        if change is None or not self.store.working:
            return
        self.store.draft = self.text
        self.store.draft_writes.append(self.clock.now)
        self.session.finish_draft(change)


@pytest.fixture
def page() -> Page:
    return Page()


# ------------------------------------------------------------------ saving


def test_a_pause_in_typing_saves_the_entry(page: Page) -> None:
    start = page.clock.now
    page.type("The light was soft.")
    assert page.session.dirty
    assert page.session.status is SaveStatus.SAVING
    page.advance(AUTOSAVE_DELAY - 0.01)
    assert page.store.entry is None
    page.advance(0.01)
    assert page.store.entry == "The light was soft."
    assert page.store.entry_writes == [pytest.approx(start + AUTOSAVE_DELAY)]
    assert not page.session.dirty
    assert page.session.status is SaveStatus.SAVED
    assert page.session.next_due() is None, "nothing left to do"


def test_each_keystroke_restarts_the_pause(page: Page) -> None:
    page.type("a")
    page.advance(1.0)
    page.type("b")
    page.advance(1.0)
    assert page.store.entry is None
    page.advance(AUTOSAVE_DELAY - 1.0)
    assert page.store.entry == "ab"


def test_steady_typing_is_saved_at_the_max_wait(page: Page) -> None:
    start = page.clock.now
    for _ in range(int(AUTOSAVE_MAX_WAIT / 0.5) + 4):
        page.type("x")
        page.advance(0.5)
    assert page.store.entry_writes[0] == pytest.approx(start + AUTOSAVE_MAX_WAIT)
    assert page.store.draft_writes[0] == pytest.approx(start + DRAFT_MAX_WAIT)


def test_a_draft_comes_soon_after_a_pause_and_goes_once_saved(page: Page) -> None:
    start = page.clock.now
    page.type("Not an entry yet.")
    page.advance(DRAFT_DELAY)
    assert page.store.draft == "Not an entry yet."
    assert page.store.draft_writes == [pytest.approx(start + DRAFT_DELAY)]
    assert page.session.drafted and page.session.dirty
    page.type(" More.")
    assert not page.session.drafted, "the draft lags behind the newest words"
    page.advance(DRAFT_DELAY)
    assert page.store.draft == "Not an entry yet. More."
    page.advance(AUTOSAVE_DELAY)
    assert page.store.entry == "Not an entry yet. More."
    assert page.store.draft is None
    assert not page.session.drafted


def test_no_draft_when_the_entry_is_saved_first(page: Page) -> None:
    page = Page(SaveTiming(draft_delay_ms=5_000, draft_max_wait_ms=5_000))
    page.type("quick")
    page.advance(60)
    assert page.store.entry == "quick"
    assert page.store.draft_writes == []


def test_what_is_overdue_comes_earliest_first(page: Page) -> None:
    page.type("late")
    page.clock.now += 60  # the process slept through both
    assert page.session.due() is Due.DRAFT
    assert page.session.due() is Due.SAVE
    assert page.session.due() is None


# ------------------------------------------------------------------ flush


def test_flush_saves_what_is_pending_now(page: Page) -> None:
    page.type("Before the lock.")
    assert page.flush()
    assert page.store.entry == "Before the lock."
    assert page.session.next_due() is None
    assert page.session.status is SaveStatus.SAVED


def test_flush_when_all_is_saved_writes_nothing(page: Page) -> None:
    page.type("Saved already.")
    page.advance(AUTOSAVE_DELAY)
    writes = (list(page.store.entry_writes), list(page.store.draft_writes))
    assert page.flush()
    assert page.flush()
    assert (page.store.entry_writes, page.store.draft_writes) == writes


def test_flush_of_a_blank_new_page_keeps_nothing(page: Page) -> None:
    page.type("   ")
    assert page.session.status is SaveStatus.NONE, "a blank page says nothing"
    assert page.flush()
    assert page.store.entry is None
    assert not page.session.dirty
    assert page.session.status is SaveStatus.NONE


# ----------------------------------------------------------- a failed save


def test_a_failed_save_keeps_the_words_pending_and_tries_again(page: Page) -> None:
    page.store.working = False
    page.type("Words that matter.")
    assert not page.flush()
    assert page.session.dirty and page.session.failed
    assert page.session.status is SaveStatus.NOT_SAVED
    assert page.session.save_pending
    assert page.session.next_due() == pytest.approx(page.clock.now + RETRY)
    page.advance(RETRY)
    assert page.store.entry is None and page.session.dirty, "still failing, still pending"
    page.store.working = True
    page.advance(RETRY)
    assert page.store.entry == "Words that matter."
    assert not page.session.failed
    assert page.session.status is SaveStatus.SAVED


def test_typing_after_a_failure_still_says_not_saved(page: Page) -> None:
    page.store.working = False
    page.type("one")
    page.advance(AUTOSAVE_DELAY)
    assert page.session.status is SaveStatus.NOT_SAVED
    page.type(" two")
    assert page.session.status is SaveStatus.NOT_SAVED, 'not "Saving…" while saves fail'
    page.store.working = True
    page.advance(AUTOSAVE_DELAY)
    assert page.store.entry == "one two"
    assert page.session.status is SaveStatus.SAVED


def test_a_locked_journal_refuses_without_a_retry(page: Page) -> None:
    page.type("words")
    assert page.session.begin_save()
    page.session.finish_save(SaveOutcome.REFUSED)
    assert page.session.status is SaveStatus.NOT_SAVED
    assert not page.session.failed
    assert not page.session.save_pending
    page.type(" more")
    assert page.session.status is SaveStatus.SAVING


# ------------------------------------------------------------------ status


def test_status_follows_what_happens(page: Page) -> None:
    seen: list[SaveStatus] = []
    page.session.on_change = lambda: seen.append(page.session.status)
    page.type("a")
    page.advance(AUTOSAVE_DELAY)
    page.store.working = False
    page.type("b")
    page.advance(AUTOSAVE_DELAY)
    page.session.reset(SaveStatus.SAVED)
    page.session.show(SaveStatus.NONE)
    changes = [
        status for index, status in enumerate(seen) if index == 0 or seen[index - 1] != status
    ]
    assert changes == [
        SaveStatus.SAVING,
        SaveStatus.SAVED,
        SaveStatus.SAVING,
        SaveStatus.NOT_SAVED,
        SaveStatus.SAVED,
        SaveStatus.NONE,
    ]


def test_reset_forgets_everything_pending(page: Page) -> None:
    page.store.working = False
    page.type("gone with the page")
    page.flush()
    page.session.reset(SaveStatus.SAVED)
    assert not page.session.dirty and not page.session.failed
    assert page.session.next_due() is None
    assert page.session.status is SaveStatus.SAVED


def test_a_page_that_cannot_be_edited_cancels_its_save(page: Page) -> None:
    page.type("x")
    page.session.cancel_save()
    assert not page.session.save_pending
    assert page.session.next_due() == pytest.approx(page.clock.now + DRAFT_DELAY)


# ----------------------------------------------------- no word is ever lost


class TypingAndSaving(RuleBasedStateMachine):
    """Random typing, waiting, a disk that fails and mends, lock and close."""

    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self.dirty_since = self.page.clock.now

    @rule(words=st.text(min_size=1, max_size=5))
    def type(self, words: str) -> None:
        if not self.page.session.dirty:
            self.dirty_since = self.page.clock.now
        self.page.type(words)

    @rule(seconds=st.floats(0, 3 * AUTOSAVE_MAX_WAIT))
    def wait(self, seconds: float) -> None:
        self.page.advance(seconds)

    @rule(seconds=st.sampled_from([DRAFT_DELAY, AUTOSAVE_DELAY, DRAFT_MAX_WAIT, RETRY]))
    def wait_exactly(self, seconds: float) -> None:
        self.page.advance(seconds)

    @rule(working=st.booleans())
    def disk(self, working: bool) -> None:
        self.page.store.working = working

    @rule()
    def lock_or_close(self) -> None:
        dirty = self.page.session.dirty
        saved = self.page.flush()
        assert saved is (not dirty or self.page.store.working or not self.page.text.strip())
        assert saved is not self.page.session.dirty or not self.page.text.strip()

    @precondition(lambda self: self.page.store.working)
    @rule()
    def flush_with_a_working_disk(self) -> None:
        assert self.page.flush()
        assert not self.page.session.dirty
        if self.page.text.strip():
            assert self.page.store.entry == self.page.text
        assert self.page.session.next_due() is None, "nothing left to do once all is saved"

    @invariant()
    def the_latest_words_are_saved_drafted_or_due(self) -> None:
        page, session = self.page, self.page.session
        if not page.text.strip():
            return  # nothing worth keeping yet
        kept = page.store.entry == page.text or page.store.draft == page.text
        due = session.save_pending and session.next_due() is not None
        assert kept or due, (page.text, page.store, session)
        assert session.dirty == (page.store.entry != page.text)
        assert session.drafted == (session.dirty and page.store.draft == page.text)

    @invariant()
    def a_working_disk_saves_within_the_max_wait(self) -> None:
        """Unless a save failed meanwhile, words wait no longer than the max wait."""
        session = self.page.session
        if session.dirty and not session.failed and self.page.text.strip():
            assert self.page.clock.now < self.dirty_since + AUTOSAVE_MAX_WAIT

    @invariant()
    def the_status_says_what_is_true(self) -> None:
        session = self.page.session
        if not self.page.text.strip():
            return
        if session.dirty:
            expected = SaveStatus.NOT_SAVED if session.failed else SaveStatus.SAVING
            assert session.status is expected
        elif self.page.store.entry is not None:
            assert session.status is SaveStatus.SAVED


TestTypingAndSaving = TypingAndSaving.TestCase
