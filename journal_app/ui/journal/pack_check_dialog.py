"""Check a pack: what a therapist runs before sending one, from the Prompt packs window.

The same check as ``tend pack check`` (:mod:`journal_app.journal.pack_check`): the
verdict first, then every problem with the prompt's number. Unlike the import,
which never repeats a refused word to the person, this report names the words,
because the one reading it wrote them. Nothing is imported and nothing is kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QVBoxLayout, QWidget

from journal_app.journal.pack_check import PackCheck, check_pack_file, verdict
from journal_app.ui.common.files import Purpose, open_file_name
from journal_app.ui.common.widgets import button, label
from journal_app.ui.common.widgets import row as button_row
from journal_app.ui.journal.card_list import CardList, DescriptionRole

PACK_FILTER = "Prompt packs (*.toml);;All files (*)"
TEXT_CHECK_TITLE = "Check a prompt pack"
TEXT_CHECK_NOTE = (
    "Tend checks the wording of a pack, not its meaning, so read each prompt as "
    "the person will. Nothing is imported by a check. Whoever imports the pack "
    "sees every prompt before choosing to keep it."
)
TEXT_WHOLE_FILE = "The file"


class PackCheckDialog(QDialog):
    """The report of one check: the verdict, what to keep in mind, every problem."""

    def __init__(self, path: Path, check: PackCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT_CHECK_TITLE)
        self.setObjectName("packCheck")
        self.resize(620, 520 if check.findings else 300)
        self.setMinimumWidth(460)
        self.check = check
        self.verdict_label = label(verdict(check, path.name), "subheading")
        self.verdict_label.setAccessibleName("What the check found")
        self.note = label(TEXT_CHECK_NOTE, "muted")
        self.note.setAccessibleName("About the check")

        self.list = CardList(self, bold_names=True)
        self.list.setObjectName("packProblems")
        self.list.setAccessibleName("Problems to correct")
        self.list.setToolTip("Each problem, with the prompt it is in")
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for finding in check.findings:
            self.list.add_card(finding.place or TEXT_WHOLE_FILE, finding.what())
        self.list.setVisible(bool(check.findings))

        self.close_button = button("Close", "Close this report", on_click=self.accept)
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(label(TEXT_CHECK_TITLE, "heading"))
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        if not check.findings:
            layout.addStretch(1)
        layout.addLayout(button_row(None, self.close_button))
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def problems(self) -> list[tuple[str, str]]:
        """(place, problem) of each row, as shown."""
        items = [self.list.item(row) for row in range(self.list.count())]
        return [(item.text(), str(item.data(DescriptionRole))) for item in items]

    @classmethod
    def show_check(cls, parent: QWidget | None, path: Path) -> PackCheck:
        """Check the file and show the report until it is closed."""
        check = check_pack_file(path)
        dialog = cls(path, check, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        return check


def check_pack_with_dialog(parent: QWidget) -> PackCheck | None:
    """Ask for a pack file (Qt's own dialog, which keeps no recent-files list) and check it."""
    name, _ = open_file_name(parent, Purpose.IMPORT, TEXT_CHECK_TITLE, PACK_FILTER)
    if not name:
        return None
    return PackCheckDialog.show_check(parent, Path(name))
