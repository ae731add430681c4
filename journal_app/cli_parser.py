"""The shape of ``tend``'s command line: every command, its help line and its options.

Kept apart from the commands themselves so that reading the command line costs
next to nothing. ``tend --version`` and ``tend --help`` need only this module
(argparse and the light :mod:`journal_app.cli_common`), never the journal, the
store (SQLAlchemy) or the cryptography: each command's handler is named here as
``"module:function"`` and imported only when that command runs
(:func:`load_handler`). ``tests/test_layers.py`` holds the line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from journal_app import APP_NAME, __version__
from journal_app.cli_common import Handler, whole_number

__all__ = [
    "IMPORT_SOURCES",
    "MERGE_FORMAT",
    "SHARED_OPTIONS",
    "build_parser",
    "load_handler",
    "merge_shared_options",
]

SHARED_OPTIONS = {"vault": "--vault", "passphrase_file": "--passphrase-file"}
"""The options every command takes, before or after its name: attribute -> flag."""
_AFTER_COMMAND = "_after_command"

MERGE_FORMAT = "tend"
"""``tend import --from tend``: merge another Tend journal (see :mod:`journal_app.cli_merge`)."""
IMPORT_SOURCES = ("dayone", "folder", "jrnl", MERGE_FORMAT)
"""What ``tend import --from`` accepts: the importers' formats
(:data:`journal_app.journal.importers.FORMATS`, whose import loads the store), and
``tend``. Named here so that ``tend --help`` need not load them; a test checks that
the two lists agree."""


def load_handler(target: str) -> Handler:
    """The command's function, named ``"package.module:function"``, its module imported now.

    Importing every command's module to build the parser would load the journal,
    SQLAlchemy and ``cryptography`` for a command that only asks for the version.
    """
    module, _, function = target.partition(":")
    handler: Handler = getattr(import_module(module), function)
    return handler


AddCommand = Callable[[str, str, str], argparse.ArgumentParser]
"""``add(name, "module:function", help)``: a new command's parser; the parsed arguments
carry the handler's name as ``handler``, for :func:`load_handler`."""


def _shared_options(after_command: bool) -> argparse.ArgumentParser:
    """``--vault`` and ``--passphrase-file``, for the top parser or for every command.

    A command's copy stores into its own attribute (``vault_after_command``), and only
    when the option is given (``argparse.SUPPRESS``). If both copies shared one
    attribute, the command's default would overwrite the value given before the
    command's name, and ``tend --vault B.tend add ...`` would write into the default
    journal. :func:`merge_shared_options` joins the two after parsing.
    """
    parent = argparse.ArgumentParser(add_help=False)
    suffix = _AFTER_COMMAND if after_command else ""
    default = argparse.SUPPRESS if after_command else None
    parent.add_argument(
        "--vault",
        dest="vault" + suffix,
        default=default,
        metavar="PATH",
        help="the journal file (default: in your user data folder)",
    )
    parent.add_argument(
        "--passphrase-file",
        dest="passphrase_file" + suffix,
        default=default,
        metavar="FILE",
        help="read the passphrase from the first line of FILE ('-' for standard input)",
    )
    return parent


def _same_place(first: str, second: str) -> bool:
    """Whether two spellings name the same file (``-``, standard input, only itself)."""
    if first == second:
        return True
    if "-" in (first, second):
        return False
    return Path(first).expanduser().absolute() == Path(second).expanduser().absolute()


