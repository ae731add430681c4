"""Exports: Markdown and JSON contents, the schema, the atomic writer, no leaks."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal_app.journal import Entry, files
from journal_app.journal.export import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    JSON_SCHEMA,
    ExportFormatError,
    entries_from_json_document,
    entries_to_json_document,
    entries_to_markdown_document,
    export_json,
    export_markdown,
    json_document_bytes,
    lines_kept,
)
from journal_app.journal.files import atomic_write_bytes
from journal_app.journal.selection import Selection, select
from journal_app.vault import Cancelled, VaultExists
from tests.conftest import find_canaries, sha256_of

TZ = timezone(timedelta(hours=1))
EXPORTED_AT = datetime(2026, 11, 21, 9, 30, tzinfo=TZ)


@pytest.fixture
def out(tmp_path) -> Path:
    """A folder of the test's own (tmp_path also holds the isolated home folders)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def entries() -> list[Entry]:
    first = datetime(2026, 1, 2, 9, 30, tzinfo=TZ)
    second = datetime(2026, 1, 5, 21, 15, tzinfo=TZ)
    return [
        Entry(
            id="a" * 32,
            created=first,
            updated=first + timedelta(minutes=11),
            title="A quiet morning",
            body="I made tea.\n\n## My own heading\n\n- a list, kept as is\n",
            tags=("morning", "calm"),
            prompt_id="tend.people.1",
            prompt_text="Who felt easy to be around this week?\nEven briefly.",
            prompt_theme="people",
            flagged=True,
        ),
        Entry(id="b" * 32, created=second, updated=second, body="Café evening with Zoë. 今天"),
    ]


# ------------------------------------------------------------------ Markdown


def test_markdown_has_a_title_line_then_each_entry(entries):
    text = entries_to_markdown_document(entries, exported_at=EXPORTED_AT)
    assert text.startswith("# Journal\n\nExported from Tend on 2026-11-21 · 2 entries\n")
    first, second = text.split("\n---\n\n")[1:]
    assert first == (
        "## A quiet morning\n\n"
        "2026-01-02 09:30\n\n"
        "Tags: morning, calm\n\n"
        "> Who felt easy to be around this week?\n> Even briefly.\n\n"
        "I made tea.\n\n## My own heading\n\n- a list, kept as is\n"
    )
    # No title: the date is the heading; no tags or prompt lines.
    assert second == "## 2026-01-05\n\n2026-01-05 21:15\n\nCafé evening with Zoë. 今天\n"


def test_a_single_return_is_a_new_line_in_the_markdown():
    moment = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
    entry = Entry(id="c" * 32, created=moment, updated=moment, body="one\ntwo")
    text = entries_to_markdown_document([entry], exported_at=EXPORTED_AT)
    # Two trailing spaces: a hard line break, so a Markdown reader shows two lines.
    assert text.endswith("\n\none  \ntwo\n")


def test_only_lines_followed_by_a_line_get_a_break():
    body = "a\nb\n\nc\n```\nkept\nas is\n```\nd  \ne\\\nf"
    assert lines_kept(body) == "a  \nb\n\nc  \n```\nkept\nas is\n```\nd  \ne\\\nf"


def test_a_note_for_the_next_session_comes_before_the_entries(entries):
    text = entries_to_markdown_document(entries, exported_at=EXPORTED_AT, note=" Sleep\n")
    assert text.startswith(
        "# Journal\n\nExported from Tend on 2026-11-21 · 2 entries\n\n"
        "### What I would like to talk about\n\nSleep\n\n---\n\n## A quiet morning"
    )
    blank = entries_to_markdown_document(entries, exported_at=EXPORTED_AT, note=" \n ")
    assert blank == entries_to_markdown_document(entries, exported_at=EXPORTED_AT)


