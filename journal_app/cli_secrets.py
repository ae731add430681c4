"""Passphrases and recovery codes for ``tend``: where they come from, and which are taken.

A secret never comes from the command line itself, where other users of the
machine could read it (``ps``, shell history). In order: a file given with an
option (its first line; ``-`` for standard input), else an environment variable,
else a hidden prompt when there is a terminal to ask on.

A NEW passphrase must pass the same strength rule as the window
(:func:`journal_app.journal.passphrase.assess`), refused with the same words.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.cli_common import UsageError, vault_path
from journal_app.vault import NotAVault

if TYPE_CHECKING:
    from journal_app.journal import Journal

PASSPHRASE_ENV = "TEND_PASSPHRASE"
NEW_PASSPHRASE_ENV = "TEND_NEW_PASSPHRASE"
RECOVERY_CODE_ENV = "TEND_RECOVERY_CODE"


def _strip_newline(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def _read_secret_file(name: str) -> str:
    """The first line of a file (or of standard input for ``-``), without its newline.

    Only the newline is taken off: spaces at either end may be part of a passphrase.
    """
    if name == "-":
        return _strip_newline(sys.stdin.readline())
    try:
        return _strip_newline(Path(name).read_text(encoding="utf-8").splitlines(True)[0])
    except IndexError:
        return ""
    except OSError as exc:
        raise UsageError(f"Could not read {name}: {exc.strerror}.") from None


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            f"{label} needed: set it in the environment, give a file, or run in a terminal."
        )
    return getpass.getpass(f"{label}: ")


def secret(env_name: str, file_name: str | None, label: str) -> str:
    """A secret from ``file_name``, else the environment variable, else a hidden prompt."""
    if file_name is not None:
        return _read_secret_file(file_name)
    value = os.environ.get(env_name)
    if value is not None:
        return value
    return _prompt(label)


def passphrase(args: argparse.Namespace) -> str:
    """The journal's current passphrase (``--passphrase-file``, else TEND_PASSPHRASE)."""
    return secret(PASSPHRASE_ENV, args.passphrase_file, "Passphrase")


def new_passphrase(env_name: str, file_name: str | None, nothing_done: str) -> str:
    """A new passphrase that the window would also accept, asked twice when typed.

    Judged by the window's own rule (:func:`assess`) and refused with the sentence
    the window shows, then ``nothing_done`` (what did not happen), so the command
    line can never give a journal a passphrase the window would refuse. When typed,
    it is judged before being asked again: nobody types a refused passphrase twice.
    """
    from journal_app.journal.passphrase import assess

    typed = file_name is None and os.environ.get(env_name) is None
    value = _prompt("New passphrase") if typed else secret(env_name, file_name, "")
    assessment = assess(value)
    if not assessment.acceptable:
        raise UsageError(f"{assessment.message} {nothing_done}")
    if typed and value != _prompt("Type it again"):
        raise UsageError(f"The two passphrases were not the same. {nothing_done}")
    return value


def open_journal(args: argparse.Namespace, given: str | None = None) -> Journal:
    """The journal named by ``--vault``, unlocked with the passphrase the person gave
    (``given``, if the caller has read it already).

    A missing file is refused before anything is created, so a mistyped ``--vault``
    never leaves an empty journal behind. While the key is derived (Argon2id, the
    slowest step, on its own thread: see ``journal_app.vault.opening``), the store
    and the journal are imported and the file's rows read: a command pays for the
    longer of the two, not for both. This module imports neither at its top.
    """
    from journal_app.vault.opening import Opening

    path = vault_path(args)
    if not path.exists():
        raise NotAVault(f"There is no journal at {path} yet. Create one with 'tend init'.")
    opening = Opening.of(path)
    try:
        opening.begin_unlock(passphrase(args) if given is None else given)
        from journal_app.journal.service import Journal
        from journal_app.vault.store import Vault

        opening.prefetch()
        vault = Vault.opened(opening)
    except BaseException:
        opening.abandon()  # a journal that did not open must not keep the file locked
        raise
    try:
        return Journal(vault)
    except BaseException:
        vault.close()
        raise
