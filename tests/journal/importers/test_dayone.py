"""Day One's JSON export, loose and zipped, built here with its public layout."""

from __future__ import annotations

import contextlib
import io
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.journal.importers import (
    ImportFormatError,
    ImportLimits,
    dayone,
    guess_format,
    parse,
    preview,
    run_import,
)
from tests.journal.importers.helpers import folder_state

ENTRIES = [
    {
        "uuid": "5F2B8C3A1D9E4F6B8A7C2D1E0F9A8B7C",
        "creationDate": "2024-01-01T10:00:00Z",
        "modifiedDate": "2024-01-01T10:20:00Z",
        "timeZone": "Europe/London",
        "text": "# New year\\, slowly\n\nA walk by the sea. It helped, a little.\n",
        "tags": ["walks", "sea"],
        "starred": True,
        "photos": [{"identifier": "ABC", "md5": "0" * 32, "type": "jpeg"}],
    },
    {
        "uuid": "6A3C9D4B2E0F5A7C9B8D3E2F1A0B9C8D",
        "creationDate": "2024-07-01T22:30:00Z",
        "timeZone": "Asia/Tokyo",
        "text": "No heading here.\nSecond line with *emphasis*.",
        "starred": False,
    },
    {
        "uuid": "7B4D0E5C3F1A6B8D0C9E4F3A2B1C0D9E",
        "creationDate": "2024-08-02T08:00:00Z",
        "timeZone": "Not/AZone",
        "text": "Zoë's café, 今天.",
        "tags": [],
    },
    {"uuid": "8C", "creationDate": "2024-08-03T08:00:00Z", "text": "", "photos": [{}]},
]
DOCUMENT = {"metadata": {"version": "1.0"}, "entries": ENTRIES}


@pytest.fixture
def loose(tmp_path) -> Path:
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(DOCUMENT, ensure_ascii=False), encoding="utf-8")
    return path


def make_zip(path: Path, members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def zipped(tmp_path) -> Path:
    return make_zip(
        tmp_path / "export.zip",
        {
            "Journal.json": json.dumps(DOCUMENT).encode(),
            "photos/0123456789abcdef.jpeg": b"\xff\xd8\xff" + b"\0" * 100,
        },
    )


def check_entries(parsed) -> None:
    first, second, third = parsed.entries
    assert first.title == "New year, slowly"  # Day One's backslash escape removed
    assert first.body == "A walk by the sea. It helped, a little."
    assert first.created == datetime(2024, 1, 1, 10, 0, tzinfo=UTC)
    assert str(first.created.tzinfo) == "Europe/London"
    assert first.updated == datetime(2024, 1, 1, 10, 20, tzinfo=UTC)
    assert first.tags == ("walks", "sea", "starred")
    assert second.title == "" and second.body == "No heading here.\nSecond line with *emphasis*."
    assert second.created.hour == 7 and str(second.created.tzinfo) == "Asia/Tokyo"
    assert third.body == "Zoë's café, 今天." and third.tags == ()
    assert third.created == datetime(2024, 8, 2, 8, 0, tzinfo=UTC)  # unknown zone: kept as UTC
    assert any("has no text and was left out" in p for p in parsed.problems)
    assert any("2 entries have photos" in p for p in parsed.problems)


def test_loose_journal_json(loose):
    parsed = parse(loose, "dayone")
    assert parsed.format == "dayone" and len(parsed.entries) == 3
    check_entries(parsed)


def test_zip_export(zipped):
    parsed = parse(zipped, "dayone")
    assert len(parsed.entries) == 3
    check_entries(parsed)


def test_guessing_the_format(loose, zipped, tmp_path):
    assert guess_format(loose) == "dayone"
    assert guess_format(zipped) == "dayone"
    assert guess_format(tmp_path) == "folder"
    assert guess_format(tmp_path / "missing.json") is None


def test_import_then_reimport_from_the_zip_skips_everything(journal, loose, zipped, vault_path):
    before = folder_state(vault_path.parent)
    assert preview(zipped, "dayone", journal).count == 3
    assert folder_state(vault_path.parent) == before
    report = run_import(journal, parse(loose, "dayone"))
    assert (report.imported, report.skipped_duplicates) == (3, 0)
    assert any("photos" in problem for problem in report.problems)
    again = run_import(journal, parse(zipped, "dayone"))
    assert (again.imported, again.skipped_duplicates) == (0, 3)
    titles = sorted(entry.display_title for entry in journal.entries())
    assert titles == ["New year, slowly", "No heading here.", "Zoë's café, 今天."]


def test_every_journal_file_in_the_zip_is_read(tmp_path):
    second = {"entries": [{"creationDate": "2023-05-05T05:05:00Z", "text": "# Work\n\nNotes"}]}
    path = make_zip(
        tmp_path / "two.zip",
        {
            "Journal.json": json.dumps(DOCUMENT).encode(),
            "Work.json": json.dumps(second).encode(),
            "__MACOSX/._Work.json": b"\0\0",
            "photos/nested.json": b"not read",
        },
    )
    parsed = parse(path, "dayone")
    assert len(parsed.entries) == 4
    assert parsed.entries[-1].title == "Work"


# ---------------------------------------------------------------- malformed


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"metadata": {}, "entries": "none"}, "has no list of entries"),
        ({"metadata": [], "entries": []}, "'metadata' that is not an object"),
        ({"entries": [{"text": "no date"}]}, "entry 1, field 'creationDate': is missing"),
        ({"entries": [{"creationDate": "yesterday"}]}, "field 'creationDate': is not a date"),
        ({"entries": [{"creationDate": "2024-01-01T10:00:00Z", "text": 7}]}, "'text': should"),
        ({"entries": [{"creationDate": "2024-01-01T10:00:00Z", "tags": "a"}]}, "'tags': should"),
        (
            {"entries": [{"creationDate": "2024-01-01T10:00:00Z", "timeZone": ["x"]}]},
            "'timeZone': should be text",
        ),
    ],
)
def test_malformed_exports_say_what_is_wrong(journal, tmp_path, document, expected):
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ImportFormatError, match=expected):
        run_import(journal, parse(path, "dayone"))
    assert journal.entries() == []