def test_markdown_file_is_exactly_the_document_the_pdf_printer_gets(entries, tmp_path):
    target = tmp_path / "journal.md"
    result = export_markdown(entries, target)
    text = target.read_text(encoding="utf-8")
    assert result.entries == 2 and result.size == len(text.encode("utf-8"))
    # The date line differs only if the export straddles midnight; compare the rest.
    assert text.split("\n", 3)[3] == entries_to_markdown_document(entries).split("\n", 3)[3]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_an_empty_selection_still_makes_a_valid_document():
    assert entries_to_markdown_document([], exported_at=EXPORTED_AT).endswith("· 0 entries\n")


# ---------------------------------------------------------------------- JSON


def _check(value: object, schema: dict, where: str = "$") -> None:
    """A small JSON Schema checker: the keywords the export's schema uses."""
    types = {
        "object": dict,
        "array": list,
        "string": str,
        "boolean": bool,
        "integer": int,
        "null": type(None),
    }
    if "const" in schema:
        assert value == schema["const"], where
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        assert any(
            isinstance(value, types[name]) and not (name == "integer" and isinstance(value, bool))
            for name in names
        ), f"{where}: {value!r} is not {names}"
    if schema.get("format") == "date-time" and isinstance(value, str):
        assert datetime.fromisoformat(value).tzinfo is not None, where
    if "minimum" in schema:
        assert value >= schema["minimum"], where
    if isinstance(value, dict):
        for name in schema.get("required", []):
            assert name in value, f"{where}: missing {name}"
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                _check(value[name], sub, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _check(item, schema["items"], f"{where}[{index}]")


def test_json_export_matches_its_schema_and_has_every_entry_field(entries, tmp_path):
    target = tmp_path / "journal.json"
    export_json(entries, target)
    document = json.loads(target.read_text(encoding="utf-8"))
    _check(document, JSON_SCHEMA)
    assert document["format"] == EXPORT_FORMAT and document["version"] == EXPORT_VERSION
    assert document["entry_count"] == 2
    field_names = {field.name for field in dataclasses.fields(Entry)}
    for item in document["entries"]:
        assert field_names <= set(item)
    assert set(JSON_SCHEMA["properties"]["entries"]["items"]["required"]) == field_names
    assert "Zoë" in target.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_json_export_round_trips_into_the_same_entries(entries, tmp_path):
    target = tmp_path / "journal.json"
    export_json(entries, target)
    assert entries_from_json_document(json.loads(target.read_bytes())) == entries


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "not a Tend JSON export"),
        ({"format": "tend-export", "version": 99, "entries": []}, "newer version"),
        ({"format": "tend-export", "version": 1, "entries": {}}, "no list"),
        ({"format": "tend-export", "version": 1, "entries": [{"id": "x"}]}, "Entry 1"),
    ],
)
def test_reading_something_else_as_an_export_is_refused(document, message):
    with pytest.raises(ExportFormatError, match=message):
        entries_from_json_document(document)


# ------------------------------------------------------- progress and cancel


def many(count: int) -> list[Entry]:
    start = datetime(2020, 1, 1, tzinfo=TZ)
    return [
        Entry(
            id=f"{i:032x}",
            created=start + timedelta(hours=i),
            updated=start,
            title=f"Entry {i}",
            body="Some words. " * 20,
            tags=("tag",),
        )
        for i in range(count)
    ]


def test_ten_thousand_entries_report_progress_and_finish(tmp_path):
    entries = many(10_000)
    calls: list[tuple[int, int]] = []
    export_json(entries, tmp_path / "big.json", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (10_000, 10_000)
    assert 10 <= len(calls) <= 200  # often enough for a progress bar, not per entry
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    document = json.loads((tmp_path / "big.json").read_bytes())
    assert document["entry_count"] == 10_000


@pytest.mark.parametrize("writer", [export_markdown, export_json])
def test_cancelling_writes_nothing(writer, out):
    polls = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 3

    with pytest.raises(Cancelled):
        writer(many(5_000), out / "export", cancelled=cancelled)
    assert list(out.iterdir()) == []


def test_documents_without_a_file_also_honour_cancel():
    with pytest.raises(Cancelled):
        entries_to_json_document(many(10), cancelled=lambda: True)


# ---------------------------------------------------------- atomic writing


def test_atomic_writer_keeps_the_old_file_when_the_rename_fails(out, monkeypatch):
    target = out / "export.md"
    target.write_bytes(b"the old export")

    def failing_replace(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, b"the new export")
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in out.iterdir()] == ["export.md"]


