"""Fixtures for the core's tests: no test ever touches the real user's folders.

Kept free of PySide6: the GUI's tests get their own conftest under tests/ui/.
"""

from __future__ import annotations

import base64
import faulthandler
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from journal_app.journal import Journal
from journal_app.vault import KdfParams, Vault
from tests.cli_support import Result, run_tend

PASSPHRASE = "correct horse battery staple"

# ------------------------------------------------ one Hypothesis profile for all

# Every property test runs under these settings; a test states only what it needs
# of its own (how many examples, a health check its data really trips).
#
# No deadline: the examples open vaults, seal records and parse files, and their
# time swings tenfold on a busy machine or under coverage, so a deadline would
# report the machine, not Tend. With no deadline Hypothesis also allows 30 s of
# data generation before its too_slow health check, so that needs no suppressing.
# print_blob: a failure prints the line that replays it exactly, even where no
# example database was kept. Built on Hypothesis' "default" profile by name: a
# profile made without a parent would copy whichever one is active at import.
settings.register_profile("tend", settings.get_profile("default"), deadline=None, print_blob=True)
# Hypothesis loads its own "ci" profile when it finds itself on CI, and that one
# fixes the examples (derandomize). Tend's CI stays random, so that every run can
# find something new, and keeps no database, since its checkout is thrown away.
settings.register_profile("ci", settings.get_profile("tend"), database=None)
settings.load_profile("ci" if settings.get_current_profile_name() == "ci" else "tend")

# ------------------------------------------------------- a stuck run must end

HANG_GRACE_S = 60  # after pytest-timeout's own limit, the last resort below ends the run
_TERMINAL_STDERR: list[int] = []


def pytest_configure(config: pytest.Config) -> None:
    """Keep a copy of the terminal's stderr now, before output capture takes fd 2."""
    _TERMINAL_STDERR.append(os.dup(2))


def _hang_limit(item: pytest.Item) -> float:
    marker = item.get_closest_marker("timeout")
    limit = marker.args[0] if marker and marker.args else item.config.getini("timeout")
    return float(limit or 0)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """A last resort for a test stuck where no Python code can run again.

    pytest-timeout (``timeout_method = "thread"``) ends a stuck test from a Python
    thread, which needs the GIL. A thread that holds the GIL while blocked in C (a
    Qt mutex, as the PDF export's deadlock did) stops every Python thread, that one
    too, and the run would hang until CI kills it. faulthandler's watchdog is a C
    thread: it prints every thread's Python stack to the terminal and exits (1).
    """
    limit = _hang_limit(item)
    if limit <= 0 or not _TERMINAL_STDERR:
        return (yield)
    faulthandler.dump_traceback_later(limit + HANG_GRACE_S, exit=True, file=_TERMINAL_STDERR[0])
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


# ------------------------------------------------------------ tests that use Qt

