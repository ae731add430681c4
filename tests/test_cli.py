"""``tend`` on the command line: each outcome has its own exit code, never a traceback."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import platformdirs
import pytest

from journal_app import paths
from journal_app.journal import Entry, Journal
from journal_app.vault import (
    DamagedVault,
    NoRecoveryCode,
    NotAVault,
    Vault,
    VaultInUse,
    WrongPassphrase,
    WrongRecoveryCode,
    crypto,
)
from tests.conftest import PASSPHRASE, edit_rows, find_canaries, sha256_of, siblings

NEW_PASSPHRASE = "a new and longer passphrase"
FAST = ["--kdf-memory-mib", "1", "--kdf-iterations", "1", "--kdf-lanes", "1"]
CODE_IN_OUTPUT = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{5}(?:-[0-9A-HJKMNP-TV-Z]{5}){5}\b")
ENTRY_FIELDS = {field.name for field in dataclasses.fields(Entry)}


@pytest.fixture
def cli_vault(tend, with_passphrase, tmp_path: Path) -> Path:
    """A journal made by ``tend init`` with cheap key derivation, holding three entries."""
    path = tmp_path / "cli" / "journal.tend"
    assert tend("init", "--vault", str(path), *FAST).code == 0
    for day, text, tag in [(1, "Walked by the river.", "walk"), (2, "Un café.", "food")]:
        added = tend("add", text, "--vault", str(path), "--tag", tag, "--date", f"2026-01-0{day}")
        assert added.code == 0
    assert tend("add", "Third entry.", "--vault", str(path), "--date", "2026-01-03").code == 0
    return path


def entries_of(path: Path, passphrase: str = PASSPHRASE) -> list:
    with Journal.open(path, passphrase) as journal:
        return journal.entries()


# ------------------------------------------------------------ no command


def test_tend_without_a_command_opens_the_window(tend, monkeypatch, tmp_path):
    """Plain ``tend`` hands over to the GUI; its ``run`` is faked so no window opens."""
    app = pytest.importorskip("journal_app.ui.window.app")
    opened: list[Path | None] = []

    def fake_run(*args: object, vault_path: Path | None = None, **kwargs: object) -> int:
        opened.append(vault_path)
        return 0

    monkeypatch.setattr(app, "run", fake_run)
    assert tend().code == 0
    assert tend("--vault", str(tmp_path / "chosen.tend")).code == 0
    assert opened == [None, tmp_path / "chosen.tend"]


def test_help_lists_every_command(tend):
    result = tend("--help")
    assert result.code == 0
    for command in ("init", "add", "list", "search", "check", "passwd", "recovery-code"):
        assert command in result.out


def test_version_is_printed(tend):
    result = tend("--version")
    assert result.code == 0
    assert result.out.strip() == "Tend 0.1.0"


# ------------------------------------------------------------ init


def test_init_creates_a_journal_and_warns_about_weak_key_derivation(
    tend, with_passphrase, tmp_path
):
    path = tmp_path / "new.tend"
    result = tend("init", "--vault", str(path), *FAST)
    assert result.code == 0
    assert f"Created a new journal at {path}." in result.out
    assert "warning: these key-derivation settings are weaker than the default" in result.err
    with Vault.open(path) as vault:
        vault.unlock(PASSPHRASE)
        assert (vault.kdf_params.memory_kib, vault.kdf_params.iterations) == (1024, 1)


def test_init_without_vault_uses_the_data_folder(tend, with_passphrase, tmp_path):
    assert paths.default_vault_path() == tmp_path / "tend-data" / "journal.tend"
    assert tend("init", *FAST).code == 0
    assert paths.default_vault_path().is_file()
    assert tend("add", "into the default journal").code == 0
    assert "into the default journal" in tend("list").out


def test_no_test_reaches_the_real_user_folders(tmp_path):
    assert paths.data_dir().is_relative_to(tmp_path)
    assert paths.config_dir().is_relative_to(tmp_path)
    assert Path.home().is_relative_to(tmp_path)
    if sys.platform.startswith("linux"):
        assert platformdirs.user_data_path("Tend").is_relative_to(tmp_path)
        assert platformdirs.user_config_path("Tend").is_relative_to(tmp_path)


def test_init_refuses_to_overwrite_a_file(tend, with_passphrase, tmp_path):
    path = tmp_path / "precious.txt"
    path.write_text("keep me")
    result = tend("init", "--vault", str(path), *FAST)
    assert result.code == 1
    assert "left as it is" in result.err
    assert path.read_text() == "keep me"


@pytest.mark.parametrize(
    ("passphrase", "words"),
    [("", "Choose a passphrase that only you know."), ("short", "at least 8 characters")],
)
def test_init_refuses_an_empty_or_short_passphrase(tend, monkeypatch, tmp_path, passphrase, words):
    """Refused in the window's words (see tests/test_cli_passphrase_strength.py)."""
    monkeypatch.setenv("TEND_PASSPHRASE", passphrase)
    path = tmp_path / "new.tend"
    result = tend("init", "--vault", str(path), *FAST)
    assert result.code == 2
    assert words in result.err
    assert not path.exists()


