"""``tend``: the journal from the command line, and the GUI's entry point.

Every failure a person can cause (wrong passphrase, damaged file, a journal in
use elsewhere) ends with a plain sentence and its own exit code, never a
traceback. Passphrases never come from the command line itself, where other
users of the machine could read them.

This module holds :func:`main`; the command line's shape is in
:mod:`journal_app.cli_parser`, and the commands live beside it:
:mod:`journal_app.cli_commands` (inside one journal), :mod:`journal_app.cli_transfer`
(export, backup, restore, import), :mod:`journal_app.cli_secrets` (passphrases),
:mod:`journal_app.cli_pack` (``tend pack check``, which needs no journal) and
:mod:`journal_app.cli_common` (exit codes and what the commands share). None of
them imports PySide6: only :func:`start_gui` does, when the window is asked for.
A command's module, and with it the journal, SQLAlchemy and the cryptography, is
imported only when that command runs, so ``tend --version`` and ``tend --help``
start about as fast as Python itself.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from journal_app.cli_common import (
    EXIT_CLOSED_PIPE,
    EXIT_DAMAGED,
    EXIT_ERROR,
    EXIT_IN_USE,
    EXIT_NOT_A_VAULT,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_WRONG_PASSPHRASE,
    UsageError,
    exit_code_for,
    fail,
)
from journal_app.cli_parser import build_parser, load_handler, merge_shared_options
from journal_app.vault.errors import VaultError
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
    merge_shared_options(args, parser)
    handler: str | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return start_gui(args, parser)
        return load_handler(handler)(args)
    except UsageError as exc:
        fail(str(exc), EXIT_USAGE)
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
