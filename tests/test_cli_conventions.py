"""``tend`` behaves like a well-mannered command-line program (issue 9, defect 12).

- A reader that stops early (``tend list | head -1``) ends Tend quietly: no
  "Broken pipe", no traceback, exit 141 (what the shell reports for any program
  a closed pipe stopped), and whatever Tend was doing before printing is done.
- ``export -o -`` writes to standard output (Markdown and JSON; a PDF is refused),
  never a file named ``-``, and keeps its notes on standard error.
- ``list -n`` refuses a negative count instead of printing "all but N".
- ``add`` prints the new entry's whole id, which ``tend flag`` takes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal_app.journal import Entry, Journal
from journal_app.vault import KdfParams
from journal_app.vault.store import new_record_id
from tests.conftest import PASSPHRASE, sha256_of

SAVED = re.compile(r"^Saved\. \((\d{4}-\d\d-\d\d \d\d:\d\d), id ([0-9a-f]{32})\)$")


@pytest.fixture(autouse=True)
def _passphrase_in_the_environment(with_passphrase: str) -> None:
    """Every command here finds the passphrase in TEND_PASSPHRASE."""


@pytest.fixture
def journal_file(vault_path: Path, fast_kdf: KdfParams) -> Path:
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        for day, title in [(1, "River"), (2, "Café"), (3, "Hill")]:
            journal.add(f"About the {title}.", title=title, created=datetime(2026, 1, day, 9))
    return vault_path


def program(*argv: str, stdout: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """``python -m journal_app ARGV`` as a separate process, as a shell would start it."""
    return subprocess.Popen(
        [sys.executable, "-m", "journal_app", *argv],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, "TEND_PASSPHRASE": PASSPHRASE, **(env or {})},
    )


# ------------------------------------------------------------ a closed pipe


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["search", "the"],
        ["add", "Written while the reader was gone."],
        ["export", "-o", "-"],
        ["--help"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_a_reader_that_already_left_ends_tend_quietly(journal_file, argv):
    """The pipe's reading end is closed before Tend starts: its first write fails."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = program(*argv, "--vault", str(journal_file), stdout=write_end)
    finally:
        os.close(write_end)
    _, err = done.communicate(timeout=60)
    said = err.decode()
    if argv[0] == "export":  # its note is meant for the person, on standard error
        assert said.startswith("Tend: Note: what Tend writes to standard output is not")
        said = said.split("\n", 1)[1]
    assert said == ""
    # argparse writes --help itself and ignores a failed write, then exits 0.
    assert done.returncode == (0 if argv == ["--help"] else 141)
    if argv[0] == "add":
        with Journal.open(journal_file, PASSPHRASE) as journal:
            assert "Written while the reader was gone." in [e.body for e in journal.entries()]


def test_list_into_head_stops_quietly(vault_path, fast_kdf):
    """``tend list -n 0 | head -1`` with more than a pipe's buffer of output."""
    moment = datetime(2026, 1, 1, 9).astimezone()
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        journal.add_many(
            [
                Entry(
                    id=new_record_id(),
                    created=moment + timedelta(minutes=index),
                    updated=moment,
                    title=f"Entry number {index} with a title long enough to fill lines",
                    body="Text.",
                )
                for index in range(2000)
            ]
        )
    done = program("list", "-n", "0", "--vault", str(vault_path), stdout=subprocess.PIPE)
    assert done.stdout is not None
    first = done.stdout.readline()
    done.stdout.close()
    _, err = done.communicate(timeout=60)
    assert first.startswith(b"2026-01-02 18:19  Entry number 1999")
    assert err.decode() == ""
    assert done.returncode == 141


# ------------------------------------------------------------ export -o -


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_to_standard_output(tend, journal_file, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    result = tend("export", "--format", fmt, "-o", "-", "--vault", str(journal_file))
    assert result.code == 0, result.err
    assert set(tmp_path.iterdir()) == before  # no file named "-", nor any other
    assert "not encrypted" not in result.out and "Exported 3" not in result.out
    assert "Note: what Tend writes to standard output is not encrypted." in result.err
    assert "Exported 3 entries to standard output." in result.err
    file = tmp_path / "elsewhere" / f"journal.{fmt}"
    file.parent.mkdir()
    assert tend("export", "--format", fmt, "-o", str(file), "--vault", str(journal_file)).code == 0
    written = file.read_text(encoding="utf-8")
    if fmt == "json":
        shown, kept = json.loads(result.out), json.loads(written)
        assert shown["entries"] == kept["entries"] and shown["entry_count"] == 3
    else:
        assert result.out == written
        assert result.out.index("## River") < result.out.index("## Café")


def test_export_pdf_to_standard_output_is_refused(tend, journal_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = tend("export", "--format", "pdf", "-o", "-", "--vault", str(journal_file))
    assert result.code == 2
    assert "A PDF cannot be written to standard output" in result.err
    assert result.out == ""
    assert not (tmp_path / "-").exists()


def test_a_file_named_dash_is_still_possible(tend, journal_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = tend("export", "-o", "./-", "--vault", str(journal_file))
    assert result.code == 0, result.err
    assert "## River" in (tmp_path / "-").read_text(encoding="utf-8")


# ------------------------------------------------------------ counts


@pytest.mark.parametrize("count", ["-3", "-1", "three"])
def test_list_refuses_a_count_that_is_not_zero_or_more(tend, journal_file, count):
    result = tend("list", "-n", count, "--vault", str(journal_file))
    assert result.code == 2
    assert "usage: tend list" in result.err and "argument -n" in result.err
    assert result.out == ""


@pytest.mark.parametrize("keep", ["-1", "0"])
def test_backup_refuses_to_keep_fewer_than_one(tend, journal_file, tmp_path, keep):
    folder = tmp_path / "backups"
    folder.mkdir()
    before = sha256_of(journal_file)
    result = tend("backup", "-o", str(folder), "--keep", keep, "--vault", str(journal_file))
    assert result.code == 2
    assert "argument --keep" in result.err
    assert list(folder.iterdir()) == []
    assert sha256_of(journal_file) == before


# ------------------------------------------------------------ add shows the id


def test_add_prints_the_whole_id_that_flag_takes(tend, journal_file):
    result = tend("add", "Worth bringing up.", "--date", "2026-11-21T09:30",
                  "--vault", str(journal_file))  # fmt: skip
    assert result.code == 0, result.err
    match = SAVED.match(result.out.strip())
    assert match is not None, result.out
    when, entry_id = match.groups()
    assert when == "2026-11-21 09:30"
    with Journal.open(journal_file, PASSPHRASE) as journal:
        (entry,) = [e for e in journal.entries() if e.body == "Worth bringing up."]
    assert entry.id == entry_id
    flagged = tend("flag", entry_id, "--vault", str(journal_file))
    assert flagged.code == 0, flagged.err
    with Journal.open(journal_file, PASSPHRASE) as journal:
        assert journal.get(entry_id).flagged
