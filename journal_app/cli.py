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
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn, TextIO

from journal_app import APP_NAME, __version__, paths
from journal_app.journal import Entry, Journal
from journal_app.journal.backup import (
    BackupCheck,
    check_backups,
    make_backup,
    prune_backups,
    restore_backup,
)
from journal_app.journal.export import export_json, export_markdown
from journal_app.journal.importers import FORMATS as IMPORT_FORMATS
from journal_app.journal.importers import ImportFormatError, run_import, summarize
from journal_app.journal.importers import parse as parse_import
from journal_app.journal.selection import Selection, select
from journal_app.vault import (
    DamagedRecords,
    DamagedVault,
    KdfParams,
    NoRecoveryCode,
    NotAVault,
    Vault,
    VaultError,
    VaultExists,
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
            f"({crypto.DEFAULT_MEMORY_KIB // 1024} MiB, {crypto.DEFAULT_ITERATIONS} passes, "
            f"{crypto.DEFAULT_LANES} lanes); "
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
        if args.flagged:
            entries = [entry for entry in entries if entry.flagged]
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
    if args.backups:
        return _check_backups(Path(args.backups).expanduser(), args)
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


# ------------------------------------------------ export, backups, import

NOT_ENCRYPTED_NOTE = (
    "Note: {path} will not be encrypted. Anyone who can open that file can read it. "
    "Keep it somewhere safe, and delete it when you no longer need it."
)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} '{text}' is not a date like 2026-11-21.") from None


def _selection(args: argparse.Namespace) -> Selection:
    try:
        return Selection(
            date_from=_day(args.date_from, "--from"),
            date_to=_day(args.date_to, "--to"),
            tag=args.tag,
            theme=args.theme,
            flagged_only=args.flagged,
        )
    except ValueError as exc:
        raise UsageError(f"{exc} Nothing was exported.") from None


def _pdf_writer() -> Callable[[Sequence[Entry], Path], object]:
    """The desktop app's PDF printer (Qt), loaded only when a PDF is asked for."""
    try:
        from journal_app.ui.pdf import write_pdf
    except ImportError:
        _fail(
            "PDF export needs the desktop app's components, which could not be loaded. "
            "Export with --format md instead, and print that file.",
            EXIT_ERROR,
        )
    return write_pdf


