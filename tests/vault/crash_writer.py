"""Helper for the crash-safety test: a fork server of journal writers to be killed.

Run as ``python crash_writer.py VAULT PASSPHRASE``. Python and Tend are imported
once, here (with the store's writing side, which a journal loads on its first
write); then for every ``go ROUND`` line on standard input a child is forked
that opens the journal and adds entries until it is killed. The child prints
``OPEN`` once the journal is open, then ``ID <entry id> <round> <n>`` for each
entry, only after ``Journal.add`` has returned. The server
prints ``PID <pid>`` for each child and ``EXIT <pid> <status>`` once it is gone,
so every line a child wrote comes before its EXIT line. Each line is one
``os.write`` of less than PIPE_BUF bytes, so lines never interleave.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import journal_app.vault.writing  # noqa: F401 - loaded by the first write; here, once, before forking
from journal_app.journal import Journal

SCRATCH_TITLE = "scratch"


def body_for(round_no: int, n: int) -> str:
    """The text of the n-th entry of a round, so the test can check it exactly."""
    return f"round {round_no} entry {n}: " + "lorem ipsum dolor " * ((round_no * 131 + n * 17) % 60)


def emit(line: str) -> None:
    os.write(sys.stdout.fileno(), (line + "\n").encode("ascii"))


def write_until_killed(path: Path, passphrase: str, round_no: int) -> None:
    journal = Journal.open(path, passphrase)
    emit("OPEN")
    n = 0
    while True:
        entry = journal.add(body_for(round_no, n), title=f"round {round_no} #{n}")
        emit(f"ID {entry.id} {round_no} {n}")
        n += 1
        if n % 10 == 0:
            # Deleting checkpoints the WAL: be killed during that too.
            scratch = journal.add("to be deleted", title=SCRATCH_TITLE)
            journal.move_to_trash(scratch.id)
            journal.empty_trash()


def main() -> None:
    path, passphrase = Path(sys.argv[1]), sys.argv[2]
    emit("SERVER READY")
    for line in sys.stdin:
        round_no = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                write_until_killed(path, passphrase, round_no)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(70)
        emit(f"PID {pid}")
        _, status = os.waitpid(pid, 0)
        emit(f"EXIT {pid} {status}")


if __name__ == "__main__":
    main()
