"""Where backups go, and what their files are called: shared by Back up now, the
Backups settings page and Restore."""

from __future__ import annotations

from pathlib import Path

BACKUP_SUFFIX = ".tend"
BACKUP_FILTER = "Tend backups (*.tend);;All files (*)"


def start_folder(*candidates: Path | None) -> Path:
    """The first of ``candidates`` that is a folder now, else the home folder: where a
    file dialog opens."""
    for folder in candidates:
        if folder is not None and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def with_suffix(name: str) -> Path:
    """The file name chosen, with ``.tend`` added if it has no suffix of its own."""
    path = Path(name)
    return path if path.suffix else path.with_name(path.name + BACKUP_SUFFIX)


__all__ = ["BACKUP_FILTER", "BACKUP_SUFFIX", "start_folder", "with_suffix"]