UI_TESTS = Path(__file__).parent / "ui"
QT_FIXTURES = frozenset({"qtbot", "qapp"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``qt`` every test that runs Qt: the window's own, and any that asks for it.

    .ci/run runs only these on the oldest PySide6 that Tend allows: the others never
    run Qt, so there they would repeat the first run and only cost time.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if UI_TESTS in item.path.parents or fixtures & QT_FIXTURES:
            item.add_marker(pytest.mark.qt)


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every data, config and home folder Tend could use into ``tmp_path``.

    XDG_RUNTIME_DIR is left alone: it holds the display's sockets, not user data.
    """
    home = tmp_path / "home"
    folders = {
        "TEND_DATA_DIR": tmp_path / "tend-data",
        "TEND_CONFIG_DIR": tmp_path / "tend-config",
        "HOME": home,
        "USERPROFILE": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        "APPDATA": home / "AppData" / "Roaming",
        "LOCALAPPDATA": home / "AppData" / "Local",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    for name in (
        "TEND_PASSPHRASE",
        "TEND_NEW_PASSPHRASE",
        "TEND_RECOVERY_CODE",
        "TEND_OTHER_PASSPHRASE",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def fast_kdf() -> KdfParams:
    """Argon2id at its cheapest, so that tests run quickly.

    ``tests/vault/test_crypto.py`` proves separately that the defaults are strong.
    """
    return KdfParams.fresh(memory_kib=64, iterations=1, lanes=1)


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    """Where a test's vault lives: alone in its own folder, so sibling files show."""
    folder = tmp_path / "vault"
    folder.mkdir()
    return folder / "journal.tend"


@pytest.fixture
def vault(vault_path: Path, fast_kdf: KdfParams) -> Iterator[Vault]:
    """A new, empty vault, unlocked."""
    created = Vault.create(vault_path, PASSPHRASE, fast_kdf)
    yield created
    created.close()


@pytest.fixture
def journal(vault_path: Path, fast_kdf: KdfParams) -> Iterator[Journal]:
    """A new, empty journal, unlocked."""
    created = Journal.create(vault_path, PASSPHRASE, fast_kdf)
    yield created
    created.close()


@dataclass(frozen=True)
class ClosedJournal:
    """A journal file with a few entries, closed: ready to be tampered with."""

    path: Path
    ids: tuple[str, ...]
    bodies: dict[str, str]


@pytest.fixture
def closed_journal(vault_path: Path, fast_kdf: KdfParams) -> ClosedJournal:
    """A journal with three entries, closed again."""
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        entries = [
            journal.add("The first entry.", title="One", tags=["alpha"]),
            journal.add("The second entry, a little longer.", title="Two", tags=["beta"]),
            journal.add("The third entry.", title="Three", tags=["alpha", "gamma"]),
        ]
    return ClosedJournal(vault_path, tuple(e.id for e in entries), {e.id: e.body for e in entries})


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    """Every other file in the vault's folder (a -wal, -journal, temp file...)."""
    return sorted(p.name for p in path.parent.iterdir() if p != path)


def raw_connect(path: Path) -> sqlite3.Connection:
    """Plain stdlib sqlite3 on a closed vault, to look at or tamper with its rows."""
    return sqlite3.connect(path, isolation_level=None)


def edit_rows(path: Path, sql: str, *params: object) -> int:
    """Run one statement on a closed vault with stdlib sqlite3; returns rows changed."""
    conn = raw_connect(path)
    try:
        return conn.execute(sql, params).rowcount
    finally:
        conn.close()


def record_row(path: Path, record_id: str) -> tuple[str, int, bytes, bytes]:
    """(kind, version, nonce, ciphertext) of one record of a closed vault."""
    conn = raw_connect(path)
    try:
        row = conn.execute(
            "SELECT kind, version, nonce, ciphertext FROM tend_record WHERE id = ?",
            (record_id,),
        ).fetchone()
    finally:
        conn.close()
    assert row is not None, f"no record {record_id}"
    return row


def canary_forms(canary: str) -> dict[str, bytes]:
    """The byte patterns a leaked ``canary`` could take on disk.

    Base64 is given for each of the three alignments the canary can have inside a
    longer encoded text, keeping only the symbols that depend on the canary alone.
    """
    data = canary.encode("utf-8")
    forms = {
        "UTF-8": data,
        "UTF-16-LE": canary.encode("utf-16-le"),
        "UTF-16-BE": canary.encode("utf-16-be"),
    }
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data)
        forms[f"base64 (offset {shift})"] = encoded[4 if shift else 0 : -4]
    assert all(len(form) >= 16 for form in forms.values()), "canary too short to be unique"
    return forms


def find_canaries(folders: list[Path], canaries: list[str]) -> list[str]:
    """Every place under ``folders`` where a canary shows, in any of its forms."""
    hits = []
    for folder in folders:
        for file in sorted(folder.rglob("*")):
            if not file.is_file():
                continue
            content = file.read_bytes()
            for canary in canaries:
                for form_name, form in canary_forms(canary).items():
                    if form in content:
                        hits.append(f"{canary!r} as {form_name} in {file}")
    return hits


@pytest.fixture
def watched_tmpdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of the test's own, for this process and any it starts."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setenv("SQLITE_TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def tend(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run ``tend ARGS`` in this process (see :func:`tests.cli_support.run_tend`)."""

    def run(*argv: str, stdin: str = "", terminal: bool = False) -> Result:
        return run_tend(capsys, monkeypatch, *argv, stdin=stdin, terminal=terminal)

    return run


@pytest.fixture
def with_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    """The test journals' passphrase, given to ``tend`` through the environment."""
    monkeypatch.setenv("TEND_PASSPHRASE", PASSPHRASE)
    return PASSPHRASE