def merge_shared_options(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """One value per shared option, wherever it was given; two different ones are refused.

    Guessing which of two journals (or passphrase files) was meant could write into
    the wrong one, so the person is asked to give the option once.
    """
    for name, flag in SHARED_OPTIONS.items():
        after = vars(args).pop(name + _AFTER_COMMAND, None)
        if after is None:
            continue
        before = getattr(args, name)
        if before is not None and not _same_place(before, after):
            parser.error(
                f"{flag} was given before and after the command, as '{before}' and "
                f"'{after}'. Give it once."
            )
        setattr(args, name, after)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the shared options, then each command with its own."""
    parser = argparse.ArgumentParser(
        prog="tend",
        description="Tend, a private, encrypted journal. With no command, opens the window.",
        epilog="--vault and --passphrase-file may come before or after the command: "
        "'tend --vault ~/j.tend list' and 'tend list --vault ~/j.tend' are the same. "
        "The passphrase comes from --passphrase-file, else TEND_PASSPHRASE, else a hidden "
        "prompt. 'tend COMMAND --help' shows a command's own options.",
        parents=[_shared_options(after_command=False)],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    shared = _shared_options(after_command=True)

    def add(name: str, handler: str, text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text, parents=[shared])
        command.set_defaults(handler=handler)
        return command

    _add_writing_and_reading(add)
    _add_check(add)
    _add_keys(add)
    _add_transfers(add)
    _add_import(add)
    _add_marks(add)
    _add_pack(add)
    return parser


# ------------------------------------------------------------------ the commands


def _add_writing_and_reading(add: AddCommand) -> None:
    """init, add, list and search (:mod:`journal_app.cli_commands`)."""
    # The key-derivation defaults (journal_app.vault.crypto) are filled in by cmd_init:
    # naming them here would load the cryptography for every command.
    init = add("init", "journal_app.cli_commands:cmd_init", "create a new, empty journal")
    init.add_argument("--kdf-memory-mib", type=float)
    init.add_argument("--kdf-iterations", type=int)
    init.add_argument("--kdf-lanes", type=int)
    init.add_argument(
        "--recovery-code", action="store_true", help="also make a recovery code and show it once"
    )

    add_cmd = add("add", "journal_app.cli_commands:cmd_add", "write a new entry")
    add_cmd.add_argument("text", nargs="?", help="the entry's text, or '-' to read it from stdin")
    add_cmd.add_argument("--title", help="an optional title")
    add_cmd.add_argument("--tag", action="append", help="a tag (repeat for more)")
    add_cmd.add_argument("--date", help="the entry's date, e.g. 2026-11-21 or 2026-11-21T09:30")

    list_cmd = add("list", "journal_app.cli_commands:cmd_list", "show entries, newest first")
    list_cmd.add_argument(
        "-n",
        type=whole_number(0, "give how many entries to show, or 0 for all"),
        default=20,
        help="how many (0 for all; default 20)",
    )
    list_cmd.add_argument("--tag", help="only entries with this tag")
    list_cmd.add_argument("--json", action="store_true", help="print JSON")
    list_cmd.add_argument(
        "--flagged", action="store_true", help="only entries marked for your next session"
    )

    search = add(
        "search",
        "journal_app.cli_commands:cmd_search",
        "find entries containing every word of QUERY",
    )
    search.add_argument("query")
    search.add_argument("--tag", help="only entries with this tag")
    search.add_argument("--json", action="store_true", help="print JSON")


def _add_check(add: AddCommand) -> None:
    """check (:mod:`journal_app.cli_check`)."""
    check = add(
        "check",
        "journal_app.cli_check:cmd_check",
        "verify every record, and list any that are not as saved",
    )
    check.add_argument(
        "--backups",
        metavar="PATH",
        help="check a backup file, or every *.tend file in a folder, instead of the journal "
        "(only reads them; they need the passphrase they were made with)",
    )
    check.add_argument("--json", action="store_true", help="print the findings as JSON")


def _add_keys(add: AddCommand) -> None:
    """passwd and recovery-code (:mod:`journal_app.cli_commands`)."""
    passwd = add("passwd", "journal_app.cli_commands:cmd_passwd", "change the passphrase")
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

    recovery = add(
        "recovery-code",
        "journal_app.cli_commands:cmd_recovery_code",
        "make a new recovery code, shown once",
    )
    recovery.add_argument("--remove", action="store_true", help="remove the recovery code")


def _add_transfers(add: AddCommand) -> None:
    """export, backup and restore (:mod:`journal_app.cli_transfer`)."""
    export = add(
        "export",
        "journal_app.cli_transfer:cmd_export",
        "write entries to an unencrypted file, to read or print",
    )
    export.add_argument("--format", choices=("md", "json", "pdf"), default="md")
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the file to write ('-' for standard output, Markdown or JSON only)",
    )
    export.add_argument("--from", dest="date_from", metavar="DATE", help="first day, 2026-11-01")
    export.add_argument("--to", dest="date_to", metavar="DATE", help="last day (included)")
    export.add_argument("--tag", help="only entries with this tag")
    export.add_argument("--theme", help="only entries written to a prompt of this theme")
    export.add_argument(
        "--flagged", action="store_true", help="only entries marked for your next session"
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    backup = add(
        "backup",
        "journal_app.cli_transfer:cmd_backup",
        "write an encrypted, checked copy of the journal",
    )
    backup.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="a new file, or a folder (the backup is then named by the time)",
    )
    backup.add_argument(
        "--keep",
        type=whole_number(1, "give how many backups to keep, 1 or more"),
        metavar="N",
        help="with a folder: keep only the newest N backups of this journal there",
    )

    restore = add(
        "restore",
        "journal_app.cli_transfer:cmd_restore",
        "make a new journal (--vault NEW) from a backup",
    )
    restore.add_argument("backup", metavar="FILE", help="the backup file")
    restore.add_argument(
        "--allow-damaged",
        action="store_true",
        help="restore even if some records of the backup are damaged",
    )


def _add_import(add: AddCommand) -> None:
    """import (:mod:`journal_app.cli_transfer`, and :mod:`journal_app.cli_merge`)."""
    import_cmd = add(
        "import",
        "journal_app.cli_transfer:cmd_import",
        "bring in entries from jrnl, Day One, a folder, or another Tend journal or backup",
    )
    import_cmd.add_argument(
        "--from",
        dest="source_format",
        required=True,
        choices=IMPORT_SOURCES,
        help="'tend' merges another Tend journal or backup: what this one lacks, once",
    )
    import_cmd.add_argument(
        "path", help="the export file (.json or .zip), the folder, or the other .tend file"
    )
    import_cmd.add_argument(
        "--other-passphrase-file",
        metavar="FILE",
        help="with --from tend: the other journal's passphrase, if not this one's "
        "(else TEND_OTHER_PASSPHRASE, else a prompt)",
    )
    import_cmd.add_argument(
        "--dry-run", action="store_true", help="only say what would be imported"
    )


def _add_marks(add: AddCommand) -> None:
    """flag and unflag (listed last in ``tend --help``, after the transfers)."""
    flag = add(
        "flag", "journal_app.cli_commands:cmd_flag", "mark an entry to bring to your next session"
    )
    flag.add_argument("id", help="the entry's id (or its first few characters)")
    flag.set_defaults(flag=True)
    unflag = add("unflag", "journal_app.cli_commands:cmd_flag", "remove that mark from an entry")
    unflag.add_argument("id", help="the entry's id (or its first few characters)")
    unflag.set_defaults(flag=False)


def _add_pack(add: AddCommand) -> None:
    """pack check (:mod:`journal_app.cli_pack`): a therapist's check of a prompt pack."""
    check_handler = "journal_app.cli_pack:cmd_pack_check"
    pack = add("pack", check_handler, "prompt packs: check one before you send it")
    actions = pack.add_subparsers(dest="pack_action", metavar="ACTION", required=True)
    text = "list every problem in a prompt pack file, with each prompt's number"
    # It needs no journal, but takes the shared options like every command, anywhere.
    shared = _shared_options(after_command=True)
    check = actions.add_parser("check", help=text, description=text, parents=[shared])
    check.set_defaults(handler=check_handler)
    check.add_argument("file", metavar="FILE", help="the pack, a .toml file")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
