"""Other processes: a second opener is refused; a killed writer loses nothing."""

from __future__ import annotations

import contextlib
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from collections import deque
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import Vault, VaultInUse
from tests.conftest import PASSPHRASE
from tests.vault import crash_writer

PROJECT_ROOT = Path(__file__).resolve().parents[2]

TRY_OPEN = textwrap.dedent(
    """
    import sys
    from journal_app.vault import Vault, VaultInUse
    try:
        vault = Vault.open(sys.argv[1])
    except VaultInUse as error:
        print("VaultInUse:", error)
    else:
        vault.unlock(sys.argv[2])
        vault.close()
        print("opened")
    """
)

HOLD_OPEN = textwrap.dedent(
    """
    import sys
    from journal_app.journal import Journal
    journal = Journal.open(sys.argv[1], sys.argv[2])
    journal.add("written by the other process")
    print("holding", flush=True)
    sys.stdin.readline()
    journal.close()
    print("closed", flush=True)
    """
)


def try_open_elsewhere(path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", TRY_OPEN, str(path), PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.strip()


def test_second_process_is_refused_while_this_one_holds_the_vault(closed_journal):
    with Journal.open(closed_journal.path, PASSPHRASE):
        assert try_open_elsewhere(closed_journal.path) == f"VaultInUse: {VaultInUse.message}"
    assert try_open_elsewhere(closed_journal.path) == "opened"


def test_vault_waiting_for_its_passphrase_is_already_held(closed_journal):
    with Vault.open(closed_journal.path) as vault:
        assert not vault.is_unlocked
        assert try_open_elsewhere(closed_journal.path).startswith("VaultInUse:")


def test_this_process_is_refused_while_another_holds_the_vault(closed_journal):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(closed_journal.path), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(VaultInUse) as excinfo:
            Vault.open(closed_journal.path)
        assert str(excinfo.value) == VaultInUse.message
        with pytest.raises(VaultInUse):
            Journal.open(closed_journal.path, PASSPHRASE)
        out, _ = holder.communicate("release\n", timeout=30)
        assert out.strip() == "closed"
        assert holder.returncode == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert len(journal) == 4
        assert journal.search("other process")


# ------------------------------------------------------------ crash safety

CRASH_ROUNDS = 50
# Most rounds start the clock once the writer has the journal open, so the kill
# lands among the saves; every few, it starts at the fork, to land while opening.
KILL_WHILE_OPENING_EVERY = 5


class LineReader:
    """Lines from a pipe, each within a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.lines: deque[str] = deque()

    def next_line(self, deadline: float) -> str | None:
        """The next whole line, or None if none came before ``deadline``."""
        while not self.lines:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                raise EOFError("the writer server went away")
            *complete, self.buffer = (self.buffer + chunk).split(b"\n")
            self.lines.extend(line.decode("ascii") for line in complete)
        return self.lines.popleft()


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="needs fork and SIGKILL")
def test_writer_killed_at_random_moments_never_loses_a_saved_entry(vault_path, fast_kdf, tmp_path):
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    Journal.create(vault_path, PASSPHRASE, fast_kdf).close()
    saved: dict[str, tuple[int, int]] = {}  # entry id -> (round, n), for every add that returned
    rounds_with_saves = 0
    stderr_path = tmp_path / "writer-stderr.txt"
    with stderr_path.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, crash_writer.__file__, str(vault_path), PASSPHRASE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    reader = LineReader(server.stdout.fileno())
    child_pid = None

    def context() -> str:
        return f"seed {seed}; writer stderr: {stderr_path.read_text(errors='replace')}"

    try:
        assert reader.next_line(time.monotonic() + 60) == "SERVER READY", context()
        for round_no in range(CRASH_ROUNDS):
            server.stdin.write(f"go {round_no}\n".encode())
            server.stdin.flush()
            saved_before = len(saved)
            status = None
            kill_at = None
            killed = False
            while status is None:
                if kill_at is not None and time.monotonic() >= kill_at:
                    os.kill(child_pid, signal.SIGKILL)
                    kill_at = None  # now wait for its EXIT line
                    killed = True
                line = reader.next_line(kill_at or time.monotonic() + 30)
                if line is None:
                    assert kill_at is not None, f"the writer server stopped answering; {context()}"
                    continue
                word, *rest = line.split()
                if word == "PID":
                    child_pid = int(rest[0])
                    if round_no % KILL_WHILE_OPENING_EVERY == 0:
                        kill_at = time.monotonic() + rng.uniform(0.0, 0.1)
                elif word == "OPEN":
                    if kill_at is None and not killed:
                        kill_at = time.monotonic() + rng.uniform(0.05, 0.4)
                elif word == "ID":
                    saved[rest[0]] = (int(rest[1]), int(rest[2]))
                elif word == "EXIT":
                    status = int(rest[1])
            child_pid = None
            assert os.WIFSIGNALED(status), f"writer ended by itself: {context()}"
            assert os.WTERMSIG(status) == signal.SIGKILL, context()
            rounds_with_saves += len(saved) > saved_before

            with Journal.open(vault_path, PASSPHRASE) as journal:
                assert journal.damaged_ids == (), context()
                present = {entry.id: entry for entry in journal.entries(include_trash=True)}
                lost = [entry_id for entry_id in saved if entry_id not in present]
                assert lost == [], (
                    f"{len(lost)} saved entries lost in round {round_no}; {context()}"
                )
                for entry_id, (saved_round, n) in saved.items():
                    entry = present[entry_id]
                    assert entry.body == crash_writer.body_for(saved_round, n), context()
                    assert entry.title == f"round {saved_round} #{n}"
                if round_no % 10 == 9 or round_no == CRASH_ROUNDS - 1:
                    assert journal.vault.check() == [], context()
        server.stdin.close()
        assert server.wait(timeout=30) == 0, context()
    finally:
        if child_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child_pid, signal.SIGKILL)
        if server.poll() is None:
            server.kill()
            server.wait()
        server.stdout.close()
        if not server.stdin.closed:
            server.stdin.close()
    # The test only means something if kills landed while entries were being saved.
    assert rounds_with_saves >= CRASH_ROUNDS // 2, context()
    assert len(saved) >= CRASH_ROUNDS, context()
