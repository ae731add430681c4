"""Writing files outside the vault (exports, import sources are only read).

Every file Tend writes outside SQLite goes through :func:`atomic_write_bytes`:
temporary file in the SAME folder -> write -> fsync -> a rename (``os.replace``) over the
target -> fsync the folder. A crash, a power cut or a full disk therefore leaves
the old file or the new one, never neither and never half of one; and because the
temporary file sits beside the target, no copy of the content is ever written
anywhere else (not in the system's temp folder, which may be on another disk or
kept after a crash).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from journal_app.vault import Cancelled, VaultExists
from journal_app.vault.diskfiles import fsync_dir
from journal_app.vault.fileheader import is_vault_file
from journal_app.vault.progress import CancelCheck, Progress, check_cancel

# How often long loops report progress and look for a request to stop.
STEP = 200
# Pieces gathered before one write: big enough for few system calls, small enough
# that joining them is a short copy.
WRITE_BLOCK = 1 << 20
Piece = bytes | bytearray | memoryview  # a part of a file, written as it comes

T = TypeVar("T")

__all__ = [
    "STEP",
    "CancelCheck",
    "Cancelled",
    "Progress",
    "atomic_write_bytes",
    "atomic_write_pieces",
    "check_cancel",
    "fsync_dir",
    "progress_loop",
    "refuse_journal_target",
    "replace_bytes",
]


def progress_loop(
    items: Sequence[T], progress: Progress | None, cancelled: CancelCheck | None
) -> Iterator[tuple[int, T]]:
    """Enumerate ``items``, reporting progress and honouring a stop request.

    Every :data:`STEP` items (the first included) it raises Cancelled if asked to
    stop, then reports ``progress(index, total)``; once all are through, it checks
    once more and reports ``progress(total, total)``.
    """
    total = len(items)
    for index, item in enumerate(items):
        if index % STEP == 0:
            check_cancel(cancelled)
            if progress is not None:
                progress(index, total)
        yield index, item
    check_cancel(cancelled)
    if progress is not None:
        progress(total, total)


def refuse_journal_target(path: Path) -> None:
    """Refuse to write over a Tend journal (or a backup of one), whatever its name."""
    if is_vault_file(path):
        raise VaultExists(
            "That file is a Tend journal or a backup of one. Tend will not write over it; "
            "choose another file name."
        )


def atomic_write_bytes(path: Path, data: bytes | bytearray, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` durably, or leave it exactly as it was.

    The temporary file is created beside ``path`` (never elsewhere), readable only
    by its owner where the system allows; on any failure it is removed.

    Raises:
        VaultExists: ``path`` is a Tend journal (never replaced by another file).
        OSError: the folder cannot be written, the disk is full, and so on; the
            old file, if any, is untouched.
    """
    path = Path(path)
    refuse_journal_target(path)
    replace_bytes(path, data, mode=mode)


def atomic_write_pieces(path: Path, pieces: Iterable[Piece], *, mode: int = 0o600) -> int:
    """:func:`atomic_write_bytes` for data made a piece at a time; the bytes written.

    Each megabyte of pieces is written as it comes, so the whole never has to be
    joined into one buffer first: at 10,000 entries that one copy holds Python's
    lock (and so the window) for tens of milliseconds. If making a piece fails
    (``Cancelled`` included), the temporary file is removed and ``path`` untouched.
    """
    path = Path(path)
    refuse_journal_target(path)
    return _replace_with(path, pieces, mode)


def replace_bytes(path: Path, data: bytes | bytearray, *, mode: int = 0o600) -> None:
    """:func:`atomic_write_bytes` without the check that ``path`` is not a journal.

    For files the person names that are not exports (the recovery code they save);
    everything else should go through :func:`atomic_write_bytes`.
    """
    _replace_with(Path(path), (data,), mode)


def _write_all(fd: int, data: Piece) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace_with(path: Path, pieces: Iterable[Piece], mode: int) -> int:
    """Write ``pieces`` to a temporary file beside ``path``, fsync, rename it over
    ``path``, fsync the folder; the bytes written."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, mode)
    size = 0
    try:
        try:
            block: list[Piece] = []
            gathered = 0
            for piece in pieces:
                block.append(piece)
                gathered += len(piece)
                if gathered >= WRITE_BLOCK:
                    _write_all(fd, block[0] if len(block) == 1 else b"".join(block))
                    size, block, gathered = size + gathered, [], 0
            if block:
                _write_all(fd, block[0] if len(block) == 1 else b"".join(block))
                size += gathered
            os.fsync(fd)
        finally:
            os.close(fd)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return size
