"""A folder of Markdown and text notes."""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.journal.importers import (
    ImportFormatError,
    ImportLimits,
    folder,
    parse,
    preview,
    run_import,
)
from tests.journal.importers.helpers import folder_state

MTIME = datetime(2023, 6, 7, 8, 9)


def local(*args: int) -> datetime:
    return datetime(*args).astimezone()


@pytest.fixture
def notes(tmp_path) -> Path:
    root = tmp_path / "My notes"
    (root / "2024" / "march").mkdir(parents=True)
    (root / ".hidden-folder").mkdir()
    files = {
        "2024-03-05 Walk by the sea.md": "The tide was out.\n",
        "20240306.txt": "# A heading for a title\n\nText under it.\n",
        "2024/march/front.md": (
            "---\n"
            'title: "Front matter: title"\n'
            "date: 2024-03-07 18:45\n"
            "tags: [family, 'walks']\n"
            "---\n"
            "\n"
            "Body after front matter.\n"
        ),
        "2024/listed.markdown": (
            "---\ndate: 2024-03-08\ntags:\n  - one\n  - two\nmood: fine\n---\nListed tags.\n"
        ),
        "comma.md": "---\ntags: a, b\n---\nComma tags, no date.\n",
        "2024-03-09_0930 timed.md": "With a time in the name.\n",
        "bad-date 2024-03-10.md": "---\ndate: next tuesday\n---\nBad front date.\n",
        "later heading.md": "Some text first.\n# Not first\nMore.\n",
        "empty.md": "\n\n",
        "windows.txt": "caf\xe9 in Windows-1252\r\nsecond line".encode("cp1252"),
        ".secret.md": "hidden files are not read",
        ".hidden-folder/inside.md": "nor hidden folders",
        "picture.png": b"\x89PNG",
    }
    for name, content in files.items():
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    stamp = MTIME.timestamp()
    for name in ("comma.md", "later heading.md", "windows.txt"):
        os.utime(root / name, (stamp, stamp))
    return root


def by_title(parsed) -> dict:
    return {entry.title: entry for entry in parsed.entries}


def test_dates_titles_tags_and_text(notes):
    parsed = parse(notes, "folder")
    assert parsed.format == "folder" and parsed.source == "My notes"
    entries = by_title(parsed)
    assert set(entries) == {
        "Walk by the sea",
        "A heading for a title",
        "Front matter: title",
        "listed",
        "comma",
        "timed",
        "bad-date",
        "Not first",
        "windows",
    }
    sea = entries["Walk by the sea"]
    assert sea.created == local(2024, 3, 5, 12, 0) and sea.body == "The tide was out."
    heading = entries["A heading for a title"]
    assert heading.created == local(2024, 3, 6, 12, 0) and heading.body == "Text under it."
    front = entries["Front matter: title"]
    assert front.created == local(2024, 3, 7, 18, 45)
    assert front.tags == ("family", "walks") and front.body == "Body after front matter."
    listed = entries["listed"]
    assert listed.tags == ("one", "two") and listed.created == local(2024, 3, 8, 12, 0)
    comma = entries["comma"]
    assert comma.tags == ("a", "b") and comma.created == local(2023, 6, 7, 8, 9)
    assert entries["timed"].created == local(2024, 3, 9, 9, 30)
    assert entries["bad-date"].created == local(2024, 3, 10, 12, 0)  # fell back to the name
    later = entries["Not first"]
    assert later.body == "Some text first.\n# Not first\nMore."  # kept in place
    assert entries["windows"].body == "café in Windows-1252\nsecond line"
    problems = " ".join(parsed.problems)
    assert "bad-date 2024-03-10.md: the date 'next tuesday' was not understood" in problems
    assert "empty.md is empty and was left out" in problems
    assert "3 notes have no date" in problems
    assert "1 note was not UTF-8" in problems
    assert "secret" not in problems and "inside" not in problems


