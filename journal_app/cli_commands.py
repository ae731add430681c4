"""The ``tend`` commands that work inside one journal: write, read, check, keys, marks.

Each ``cmd_*`` takes the parsed arguments and returns an exit code; failures are
raised (:class:`~journal_app.cli_common.UsageError`, a vault error) and turned into
a sentence and a code by :func:`journal_app.cli.main`, in one place. Their
options are declared in :mod:`journal_app.cli_parser`, which names each handler
without importing this module. The journal and its store load only when a command
opens one (see :func:`~journal_app.cli_secrets.open_journal`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from journal_app import APP_NAME
from journal_app.cli_common import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    print_entries,
    vault_path,
    warn_damaged,
)
from journal_app.cli_secrets import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    RECOVERY_CODE_ENV,
    new_passphrase,
    open_journal,
    passphrase,
    secret,
)
from journal_app.vault import KdfParams, NotAVault, crypto

if TYPE_CHECKING:
    # Loaded by open_journal while the key is derived, or by 'init' when it runs.
    from journal_app.journal import Entry, Journal

# ------------------------------------------------------------------ init


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    if path.exists():
        print(
            f"{APP_NAME}: a file already exists at {path}; it was left as it is.", file=sys.stderr
        )
        return EXIT_ERROR
    memory_kib = crypto.DEFAULT_MEMORY_KIB
    if args.kdf_memory_mib is not None:
        memory_kib = int(args.kdf_memory_mib * 1024)
    iterations = crypto.DEFAULT_ITERATIONS if args.kdf_iterations is None else args.kdf_iterations
    lanes = crypto.DEFAULT_LANES if args.kdf_lanes is None else args.kdf_lanes
    params = KdfParams.fresh(memory_kib, iterations, lanes)
    if not params.is_sane():
        raise UsageError("Those key-derivation settings are outside what Tend accepts.")
    if not params.meets_default():
        print(
            f"{APP_NAME}: warning: these key-derivation settings are weaker than the default "
            f"({crypto.DEFAULT_MEMORY_KIB // 1024} MiB, {crypto.DEFAULT_ITERATIONS} passes, "
            f"{crypto.DEFAULT_LANES} lanes); "
            "a stolen copy of the journal would be easier to guess.",
            file=sys.stderr,
        )
    chosen = new_passphrase(PASSPHRASE_ENV, args.passphrase_file, "No journal was created.")
    from journal_app.journal.service import Journal

    with Journal.create(path, chosen, params) as journal:
        print(f"Created a new journal at {path}.")
        if args.recovery_code:
            _print_recovery_code(journal.vault.new_recovery_code())
    return EXIT_OK


def _print_recovery_code(code: str) -> None:
    print(
        "Your recovery code (shown only now; keep it somewhere safe, away from this computer):\n"
        f"\n    {code}\n\n"
        "It opens the journal if the passphrase is forgotten."
    )


# ------------------------------------------------------------------ add


def _read_body(args: argparse.Namespace) -> str:
    text: str | None = args.text
    if text and text != "-":
        return text
    if args.passphrase_file == "-":
        raise UsageError("The entry and the passphrase cannot both come from standard input.")
    if sys.stdin.isatty():
        print("Write your entry, then press Ctrl+D (Ctrl+Z, Enter on Windows):", file=sys.stderr)
    return sys.stdin.read()


def _parse_date(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a date like 2026-11-21 or 2026-11-21T09:30.") from None
    return moment if moment.tzinfo else moment.astimezone()


def cmd_add(args: argparse.Namespace) -> int:
    body = _read_body(args)
    if not body.strip() and not (args.title or "").strip():
        raise UsageError("The entry is empty, so nothing was saved.")
    created = _parse_date(args.date) if args.date else None
    with open_journal(args) as journal:
        entry = journal.add(body, title=args.title or "", tags=args.tag or (), created=created)
        # The whole id, so that 'tend flag ID' can take it as printed.
        print(f"Saved. ({entry.created:%Y-%m-%d %H:%M}, id {entry.id})")
        warn_damaged(journal)
    return EXIT_OK


# ------------------------------------------------------------------ reading


def cmd_list(args: argparse.Namespace) -> int:
    with open_journal(args) as journal:
        entries = journal.entries()
        if args.tag:
            entries = journal.search("", tag=args.tag)
        if args.flagged:
            entries = [entry for entry in entries if entry.flagged]
        print_entries(entries[: args.n] if args.n else entries, args.json, sys.stdout)
        warn_damaged(journal)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with open_journal(args) as journal:
        results = journal.search(args.query, tag=args.tag)
        print_entries(results, args.json, sys.stdout)
        if not args.json and not results:
            print("No entries match.", file=sys.stderr)
        warn_damaged(journal)
    return EXIT_OK


# ------------------------------------------------------------------ keys


def cmd_passwd(args: argparse.Namespace) -> int:
    path = vault_path(args)
    if not path.exists():
        raise NotAVault(f"There is no journal at {path}.")
    from journal_app.vault.store import Vault

    with Vault.open(path) as vault:
        if args.recovery_code:
            code = secret(RECOVERY_CODE_ENV, args.recovery_code_file, "Recovery code")
            vault.unlock_with_recovery_code(code)
        else:
            vault.unlock(passphrase(args))
        new = new_passphrase(
            NEW_PASSPHRASE_ENV, args.new_passphrase_file, "The passphrase was not changed."
        )
        vault.change_passphrase(new)
    print("The passphrase was changed. The old one no longer opens the journal.")
    return EXIT_OK


def cmd_recovery_code(args: argparse.Namespace) -> int:
    with open_journal(args) as journal:
        if args.remove:
            journal.vault.remove_recovery_code()
            print("The recovery code was removed; only the passphrase opens the journal now.")
        else:
            _print_recovery_code(journal.vault.new_recovery_code())
            print("Any earlier recovery code no longer works.")
    return EXIT_OK


# ------------------------------------------------------------------ marks


def _find_entry(journal: Journal, text: str) -> Entry:
    """An entry by its id, or by the first few characters of it (as 'list --json' shows)."""
    text = text.strip().lower()
    matches = [entry for entry in journal.entries(include_trash=True) if entry.id == text]
    if not matches and len(text) >= 4:
        matches = [
            entry for entry in journal.entries(include_trash=True) if entry.id.startswith(text)
        ]
    if len(matches) != 1:
        problem = "No entry has" if not matches else "More than one entry has"
        raise UsageError(f"{problem} the id '{text}'. 'tend list --json' shows the ids.")
    return matches[0]


def cmd_flag(args: argparse.Namespace) -> int:
    with open_journal(args) as journal:
        entry = journal.set_flagged(_find_entry(journal, args.id).id, args.flag)
    title = entry.display_title or "(untitled)"
    if args.flag:
        print(f"Marked to bring to your next session: {title}")
    else:
        print(f"No longer marked for your next session: {title}")
    return EXIT_OK
