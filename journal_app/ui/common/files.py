"""File dialogs that keep no history of files, and start where the person expects.

``FILE_DIALOG``: Qt's own file dialog, not the platform's. Native dialogs add
what was chosen to the desktop's recent-files lists (GTK's recently-used.xbel,
Windows' Open/Save MRU), which would name the journal file, a saved recovery code
and every export, whose name may be the person's own words, in plain text on disk
(DESIGN.md, promise 1); Qt offers no way to ask a native dialog not to. Qt's dialog
remembers only folders, in Qt's own settings. Durable writes of files outside the
vault are ``journal_app.journal.files.atomic_write_bytes``.

Each dialog opens in the folder last chosen for the same purpose (an export where
the last export went, a backup where the last backup went), else in the person's
Documents folder. Only folders are remembered, never a file's name.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from journal_app.ui.common.preferences import AppSettings

FILE_DIALOG = QFileDialog.Option.DontUseNativeDialog


class Purpose(StrEnum):
    """What a file is chosen for; each remembers its own folder."""

    EXPORT = "export"
    IMPORT = "import"
    BACKUP = "backup"
    PHOTO = "photo"


def documents_folder() -> Path:
    """The person's Documents folder, or their home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(purpose: Purpose) -> Path:
    """Where a dialog for ``purpose`` opens: the last folder chosen for it, if it is
    still there, else Documents."""
    folder = AppSettings().last_folder(purpose.value)
    return folder if folder is not None and folder.is_dir() else documents_folder()


def remember(purpose: Purpose, chosen: str | Path, *, is_folder: bool = False) -> None:
    """Keep the folder of what was chosen (or the chosen folder itself) for next time."""
    if not chosen:
        return
    path = Path(chosen)
    settings = AppSettings()
    settings.set_last_folder(purpose.value, path if is_folder else path.parent)
    settings.sync()


def save_file_name(
    parent: QWidget | None,
    purpose: Purpose,
    caption: str,
    name: str,
    filters: str,
    options: QFileDialog.Option = FILE_DIALOG,
) -> tuple[str, str]:
    """Ask where to save a file called ``name`` at first; (path, filter chosen), or
    ("", "") if the person would rather not."""
    chosen, kind = QFileDialog.getSaveFileName(
        parent, caption, str(start_folder(purpose) / name), filters, "", options
    )
    remember(purpose, chosen)
    return chosen, kind


def open_file_name(
    parent: QWidget | None, purpose: Purpose, caption: str, filters: str
) -> tuple[str, str]:
    """Ask which file to open; (path, filter chosen), or ("", "")."""
    chosen, kind = QFileDialog.getOpenFileName(
        parent, caption, str(start_folder(purpose)), filters, "", FILE_DIALOG
    )
    remember(purpose, chosen)
    return chosen, kind


def existing_folder(parent: QWidget | None, purpose: Purpose, caption: str) -> str:
    """Ask for a folder; its path, or "" if none was chosen."""
    chosen = QFileDialog.getExistingDirectory(
        parent, caption, str(start_folder(purpose)), FILE_DIALOG | QFileDialog.Option.ShowDirsOnly
    )
    remember(purpose, chosen, is_folder=True)
    return chosen


__all__ = [
    "FILE_DIALOG",
    "Purpose",
    "documents_folder",
    "existing_folder",
    "open_file_name",
    "remember",
    "save_file_name",
    "start_folder",
]
