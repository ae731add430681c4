"""What every ``tend`` command shares: exit codes, usage errors, which journal, output.

Kept apart from the commands so that each command module, and the parser in
:mod:`journal_app.cli_parser`, speak of the same codes and the same journal. No
PySide6 here (``tests/test_layers.py`` checks that the command line stands without
it), and nothing heavy either: ``tend --help`` loads this module, so the journal
and the store (SQLAlchemy, ``cryptography``) are named only for the type checker.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from journal_app import APP_NAME
from journal_app.vault.errors import (
    DamagedRecords,
    DamagedVault,
    ManifestUnverified,
    NoRecoveryCode,
    NotAVault,
    VaultChanged,
    VaultError,
    VaultInUse,
    WrongPassphrase,
    WrongRecoveryCode,
)

if TYPE_CHECKING:
    from journal_app.journal import Entry, Journal

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_DAMAGED = 4
EXIT_IN_USE = 5
EXIT_NOT_A_VAULT = 6
EXIT_CLOSED_PIPE = 141
"""The reader of Tend's output (``head``, a pager) closed it early: 128 + SIGPIPE, what
the shell reports for any program a closed pipe stopped. See :func:`journal_app.cli.main`."""

Handler = Callable[[argparse.Namespace], int]
"""A command: the parsed arguments in, an exit code out."""

__all__ = [
    "EXIT_CLOSED_PIPE",
    "EXIT_DAMAGED",
    "EXIT_ERROR",
    "EXIT_IN_USE",
    "EXIT_NOT_A_VAULT",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_WRONG_PASSPHRASE",
    "Handler",
    "UsageError",
    "exit_code_for",
    "fail",
    "print_entries",
    "vault_path",
    "warn_damaged",
    "whole_number",
]


class UsageError(Exception):
    """Something about how the command was called; exits 2 with the sentence it holds."""


def exit_code_for(error: VaultError) -> int:
    """Each kind of vault failure has its own code, so scripts can tell them apart."""
    if isinstance(error, WrongPassphrase | WrongRecoveryCode | NoRecoveryCode):
        return EXIT_WRONG_PASSPHRASE
    if isinstance(error, DamagedVault | DamagedRecords):
        return EXIT_DAMAGED
    if isinstance(error, VaultInUse | VaultChanged):
        return EXIT_IN_USE
    if isinstance(error, NotAVault):
        return EXIT_NOT_A_VAULT
    return EXIT_ERROR


def fail(message: str, code: int) -> NoReturn:
    """End the command with a plain sentence on standard error, never a traceback."""
    print(f"{APP_NAME}: {message}", file=sys.stderr)
    raise SystemExit(code)


def whole_number(minimum: int, meaning: str) -> Callable[[str], int]:
    """An argparse ``type``: a whole number of at least ``minimum``.

    Anything else is a usage error (exit 2) naming the option, instead of a count
    that quietly means something else (``list -n -3`` printed all but three).
    ``meaning`` says what the number is for, in the refusal.
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number; {meaning}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"'{text}' is less than {minimum}; {meaning}")
        return value

    return parse


def vault_path(args: argparse.Namespace) -> Path:
    """The journal named by ``--vault``, else the one in the user's data folder.

    ``paths`` (and ``platformdirs``) load only here: ``tend --help`` needs neither.
    """
    from journal_app import paths

    return Path(args.vault).expanduser() if args.vault else paths.default_vault_path()


def format_entry(entry: Entry) -> str:
    """One line per entry: date, title (shortened) and tags."""
    when = entry.created.strftime("%Y-%m-%d %H:%M")
    title = entry.display_title or "(untitled)"
    if len(title) > 60:
        title = title[:59] + "…"
    tags = " ".join(f"#{tag}" for tag in entry.tags)
    return f"{when}  {title}" + (f"  {tags}" if tags else "")


def print_entries(entries: Sequence[Entry], as_json: bool, out: TextIO) -> None:
    """Entries as lines for people, or as JSON (every field) for programs."""
    if as_json:
        json.dump([entry.to_json() for entry in entries], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for entry in entries:
        out.write(format_entry(entry) + "\n")


def warn_damaged(journal: Journal) -> None:
    """Say on standard error that some records did not open as saved, or could not be
    checked; the rest still show."""
    if journal.damaged_ids:
        error = journal.report.damage_error()
        print(f"{APP_NAME}: {error} Run 'tend check' for details.", file=sys.stderr)
    if journal.report.unverified is not None:
        note = ManifestUnverified(journal.report.unverified)
        print(f"{APP_NAME}: {note} Run 'tend check' for details.", file=sys.stderr)