def test_init_without_any_passphrase_source_asks_for_one(tend, tmp_path):
    path = tmp_path / "new.tend"
    result = tend("init", "--vault", str(path), *FAST)
    assert result.code == 2
    assert "passphrase needed" in result.err
    assert not path.exists()


def test_init_refuses_key_derivation_settings_out_of_range(tend, with_passphrase, tmp_path):
    path = tmp_path / "new.tend"
    result = tend("init", "--vault", str(path), "--kdf-iterations", "0")
    assert result.code == 2
    assert not path.exists()


def test_init_with_default_settings_gives_no_warning(tend, with_passphrase, tmp_path):
    result = tend("init", "--vault", str(tmp_path / "strong.tend"))
    assert result.code == 0
    assert result.err == ""


def test_init_reads_the_passphrase_from_a_file_or_stdin(tend, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\nsecond line ignored\n", encoding="utf-8")
    first, second = tmp_path / "a.tend", tmp_path / "b.tend"
    assert tend("init", "--vault", str(first), "--passphrase-file", str(secret), *FAST).code == 0
    result = tend(
        "init", "--vault", str(second), "--passphrase-file", "-", *FAST, stdin=PASSPHRASE + "\n"
    )
    assert result.code == 0
    assert entries_of(first) == entries_of(second) == []


def test_unreadable_passphrase_file_is_a_usage_error(tend, tmp_path):
    result = tend(
        "init", "--vault", str(tmp_path / "x.tend"), "--passphrase-file", str(tmp_path / "nope")
    )
    assert result.code == 2
    assert "Could not read" in result.err


def test_init_with_recovery_code_shows_it_once(tend, with_passphrase, tmp_path):
    path = tmp_path / "new.tend"
    result = tend("init", "--vault", str(path), "--recovery-code", *FAST)
    assert result.code == 0
    (code,) = CODE_IN_OUTPUT.findall(result.out)
    with Vault.open(path) as vault:
        vault.unlock_with_recovery_code(code)


# ------------------------------------------------------------ add


def test_add_saves_the_text_given_on_the_command_line(tend, cli_vault):
    result = tend("add", "A quiet evening.", "--vault", str(cli_vault))
    assert result.code == 0
    assert result.out.startswith("Saved.")
    assert "A quiet evening." in [e.body for e in entries_of(cli_vault)]


def test_add_dash_reads_the_entry_from_stdin(tend, cli_vault):
    text = "Line one.\nLine two, ünïcödé 🌱\n"
    assert tend("add", "-", "--vault", str(cli_vault), stdin=text).code == 0
    assert text in [e.body for e in entries_of(cli_vault)]


def test_add_with_title_tags_and_date(tend, cli_vault):
    result = tend(
        "add", "Body.", "--vault", str(cli_vault), "--title", "Sunday",
        "--tag", "garden", "--tag", "Slow Days", "--date", "2026-11-21T09:30",
    )  # fmt: skip
    assert result.code == 0
    (entry,) = [e for e in entries_of(cli_vault) if e.title == "Sunday"]
    assert result.out == f"Saved. (2026-11-21 09:30, id {entry.id})\n"
    assert entry.tags == ("garden", "Slow Days")
    assert entry.created == datetime(2026, 11, 21, 9, 30).astimezone()


@pytest.mark.parametrize("date", ["yesterday", "21/11/2026", "2026-13-01"])
def test_add_with_an_unreadable_date_saves_nothing(tend, cli_vault, date):
    result = tend("add", "Body.", "--vault", str(cli_vault), "--date", date)
    assert result.code == 2
    assert "is not a date like" in result.err
    assert len(entries_of(cli_vault)) == 3


@pytest.mark.parametrize(("argv", "stdin"), [(["   "], ""), (["-"], "\n\n")])
def test_add_of_an_empty_entry_saves_nothing(tend, cli_vault, argv, stdin):
    result = tend("add", *argv, "--vault", str(cli_vault), stdin=stdin)
    assert result.code == 2
    assert "empty" in result.err
    assert len(entries_of(cli_vault)) == 3


@pytest.mark.parametrize(
    ("argv", "stdin"), [(["bad \udcff byte"], ""), (["-"], "bad \udcff")], ids=["argument", "stdin"]
)
def test_text_that_is_not_utf8_is_refused_without_a_traceback(tend, cli_vault, argv, stdin):
    result = tend("add", *argv, "--vault", str(cli_vault), stdin=stdin)
    assert result.code == 2
    assert len(entries_of(cli_vault)) == 3


@pytest.mark.parametrize("argv", [["-"], []])
def test_entry_and_passphrase_cannot_both_come_from_stdin(tend, cli_vault, argv):
    result = tend("add", *argv, "--vault", str(cli_vault), "--passphrase-file", "-", stdin="x\n")
    assert result.code == 2
    assert "cannot both come from standard input" in result.err


def test_passphrase_file_dash_reads_the_passphrase_from_stdin(tend, cli_vault, monkeypatch):
    monkeypatch.delenv("TEND_PASSPHRASE")
    result = tend(
        "list", "--vault", str(cli_vault), "--passphrase-file", "-", stdin=PASSPHRASE + "\n"
    )
    assert result.code == 0
    assert "Walked by the river." in result.out
    wrong = tend("list", "--vault", str(cli_vault), "--passphrase-file", "-", stdin="nope\n")
    assert wrong.code == 3


# ------------------------------------------------------------ list and search


def test_list_shows_newest_first_with_date_title_and_tags(tend, cli_vault):
    result = tend("list", "--vault", str(cli_vault))
    assert result.code == 0
    assert result.out.splitlines() == [
        "2026-01-03 00:00  Third entry.",
        "2026-01-02 00:00  Un café.  #food",
        "2026-01-01 00:00  Walked by the river.  #walk",
    ]


def test_list_n_limits_the_count_and_zero_means_all(tend, cli_vault):
    assert len(tend("list", "-n", "2", "--vault", str(cli_vault)).out.splitlines()) == 2
    assert len(tend("list", "-n", "0", "--vault", str(cli_vault)).out.splitlines()) == 3


def test_list_by_tag(tend, cli_vault):
    assert tend("list", "--tag", "WALK", "--vault", str(cli_vault)).out.splitlines() == [
        "2026-01-01 00:00  Walked by the river.  #walk"
    ]


def test_list_json_parses_and_has_every_field(tend, cli_vault):
    result = tend("list", "--json", "--vault", str(cli_vault))
    assert result.code == 0
    data = json.loads(result.out)
    assert [item["body"] for item in data] == ["Third entry.", "Un café.", "Walked by the river."]
    assert all(set(item) == ENTRY_FIELDS for item in data)
    assert data[1]["tags"] == ["food"]
    assert datetime.fromisoformat(data[2]["created"]) == datetime(2026, 1, 1).astimezone()


def test_search_prints_matches_and_json(tend, cli_vault):
    result = tend("search", "CAFE", "--vault", str(cli_vault))
    assert result.code == 0
    assert result.out.splitlines() == ["2026-01-02 00:00  Un café.  #food"]
    data = json.loads(tend("search", "river", "--json", "--vault", str(cli_vault)).out)
    assert [item["body"] for item in data] == ["Walked by the river."]
    assert set(data[0]) == ENTRY_FIELDS


def test_search_without_matches_says_so_on_stderr_and_succeeds(tend, cli_vault):
    result = tend("search", "absent", "--vault", str(cli_vault))
    assert (result.code, result.out) == (0, "")
    assert "No entries match." in result.err
    assert json.loads(tend("search", "absent", "--json", "--vault", str(cli_vault)).out) == []


# ------------------------------------------------------------ check


def test_check_succeeds_when_every_record_reads(tend, cli_vault):
    result = tend("check", "--vault", str(cli_vault))
    assert result.code == 0
    assert "All 3 records read correctly, and none is missing." in result.out


def test_check_lists_a_damaged_record_and_exits_4(tend, cli_vault):
    damaged = entries_of(cli_vault)[1].id
    edit_rows(cli_vault, "UPDATE tend_record SET kind = 'draft' WHERE id = ?", damaged)
    result = tend("check", "--vault", str(cli_vault))
    assert result.code == 4
    assert f"draft {damaged}: damaged: it does not open" in result.out
    assert "1 entry could not be read" in result.out
    listing = tend("list", "--vault", str(cli_vault))
    assert listing.code == 0
    assert len(listing.out.splitlines()) == 2
    assert "Run 'tend check'" in listing.err


# ------------------------------------------------------------ passwd and recovery code


def test_passwd_replaces_the_passphrase_and_raises_key_derivation_to_default(
    tend, cli_vault, monkeypatch
):
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", NEW_PASSPHRASE)
    result = tend("passwd", "--vault", str(cli_vault))
    assert result.code == 0
    assert "The passphrase was changed." in result.out
    old = tend("list", "--vault", str(cli_vault))
    assert old.code == 3
    assert WrongPassphrase.message in old.err
    assert len(entries_of(cli_vault, NEW_PASSPHRASE)) == 3
    with Vault.open(cli_vault) as vault:
        assert vault.kdf_params.meets_default()
        assert vault.kdf_params.lanes >= crypto.DEFAULT_LANES


def test_passwd_reads_the_new_passphrase_from_a_file(tend, cli_vault, tmp_path):
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW_PASSPHRASE + "\n", encoding="utf-8")
    assert (
        tend("passwd", "--vault", str(cli_vault), "--new-passphrase-file", str(new_file)).code == 0
    )
    assert len(entries_of(cli_vault, NEW_PASSPHRASE)) == 3


