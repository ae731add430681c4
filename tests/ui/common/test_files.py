"""File dialogs start in Documents, then where the last one for the same purpose went;
only folders are remembered, never a file's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from journal_app.ui.common import files
from journal_app.ui.common.files import Purpose
from journal_app.ui.common.preferences import AppSettings


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    real = QStandardPaths.writableLocation

    def located(where: QStandardPaths.StandardLocation) -> str:
        if where == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(folder)
        return real(where)

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(located))
    return folder


def test_the_first_dialog_opens_in_documents(documents, file_dialogs) -> None:
    assert files.save_file_name(None, Purpose.EXPORT, "Export", "notes.md", "*.md") == ("", "")
    assert file_dialogs.starts == [str(documents / "notes.md")]
    files.open_file_name(None, Purpose.IMPORT, "Import", "*")
    files.existing_folder(None, Purpose.BACKUP, "Choose a folder")
    assert file_dialogs.starts[1:] == [str(documents), str(documents)]


def test_each_purpose_remembers_its_own_folder(documents, file_dialogs, tmp_path) -> None:
    exports, backups = tmp_path / "exports", tmp_path / "backups"
    exports.mkdir()
    backups.mkdir()
    file_dialogs.answers += [str(exports / "my week.md"), str(backups)]
    files.save_file_name(None, Purpose.EXPORT, "Export", "notes.md", "*.md")
    files.existing_folder(None, Purpose.BACKUP, "Choose a folder")
    file_dialogs.starts.clear()
    files.save_file_name(None, Purpose.EXPORT, "Export", "notes.md", "*.md")
    files.existing_folder(None, Purpose.BACKUP, "Choose a folder")
    files.open_file_name(None, Purpose.IMPORT, "Import", "*")
    assert file_dialogs.starts == [str(exports / "notes.md"), str(backups), str(documents)]
    stored = Path(AppSettings().file_name).read_text(encoding="utf-8")
    assert "my week" not in stored, "a file's name may be the person's words"


def test_a_folder_gone_since_is_not_offered(documents, file_dialogs, tmp_path) -> None:
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    file_dialogs.answers.append(str(gone / "copy.md"))
    files.save_file_name(None, Purpose.EXPORT, "Export", "notes.md", "*.md")
    gone.rmdir()
    assert files.start_folder(Purpose.EXPORT) == documents


def test_my_plans_copy_starts_where_the_last_export_went(
    qtbot, documents, file_dialogs, message_boxes, tmp_path
) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from journal_app.ui.support.plan_copy import EXPORT_NAME, ask_where_to_save

    parent = QWidget()
    qtbot.addWidget(parent)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    message_boxes.answers += [QMessageBox.StandardButton.Save] * 2
    file_dialogs.answers.append(str(elsewhere / "plan.md"))
    assert ask_where_to_save(parent) == elsewhere / "plan.md"
    ask_where_to_save(parent)
    assert file_dialogs.starts == [
        str(documents / f"{EXPORT_NAME}.md"),
        str(elsewhere / f"{EXPORT_NAME}.md"),
    ]
