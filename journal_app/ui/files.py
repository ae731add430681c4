"""Files outside the vault: durable writes, and file dialogs that keep no history.

``write_atomically``: temp file beside the target -> write -> fsync -> rename over
the target -> fsync the folder, so a crash leaves the old file or the new one,
never neither. Used for the recovery code the person saves.

``FILE_DIALOG``: Qt's own file dialog, not the platform's. Native dialogs add
what was chosen to the desktop's recent-files lists (GTK's recently-used.xbel,
Windows' Open/Save MRU), which would name the journal file and a saved recovery
code; Qt's dialog remembers only folders, in Qt's own settings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

FILE_DIALOG = QFileDialog.Option.DontUseNativeDialog


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to fsync it; the rename is durable there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` durably; readable only by the owner where possible."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, mode)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
