"""``tend check`` says each finding in its own words, and ``--json`` gives them to programs;
``tend import --from tend`` merges another copy of the journal."""

from __future__ import annotations

import gc
import json
import shutil
import struct
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import KdfParams
from tests.conftest import PASSPHRASE, edit_rows, raw_connect, sha256_of

pytestmark = pytest.mark.usefixtures("with_passphrase")


@pytest.fixture
def journal_file(vault_path: Path, fast_kdf: KdfParams) -> tuple[Path, list[str]]:
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        ids = [journal.add(f"Entry {i}. " + "words " * 400).id for i in range(30)]
    return vault_path, ids


def test_check_json_when_all_is_well(tend, journal_file):
    path, _ = journal_file
    result = tend("check", "--json", "--vault", str(path))
    assert result.code == 0
    assert json.loads(result.out) == {
        "ok": True,
        "records": 30,
        "problems": [],
        "manifest": "ok",
        "manifest_problem": None,
        "structure": [],
    }


def test_check_names_a_missing_entry_and_says_how_to_get_it_back(tend, journal_file):
    path, ids = journal_file
    edit_rows(path, "DELETE FROM tend_record WHERE id = ?", ids[4])
    result = tend("check", "--vault", str(path))
    assert result.code == 4
    assert "1 entry did not open as Tend saved it: 1 is missing from the file." in result.out
    assert f"  entry {ids[4]}: missing from the file" in result.out
    assert "tend restore" in result.out
    found = json.loads(tend("check", "--json", "--vault", str(path)).out)
    assert found["ok"] is False and found["records"] == 29
    assert found["problems"] == [{"id": ids[4], "kind": "entry", "problem": "missing"}]
    listed = tend("list", "-n", "0", "--vault", str(path))
    assert listed.code == 0 and len(listed.out.splitlines()) == 29
    assert "missing from the file" in listed.err


def _free_pages(path: Path) -> tuple[int, int]:
    conn = raw_connect(path)
    try:
        return (
            conn.execute("PRAGMA freelist_count").fetchone()[0],
            conn.execute("PRAGMA page_size").fetchone()[0],
        )
    finally:
        conn.close()


def test_damage_only_in_the_files_structure_is_not_called_unreadable(tend, journal_file):
    """Every entry reads; SQLite's own check finds a broken list of free pages."""
    path, ids = journal_file
    with Journal.open(path, PASSPHRASE) as journal:
        for record_id in ids[:20]:
            journal.move_to_trash(record_id)
        journal.empty_trash()  # frees pages: SQLite keeps them in its free list
    free, page_size = _free_pages(path)
    assert free > 2
    data = bytearray(path.read_bytes())
    (trunk,) = struct.unpack(">I", data[32:36])  # the first free-list trunk page
    data[(trunk - 1) * page_size + 4 : (trunk - 1) * page_size + 8] = struct.pack(">I", 10**6)
    path.write_bytes(bytes(data))
    listed = tend("list", "-n", "0", "--vault", str(path))
    assert listed.code == 0 and len(listed.out.splitlines()) == 10
    result = tend("check", "--vault", str(path))
    assert result.code == 4
    assert "cannot be read" not in result.out and "could not be read" not in result.out
    assert "found damage in its structure, although every record reads" in result.out
    assert "tend backup" in result.out
    assert json.loads(tend("check", "--json", "--vault", str(path)).out)["structure"]


