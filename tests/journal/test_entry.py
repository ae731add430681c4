"""Entries and drafts as plain values, and how they are packed for sealing."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.journal.entry import Draft, Entry, aware, clean_tags

# Every character UTF-8 can encode: all of Unicode except lone surrogates (U+D800 to
# U+DFFF), which are not text, cannot be saved as UTF-8 and never come from a keyboard
# or from Qt. (Their refusal is tested on its own below.)
TEXT = st.text(st.characters(codec="utf-8"))
# Whole seconds, as in every real zone (old local mean times have seconds); Python
# 3.11's fromisoformat drops the microseconds of an offset, which no zone has.
OFFSETS = st.integers(-86399, 86399).map(lambda seconds: timezone(timedelta(seconds=seconds)))
# Dates a person could give an entry; far outside this range local-time conversions
# are not defined on every platform.
MOMENTS = st.datetimes(
    min_value=datetime(1900, 1, 2),
    max_value=datetime(2200, 1, 1),
    timezones=st.one_of(OFFSETS, st.timezones()),
)

WHEN = datetime(2026, 11, 21, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def wall_and_offset(moment: datetime | None) -> tuple[datetime, timedelta | None] | None:
    """A time as its wall-clock reading and UTC offset: what the vault keeps of it.

    Python's ``==`` calls two aware times in different zones unequal whenever one
    of them falls in a DST gap or fold, even when both name the same instant, so
    property tests compare this instead. (The zone's name is not kept; its offset is.)
    """
    if moment is None:
        return None
    return moment.replace(tzinfo=None), moment.utcoffset()


def comparable(value: Entry | Draft) -> tuple[object, ...]:
    return tuple(
        wall_and_offset(field) if isinstance(field, datetime) else field
        for field in (getattr(value, name) for name in value.__slots__)
    )


def make_entry(**changes: object) -> Entry:
    fields: dict[str, object] = {"id": "a" * 32, "created": WHEN, "updated": WHEN}
    fields.update(changes)
    return Entry(**fields)  # type: ignore[arg-type]


# ------------------------------------------------------------ tags


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (["work", "Work", "WORK"], ("work",)),
        (["  two   words ", "two words"], ("two words",)),
        (["", "   ", "x"], ("x",)),
        ("garden, Garden ,  sleep", ("garden", "sleep")),
        (None, ()),
        ((), ()),
        (["Straße", "STRASSE"], ("Straße",)),
    ],
)
def test_tags_are_trimmed_and_deduplicated_ignoring_case(typed, kept):
    assert clean_tags(typed) == kept


def test_tags_keep_the_order_they_were_typed_in():
    assert clean_tags(["zeta", "alpha", "Zeta", "mid"]) == ("zeta", "alpha", "mid")


@given(st.lists(TEXT, max_size=12))
@settings(max_examples=200)
def test_cleaning_tags_twice_changes_nothing(tags):
    once = clean_tags(tags)
    assert clean_tags(once) == once
    assert all(tag and tag == " ".join(tag.split()) for tag in once)
    assert len({tag.casefold() for tag in once}) == len(once)


# ------------------------------------------------------------ entries


def test_display_title_is_the_title_else_the_first_line_without_markdown():
    assert make_entry(title=" Morning ", body="text").display_title == "Morning"
    assert make_entry(body="\n\n## A *walk*\nmore").display_title == "A *walk*"
    assert make_entry(body="> - quoted item").display_title == "quoted item"
    assert make_entry(body="   \n  ").display_title == ""


def test_entry_in_trash_knows_it():
    assert not make_entry().in_trash
    assert make_entry(trashed_at=WHEN).in_trash


def test_entry_payload_is_compact_utf8_json():
    entry = make_entry(title="Café", body="我今天很开心", tags=("é",))
    payload = entry.to_payload()
    assert "我今天很开心".encode() in payload  # not \\u-escaped: smaller, same meaning
    assert b": " not in payload
    assert json.loads(payload)["title"] == "Café"


def test_entry_survives_its_payload():
    entry = make_entry(
        title="T",
        body="B\r\nline\x00end",
        tags=("a", "b"),
        prompt_id="noticing-01",
        trashed_at=WHEN + timedelta(days=1),
    )
    assert Entry.from_payload(entry.id, entry.to_payload()) == entry


def test_entry_payload_missing_optional_fields_reads_with_defaults():
    entry = Entry.from_payload("b" * 32, b'{"created": "2026-01-02T03:04:05+00:00"}')
    assert entry.updated == entry.created
    assert (entry.title, entry.body, entry.tags, entry.prompt_id) == ("", "", (), None)
    assert entry.trashed_at is None


def test_naive_time_in_a_payload_is_read_as_local_time():
    entry = Entry.from_payload("b" * 32, b'{"created": "2026-01-02T03:04:05"}')
    assert entry.created.tzinfo is not None
    assert entry.created == datetime(2026, 1, 2, 3, 4, 5).astimezone()


def test_aware_keeps_aware_times_and_makes_naive_ones_local():
    assert aware(WHEN) is WHEN
    assert aware(datetime(2026, 1, 2)) == datetime(2026, 1, 2).astimezone()


@pytest.mark.parametrize("payload", [b"", b"not json", b"{}", b'{"created": "yesterday"}'])
def test_payload_that_is_not_an_entry_raises_instead_of_guessing(payload):
    with pytest.raises((ValueError, KeyError)):
        Entry.from_payload("c" * 32, payload)


def test_entry_as_json_has_every_field_as_plain_json():
    entry = make_entry(title="T", tags=("x",), trashed_at=WHEN)
    data = json.loads(json.dumps(entry.to_json()))
    assert set(data) == {field.name for field in dataclasses.fields(Entry)}
    assert {name: data[name] for name in ("id", "created", "updated", "trashed_at")} == {
        "id": "a" * 32,
        "created": WHEN.isoformat(),
        "updated": WHEN.isoformat(),
        "trashed_at": WHEN.isoformat(),
    }
    assert (data["title"], data["body"], data["tags"], data["prompt_id"]) == ("T", "", ["x"], None)


def test_lone_surrogate_cannot_be_packed():
    with pytest.raises(UnicodeEncodeError):
        make_entry(body="half a pair: \ud83d").to_payload()


@given(
    title=TEXT,
    body=TEXT,
    tags=st.lists(TEXT, max_size=8).map(tuple),
    created=MOMENTS,
    updated=MOMENTS,
    trashed=st.none() | MOMENTS,
    prompt_id=st.none() | TEXT,
)
@settings(max_examples=300)
def test_any_entry_survives_its_payload_exactly(
    title, body, tags, created, updated, trashed, prompt_id
):
    entry = make_entry(
        title=title,
        body=body,
        tags=tags,
        created=created,
        updated=updated,
        trashed_at=trashed,
        prompt_id=prompt_id,
    )
    back = Entry.from_payload(entry.id, entry.to_payload())
    assert comparable(back) == comparable(entry)


# ------------------------------------------------------------ drafts


def test_draft_survives_its_payload():
    draft = Draft(
        id="d" * 32,
        entry_id="a" * 32,
        saved_at=WHEN,
        created=WHEN - timedelta(days=3),
        title="half",
        body="written",
        tags=("x",),
        prompt_id="p",
    )
    assert Draft.from_payload(draft.id, draft.to_payload()) == draft


@given(entry_id=st.none() | st.just("e" * 32), created=st.none() | MOMENTS, text=TEXT)
@settings(max_examples=100)
def test_any_draft_survives_its_payload_exactly(entry_id, created, text):
    draft = Draft(
        id="d" * 32, entry_id=entry_id, saved_at=WHEN, created=created, title=text, body=text
    )
    assert comparable(Draft.from_payload(draft.id, draft.to_payload())) == comparable(draft)
