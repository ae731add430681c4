"""``tend export / backup / restore / import / flag``: outcomes, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from journal_app.journal import Entry, Journal
from journal_app.vault.store import new_record_id
from tests.conftest import PASSPHRASE, edit_rows, record_row, sha256_of

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _passphrase_in_the_environment(with_passphrase: str) -> None:
    """Every command here finds the passphrase in TEND_PASSPHRASE."""


@dataclass
class Made:
    path: Path
    ids: dict[str, str]


@pytest.fixture
def made(vault_path, fast_kdf) -> Made:
    """A closed journal with four entries across January 2026, one with a prompt theme."""
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        ids = {}
        for day, title, tags in [(1, "River", ["walk"]), (2, "Café", ["food"]), (3, "Hill", [])]:
            entry = journal.add(
                f"Entry about {title}.", title=title, tags=tags, created=datetime(2026, 1, day, 9)
            )
            ids[title] = entry.id
        moment = datetime(2026, 1, 4, 9).astimezone()
        themed = Entry(
            id=new_record_id(),
            created=moment,
            updated=moment,
            title="Themed",
            body="Written to a prompt.",
            prompt_id="tend.people.1",
            prompt_text="Who felt safe to be around?",
            prompt_theme="people",
        )
        journal.add_many([themed])
        ids["Themed"] = themed.id
    return Made(vault_path, ids)


def vault_args(made: Made) -> list[str]:
    return ["--vault", str(made.path)]


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# -------------------------------------------------------------------- export


def test_export_markdown_says_it_is_not_encrypted(tend, made, out):
    target = out / "journal.md"
    result = tend("export", "-o", str(target), *vault_args(made))
    assert result.code == 0, result.err
    assert "will not be encrypted" in result.err
    assert "Exported 4 entries" in result.out
    text = target.read_text(encoding="utf-8")
    assert text.index("## River") < text.index("## Café") < text.index("## Themed")
    assert "> Who felt safe to be around?" in text


def test_export_json_with_date_tag_and_theme_filters(tend, made, out):
    target = out / "j.json"
    result = tend(
        "export",
        "--format",
        "json",
        "--from",
        "2026-01-02",
        "--to",
        "2026-01-03",
        "-o",
        str(target),
        *vault_args(made),
    )
    assert result.code == 0, result.err
    titles = [e["title"] for e in json.loads(target.read_text())["entries"]]
    assert titles == ["Café", "Hill"]
    target.unlink()
    assert tend("export", "--tag", "WALK", "-o", str(target), *vault_args(made)).code == 0
    assert "## River" in target.read_text() and "## Café" not in target.read_text()
    target.unlink()
    assert tend("export", "--theme", "people", "-o", str(target), *vault_args(made)).code == 0
    assert "## Themed" in target.read_text() and "## River" not in target.read_text()


def test_flag_unflag_list_and_export_the_flagged(tend, made, out):
    river = made.ids["River"]
    flagged = tend("flag", river[:6], *vault_args(made))
    assert flagged.code == 0 and "Marked to bring to your next session: River" in flagged.out
    assert tend("flag", made.ids["Hill"], *vault_args(made)).code == 0
    assert tend("unflag", made.ids["Hill"], *vault_args(made)).code == 0
    listed = tend("list", "--flagged", "--json", *vault_args(made))
    assert [e["id"] for e in json.loads(listed.out)] == [river]
    target = out / "session.md"
    assert tend("export", "--flagged", "-o", str(target), *vault_args(made)).code == 0
    text = target.read_text()
    assert "## River" in text and "## Hill" not in text and "1 entry" in text


def test_flag_with_an_unknown_id(tend, made):
    result = tend("flag", "zzzzzz", *vault_args(made))
    assert result.code == 2 and "No entry has the id" in result.err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--from", "yesterday"], 2, "--from 'yesterday' is not a date"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], 2, "first day is after the last"),
        (["--tag", "no-such-tag"], 1, "No entries match, so no file was written"),
    ],
)
def test_export_problems(tend, made, out, args, code, message):
    target = out / "x.md"
    result = tend("export", *args, "-o", str(target), *vault_args(made))
    assert result.code == code and message in result.err
    assert not target.exists()


def test_export_does_not_replace_a_file_unless_asked(tend, made, out):
    target = out / "x.md"
    target.write_text("mine")
    result = tend("export", "-o", str(target), *vault_args(made))
    assert result.code == 2 and "already exists" in result.err
    assert target.read_text() == "mine"
    assert tend("export", "--force", "-o", str(target), *vault_args(made)).code == 0
    assert "## River" in target.read_text()
    refused = tend("export", "--force", "-o", str(made.path), *vault_args(made))
    assert refused.code == 1 and "is a Tend journal" in refused.err


def test_pdf_without_the_desktop_components(tend, made, out, monkeypatch):
    monkeypatch.setitem(sys.modules, "journal_app.ui.services.pdf", None)  # import fails
    result = tend("export", "--format", "pdf", "-o", str(out / "x.pdf"), *vault_args(made))
    assert result.code == 1
    assert "PDF export needs the desktop app's components" in result.err
    assert not (out / "x.pdf").exists()


def test_pdf_is_handed_to_the_desktop_printer(tend, made, out, monkeypatch):
    calls = []
    fake = types.ModuleType("journal_app.ui.services.pdf")
    fake.write_pdf = lambda entries, path: calls.append(([e.title for e in entries], path))
    monkeypatch.setitem(sys.modules, "journal_app.ui.services.pdf", fake)
    target = out / "x.pdf"
    result = tend(
        "export", "--format", "pdf", "--to", "2026-01-02", "-o", str(target), *vault_args(made)
    )
    assert result.code == 0 and "will not be encrypted" in result.err
    assert calls == [(["River", "Café"], target)]


# ------------------------------------------------------------ backup/restore


def test_backup_restore_and_check(tend, made, out, tmp_path):
    backup = out / "b.tend"
    made_backup = tend("backup", "-o", str(backup), *vault_args(made))
    assert made_backup.code == 0, made_backup.err
    assert "Backed up 4 records" in made_backup.out and "encrypted" in made_backup.out
    again = tend("backup", "-o", str(backup), *vault_args(made))
    assert again.code == 1 and "will not overwrite" in again.err
    checked = tend("check", "--backups", str(backup))
    assert checked.code == 0 and "b.tend: All 4 records read correctly, and none" in checked.out
    new = tmp_path / "restored" / "journal.tend"
    restored = tend("restore", str(backup), "--vault", str(new))
    assert restored.code == 0, restored.err
    listed = tend("list", "--json", "--vault", str(new))
    assert len(json.loads(listed.out)) == 4


def test_restore_refuses_an_existing_journal_and_a_wrong_passphrase(
    tend, made, out, tmp_path, monkeypatch
):
    backup = out / "b.tend"
    assert tend("backup", "-o", str(backup), *vault_args(made)).code == 0
    before = sha256_of(made.path)
    over = tend("restore", str(backup), *vault_args(made))
    assert over.code == 1 and "never restores over a journal" in over.err
    assert sha256_of(made.path) == before
    monkeypatch.setenv("TEND_PASSPHRASE", "not the passphrase")
    wrong = tend("restore", str(backup), "--vault", str(tmp_path / "new.tend"))
    assert wrong.code == 3 and not (tmp_path / "new.tend").exists()
    missing = tend("restore", str(out / "nothing.tend"), "--vault", str(tmp_path / "n.tend"))
    assert missing.code == 6 and "There is no backup at" in missing.err


def test_backups_into_a_folder_keep_the_newest(tend, made, out):
    for _ in range(3):
        assert tend("backup", "-o", str(out), "--keep", "2", *vault_args(made)).code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and all(n.startswith("tend-backup-") for n in names)
    result = tend("backup", "-o", str(out / "x.tend"), "--keep", "2", *vault_args(made))
    assert result.code == 2


def test_check_backups_finds_damage(tend, made, out):
    assert tend("backup", "-o", str(out / "b.tend"), *vault_args(made)).code == 0
    record_id = made.ids["Hill"]
    *_, ciphertext = record_row(out / "b.tend", record_id)
    edit_rows(
        out / "b.tend",
        "UPDATE tend_record SET ciphertext = ? WHERE id = ?",
        ciphertext[:-2],
        record_id,
    )
    result = tend("check", "--backups", str(out))
    assert result.code == 4 and f"entry {record_id}: damaged: it does not open" in result.out
    empty = out / "empty"
    empty.mkdir()
    assert tend("check", "--backups", str(empty)).code == 6


# -------------------------------------------------------------------- import


def test_import_jrnl_then_again(tend, made):
    source = str(DATA / "jrnl_export.json")
    first = tend("import", "--from", "jrnl", source, *vault_args(made))
    assert first.code == 0, first.err
    assert "Imported 6 entries; skipped 0 already in your journal." in first.out
    assert "not encrypted" in first.err
    second = tend("import", "--from", "jrnl", source, *vault_args(made))
    assert "Imported 0 entries; skipped 6 already in your journal." in second.out
    listed = tend("list", "-n", "0", "--json", *vault_args(made))
    assert len(json.loads(listed.out)) == 10


def test_import_dry_run_writes_nothing(tend, made):
    before = sha256_of(made.path)
    result = tend(
        "import", "--from", "jrnl", str(DATA / "jrnl_export.json"), "--dry-run", *vault_args(made)
    )
    assert result.code == 0 and "Would import 6 entries" in result.out
    assert sha256_of(made.path) == before


def test_import_folder_and_dayone(tend, made, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-05-05 spring.md").write_text("Blossom.")
    assert (
        "Imported 1 entry;" in tend("import", "--from", "folder", str(notes), *vault_args(made)).out
    )
    journal_json = tmp_path / "Journal.json"
    journal_json.write_text(
        json.dumps(
            {
                "metadata": {"version": "1.0"},
                "entries": [{"creationDate": "2024-01-01T10:00:00Z", "text": "# Hi\n\nThere"}],
            }
        )
    )
    result = tend("import", "--from", "dayone", str(journal_json), *vault_args(made))
    assert "Imported 1 entry; skipped 0" in result.out


def test_a_malformed_import_file_is_a_clear_error(tend, made, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": [{"title": "x", "body": "y"}]}')
    result = tend("import", "--from", "jrnl", str(bad), *vault_args(made))
    assert result.code == 1
    assert "bad.json, entry 1, field 'date': is missing. Nothing was imported." in result.err
    assert len(json.loads(tend("list", "--json", *vault_args(made)).out)) == 4


def test_program_never_shows_a_traceback(made, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 broken")
    env_run = subprocess.run(
        [
            sys.executable,
            "-m",
            "journal_app",
            "import",
            "--from",
            "dayone",
            str(bad),
            "--vault",
            str(made.path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "TEND_PASSPHRASE": PASSPHRASE},
    )
    assert env_run.returncode == 1
    assert "bad.zip: is not a zip archive" in env_run.stderr
    assert "Traceback" not in env_run.stderr
