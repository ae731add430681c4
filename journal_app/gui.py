"""``tendw``: Tend's window, started without a console window on Windows.

``tend`` with no command opens the same window, but on Windows a console script always
opens a console window beside it. ``tendw`` is the GUI script for menus and shortcuts
(the name follows ``pythonw``, and Tend's Windows bundle ships a ``tendw.exe`` too). It
takes what the window takes: ``--vault PATH``; the commands stay with ``tend``.
Like ``tend``, it imports PySide6 only once the window is asked for.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from journal_app import APP_NAME, __version__
from journal_app.cli import start_gui

PROGRAM = "tendw"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Opens Tend's window. The commands are in 'tend' (see 'tend --help').",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--vault",
        metavar="PATH",
        help="the journal file (default: the last one opened, else in your user data folder)",
    )
    return parser


def _give_streams_a_place() -> None:
    """Without a console (``pythonw``), Python sets ``sys.stdout`` and ``sys.stderr`` to
    None, and the first message written there would end Tend with an error instead."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window (or bring forward the one that has the journal open)."""
    _give_streams_a_place()
    parser = build_parser()
    args = parser.parse_args(argv)
    return start_gui(args, parser)