def test_import_preview_and_reimport(journal, notes, vault_path):
    before = folder_state(vault_path.parent)
    shown = preview(notes, "folder", journal)
    assert folder_state(vault_path.parent) == before
    assert shown.count == 9 and shown.duplicates == 0
    first = run_import(journal, parse(notes, "folder"))
    assert (first.imported, first.skipped_duplicates) == (9, 0)
    (notes / "new.md").write_text("A new note.\n")
    second = run_import(journal, parse(notes, "folder"))
    assert (second.imported, second.skipped_duplicates) == (1, 9)
    assert len(journal.entries()) == 10


def test_links_are_not_followed(tmp_path, notes):
    outside = tmp_path / "outside.md"
    outside.write_text("Not in the folder.")
    try:
        (notes / "link.md").symlink_to(outside)
    except OSError:
        pytest.skip("symbolic links are not available here")
    assert "Not in the folder." not in {e.body for e in parse(notes, "folder").entries}


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda root: (root / "a.md").write_bytes(b"text\0with a NUL"), "a.md: is not a text"),
        (lambda root: (root / "b.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d"), "b.txt: is not a"),
        (lambda root: (root / "c.png").write_bytes(b"x"), "holds no .md, .markdown or .txt"),
    ],
)
def test_a_bad_note_is_named_and_nothing_is_imported(journal, tmp_path, setup, expected):
    root = tmp_path / "notes"
    root.mkdir()
    (root / "fine.md").write_text("fine")
    if "holds no" in expected:
        (root / "fine.md").unlink()
    setup(root)
    with pytest.raises(ImportFormatError, match=expected):
        run_import(journal, parse(root, "folder"))
    assert journal.entries() == []


def test_caps_on_note_size_count_and_total(tmp_path):
    root = tmp_path / "notes"
    root.mkdir()
    for i in range(3):
        (root / f"{i}.md").write_text("x" * 600)
    with pytest.raises(ImportFormatError, match=r"0\.md: is larger than 500 bytes"):
        parse(root, "folder", limits=ImportLimits(max_entry_bytes=500))
    with pytest.raises(ImportFormatError, match="more than 2 notes"):
        parse(root, "folder", limits=ImportLimits(max_entries=2))
    with pytest.raises(ImportFormatError, match="more than 1000 bytes of notes"):
        parse(root, "folder", limits=ImportLimits(max_file_bytes=1000))


def test_not_a_folder(tmp_path):
    with pytest.raises(ImportFormatError, match="is not a folder"):
        parse(tmp_path / "missing", "folder")


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("2024-03-05", datetime(2024, 3, 5, 12, 0)),
        ("notes 20240305", datetime(2024, 3, 5, 12, 0)),
        ("2024-03-05T0930 x", datetime(2024, 3, 5, 9, 30)),
        ("20240305-09.30", datetime(2024, 3, 5, 9, 30)),
        ("2024-02-30 not a day", None),
        ("123420240305", None),
        ("v1.2.3", None),
    ],
)
def test_dates_in_file_names(stem, expected):
    found = folder.date_from_name(stem)
    assert (found[0] if found else None) == expected


# ----------------------------------------------------------------- fuzzing


@settings(max_examples=150)
@given(st.text(max_size=300), st.text(alphabet="abc0123456789-_ T.", min_size=1, max_size=24))
def test_any_note_text_and_name_is_read_or_refused_clearly(text, stem):
    try:
        entry, problems, _dated = folder.parse_note(text, Path(f"/nowhere/{stem}.md"), stem)
    except ImportFormatError:
        return
    assert all(isinstance(problem, str) for problem in problems)
    if entry is not None:
        assert entry.created.tzinfo is not None


FRONT = st.lists(
    st.sampled_from(["date", "title", "tags", "tag", "x"]).flatmap(
        lambda key: st.text(max_size=20).map(lambda value: f"{key}: {value}")
    )
    | st.text(max_size=10).map(lambda value: f"  - {value}"),
    max_size=6,
)


@settings(max_examples=150)
@given(FRONT, st.text(max_size=60))
def test_any_front_matter_is_read_or_refused_clearly(lines, body):
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    with contextlib.suppress(ImportFormatError):
        folder.parse_note(text, Path("/nowhere/2024-01-01.md"), "2024-01-01.md")


@settings(max_examples=100)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused_clearly(data):
    try:
        text, _guessed = folder._decode(data, "x.md")
    except ImportFormatError:
        return
    text.encode("utf-8")  # always sealable