def test_atomic_writer_keeps_the_old_file_when_fsync_fails(out, monkeypatch):
    target = out / "export.md"
    target.write_bytes(b"the old export")

    def failing_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        export_markdown(many(3), target)
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in out.iterdir()] == ["export.md"]


def test_atomic_writer_makes_its_temporary_file_beside_the_target(out, monkeypatch):
    seen: list[Path] = []
    real_replace = os.replace

    def spying_replace(src, dst):
        seen.append(Path(src))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spying_replace)
    atomic_write_bytes(out / "x.md", b"data")
    assert seen and seen[0].parent == out and seen[0].name.startswith(".x.md.")
    assert (out / "x.md").read_bytes() == b"data"
    assert [p.name for p in out.iterdir()] == ["x.md"]


def test_an_export_never_replaces_a_journal(closed_journal, tmp_path):
    before = sha256_of(closed_journal.path)
    with pytest.raises(VaultExists):
        export_markdown(many(1), closed_journal.path)
    assert sha256_of(closed_journal.path) == before


# ------------------------------------------------------------- no plaintext


@pytest.mark.parametrize("writer", [export_markdown, export_json])
def test_export_leaves_no_plaintext_anywhere_but_the_chosen_file(
    writer, journal, vault_path, watched_tmpdir, tmp_path, out
):
    canaries = ["kingfisher-lantern-7Q2", "marmalade-cobalt-9X4"]
    first = journal.add(f"Body {canaries[0]} here.", title="Canary title")
    journal.add("Another", tags=[canaries[1]])
    journal.set_flagged(first.id, True)
    target = out / "for-my-session.txt"
    writer(select(journal.entries(), Selection()), target)
    assert find_canaries([out], canaries), "the export itself should hold the words"
    target.unlink()
    journal.close()
    assert (
        find_canaries([vault_path.parent, watched_tmpdir, out, tmp_path / "home"], canaries) == []
    )


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_exports_are_written_a_block_at_a_time_never_joined_whole(fmt, out, monkeypatch):
    """One join (or encode) of a 15 MB export held the interpreter, and the window,
    for tens of milliseconds; the pieces now go to the file a block at a time."""
    monkeypatch.setattr(files, "WRITE_BLOCK", 64 << 10)
    writes: list[int] = []
    real_write = os.write

    def counting_write(fd: int, data: bytes) -> int:
        writes.append(len(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", counting_write)
    entries = many(3_000)
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    target = out / f"export.{fmt}"
    monkeypatch.setattr("journal_app.journal.export.now", lambda: moment)
    if fmt == "md":
        result = export_markdown(entries, target)
        expected = entries_to_markdown_document(entries, exported_at=moment).encode("utf-8")
    else:
        result = export_json(entries, target)
        expected = json_document_bytes(entries_to_json_document(entries, exported_at=moment))
    assert target.read_bytes() == expected and result.size == len(expected)
    assert len(writes) > 4 and max(writes) < 2 * (64 << 10)
    assert [p.name for p in out.iterdir()] == [target.name]


@pytest.mark.parametrize("writer", [export_markdown, export_json])
def test_progress_keeps_moving_while_the_file_is_written(writer, out, monkeypatch):
    """The JSON export built every entry first and then wrote for seconds at 10,000
    entries with its progress bar standing still; now each entry is made, encoded
    and written in turn."""
    monkeypatch.setattr(files, "WRITE_BLOCK", 16 << 10)
    events: list[str] = []
    real_write = os.write

    def noting_write(fd: int, data: bytes) -> int:
        events.append("write")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", noting_write)
    writer(many(3_000), out / "export", progress=lambda done, total: events.append("progress"))
    first_write = events.index("write")
    assert events[first_write:].count("progress") >= 5