def test_passwd_refuses_a_short_new_passphrase_and_keeps_the_old(tend, cli_vault, monkeypatch):
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", "short")
    assert tend("passwd", "--vault", str(cli_vault)).code == 2
    assert len(entries_of(cli_vault)) == 3


def test_passwd_with_a_wrong_old_passphrase_exits_3(tend, cli_vault, monkeypatch):
    monkeypatch.setenv("TEND_PASSPHRASE", "not it at all")
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert tend("passwd", "--vault", str(cli_vault)).code == 3
    assert len(entries_of(cli_vault)) == 3


def recovery_code_for(tend, path: Path) -> str:
    result = tend("recovery-code", "--vault", str(path))
    assert result.code == 0
    assert "Any earlier recovery code no longer works." in result.out
    (code,) = CODE_IN_OUTPUT.findall(result.out)
    return code


def test_passwd_with_the_recovery_code_from_the_environment(tend, cli_vault, monkeypatch):
    code = recovery_code_for(tend, cli_vault)
    monkeypatch.delenv("TEND_PASSPHRASE")
    monkeypatch.setenv("TEND_RECOVERY_CODE", code.lower())
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert tend("passwd", "--recovery-code", "--vault", str(cli_vault)).code == 0
    assert len(entries_of(cli_vault, NEW_PASSPHRASE)) == 3


