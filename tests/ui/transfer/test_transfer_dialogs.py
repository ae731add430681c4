"""Export, import, backup and restore speak through Tend's own dialogs and file dialogs."""

from __future__ import annotations

from pathlib import Path

from journal_app.ui.transfer.export_dialog import EVERYTHING
from tests.ui._transfer_fixtures import Ok, rich_journal, wait_for_task, window

__all__ = ["rich_journal", "window"]  # fixtures, used by name

TRANSFER = Path(__file__).parents[3] / "journal_app" / "ui" / "transfer"


def test_no_stock_message_box_is_left_in_transfer():
    for path in sorted(TRANSFER.glob("*.py")):
        assert "QMessageBox" not in path.read_text(encoding="utf-8"), path.name


def test_an_export_starts_where_the_last_export_went(
    qtbot, window, tmp_path, message_boxes, file_dialogs
):
    exports = tmp_path / "exports"
    exports.mkdir()
    for answer in (exports / "first.md", ""):
        dialog = window.transfer.export()
        assert dialog is not None
        dialog.set_choice(EVERYTHING)
        dialog.set_format("md")
        message_boxes.answers.append(Ok)
        file_dialogs.answers.append(str(answer))
        dialog.export_button.click()
        if answer:
            wait_for_task(qtbot, dialog.task)
            qtbot.waitUntil(lambda d=dialog: not d.isVisible())
        else:
            dialog.reject()
    assert Path(file_dialogs.starts[-1]).parent == exports
    assert ("information", "Exported") in [call[:2] for call in message_boxes.calls]
