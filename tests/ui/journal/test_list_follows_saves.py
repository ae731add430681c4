"""A save changes the entry list by the rows it touches, never by a reset.

Resetting the list model after each autosave rebuilt and re-laid out every row
(hundreds of milliseconds at 100,000 entries). These tests use a real service
and vault and watch the model's signals while entries are saved, added, moved
to another month, trashed and restored.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_app.ui.journal.entry_model import EntryListModel, EntryRole
from journal_app.ui.journal.journal_view import JournalView
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import (
    QT_LOG_IGNORE,
    add_many,
    make_entries,
    moment,
    open_service,
    view,
)

__all__ = ["open_service", "view"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE


class Spy:
    """Counts the model's signals by kind."""

    def __init__(self, model: EntryListModel) -> None:
        self.seen: Counter[str] = Counter()
        model.modelReset.connect(lambda: self.seen.update(["reset"]))
        model.dataChanged.connect(lambda *_: self.seen.update(["changed"]))
        model.rowsInserted.connect(lambda *_: self.seen.update(["inserted"]))
        model.rowsRemoved.connect(lambda *_: self.seen.update(["removed"]))

    def take(self) -> Counter[str]:
        seen, self.seen = self.seen, Counter()
        return seen


def rows(model: EntryListModel) -> list[object]:
    """Headings by their words, entries by their id."""
    shown = []
    for row in range(model.rowCount()):
        entry = model.index(row).data(EntryRole)
        shown.append(entry.id if entry is not None else model.index(row).data())
    return shown


def as_fresh(service: JournalService) -> list[object]:
    """The rows of a list built afresh from what the journal holds now."""
    fresh = EntryListModel()
    fresh.set_entries(service.entries())
    return rows(fresh)


def filled(view: JournalView, service: JournalService, qtbot: Any) -> Spy:
    add_many(service, make_entries(40, step=timedelta(days=4)))
    view.reload()
    qtbot.wait(20)
    return Spy(view.model)


def test_saves_change_rows_without_a_reset(qtbot, view: JournalView, open_service) -> None:
    spy = filled(view, open_service, qtbot)
    entries = open_service.entries()
    middle = entries[10]

    open_service.update(middle.id, body="Words typed since the last save.")
    qtbot.wait(20)
    assert spy.take() == Counter(changed=1)

    new = open_service.add("A new page.", title="New")
    qtbot.wait(20)
    assert spy.take()["reset"] == 0
    assert view.model.row_of(new.id) == 1, "newest first, under its month's heading"

    # To a month with no other entry: a heading comes with it, and it goes with it.
    open_service.update(middle.id, created=moment(2019, 6, 1))
    qtbot.wait(20)
    seen = spy.take()
    assert seen["reset"] == 0 and seen["inserted"] and seen["removed"]
    assert rows(view.model) == as_fresh(open_service)

    open_service.move_to_trash(middle.id)
    qtbot.wait(20)
    assert spy.take() == Counter(removed=1)
    assert view.model.row_of(middle.id) == -1
    open_service.restore(middle.id)
    qtbot.wait(20)
    assert spy.take() == Counter(inserted=1)
    assert rows(view.model) == as_fresh(open_service)


def test_the_open_entry_stays_selected_as_others_are_saved(
    qtbot, view: JournalView, open_service
) -> None:
    filled(view, open_service, qtbot)
    shown = open_service.entries()[20]
    view.show_entry(shown.id)
    value = view.list.verticalScrollBar().value()
    open_service.add("Elsewhere.", created=shown.created - timedelta(days=400))
    open_service.update(open_service.entries()[5].id, body="Changed too.")
    qtbot.wait(20)
    assert view.list.currentIndex() == view.model.index_of(shown.id)
    assert view.selected_entry_ids() == [shown.id]
    assert view.list.verticalScrollBar().value() == value


def test_an_edit_that_moves_an_entry_keeps_the_list_in_months(
    qtbot, view: JournalView, open_service
) -> None:
    spy = filled(view, open_service, qtbot)
    entries = open_service.entries()
    for index, days in ((3, -35), (30, 70), (12, -300), (0, 400)):
        entry = open_service.get(entries[index].id)
        open_service.update(entry.id, created=entry.created + timedelta(days=days))
        qtbot.wait(20)
        assert rows(view.model) == as_fresh(open_service)
    assert spy.take()["reset"] == 0


TAGS = ["walks", "Walks", "family", "sleep", "evenings"]
actions = st.lists(
    st.tuples(
        st.sampled_from(["add", "tag", "trash", "restore"]),
        st.integers(0, 50),
        st.lists(st.sampled_from(TAGS), max_size=3),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=actions)
def test_tag_counts_follow_saves(qtbot, view: JournalView, open_service, steps) -> None:
    """The tag filter offers what a full count of the journal gives, in its order."""
    for action, pick, tags in steps:
        known = open_service.entries(include_trash=True)
        if action == "add" or not known:
            open_service.add("Words.", tags=tags)
            continue
        entry = known[pick % len(known)]
        if action == "tag":
            open_service.update(entry.id, tags=tags)
        elif action == "trash":
            open_service.move_to_trash(entry.id)
        else:
            open_service.restore(entry.id)
    qtbot.wait(20)
    counts = Counter(tag.casefold() for entry in open_service.entries() for tag in entry.tags)
    expected = [key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    offered = view.tag_filter
    shown = [offered.itemText(i).casefold() for i in range(1, offered.count())]
    assert shown == expected
    assert rows(view.model) == as_fresh(open_service)