def test_a_journal_that_failed_to_load_is_not_left_locked(tend, journal_file):
    """A journal that unlocks but then fails to load must close its file, or the next
    command is told it is in use."""
    path, _ = journal_file
    _, page_size = _free_pages(path)
    data = bytearray(path.read_bytes())
    # A leaf page of records holding entries only (no part of the manifest): unlock,
    # which reads the manifest through its index, succeeds; reading every entry fails.
    leaves = [
        n
        for n in range(1, len(data) // page_size)
        if data[n * page_size] == 0x0D
        and b"manifest" not in data[n * page_size : (n + 1) * page_size]
    ]
    target = leaves[len(leaves) // 2] * page_size
    data[target + 3 : target + 5] = b"\xff\xff"  # a cell count no page can hold
    path.write_bytes(bytes(data))
    gc.disable()  # nothing but Tend itself may close what it opened
    try:
        codes = [tend("list", "--vault", str(path)).code for _ in range(3)]
    finally:
        gc.enable()
    assert codes == [4, 4, 4]


def test_check_backups_json(tend, journal_file, tmp_path):
    path, ids = journal_file
    folder = tmp_path / "backups"
    folder.mkdir()
    assert tend("backup", "-o", str(folder / "a.tend"), "--vault", str(path)).code == 0
    shutil.copyfile(folder / "a.tend", folder / "b.tend")
    edit_rows(folder / "b.tend", "DELETE FROM tend_record WHERE id = ?", ids[0])
    result = tend("check", "--backups", str(folder), "--json")
    assert result.code == 4
    rows = {Path(row["file"]).name: row for row in json.loads(result.out)}
    assert rows["a.tend"]["ok"] is True and rows["a.tend"]["records"] == 30
    assert rows["b.tend"]["problems"] == [{"id": ids[0], "kind": "entry", "problem": "missing"}]


# ------------------------------------------------------------------ merge


@pytest.fixture
def laptop_copy(journal_file, tmp_path) -> Path:
    path, _ = journal_file
    laptop = tmp_path / "laptop.tend"
    shutil.copyfile(path, laptop)
    with Journal.open(laptop, PASSPHRASE) as journal:
        journal.add("Written on the laptop.", title="Laptop")
    with Journal.open(path, PASSPHRASE) as journal:
        journal.add("Written on the desktop.", title="Desktop")
    return laptop


def test_import_from_tend_merges_the_other_copy(tend, journal_file, laptop_copy):
    path, _ = journal_file
    before = sha256_of(laptop_copy)
    preview = tend("import", "--from", "tend", str(laptop_copy), "--dry-run", "--vault", str(path))
    assert preview.code == 0
    assert preview.out.splitlines() == [
        "1 entry to bring in.",
        "30 entries are already in this journal and will be skipped.",
        "Nothing was written.",
    ]
    merged = tend("import", "--from", "tend", str(laptop_copy), "--vault", str(path))
    assert merged.code == 0 and "Brought in 1 entry from laptop.tend." in merged.out
    assert "keep only this journal" in merged.err
    again = tend("import", "--from", "tend", str(laptop_copy), "--vault", str(path))
    assert again.out.startswith("Nothing to bring in")
    assert sha256_of(laptop_copy) == before
    with Journal.open(path, PASSPHRASE) as journal:
        assert {"Laptop", "Desktop"} <= {e.title for e in journal.entries()}


def test_import_from_tend_with_another_passphrase(
    tend, journal_file, tmp_path, fast_kdf, monkeypatch
):
    path, _ = journal_file
    other = tmp_path / "other.tend"
    with Journal.create(other, "another journal's own words", fast_kdf) as journal:
        journal.add("From the other journal.")
    refused = tend("import", "--from", "tend", str(other), "--vault", str(path))
    assert refused.code == 2 and "--other-passphrase-file" in refused.err
    secret_file = tmp_path / "other-passphrase"
    secret_file.write_text("another journal's own words\n", encoding="utf-8")
    merged = tend(
        "import", "--from", "tend", str(other), "--other-passphrase-file", str(secret_file),
        "--vault", str(path),
    )  # fmt: skip
    assert merged.code == 0 and "Brought in 1 entry" in merged.out
    monkeypatch.setenv("TEND_OTHER_PASSPHRASE", "not it")
    wrong = tend("import", "--from", "tend", str(other), "--vault", str(path))
    assert wrong.code == 3