def test_passwd_with_the_recovery_code_from_a_file(tend, cli_vault, monkeypatch, tmp_path):
    code_file = tmp_path / "code.txt"
    code_file.write_text(recovery_code_for(tend, cli_vault) + "\n", encoding="utf-8")
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", NEW_PASSPHRASE)
    result = tend(
        "passwd",
        "--recovery-code",
        "--recovery-code-file",
        str(code_file),
        "--vault",
        str(cli_vault),
    )
    assert result.code == 0
    assert len(entries_of(cli_vault, NEW_PASSPHRASE)) == 3


def test_passwd_with_a_wrong_recovery_code_exits_3(tend, cli_vault, monkeypatch):
    recovery_code_for(tend, cli_vault)
    monkeypatch.setenv("TEND_RECOVERY_CODE", crypto.new_recovery_code())
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", NEW_PASSPHRASE)
    result = tend("passwd", "--recovery-code", "--vault", str(cli_vault))
    assert result.code == 3
    assert WrongRecoveryCode.message in result.err


def test_removed_recovery_code_no_longer_works(tend, cli_vault, monkeypatch):
    code = recovery_code_for(tend, cli_vault)
    result = tend("recovery-code", "--remove", "--vault", str(cli_vault))
    assert result.code == 0
    assert "removed" in result.out
    monkeypatch.setenv("TEND_RECOVERY_CODE", code)
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", NEW_PASSPHRASE)
    result = tend("passwd", "--recovery-code", "--vault", str(cli_vault))
    assert result.code == 3
    assert NoRecoveryCode.message in result.err


def test_new_recovery_code_replaces_the_old_one(tend, cli_vault):
    old = recovery_code_for(tend, cli_vault)
    new = recovery_code_for(tend, cli_vault)
    with Vault.open(cli_vault) as vault:
        with pytest.raises(WrongRecoveryCode):
            vault.unlock_with_recovery_code(old)
        vault.unlock_with_recovery_code(new)


# ------------------------------------------------------------ exit codes