def cmd_export(args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser()
    if output.is_dir():
        raise UsageError(f"{output} is a folder; give the name of the file to write.")
    if output.exists() and not args.force:
        raise UsageError(
            f"{output} already exists. Choose another name, or add --force to replace it."
        )
    selection = _selection(args)
    write_pdf = _pdf_writer() if args.format == "pdf" else None
    with _open_journal(args) as journal:
        entries = select(journal.entries(), selection)
        _warn_damaged(journal)
        if not entries:
            print("No entries match, so no file was written.", file=sys.stderr)
            return EXIT_ERROR
        print(f"{APP_NAME}: " + NOT_ENCRYPTED_NOTE.format(path=output), file=sys.stderr)
        if write_pdf is not None:
            write_pdf(entries, output)
        elif args.format == "json":
            export_json(entries, output)
        else:
            export_markdown(entries, output)
    noun = "entry" if len(entries) == 1 else "entries"
    print(f"Exported {len(entries)} {noun} to {output}.")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    destination = Path(args.output).expanduser()
    if args.keep is not None and not destination.is_dir():
        raise UsageError("--keep works with a folder: give -o a folder for the backups.")
    with _open_journal(args) as journal:
        result = make_backup(journal.vault, destination)
        if args.keep is not None:
            prune_backups(destination, max(args.keep, 1), journal.vault.vault_id)
    print(
        f"Backed up {result.report.records} records to {result.path}, and checked the copy. "
        "It is encrypted: this journal's passphrase opens it."
    )
    if result.report.damaged:
        print(
            f"{APP_NAME}: {DamagedRecords(list(result.report.damaged))} "
            "They were copied as they are.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    backup = Path(args.backup).expanduser()
    target = _vault_path(args)
    if not backup.is_file():
        raise NotAVault(f"There is no backup at {backup}.")
    if target.exists():
        raise VaultExists(
            f"{target} already exists; Tend never restores over a journal. "
            "Choose a new file with --vault NEW."
        )
    report = restore_backup(backup, target, _passphrase(args), allow_damaged=args.allow_damaged)
    print(f"Restored {report.records} records into {target}. The backup's passphrase opens it.")
    if report.damaged:
        print(f"{APP_NAME}: {DamagedRecords(list(report.damaged))}", file=sys.stderr)
    return EXIT_OK


_CHECK_PRIORITY = (EXIT_DAMAGED, EXIT_WRONG_PASSPHRASE, EXIT_NOT_A_VAULT, EXIT_IN_USE, EXIT_ERROR)


def _check_backups(target: Path, args: argparse.Namespace) -> int:
    if not target.exists():
        raise NotAVault(f"There is nothing at {target}.")
    results: list[BackupCheck] = check_backups(target, _passphrase(args))
    if not results:
        print(f"{APP_NAME}: there are no backups (*.tend files) in {target}.", file=sys.stderr)
        return EXIT_NOT_A_VAULT
    codes = set()
    for result in results:
        if result.error is not None:
            codes.add(_exit_code_for(result.error))
            print(f"{result.path.name}: {result.error}")
        elif result.report is not None and result.report.damaged:
            codes.add(EXIT_DAMAGED)
            print(f"{result.path.name}: {DamagedRecords(list(result.report.damaged))}")
            for record_id in result.report.damaged:
                print(f"  damaged record {record_id}")
        elif result.report is not None:
            print(f"{result.path.name}: all {result.report.records} records read correctly.")
    return next((code for code in _CHECK_PRIORITY if code in codes), EXIT_OK)


def cmd_import(args: argparse.Namespace) -> int:
    parsed = parse_import(Path(args.path).expanduser(), args.source_format)
    with _open_journal(args) as journal:
        if args.dry_run:
            shown = summarize(parsed, journal.entries(include_trash=True))
            duplicates = shown.duplicates or 0
            print(
                f"Would import {shown.count - duplicates} entries; skip {duplicates} already "
                "in your journal. Nothing was written."
            )
        else:
            report = run_import(journal, parsed)
            noun = "entry" if report.imported == 1 else "entries"
            print(
                f"Imported {report.imported} {noun}; skipped {report.skipped_duplicates} "
                "already in your journal."
            )
        for problem in parsed.problems:
            print(f"  {problem}", file=sys.stderr)
        _warn_damaged(journal)
    if not args.dry_run:
        print(
            f"{APP_NAME}: the file you imported from is not encrypted. Once your entries look "
            "right in Tend, you may want to delete it.",
            file=sys.stderr,
        )
    return EXIT_OK


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
    with _open_journal(args) as journal:
        entry = journal.set_flagged(_find_entry(journal, args.id).id, args.flag)
    title = entry.display_title or "(untitled)"
    if args.flag:
        print(f"Marked to bring to your next session: {title}")
    else:
        print(f"No longer marked for your next session: {title}")
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
    list_cmd.add_argument(
        "--flagged", action="store_true", help="only entries marked for your next session"
    )

    search = add("search", cmd_search, "find entries containing every word of QUERY")
    search.add_argument("query")
    search.add_argument("--tag", help="only entries with this tag")
    search.add_argument("--json", action="store_true", help="print JSON")

    check = add("check", cmd_check, "verify every record and list any that are damaged")
    check.add_argument(
        "--backups",
        metavar="PATH",
        help="check a backup file, or every *.tend file in a folder, instead of the journal "
        "(only reads them; they need the passphrase they were made with)",
    )

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

    export = add("export", cmd_export, "write entries to an unencrypted file, to read or print")
    export.add_argument("--format", choices=("md", "json", "pdf"), default="md")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    export.add_argument("--from", dest="date_from", metavar="DATE", help="first day, 2026-11-01")
    export.add_argument("--to", dest="date_to", metavar="DATE", help="last day (included)")
    export.add_argument("--tag", help="only entries with this tag")
    export.add_argument("--theme", help="only entries written to a prompt of this theme")
    export.add_argument(
        "--flagged", action="store_true", help="only entries marked for your next session"
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    backup = add("backup", cmd_backup, "write an encrypted, checked copy of the journal")
    backup.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="a new file, or a folder (the backup is then named by the time)",
    )
    backup.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="with a folder: keep only the newest N backups of this journal there",
    )

    restore = add("restore", cmd_restore, "make a new journal (--vault NEW) from a backup")
    restore.add_argument("backup", metavar="FILE", help="the backup file")
    restore.add_argument(
        "--allow-damaged",
        action="store_true",
        help="restore even if some records of the backup are damaged",
    )

    import_cmd = add("import", cmd_import, "bring in entries from jrnl, Day One or a folder")
    import_cmd.add_argument(
        "--from", dest="source_format", required=True, choices=sorted(IMPORT_FORMATS)
    )
    import_cmd.add_argument("path", help="the export file (.json or .zip) or the folder")
    import_cmd.add_argument(
        "--dry-run", action="store_true", help="only say what would be imported"
    )

    flag = add("flag", cmd_flag, "mark an entry to bring to your next session")
    flag.add_argument("id", help="the entry's id (or its first few characters)")
    flag.set_defaults(flag=True)
    unflag = add("unflag", cmd_flag, "remove that mark from an entry")
    unflag.add_argument("id", help="the entry's id (or its first few characters)")
    unflag.set_defaults(flag=False)
    return parser


def _fail(message: str, code: int) -> NoReturn:
    print(f"{APP_NAME}: {message}", file=sys.stderr)
    raise SystemExit(code)


def start_gui(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """With no command, Tend opens its window (the GUI lives in ``journal_app.ui``).

    PySide6 is imported only here, so every other command runs without it.
    """
    try:
        from journal_app.ui.app import run
    except ImportError as exc:
        _fail(
            f"the window needs PySide6, which could not be loaded ({exc.name or exc}). "
            "The commands (see 'tend --help') work without it.",
            EXIT_ERROR,
        )
    vault = Path(args.vault).expanduser() if args.vault else None
    return run(sys.argv[:1], vault_path=vault)


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
    except ImportFormatError as exc:
        _fail(f"{exc} Nothing was imported.", EXIT_ERROR)
    except VaultError as exc:
        _fail(str(exc), _exit_code_for(exc))
    except KeyboardInterrupt:
        _fail("stopped; nothing unsaved was written.", 130)
    except UnicodeError:
        _fail(
            "the text is not valid UTF-8, so nothing was saved. Save it as UTF-8 and try again.",
            EXIT_USAGE,
        )
    except OSError as exc:
        _fail(f"{exc.strerror or exc}.", EXIT_ERROR)
