"""Running ``tend`` inside the test process, shared by the CLI test files.

``main()`` is called exactly as the console script calls it, with standard input
replaced (not a terminal unless asked), and whatever it printed captured.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest

from journal_app.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


class TerminalInput(io.StringIO):
    """Standard input that says it is a terminal, so Tend asks with a hidden prompt."""

    def isatty(self) -> bool:
        return True


def run_tend(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    stdin: str = "",
    terminal: bool = False,
) -> Result:
    """``tend ARGV`` in this process: its exit code and what it printed.

    Every outcome a person can cause ends in a sentence, so a traceback in what it
    printed fails the test wherever it happens.
    """
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", TerminalInput(stdin) if terminal else io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = 0 if exit_.code is None else exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return Result(code, out, err)