def test_wrong_passphrase_exits_3_and_changes_nothing(tend, cli_vault, monkeypatch):
    before = sha256_of(cli_vault)
    monkeypatch.setenv("TEND_PASSPHRASE", "wrong passphrase")
    for command in (["list"], ["add", "x"], ["search", "x"], ["check"], ["recovery-code"]):
        result = tend(*command, "--vault", str(cli_vault))
        assert result.code == 3, command
        assert result.err == f"Tend: {WrongPassphrase.message}\n"
    assert sha256_of(cli_vault) == before


def test_damaged_file_exits_4(tend, cli_vault):
    os.truncate(cli_vault, cli_vault.stat().st_size // 2)
    result = tend("list", "--vault", str(cli_vault))
    assert result.code == 4
    assert result.err == f"Tend: {DamagedVault.message}\n"


def test_journal_in_use_exits_5(tend, cli_vault):
    with Journal.open(cli_vault, PASSPHRASE):
        result = tend("list", "--vault", str(cli_vault))
    assert result.code == 5
    assert result.err == f"Tend: {VaultInUse.message}\n"


@pytest.mark.parametrize("command", [["list"], ["add", "x"], ["check"], ["passwd"]])
def test_missing_journal_exits_6_and_suggests_init(tend, with_passphrase, tmp_path, command):
    path = tmp_path / "missing.tend"
    result = tend(*command, "--vault", str(path))
    assert result.code == 6
    assert str(path) in result.err
    assert not path.exists()


def test_file_that_is_not_a_journal_exits_6(tend, with_passphrase, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just notes")
    result = tend("list", "--vault", str(path))
    assert result.code == 6
    assert result.err == f"Tend: {NotAVault.message}\n"
    assert path.read_text() == "just notes"


def test_unknown_command_is_a_usage_error(tend):
    assert tend("frobnicate").code == 2


# ------------------------------------------------------------ as a real program


def run_tend(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal_app", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_program_adds_and_lists_like_the_function(cli_vault):
    added = run_tend("add", "-", "--vault", str(cli_vault), "--tag", "proc", stdin="From a pipe.\n")
    assert added.returncode == 0, added.stderr
    listed = run_tend("list", "--json", "--vault", str(cli_vault))
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)[0]["body"] == "From a pipe.\n"


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        ("missing", 6, "There is no journal at"),
        ("wrong passphrase", 3, WrongPassphrase.message),
        ("damaged", 4, DamagedVault.message),
        ("in use", 5, VaultInUse.message),
    ],
)
def test_program_failures_end_with_a_sentence_and_their_exit_code(
    cli_vault, monkeypatch, tmp_path, setup, code, message
):
    path = cli_vault
    if setup == "missing":
        path = tmp_path / "missing.tend"
    elif setup == "wrong passphrase":
        monkeypatch.setenv("TEND_PASSPHRASE", "wrong passphrase")
    elif setup == "damaged":
        os.truncate(cli_vault, cli_vault.stat().st_size // 2)
    holder = Journal.open(cli_vault, PASSPHRASE) if setup == "in use" else None
    try:
        done = run_tend("list", "--vault", str(path))
    finally:
        if holder is not None:
            holder.close()
    assert done.returncode == code
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Tend: ")
    assert message in done.stderr
    assert done.stdout == ""


def test_program_journal_in_use_opens_once_the_other_closes(cli_vault):
    with Journal.open(cli_vault, PASSPHRASE):
        assert run_tend("check", "--vault", str(cli_vault)).returncode == 5
    assert run_tend("check", "--vault", str(cli_vault)).returncode == 0


# ------------------------------------------------------------ nothing in the clear


def test_entry_added_from_the_command_line_never_reaches_a_file_in_the_clear(
    tend, cli_vault, watched_tmpdir
):
    stamp = secrets.token_hex(4)
    canaries = {
        name: f"Kanarienvogel-cli-{name}-{stamp}-Ünïcødé-金丝雀-quokka"
        for name in ("arg", "stdin", "title", "tag", "program")
    }
    folders = [cli_vault.parent, watched_tmpdir]
    vault = str(cli_vault)
    assert tend("add", canaries["arg"], "--vault", vault, "--title", canaries["title"]).code == 0
    assert (
        tend("add", "-", "--vault", vault, "--tag", canaries["tag"], stdin=canaries["stdin"]).code
        == 0
    )
    done = run_tend("add", canaries["program"], "--vault", vault)  # TMPDIR is the watched one
    assert done.returncode == 0, done.stderr
    assert find_canaries(folders, list(canaries.values())) == []
    assert siblings(cli_vault) == []
    assert len(entries_of(cli_vault)) == 6
