"""The "bring to my next session" flag, and choosing entries to export."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from journal_app.journal import Entry, Journal
from journal_app.journal.selection import Selection, flagged, select
from tests.conftest import PASSPHRASE

TZ = timezone(timedelta(hours=1))


def make(entry_id: str, when: datetime, **fields) -> Entry:
    return Entry(id=entry_id, created=when, updated=when, **fields)


# ------------------------------------------------------------------ the flag


def test_flag_defaults_to_false_and_old_records_without_it_still_read():
    old_payload = json.dumps(
        {"created": "2026-01-02T09:30:00+01:00", "title": "t", "body": "b", "tags": []}
    ).encode()
    entry = Entry.from_payload("a" * 32, old_payload)
    assert entry.flagged is False
    assert Entry.from_payload("a" * 32, entry.to_payload()) == entry


def test_flag_round_trips_through_the_payload_and_only_true_counts():
    entry = make("b" * 32, datetime(2026, 1, 2, 9, 30, tzinfo=TZ), flagged=True)
    assert json.loads(entry.to_payload())["flagged"] is True
    assert Entry.from_payload(entry.id, entry.to_payload()).flagged is True
    data = json.loads(entry.to_payload())
    data["flagged"] = "yes"
    assert Entry.from_payload(entry.id, json.dumps(data).encode()).flagged is False
    assert entry.to_json()["flagged"] is True


def test_set_flagged_is_saved_and_is_not_an_edit(journal, vault_path):
    entry = journal.add("Something to talk about.")
    marked = journal.set_flagged(entry.id, True)
    assert marked.flagged and marked.updated == entry.updated
    assert journal.set_flagged(entry.id, True) is marked  # unchanged: not written again
    journal.close()
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        assert reopened.get(entry.id).flagged is True
        assert reopened.set_flagged(entry.id, False).flagged is False


def test_update_can_set_the_flag_alone_or_with_an_edit(journal):
    entry = journal.add("First words.")
    only_flag = journal.update(entry.id, flagged=True)
    assert only_flag.flagged and only_flag.updated == entry.updated
    edited = journal.update(entry.id, body="Other words.", flagged=False)
    assert edited.body == "Other words." and not edited.flagged
    assert journal.update(entry.id, title=None) is edited


def test_flagged_entries_leave_out_the_trash(journal):
    kept = journal.add("one", created=datetime(2026, 1, 1, 9, 0))
    newer = journal.add("two", created=datetime(2026, 1, 3, 9, 0))
    trashed = journal.add("three", created=datetime(2026, 1, 2, 9, 0))
    for entry in (kept, newer, trashed):
        journal.set_flagged(entry.id, True)
    journal.move_to_trash(trashed.id)
    assert [e.id for e in journal.flagged_entries()] == [newer.id, kept.id]
    assert [e.id for e in flagged(journal.entries())] == [kept.id, newer.id]
    assert all(e.flagged is False for e in journal.entries() if e.id not in {kept.id, newer.id})


# --------------------------------------------------------------- selection


@pytest.fixture
def entries() -> list[Entry]:
    return [
        make("e1", datetime(2026, 1, 1, 0, 0, tzinfo=TZ), tags=("Café",), prompt_theme="people"),
        make("e2", datetime(2026, 1, 2, 23, 59, tzinfo=TZ), tags=("walks",), flagged=True),
        make("e3", datetime(2026, 1, 3, 12, 0, tzinfo=TZ), prompt_theme="values", flagged=True),
        make("e4", datetime(2026, 1, 4, 8, 0, tzinfo=TZ), tags=("cafe",)),
        make(
            "e5",
            datetime(2026, 1, 2, 10, 0, tzinfo=TZ),
            trashed_at=datetime(2026, 1, 5, tzinfo=TZ),
            flagged=True,
        ),
    ]


def ids(chosen: list[Entry]) -> list[str]:
    return [entry.id for entry in chosen]


def test_everything_oldest_first_without_the_trash(entries):
    assert ids(select(reversed(entries), Selection())) == ["e1", "e2", "e3", "e4"]
    assert ids(select(entries, Selection(include_trash=True))) == ["e1", "e5", "e2", "e3", "e4"]


def test_dates_are_inclusive_days(entries):
    chosen = select(entries, Selection(date_from=date(2026, 1, 2), date_to=date(2026, 1, 3)))
    assert ids(chosen) == ["e2", "e3"]
    assert ids(select(entries, Selection(date_to=date(2026, 1, 1)))) == ["e1"]
    assert ids(select(entries, Selection(date_from=date(2026, 1, 4)))) == ["e4"]


def test_first_day_after_last_day_is_refused():
    with pytest.raises(ValueError, match="first day"):
        Selection(date_from=date(2026, 1, 5), date_to=date(2026, 1, 4))


def test_tag_ignores_case_and_accents(entries):
    assert ids(select(entries, Selection(tag="CAFE"))) == ["e1", "e4"]


def test_theme_by_prompt_theme_or_by_a_given_lookup(entries):
    assert ids(select(entries, Selection(theme="people"))) == ["e1"]
    by_id = {"e4": "people"}
    chosen = select(entries, Selection(theme="people"), theme_of=lambda e: by_id.get(e.id))
    assert ids(chosen) == ["e4"]


def test_flagged_only_and_explicit_ids_combine(entries):
    assert ids(select(entries, Selection(flagged_only=True))) == ["e2", "e3"]
    assert ids(select(entries, Selection(ids={"e3", "e4", "nope"}))) == ["e3", "e4"]
    both = Selection(ids=["e3", "e4"], flagged_only=True)
    assert isinstance(both.ids, frozenset)
    assert ids(select(entries, both)) == ["e3"]
