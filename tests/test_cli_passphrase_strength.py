"""A new passphrase from the command line meets the window's rule, in the window's words.

Issue 9, defect 6: ``tend init`` and ``tend passwd`` took "12345678", "aaaaaaaa" and
eight spaces, which the window refuses. Every way a new passphrase can arrive
(environment, file, typed) on every path that sets one (``init``, ``passwd``,
``passwd --recovery-code``) is refused with :func:`assess`'s sentence, and nothing
changes: no journal is made, the old passphrase and recovery code still open it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.passphrase import assess
from journal_app.vault import KdfParams, Vault
from tests.cli_support import Result
from tests.conftest import PASSPHRASE, sha256_of

FAST = ["--kdf-memory-mib", "1", "--kdf-iterations", "1", "--kdf-lanes", "1"]
WEAK = ["12345678", "aaaaaaaa", " " * 8]
GOOD = "walnut lantern over the quiet river"
WINDOW_WORDS = {
    "12345678": "Many people choose this one, so it would be among the first guessed.",
    "aaaaaaaa": "This follows a pattern that is quick to guess",
    " " * 8: "This follows a pattern that is quick to guess",
}


@pytest.fixture
def with_code(vault_path: Path, fast_kdf: KdfParams) -> tuple[Path, str]:
    """A journal with one entry and a recovery code."""
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        journal.add("Still here.")
        code = journal.vault.new_recovery_code()
    return vault_path, code


def give_new_passphrase(
    source: str, value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, option: str
) -> list[str]:
    """Put the new passphrase where ``source`` says; the options that point to it."""
    if source == "environment":
        monkeypatch.setenv(
            "TEND_PASSPHRASE" if option == "--passphrase-file" else "TEND_NEW_PASSPHRASE", value
        )
        return []
    file = tmp_path / "new-passphrase.txt"
    file.write_text(value + "\n", encoding="utf-8")
    return [option, str(file)]


def assert_refused_in_the_windows_words(result: Result, weak: str) -> None:
    assert result.code == 2, result
    assert WINDOW_WORDS[weak] in result.err
    assert f"Tend: {assess(weak).message} " in result.err


def test_the_window_refuses_these_passphrases():
    """The premise: the window's rule (the one the CLI must share) refuses all three."""
    for weak in WEAK:
        assert not assess(weak).acceptable
        assert WINDOW_WORDS[weak] in assess(weak).message
    assert assess(GOOD).acceptable


@pytest.mark.parametrize("source", ["environment", "file"])
@pytest.mark.parametrize("weak", WEAK, ids=["digits", "repeated", "spaces"])
def test_init_refuses_a_passphrase_the_window_refuses(tend, monkeypatch, tmp_path, weak, source):
    path = tmp_path / "new.tend"
    options = give_new_passphrase(source, weak, monkeypatch, tmp_path, "--passphrase-file")
    result = tend("init", "--vault", str(path), *options, *FAST)
    assert_refused_in_the_windows_words(result, weak)
    assert "No journal was created." in result.err
    assert not path.exists()


@pytest.mark.parametrize("recovery", [False, True], ids=["passphrase", "recovery-code"])
@pytest.mark.parametrize("source", ["environment", "file"])
@pytest.mark.parametrize("weak", WEAK, ids=["digits", "repeated", "spaces"])
def test_passwd_refuses_a_passphrase_the_window_refuses(
    tend, monkeypatch, tmp_path, with_code, weak, source, recovery
):
    path, code = with_code
    before = sha256_of(path)
    if recovery:
        monkeypatch.setenv("TEND_RECOVERY_CODE", code)
    else:
        monkeypatch.setenv("TEND_PASSPHRASE", PASSPHRASE)
    options = give_new_passphrase(source, weak, monkeypatch, tmp_path, "--new-passphrase-file")
    unlock = ["--recovery-code"] if recovery else []
    result = tend("passwd", *unlock, "--vault", str(path), *options)
    assert_refused_in_the_windows_words(result, weak)
    assert "The passphrase was not changed." in result.err
    assert sha256_of(path) == before
    with Vault.open(path) as vault:
        vault.unlock(PASSPHRASE)
    with Vault.open(path) as vault:
        vault.unlock_with_recovery_code(code)


@pytest.mark.parametrize("weak", WEAK, ids=["digits", "repeated", "spaces"])
def test_a_typed_passphrase_is_refused_before_it_is_asked_again(tend, monkeypatch, tmp_path, weak):
    asked: list[str] = []

    def typed(label: str) -> str:
        asked.append(label)
        return weak

    monkeypatch.setattr("getpass.getpass", typed)
    path = tmp_path / "new.tend"
    result = tend("init", "--vault", str(path), *FAST, terminal=True)
    assert_refused_in_the_windows_words(result, weak)
    assert asked == ["New passphrase: "]
    assert not path.exists()


def test_a_passphrase_the_window_takes_is_taken(tend, monkeypatch, tmp_path, with_code):
    monkeypatch.setenv("TEND_PASSPHRASE", GOOD)
    made = tmp_path / "good.tend"
    assert tend("init", "--vault", str(made), *FAST).code == 0
    path, code = with_code
    monkeypatch.setenv("TEND_RECOVERY_CODE", code)
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", GOOD)
    assert tend("passwd", "--recovery-code", "--vault", str(path)).code == 0
    with Journal.open(path, GOOD) as journal:
        assert [entry.body for entry in journal.entries()] == ["Still here."]