def test_a_file_named_zip_that_is_not_one(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(b"this is not a zip archive at all")
    with pytest.raises(ImportFormatError, match=r"export\.zip: is not a zip archive"):
        parse(path, "dayone")


def test_a_truncated_zip(zipped):
    data = zipped.read_bytes()
    zipped.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFormatError, match=r"export\.zip: is not a zip archive"):
        parse(zipped, "dayone")


def test_a_zip_without_a_journal(tmp_path):
    path = make_zip(tmp_path / "photos.zip", {"photos/a.jpeg": b"\xff\xd8"})
    with pytest.raises(ImportFormatError, match="holds no journal"):
        parse(path, "dayone")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    # 20 MB of one JSON string compresses to about 20 KB.
    bomb = b'{"entries": [], "pad": "' + b"A" * 20_000_000 + b'"}'
    path = make_zip(tmp_path / "bomb.zip", {"Journal.json": bomb})
    assert path.stat().st_size < 100_000
    limits = ImportLimits(max_file_bytes=1_000_000)
    with pytest.raises(ImportFormatError, match="unpacks to more than"):
        parse(path, "dayone", limits=limits)


def test_a_zip_that_lies_about_its_size_is_still_capped(tmp_path):
    bomb = b'{"entries": [], "pad": "' + b"A" * 3_000_000 + b'"}'
    path = make_zip(tmp_path / "liar.zip", {"Journal.json": bomb})
    data = bytearray(path.read_bytes())
    # Rewrite the uncompressed size in the central directory to claim 10 bytes.
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFormatError, match=r"liar\.zip"):
        parse(path, "dayone", limits=ImportLimits(max_file_bytes=1_000_000))


def test_a_zip_larger_than_the_cap_because_of_photos_is_fine(tmp_path):
    path = make_zip(
        tmp_path / "photos.zip",
        {"Journal.json": json.dumps(DOCUMENT).encode(), "photos/big.jpeg": os.urandom(300_000)},
        compression=zipfile.ZIP_STORED,
    )
    assert path.stat().st_size > 200_000
    parsed = parse(path, "dayone", limits=ImportLimits(max_file_bytes=200_000))
    assert len(parsed.entries) == 3


def test_a_zip_with_too_many_files(tmp_path):
    members = {f"photos/{i}.jpeg": b"" for i in range(30)}
    members["Journal.json"] = json.dumps(DOCUMENT).encode()
    path = make_zip(tmp_path / "many.zip", members)
    with pytest.raises(ImportFormatError, match="lists more than 20 files"):
        parse(path, "dayone", limits=ImportLimits(max_zip_members=20))


def test_a_password_protected_member(tmp_path):
    path = make_zip(tmp_path / "locked.zip", {"Journal.json": json.dumps(DOCUMENT).encode()})
    data = bytearray(path.read_bytes())
    # zipfile cannot write encrypted files; set the "encrypted" flag bit by hand.
    data[data.index(b"PK\x03\x04") + 6] |= 0x1
    data[data.rindex(b"PK\x01\x02") + 8] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFormatError, match="protected by a password"):
        parse(path, "dayone")


def test_a_zipped_journal_with_bad_json_names_the_member(tmp_path):
    path = make_zip(tmp_path / "bad.zip", {"Journal.json": b'{"entries": [1,'})
    with pytest.raises(ImportFormatError, match=r"bad\.zip/Journal\.json: is not valid JSON"):
        parse(path, "dayone")


# ----------------------------------------------------------------- fuzzing

FIELD = (
    st.none() | st.booleans() | st.integers() | st.text(max_size=16) | st.lists(st.text(max_size=5))
)
ENTRY = st.dictionaries(
    st.sampled_from(
        ["creationDate", "modifiedDate", "timeZone", "text", "tags", "starred", "photos"]
    ),
    FIELD
    | st.sampled_from(
        ["2024-01-01T10:00:00Z", "Europe/Paris", "../../etc/passwd", "# Title\n\nbody", "America"]
    ),
)


@settings(max_examples=150)
@given(st.lists(ENTRY, max_size=5), st.none() | st.dictionaries(st.text(max_size=4), FIELD))
def test_any_entry_shaped_export_is_read_or_refused_clearly(items, metadata):
    document = {"metadata": metadata, "entries": items}
    try:
        parsed = dayone.parse_bytes(json.dumps(document).encode(), "Journal.json")
    except ImportFormatError:
        return
    assert all(entry.created.tzinfo is not None for entry in parsed.entries)


@settings(max_examples=100)
@given(st.binary(max_size=600))
def test_any_bytes_as_json_or_as_a_zip_are_read_or_refused_clearly(data):
    for reader in (dayone.parse_bytes, dayone.parse_zip_bytes):
        with contextlib.suppress(ImportFormatError):
            reader(data, "fuzz", ImportLimits())


@settings(max_examples=60)
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=400))
def test_a_damaged_zip_is_refused_clearly(noise, offset):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", json.dumps(DOCUMENT))
    data = bytearray(buffer.getvalue())
    position = offset % len(data)
    data[position : position + len(noise)] = noise
    with contextlib.suppress(ImportFormatError):
        dayone.parse_zip_bytes(bytes(data), "fuzz.zip", ImportLimits())
