"""Files on disk around a vault: durable renames, temporary copies, and stamps.

Everything written outside SQLite (a backup, a restored journal) goes temp ->
fsync -> name -> fsync the folder, so a crash leaves the old state or the new,
never a half-made file under a good name. A :class:`FileStamp` tells whether
another program (a sync tool) replaced or rewrote the journal's file while it
was open here.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from journal_app.vault.errors import VaultExists


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def sidecars(path: Path) -> tuple[Path, ...]:
    """SQLite's companion files for ``path``."""
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def remove_with_sidecars(path: Path) -> None:
    for leftover in (path, *sidecars(path)):
        leftover.unlink(missing_ok=True)


def new_temp_beside(path: Path, purpose: str) -> Path:
    """An empty file, readable by its owner only, in the same folder as ``path``.

    Copies are built under such a name and renamed into place only when verified,
    so an interrupted copy is never mistaken for a good one.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for _ in range(8):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.{purpose}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return temp
    raise FileExistsError(f"could not make a temporary file beside {path}")


def place_new(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` without ever replacing a file already there."""
    try:
        os.link(temp, path)  # fails rather than replace a file made meanwhile
    except FileExistsError:
        raise VaultExists() from None
    except OSError:
        # Some file systems (FAT on a memory stick) have no hard links.
        if path.exists():
            raise VaultExists() from None
        temp.replace(path)
    fsync_dir(path.parent)


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What the file system says about a file: which file it is, its size and time.

    Taken after each of Tend's own writes. A sync tool that puts another copy in
    place (a rename over it) changes the device and inode; one that writes into
    the file changes its size or modification time. SQLite's own change counter
    cannot tell: with its exclusive lock held, SQLite stops updating it.
    """

    device: int
    inode: int
    size: int
    modified_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        """The file's stamp now, or None if nothing is at ``path`` any more."""
        try:
            info = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
