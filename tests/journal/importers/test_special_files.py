"""Importers read regular files only: a pipe, a socket or a device never hangs an import.

Issue 9, defect 8: a named pipe called ``x.md`` in a folder made ``tend import
--from folder`` wait forever for someone to write into it. Each test has a short
timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.importers import ImportFormatError, parse
from journal_app.vault import KdfParams
from tests.conftest import PASSPHRASE

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing"),
    pytest.mark.timeout(10),
]

LEFT_OUT = "{name} was left out: it is {kind}, not a file that can be read."


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """A folder with one real note and a named pipe that looks like a note."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2024-03-05 real.md").write_text("A real note.\n", encoding="utf-8")
    os.mkfifo(folder / "x.md")
    return folder


def test_a_named_pipe_in_a_folder_is_skipped_and_reported(notes):
    parsed = parse(notes, "folder")
    assert [entry.body for entry in parsed.entries] == ["A real note."]
    assert LEFT_OUT.format(name="x.md", kind="a named pipe") in parsed.problems


def test_a_pipe_deep_in_the_folder_is_named_by_its_path(notes):
    (notes / "2024").mkdir()
    os.mkfifo(notes / "2024" / "deep.txt")
    parsed = parse(notes, "folder")
    assert LEFT_OUT.format(name="2024/deep.txt", kind="a named pipe") in parsed.problems
    assert len(parsed.entries) == 1


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_in_a_folder_is_skipped_and_reported(notes):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(notes / "s.md"))
        parsed = parse(notes, "folder")
    finally:
        server.close()
    assert LEFT_OUT.format(name="s.md", kind="a socket") in parsed.problems
    assert len(parsed.entries) == 1


def test_a_note_swapped_for_a_pipe_after_the_folder_was_listed(notes):
    """The check is made on the opened file itself, not only when the folder is listed."""
    swapped = notes / "2024-03-06 swapped.md"
    swapped.write_text("Listed as a note.\n", encoding="utf-8")

    def swap(done: int, total: int) -> None:
        if done == 0:
            swapped.unlink()
            os.mkfifo(swapped)

    parsed = parse(notes, "folder", progress=swap)
    assert [entry.body for entry in parsed.entries] == ["A real note."]
    assert LEFT_OUT.format(name=swapped.name, kind="a named pipe") in parsed.problems


def test_a_folder_holding_only_a_pipe_is_refused(tmp_path):
    folder = tmp_path / "only"
    folder.mkdir()
    os.mkfifo(folder / "x.md")
    with pytest.raises(ImportFormatError) as raised:
        parse(folder, "folder")
    message = str(raised.value)
    assert message.startswith("only: holds no .md, .markdown or .txt files that can be read.")
    assert LEFT_OUT.format(name="x.md", kind="a named pipe") in message


@pytest.mark.parametrize("fmt", ["jrnl", "dayone"])
@pytest.mark.parametrize("name", ["export.json", "export.zip"])
def test_single_file_importers_refuse_a_pipe(tmp_path, fmt, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    with pytest.raises(ImportFormatError) as raised:
        parse(pipe, fmt)
    assert str(raised.value).startswith(f"{name}: ")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("fmt", ["jrnl", "dayone"])
def test_single_file_importers_refuse_a_device(fmt):
    with pytest.raises(ImportFormatError):
        parse(Path("/dev/zero"), fmt)


# ------------------------------------------------------------ from the command line


@pytest.fixture(autouse=True)
def _passphrase_in_the_environment(with_passphrase: str) -> None:
    """Every command here finds the passphrase in TEND_PASSPHRASE."""


@pytest.fixture
def journal_file(vault_path: Path, fast_kdf: KdfParams) -> Path:
    Journal.create(vault_path, PASSPHRASE, fast_kdf).close()
    return vault_path


def test_tend_import_from_a_folder_with_a_pipe(tend, notes, journal_file):
    result = tend("import", "--from", "folder", str(notes), "--vault", str(journal_file))
    assert result.code == 0, result.err
    assert "Imported 1 entry;" in result.out
    assert LEFT_OUT.format(name="x.md", kind="a named pipe") in result.err
    with Journal.open(journal_file, PASSPHRASE) as journal:
        assert [entry.body for entry in journal.entries()] == ["A real note."]


@pytest.mark.parametrize("fmt", ["jrnl", "dayone"])
def test_tend_import_of_a_pipe_is_a_sentence_and_exit_1(tend, tmp_path, journal_file, fmt):
    pipe = tmp_path / "export.json"
    os.mkfifo(pipe)
    result = tend("import", "--from", fmt, str(pipe), "--vault", str(journal_file))
    assert result.code == 1
    assert result.err.startswith("Tend: export.json: ")
    assert "Nothing was imported." in result.err
