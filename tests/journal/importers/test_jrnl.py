"""jrnl's JSON export, on a real one (tests/data/jrnl_export.json), and the import itself."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.journal import Journal
from journal_app.journal.importers import (
    ImportFormatError,
    ImportLimits,
    base,
    jrnl,
    parse,
    preview,
    run_import,
)
from journal_app.vault import Cancelled
from tests.conftest import PASSPHRASE
from tests.journal.importers.helpers import JRNL_EXPORT, folder_state


def local(*args: int) -> datetime:
    return datetime(*args).astimezone()


def test_the_real_export_reads_with_dates_titles_tags_and_text():
    parsed = parse(JRNL_EXPORT, "jrnl")
    assert parsed.format == "jrnl" and parsed.source == "jrnl_export.json"
    assert parsed.problems == ()
    entries = parsed.entries
    assert len(entries) == 6
    first = entries[0]
    assert first.created == local(2026, 1, 2, 9, 30)
    assert first.title == "A quiet morning."
    assert first.body == "I made tea and sat by the window for a while. @morning @calm"
    assert set(first.tags) == {"morning", "calm"}
    assert entries[1].title == "Café evening with Zoë."
    assert entries[1].created == local(2026, 1, 5, 21, 15)
    assert entries[2].title == "今天的小步骤。"
    assert entries[4].body == (
        'Line two.\n\nLine four after a blank line, with "quotes" and a tab\there.'
    )
    assert entries[4].tags == ()
    assert set(entries[5].tags) == {"hope", "people", "starred"}
    assert all("starred" not in entry.tags for entry in entries[:5])


def test_import_brings_everything_in_and_a_second_import_nothing(journal, vault_path):
    parsed = parse(JRNL_EXPORT, "jrnl")
    report = run_import(journal, parsed)
    assert (report.imported, report.skipped_duplicates) == (6, 0)
    again = run_import(journal, parse(JRNL_EXPORT, "jrnl"))
    assert (again.imported, again.skipped_duplicates) == (0, 6)
    journal.close()
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        entries = reopened.entries()
        assert len(entries) == 6
        by_title = {entry.title: entry for entry in entries}
        cafe = by_title["Café evening with Zoë."]
        assert cafe.created == local(2026, 1, 5, 21, 15)
        assert cafe.tags == ("people",)
        assert cafe.updated == cafe.created
        assert not any(entry.flagged for entry in entries)


def test_an_entry_already_written_by_hand_is_not_imported_twice(journal):
    journal.add(
        "I made tea and sat by the window for a while. @morning @calm",
        title="A quiet morning.",
        created=datetime(2026, 1, 2, 9, 30, 40),  # the same minute
    )
    trashed = journal.add(
        "We talked about the walk by the river; it felt safe and easy. @people",
        title="Café evening with Zoë.",
        created=datetime(2026, 1, 5, 21, 15),
    )
    journal.move_to_trash(trashed.id)
    report = run_import(journal, parse(JRNL_EXPORT, "jrnl"))
    assert (report.imported, report.skipped_duplicates) == (4, 2)


def test_preview_writes_nothing_and_counts_duplicates(journal, vault_path):
    before = folder_state(vault_path.parent)
    shown = preview(JRNL_EXPORT, "jrnl", journal)
    assert folder_state(vault_path.parent) == before
    assert shown.count == 6 and shown.duplicates == 0
    assert [item.title for item in shown.sample] == [
        "A quiet morning.",
        "Café evening with Zoë.",
        "今天的小步骤。",
        "Something that helped, even a little!",
        "Notes without tags.",
    ]
    assert shown.first == local(2026, 1, 2, 9, 30) and shown.last == local(2026, 1, 25, 10, 0)
    assert len(journal.entries()) == 0
    run_import(journal, parse(JRNL_EXPORT, "jrnl"))
    assert preview(JRNL_EXPORT, "jrnl", journal).duplicates == 6
    assert preview(JRNL_EXPORT, "jrnl").duplicates is None


@pytest.mark.parametrize("stop_after", [1, 3])
def test_cancelling_midway_imports_nothing(journal, vault_path, stop_after):
    many = {
        "tags": {},
        "entries": [
            {"title": f"Entry {i}", "body": "text", "date": "2025-01-01", "time": "10:00"}
            for i in range(2_000)
        ],
    }
    parsed = jrnl.parse_bytes(json.dumps(many).encode(), "big.json")
    polls = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > stop_after

    with pytest.raises(Cancelled):
        run_import(journal, parsed, cancelled=cancelled)
    assert journal.entries() == []
    journal.close()
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        assert reopened.entries() == []


def test_progress_runs_to_the_end(journal):
    calls = []
    run_import(journal, parse(JRNL_EXPORT, "jrnl"), progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (12, 12)


def test_a_failure_while_writing_imports_nothing(journal, monkeypatch):
    def full_disk(items):
        list(items)  # sealing happened; then the transaction fails
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal.vault, "put_many", full_disk)
    with pytest.raises(OSError):
        run_import(journal, parse(JRNL_EXPORT, "jrnl"))
    assert journal.entries() == []


# ---------------------------------------------------------------- malformed


def write(tmp_path, content: object | bytes, name: str = "export.json"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


GOOD = {"title": "t", "body": "b", "date": "2026-01-02", "time": "09:30", "tags": []}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"entries": [', r"export\.json: is not valid JSON \(line 1, column 14\)"),
        (b"\xff\xfe\x00garbage", "export.json: is not UTF-8"),
        ([GOOD], "has no list of entries"),
        ({"entries": {"a": 1}}, "has no list of entries"),
        ({"entries": [GOOD, "text"]}, "export.json, entry 2: is not an entry"),
        ({"entries": [{**GOOD, "date": None}]}, "entry 1, field 'date': is missing"),
        ({"entries": [{"date": "2026-01-02"}]}, "entry 1, field 'body': is missing"),
        ({"entries": [{**GOOD, "date": "02/01/2026"}]}, "field 'date': is not a date like"),
        ({"entries": [{**GOOD, "time": "9.30pm"}]}, "field 'time': is not a time like"),
        ({"entries": [{**GOOD, "date": "0001-01-01"}]}, "field 'date': is not a plausible"),
        ({"entries": [GOOD, {**GOOD, "tags": "@a"}]}, "entry 2, field 'tags': should be a list"),
        ({"entries": [{**GOOD, "tags": [1]}]}, "field 'tags': should be a list of text"),
        ({"entries": [{**GOOD, "title": 5}]}, "field 'title': should be text"),
        ({"entries": [{**GOOD, "starred": "yes"}]}, "field 'starred': should be true or false"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply|not valid JSON"),
    ],
)
def test_malformed_files_say_what_is_wrong_and_import_nothing(journal, tmp_path, content, expected):
    path = write(tmp_path, content)
    with pytest.raises(ImportFormatError, match=expected):
        run_import(journal, parse(path, "jrnl"))
    assert journal.entries() == []


def test_the_caps_on_size_and_count(tmp_path, monkeypatch):
    path = write(tmp_path, {"entries": [GOOD, GOOD, {**GOOD, "body": "x" * 2000}]})
    monkeypatch.setattr(base, "LIMITS", ImportLimits(max_file_bytes=100))
    with pytest.raises(ImportFormatError, match="is larger than 100 bytes"):
        parse(path, "jrnl")
    limits = ImportLimits(max_entries=2)
    with pytest.raises(ImportFormatError, match="more than 2 entries"):
        parse(path, "jrnl", limits=limits)
    limits = ImportLimits(max_entry_bytes=1024)
    with pytest.raises(ImportFormatError, match="entry 3: is larger than 1 KB"):
        parse(path, "jrnl", limits=limits)


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(ImportFormatError, match=r"nowhere\.json: is not a file"):
        parse(tmp_path / "nowhere.json", "jrnl")
    with pytest.raises(ImportFormatError, match="is not a file"):
        parse(tmp_path, "jrnl")


def test_empty_entries_are_left_out_with_a_note():
    data = json.dumps({"entries": [{**GOOD, "title": " ", "body": ""}, GOOD]}).encode()
    parsed = jrnl.parse_bytes(data, "x.json")
    assert len(parsed.entries) == 1
    assert parsed.problems == ("Entry 1 is empty and was left out.",)


def test_a_lone_surrogate_becomes_a_replacement_character(journal):
    data = b'{"entries": [{"title": "a\\ud800b", "body": "", "date": "2026-01-02"}]}'
    parsed = jrnl.parse_bytes(data, "x.json")
    assert parsed.entries[0].title == "a\ufffdb"
    assert run_import(journal, parsed).imported == 1


# ----------------------------------------------------------------- fuzzing

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
FIELD_VALUES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=12)
    | st.lists(st.text(max_size=6) | st.integers(), max_size=3)
)
ENTRYISH = st.dictionaries(
    st.sampled_from(["title", "body", "date", "time", "tags", "starred", "other"]),
    FIELD_VALUES | st.sampled_from(["2026-01-02", "09:30", "9999-12-31", "00:00"]),
)


@settings(max_examples=150)
@given(JSONISH)
def test_any_json_value_is_read_or_refused_clearly(value):
    with contextlib.suppress(ImportFormatError):
        jrnl.parse_bytes(json.dumps(value).encode(), "fuzz.json")


@settings(max_examples=150)
@given(st.lists(ENTRYISH, max_size=5), JSONISH)
def test_any_entry_shaped_value_is_read_or_refused_clearly(items, tags):
    try:
        parsed = jrnl.parse_bytes(json.dumps({"tags": tags, "entries": items}).encode(), "f.json")
    except ImportFormatError:
        return
    for entry in parsed.entries:
        assert entry.created.tzinfo is not None
        assert isinstance(entry.title, str) and isinstance(entry.body, str)


@settings(max_examples=100)
@given(st.binary(max_size=512))
def test_any_bytes_are_read_or_refused_clearly(data):
    with contextlib.suppress(ImportFormatError):
        jrnl.parse_bytes(data, "bytes.json")
