"""``tend``: the journal from the command line, and the GUI's entry point.

Every failure a person can cause (wrong passphrase, damaged file, a journal in
use elsewhere) ends with a plain sentence and its own exit code, never a
traceback. Passphrases never come from the command line itself, where other
users of the machine could read them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import NoReturn, TextIO

from journal_app import APP_NAME, __version__, paths
from journal_app.journal import Entry, Journal
from journal_app.vault import (
    DamagedRecords,
    DamagedVault,
    KdfParams,
    NoRecoveryCode,
    NotAVault,
    Vault,
    VaultError,
    VaultInUse,
    WrongPassphrase,
    WrongRecoveryCode,
    crypto,
)
from journal_app.vault.hardening import disable_core_dumps

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_DAMAGED = 4
EXIT_IN_USE = 5
EXIT_NOT_A_VAULT = 6

MIN_PASSPHRASE_CHARS = 8


class UsageError(Exception):
    """Something about how the command was called; exits 2."""


def _exit_code_for(error: VaultError) -> int:
    if isinstance(error, WrongPassphrase | WrongRecoveryCode | NoRecoveryCode):
        return EXIT_WRONG_PASSPHRASE
    if isinstance(error, DamagedVault | DamagedRecords):
        return EXIT_DAMAGED
    if isinstance(error, VaultInUse):
        return EXIT_IN_USE
    if isinstance(error, NotAVault):
        return EXIT_NOT_A_VAULT
    return EXIT_ERROR


# ------------------------------------------------------------------ secrets


def _strip_newline(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def _read_secret_file(name: str) -> str:
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


def _secret(env_name: str, file_name: str | None, label: str) -> str:
    if file_name is not None:
        return _read_secret_file(file_name)
    value = os.environ.get(env_name)
    if value is not None:
        return value
    return _prompt(label)


def _passphrase(args: argparse.Namespace) -> str:
    return _secret("TEND_PASSPHRASE", args.passphrase_file, "Passphrase")


def _new_passphrase(env_name: str, file_name: str | None) -> str:
    """A new passphrase, asked twice when typed, refused when empty or too short."""
    if file_name is None and os.environ.get(env_name) is None:
        first = _prompt("New passphrase")
        if first != _prompt("Type it again"):
            raise UsageError("The two passphrases were not the same. Nothing was changed.")
        value = first
    else:
        value = _secret(env_name, file_name, "New passphrase")
    if len(value) < MIN_PASSPHRASE_CHARS:
        raise UsageError(
            f"Please choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters; "
            "a few unrelated words work well."
        )
    return value


# ------------------------------------------------------------------ output


def _format_entry(entry: Entry) -> str:
    when = entry.created.strftime("%Y-%m-%d %H:%M")
    title = entry.display_title or "(untitled)"
    if len(title) > 60:
        title = title[:59] + "…"
    tags = " ".join(f"#{tag}" for tag in entry.tags)
    return f"{when}  {title}" + (f"  {tags}" if tags else "")


def _print_entries(entries: Sequence[Entry], as_json: bool, out: TextIO) -> None:
    if as_json:
        json.dump([entry.to_json() for entry in entries], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for entry in entries:
        out.write(_format_entry(entry) + "\n")


def _warn_damaged(journal: Journal) -> None:
    if journal.damaged_ids:
        error = DamagedRecords(list(journal.damaged_ids))
        print(f"{APP_NAME}: {error} Run 'tend check' for details.", file=sys.stderr)


# ---------------------------------------------------------------- commands


def _vault_path(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else paths.default_vault_path()


def _open_journal(args: argparse.Namespace) -> Journal:
    path = _vault_path(args)
    if not path.exists():
        raise NotAVault(f"There is no journal at {path} yet. Create one with 'tend init'.")
    vault = Vault.open(path)
    try:
        vault.unlock(_passphrase(args))
    except BaseException:
        vault.close()
        raise
    return Journal(vault)


def cmd_init(args: argparse.Namespace) -> int:
    path = _vault_path(args)
    if path.exists():
        print(
            f"{APP_NAME}: a file already exists at {path}; it was left as it is.", file=sys.stderr
        )
        return EXIT_ERROR
    memory_kib = int(args.kdf_memory_mib * 1024)
    params = KdfParams.fresh(memory_kib, args.kdf_iterations, args.kdf_lanes)
    if not params.is_sane():
        raise UsageError("Those key-derivation settings are outside what Tend accepts.")
    if not params.meets_default():
        print(
            f"{APP_NAME}: warning: these key-derivation settings are weaker than the default "
            f"({crypto.DEFAULT_MEMORY_KIB // 1024} MiB, {crypto.DEFAULT_ITERATIONS} passes); "
            "a stolen copy of the journal would be easier to guess.",
            file=sys.stderr,
        )
    passphrase = _new_passphrase("TEND_PASSPHRASE", args.passphrase_file)
    with Journal.create(path, passphrase, params) as journal:
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


def _read_body(args: argparse.Namespace) -> str:
    if args.text and args.text != "-":
        return args.text
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
    with _open_journal(args) as journal:
        entry = journal.add(body, title=args.title or "", tags=args.tag or (), created=created)
        print(f"Saved. ({entry.created:%Y-%m-%d %H:%M})")
        _warn_damaged(journal)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with _open_journal(args) as journal:
        entries = journal.entries()
        if args.tag:
            entries = journal.search("", tag=args.tag)
        _print_entries(entries[: args.n] if args.n else entries, args.json, sys.stdout)
        _warn_damaged(journal)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with _open_journal(args) as journal:
        results = journal.search(args.query, tag=args.tag)
        _print_entries(results, args.json, sys.stdout)
        if not args.json and not results:
            print("No entries match.", file=sys.stderr)
        _warn_damaged(journal)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open_journal(args) as journal:
        damaged = journal.vault.check()
        count = journal.vault.count()
        if damaged:
            print(DamagedRecords(damaged))
            for record_id in damaged:
                print(f"  damaged record {record_id}")
            return EXIT_DAMAGED
        print(f"All {count} records read correctly.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    path = _vault_path(args)
    if not path.exists():
        raise NotAVault(f"There is no journal at {path}.")
    with Vault.open(path) as vault:
        if args.recovery_code:
            code = _secret("TEND_RECOVERY_CODE", args.recovery_code_file, "Recovery code")
            vault.unlock_with_recovery_code(code)
        else:
            vault.unlock(_passphrase(args))
        new = _new_passphrase("TEND_NEW_PASSPHRASE", args.new_passphrase_file)
        vault.change_passphrase(new)
    print("The passphrase was changed. The old one no longer opens the journal.")
    return EXIT_OK


def cmd_recovery_code(args: argparse.Namespace) -> int:
    with _open_journal(args) as journal:
        if args.remove:
            journal.vault.remove_recovery_code()
            print("The recovery code was removed; only the passphrase opens the journal now.")
        else:
            _print_recovery_code(journal.vault.new_recovery_code())
            print("Any earlier recovery code no longer works.")
    return EXIT_OK


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--vault", metavar="PATH", help="the journal file (default: in your user data folder)"
    )
    common.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="read the passphrase from the first line of FILE ('-' for standard input)",
    )
    parser = argparse.ArgumentParser(
        prog="tend",
        description="Tend, a private, encrypted journal. With no command, opens the window.",
        epilog="The passphrase comes from --passphrase-file, else TEND_PASSPHRASE, "
        "else a hidden prompt.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text, parents=[common])
        command.set_defaults(handler=handler)
        return command

    init = add("init", cmd_init, "create a new, empty journal")
    init.add_argument("--kdf-memory-mib", type=float, default=crypto.DEFAULT_MEMORY_KIB / 1024)
    init.add_argument("--kdf-iterations", type=int, default=crypto.DEFAULT_ITERATIONS)
    init.add_argument("--kdf-lanes", type=int, default=crypto.DEFAULT_LANES)
    init.add_argument(
        "--recovery-code", action="store_true", help="also make a recovery code and show it once"
    )

    add_cmd = add("add", cmd_add, "write a new entry")
    add_cmd.add_argument("text", nargs="?", help="the entry's text, or '-' to read it from stdin")
    add_cmd.add_argument("--title", help="an optional title")
    add_cmd.add_argument("--tag", action="append", help="a tag (repeat for more)")
    add_cmd.add_argument("--date", help="the entry's date, e.g. 2026-11-21 or 2026-11-21T09:30")

    list_cmd = add("list", cmd_list, "show entries, newest first")
    list_cmd.add_argument("-n", type=int, default=20, help="how many (0 for all; default 20)")
    list_cmd.add_argument("--tag", help="only entries with this tag")
    list_cmd.add_argument("--json", action="store_true", help="print JSON")

    search = add("search", cmd_search, "find entries containing every word of QUERY")
    search.add_argument("query")
    search.add_argument("--tag", help="only entries with this tag")
    search.add_argument("--json", action="store_true", help="print JSON")

    add("check", cmd_check, "verify every record and list any that are damaged")

    passwd = add("passwd", cmd_passwd, "change the passphrase")
    passwd.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="read the new passphrase from FILE (else TEND_NEW_PASSPHRASE, else a prompt)",
    )
    passwd.add_argument(
        "--recovery-code",
        action="store_true",
        help="unlock with the recovery code instead (from --recovery-code-file, "
        "TEND_RECOVERY_CODE or a prompt)",
    )
    passwd.add_argument("--recovery-code-file", metavar="FILE")

    recovery = add("recovery-code", cmd_recovery_code, "make a new recovery code, shown once")
    recovery.add_argument("--remove", action="store_true", help="remove the recovery code")
    return parser


def _fail(message: str, code: int) -> NoReturn:
    print(f"{APP_NAME}: {message}", file=sys.stderr)
    raise SystemExit(code)


def start_gui(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """With no command, Tend opens its window (the GUI lives in ``journal_app.ui``)."""
    parser.print_help()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return start_gui(args, parser)
        return handler(args)
    except UsageError as exc:
        _fail(str(exc), EXIT_USAGE)
    except VaultError as exc:
        _fail(str(exc), _exit_code_for(exc))
    except KeyboardInterrupt:
        _fail("stopped; nothing unsaved was written.", 130)
    except OSError as exc:
        _fail(f"{exc.strerror or exc}.", EXIT_ERROR)
