"""The journal keeps tag counts and its newest-first order by difference, not by
recounting and re-sorting after each save: after any run of saves, trashing and
restoring they must equal what a full recount and a full sort give."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_app.journal import Entry, Journal
from journal_app.journal.ordering import newest_first_key

TAGS = ["walks", "Walks", "family", "sleep", "evenings", "Café"]
START = datetime(2025, 3, 14, 20, 0).astimezone()

steps = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "redate", "trash", "restore", "flag", "empty"]),
        st.integers(0, 20),
        st.lists(st.sampled_from(TAGS), max_size=3),
        st.integers(-90, 90),
    ),
    min_size=1,
    max_size=25,
)


def recount(entries: list[Entry]) -> Counter[str]:
    return Counter(tag.casefold() for e in entries if not e.in_trash for tag in e.tags)


def run(journal: Journal, actions: list[tuple[str, int, list[str], int]]) -> None:
    for action, pick, tags, days in actions:
        known = journal.entries(include_trash=True)
        if action == "add" or not known:
            journal.add("words", tags=tags, created=START + timedelta(days=days))
            continue
        entry = known[pick % len(known)]
        if action == "edit":
            journal.update(entry.id, tags=tags, body=f"{entry.body}!")
        elif action == "redate":
            journal.update(entry.id, created=entry.created + timedelta(days=days))
        elif action == "trash":
            journal.move_to_trash(entry.id)
        elif action == "restore":
            journal.restore(entry.id)
        elif action == "flag":
            journal.set_flagged(entry.id, not entry.flagged)
        else:
            journal.empty_trash()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=steps)
def test_counts_and_order_match_a_full_recount(journal: Journal, actions: list) -> None:
    for entry in journal.entries(include_trash=True):  # fresh for each example
        journal.move_to_trash(entry.id)
    journal.empty_trash()
    run(journal, actions)
    everything = list(journal._entries.values())
    counts = recount(everything)
    assert journal.tally.tag_counts() == dict(counts)
    assert [tag.casefold() for tag in journal.tags()] == [
        key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    live = [e for e in everything if not e.in_trash]
    assert len(journal) == len(live)
    assert journal.tally.flagged == sum(e.flagged for e in live)
    assert journal.entries(include_trash=True) == sorted(
        everything, key=newest_first_key, reverse=True
    )


def test_a_save_does_not_sort_everything_again(journal: Journal) -> None:
    first = journal.add("one", created=START)
    journal.add("two", created=START - timedelta(days=3))
    journal.entries()  # sorted once, on first use
    kept = journal._sorted
    journal.update(first.id, created=START - timedelta(days=9))
    journal.move_to_trash(first.id)
    journal.restore(first.id)
    assert journal._sorted is kept  # moved within, not thrown away and sorted again
    assert [e.body for e in journal.entries()] == ["two", "one"]


def test_an_entry_saved_while_a_search_sorts_is_never_left_out(
    journal: Journal, monkeypatch
) -> None:
    """The window searches on a worker thread; a save on the window's own thread
    may land while the worker is sorting. Here the sort's own key makes that save,
    at the worst moment: after the entries were copied, before the order is kept."""
    journal.add("one", created=START)
    journal.add("two", created=START - timedelta(days=1))
    saved: list[Entry] = []

    def key_that_saves(entry: Entry) -> tuple[datetime, str]:
        if not saved:
            saved.append(journal.add("saved meanwhile", created=START + timedelta(days=1)))
        return newest_first_key(entry)

    monkeypatch.setattr("journal_app.journal.service.newest_first_key", key_that_saves)
    journal.search("two")  # sorts, while the save happens
    monkeypatch.undo()
    assert [e.body for e in journal.entries()] == ["saved meanwhile", "one", "two"]
    assert [e.body for e in journal.search("saved")] == ["saved meanwhile"]
