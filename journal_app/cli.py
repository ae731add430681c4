"""``tend``: the journal from the command line, and the GUI's entry point.

Every failure a person can cause (wrong passphrase, damaged file, a journal in
use elsewhere) ends with a plain sentence and its own exit code, never a
traceback. Passphrases never come from the command line itself, where other
users of the machine could read them.

This module holds the parser and :func:`main`; the commands live beside it:
:mod:`journal_app.cli_commands` (inside one journal), :mod:`journal_app.cli_transfer`
(export, backup, restore, import), :mod:`journal_app.cli_secrets` (passphrases) and
:mod:`journal_app.cli_common` (exit codes and what the commands share). None of
them imports PySide6: only :func:`start_gui` does, when the window is asked for.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from journal_app import APP_NAME, __version__, cli_commands, cli_transfer
from journal_app.cli_common import (
    EXIT_CLOSED_PIPE,
    EXIT_DAMAGED,
    EXIT_ERROR,
    EXIT_IN_USE,
    EXIT_NOT_A_VAULT,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_WRONG_PASSPHRASE,
    Handler,
    UsageError,
    exit_code_for,
    fail,
)
from journal_app.journal.importers import ImportFormatError
from journal_app.vault import VaultError
from journal_app.vault.hardening import disable_core_dumps

__all__ = [
    "EXIT_CLOSED_PIPE",
    "EXIT_DAMAGED",
    "EXIT_ERROR",
    "EXIT_IN_USE",
    "EXIT_NOT_A_VAULT",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_WRONG_PASSPHRASE",
    "UsageError",
    "build_parser",
    "main",
    "start_gui",
]


SHARED_OPTIONS = {"vault": "--vault", "passphrase_file": "--passphrase-file"}
"""The options every command takes, before or after its name: attribute -> flag."""
_AFTER_COMMAND = "_after_command"


def _shared_options(after_command: bool) -> argparse.ArgumentParser:
    """``--vault`` and ``--passphrase-file``, for the top parser or for every command.

    A command's copy stores into its own attribute (``vault_after_command``), and only
    when the option is given (``argparse.SUPPRESS``). If both copies shared one
    attribute, the command's default would overwrite the value given before the
    command's name, and ``tend --vault B.tend add ...`` would write into the default
    journal. :func:`_merge_shared_options` joins the two after parsing.
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


def _merge_shared_options(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
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

    def add(name: str, handler: Handler, text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text, parents=[shared])
        command.set_defaults(handler=handler)
        return command

    cli_commands.add_commands(add)
    cli_transfer.add_commands(add)
    cli_commands.add_mark_commands(add)
    return parser


def start_gui(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """With no command, Tend opens its window (the GUI lives in ``journal_app.ui``).

    PySide6 is imported only here, so every other command runs without it.
    """
    try:
        from journal_app.ui.window.app import run
    except ImportError as exc:
        fail(
            f"the window needs PySide6, which could not be loaded ({exc.name or exc}). "
            "The commands (see 'tend --help') work without it.",
            EXIT_ERROR,
        )
    vault = Path(args.vault).expanduser() if args.vault else None
    return run(sys.argv[:1], vault_path=vault)


def _run(argv: Sequence[str] | None) -> int:
    """Parse, run the command, and turn every failure a person can cause into a sentence."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _merge_shared_options(args, parser)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return start_gui(args, parser)
        return handler(args)
    except UsageError as exc:
        fail(str(exc), EXIT_USAGE)
    except ImportFormatError as exc:
        fail(f"{exc} Nothing was imported.", EXIT_ERROR)
    except VaultError as exc:
        fail(str(exc), exit_code_for(exc))
    except KeyboardInterrupt:
        fail("stopped; nothing unsaved was written.", 130)
    except UnicodeError:
        fail(
            "the text is not valid UTF-8, so nothing was saved. Save it as UTF-8 and try again.",
            EXIT_USAGE,
        )
    except BrokenPipeError:
        raise  # not a failure: main() ends quietly
    except OSError as exc:
        fail(f"{exc.strerror or exc}.", EXIT_ERROR)


def _stop_writing_to_standard_output() -> None:
    """Point standard output at the null device, so the interpreter's own flush at exit
    has nowhere to fail (the recipe in the documentation of Python's ``signal`` module)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):
        pass  # no descriptor behind sys.stdout (a test's capture): nothing to flush at exit


def main(argv: Sequence[str] | None = None) -> int:
    """``tend``: run one command and return its exit code.

    When the reader of the output goes away early (``tend list | head -1``, a pager
    quit), Tend stops without a word and returns :data:`EXIT_CLOSED_PIPE` (141): the
    status the shell shows for ``cat`` or ``grep`` stopped the same way, so a script
    using ``set -o pipefail`` treats Tend like them, and can tell that not all the
    output was read. Whatever the command did before printing (an entry saved, an
    export made) is done and stays done; "Broken pipe" would only be noise.
    Output is flushed here, inside the guard, rather than at interpreter exit.
    """
    disable_core_dumps()
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _stop_writing_to_standard_output()
        return EXIT_CLOSED_PIPE
