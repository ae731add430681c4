"""Entries read many at a time at unlock are the entries their payloads hold."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.journal.entry import Entry
from journal_app.journal.entry_batch import BATCH, read_entries
from journal_app.journal.service import _searchable
from tests.journal.test_entry import MOMENTS, TEXT, WHEN, comparable, make_entry


def _read(*entries: Entry) -> list[Entry]:
    read, damaged = read_entries([e.id for e in entries], [e.to_payload() for e in entries])
    assert not damaged
    return read


@given(
    title=TEXT,
    body=TEXT,
    tags=st.lists(TEXT, max_size=8).map(tuple),
    created=MOMENTS,
    updated=MOMENTS,
    trashed=st.none() | MOMENTS,
    prompt_text=TEXT,
    theme=st.none() | TEXT,
    flagged=st.booleans(),
)
@settings(max_examples=300)
def test_any_entry_reads_back_as_from_payload_reads_it(
    title, body, tags, created, updated, trashed, prompt_text, theme, flagged
):
    entry = make_entry(
        title=title,
        body=body,
        tags=tags,
        created=created,
        updated=updated,
        trashed_at=trashed,
        prompt_text=prompt_text,
        prompt_theme=theme,
        flagged=flagged,
    )
    (back,) = _read(entry)
    assert comparable(back) == comparable(entry)
    assert back == Entry.from_payload(entry.id, entry.to_payload())


def test_markers_inside_the_text_do_not_cut_the_body():
    tricky = '","body":"x","tags":["y"],' + ',"tags":[' + ',"body":' + '\\"\n\t\x01'
    entry = make_entry(title=tricky, body=tricky, tags=(tricky,), prompt_text=tricky)
    (back,) = _read(entry)
    assert back == entry and back.body == tricky and back.title == tricky


def test_an_entry_read_at_unlock_is_a_plain_entry_to_every_caller():
    entry = make_entry(title="T", body="words\nmore 咖啡", tags=("a", "b"), updated=WHEN)
    (back,) = _read(entry)
    assert back == entry and hash(back) == hash(entry) and repr(back) == repr(entry)
    assert back.display_title == "T" and back.to_payload() == entry.to_payload()
    assert dataclasses.replace(back, title="U") == dataclasses.replace(entry, title="U")
    assert dataclasses.asdict(back) == dataclasses.asdict(entry)
    assert copy.copy(back) == entry and pickle.loads(pickle.dumps(back)) == entry
    assert back.to_json() == entry.to_json()


def test_the_body_waits_in_the_payload():
    """What makes unlocking cheap: no body is decoded, or kept as text, until asked for."""
    entry = make_entry(body="a long body " * 100)
    (back,) = _read(entry)
    body_slot = Entry.__dict__["body"]
    for _ in range(2):
        with pytest.raises(AttributeError):
            body_slot.__get__(back, Entry)
        assert back.body == entry.body


def test_older_payloads_and_damaged_ones_are_told_apart_in_a_full_batch():
    entries = [make_entry(id=f"{i:032x}", body=f"entry {i}") for i in range(BATCH + 3)]
    payloads = [e.to_payload() for e in entries]
    older = json.loads(payloads[5])
    for key in ("prompt_text", "prompt_theme", "flagged", "updated"):
        del older[key]
    payloads[5] = json.dumps(older).encode()
    payloads[BATCH + 1] = b'{"created": "yesterday"}'
    read, damaged = read_entries([e.id for e in entries], payloads)
    assert damaged == [entries[BATCH + 1].id]
    assert [e.id for e in read] == [e.id for i, e in enumerate(entries) if i != BATCH + 1]
    assert read[5] == dataclasses.replace(entries[5], updated=entries[5].created)
    assert read[6] == entries[6] and read[BATCH + 1] == entries[BATCH + 2]


def test_a_naive_time_reads_as_local_time_as_from_payload_reads_it():
    payload = make_entry(body="b").to_payload().replace(b"+01:00", b"")
    (back,), _ = read_entries(["a" * 32], [payload])
    assert back == Entry.from_payload("a" * 32, payload)
    assert back.created.tzinfo is not None


@given(title=TEXT, body=TEXT, tags=st.lists(TEXT, max_size=4).map(tuple), prompt_text=TEXT)
@settings(max_examples=200)
def test_search_folds_an_entry_read_at_unlock_as_it_folds_any_other(title, body, tags, prompt_text):
    entry = make_entry(title=title, body=body, tags=tags, prompt_text=prompt_text)
    (back,) = _read(entry)
    assert _searchable(back) == _searchable(entry)
