"""The recovery code, shown once: copy it, save it, print it, and say it is kept.

Used on the first run, right after the journal is made, and from Settings when
a new code replaces the old one. The code leaves this widget only when the
person asks (copy, save, print); it is dropped from the screen as soon as they
move on.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.files import atomic_write_bytes
from journal_app.ui.common.clipboard import DEFAULT_CLEAR_MS, SecretClipboard
from journal_app.ui.common.files import FILE_DIALOG, documents_folder
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.questions import confirm
from journal_app.ui.common.widgets import button, label, row
from journal_app.vault.errors import VaultExists

if TYPE_CHECKING:
    # Loaded when the person prints, not with the window.
    from PySide6.QtPrintSupport import QPrinter

SAVE_FILE_NAME = "Tend recovery code.txt"

SKIP_TITLE = "Continue without the recovery code?"
SKIP_MESSAGE = (
    "Without the recovery code, only your passphrase opens this journal. If the "
    "passphrase is ever forgotten, there is no other way in.\n\n"
    "You can make a new recovery code at any time in Settings."
)


def _two_lines(code: str) -> str:
    groups = code.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "\n" + "-".join(groups[half:])


class RecoveryCodeWidget(QWidget):
    """Shows one recovery code with Copy, Save to file and Print, then a confirmation."""

    confirmed = Signal()
    skipped = Signal()
    status_message = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        skip_text: str = "Skip for now",
        clear_ms: int = DEFAULT_CLEAR_MS,
    ) -> None:
        super().__init__(parent)
        self._code = ""
        self.clipboard = SecretClipboard(self, clear_ms)

        self.heading = label("Your recovery code", "heading")
        self.explanation = label(
            "If you ever forget your passphrase, this code opens your journal. "
            "It is shown only now. Please keep a copy somewhere safe, away from this "
            "computer: on paper, or somewhere only you can reach.",
            "lead",
        )
        self.code_label = label("", "code", wrap=False)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.code_label.setAccessibleName("Recovery code")
        self.code_label.setToolTip("Your recovery code; it is shown only now")

        self.copy_button = button(
            "&Copy",
            "Copy the code; Tend clears the clipboard after a minute",
            on_click=self.copy_code,
        )
        self.save_button = button(
            "&Save to file…", "Save the code in a text file you choose", on_click=self.save_code
        )
        self.print_button = button("&Print…", "Print the code on paper", on_click=self.print_code)

        self.status = label("", "muted")
        self.status.setAccessibleName("Recovery code status")
        self.status.setVisible(False)

        self.kept = QCheckBox("I have kept it somewhere safe")
        self.kept.setAccessibleName("I have kept it somewhere safe")
        self.kept.setToolTip("Tick this once you have written down, saved or printed the code")
        self.continue_button = button(
            "Continue", "Go on to your journal", role="primary", on_click=self._on_continue
        )
        self.continue_button.setEnabled(False)
        self.skip_button = button(
            skip_text, "Go on without keeping the code", on_click=self._on_skip
        )
        self.kept.toggled.connect(self.continue_button.setEnabled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addWidget(self.code_label)
        layout.addLayout(row(self.copy_button, self.save_button, self.print_button, None))
        layout.addWidget(self.status)
        layout.addWidget(self.kept)
        layout.addLayout(row(self.skip_button, None, self.continue_button))

        self.setTabOrder(self.code_label, self.copy_button)
        self.setTabOrder(self.copy_button, self.save_button)
        self.setTabOrder(self.save_button, self.print_button)
        self.setTabOrder(self.print_button, self.kept)
        self.setTabOrder(self.kept, self.continue_button)
        self.setTabOrder(self.continue_button, self.skip_button)

    # ------------------------------------------------------------------ code

    @property
    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        self._code = code
        self.code_label.setText(_two_lines(code))
        self._say("")
        self.kept.setChecked(False)

    def clear(self) -> None:
        """Forget the code and take it off the screen (the clipboard is cleared separately)."""
        self._code = ""
        self.code_label.clear()
        self.status.clear()
        self.status.setVisible(False)
        self.kept.setChecked(False)

    def focus_first(self) -> None:
        self.copy_button.setFocus()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status_message.emit(text)

    # --------------------------------------------------------------- actions

    @Slot()
    def copy_code(self) -> None:
        if not self._code:
            return
        self.clipboard.copy(self._code)
        self._say("Copied. Tend will clear the clipboard in a minute.")

    @Slot()
    def save_code(self) -> None:
        if not self._code:
            return
        # Always Documents: where a recovery code was saved is not remembered anywhere.
        start = str(documents_folder() / SAVE_FILE_NAME)
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save the recovery code",
            start,
            "Text files (*.txt);;All files (*)",
            "",
            FILE_DIALOG,
        )
        if not name:
            return
        text = (
            "Tend recovery code\n\n"
            f"{self._code}\n\n"
            "This code opens your Tend journal if the passphrase is forgotten.\n"
            "Keep it somewhere safe, away from the computer.\n"
            f"Made on {date.today().isoformat()}.\n"
        )
        try:
            atomic_write_bytes(Path(name), text.encode("utf-8"))
        except VaultExists:
            self._say("That file is a Tend journal, so it was left alone. Please choose another.")
            return
        except OSError as exc:
            reason = exc.strerror or "the file could not be written"
            self._say(f"The code could not be saved there ({reason}). Please try another place.")
            return
        self._say(f"Saved to {Path(name).name}.")

    def make_printer(self) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        return QPrinter(QPrinter.PrinterMode.HighResolution)

    def ask_print(self, printer: QPrinter) -> bool:
        """Ask where to print; tests replace this, as the real dialog waits for a person."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the recovery code")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def document_html(self) -> str:
        code = html.escape(self._code)
        return (
            "<h2 style='font-family: sans-serif'>Tend recovery code</h2>"
            f"<p style='font-family: monospace; font-size: 20pt; margin: 24px 0'>{code}</p>"
            "<p style='font-family: sans-serif'>This code opens your Tend journal if the "
            "passphrase is forgotten. Keep this page somewhere safe, away from the computer.</p>"
            f"<p style='font-family: sans-serif; color: #555'>Made on "
            f"{date.today().isoformat()}.</p>"
        )

    @Slot()
    def print_code(self) -> None:
        if not self._code:
            return
        try:
            printer = self.make_printer()
        except ImportError:  # pragma: no cover - QtPrintSupport ships with PySide6-Essentials
            self._say("Printing is not available here. Please copy or save the code instead.")
            return
        if not self.ask_print(printer):
            return
        document = QTextDocument()
        document.setHtml(self.document_html())
        document.print_(printer)
        self._say("Sent to the printer.")

    @Slot()
    def _on_continue(self) -> None:
        if self.kept.isChecked():
            self.confirmed.emit()

    @Slot()
    def _on_skip(self) -> None:
        if confirm(self, SKIP_TITLE, SKIP_MESSAGE, "Continue without it", "Go back"):
            self.skipped.emit()


class RecoveryCodeDialog(QDialog):
    """The recovery code in a dialog of its own, for a new code made from Settings."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        return_focus_on_close(self)
        self.setWindowTitle("New recovery code")
        self.widget = RecoveryCodeWidget(self, skip_text="Close without keeping it")
        self.widget.heading.setText("Your new recovery code")
        self.widget.explanation.setText(
            "This code replaces the old one, which no longer opens the journal. It is shown "
            "only now. Please keep a copy somewhere safe, away from this computer."
        )
        self.widget.continue_button.setText("Done")
        self.widget.continue_button.setToolTip("Close this window")
        self.widget.continue_button.setAccessibleName("Done")
        self.widget.set_code(code)
        self.widget.confirmed.connect(self.accept)
        self.widget.skipped.connect(self._leave_without_it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.widget)
        self.setMinimumWidth(560)
        self.finished.connect(lambda _result: self.widget.clear())

    def reject(self) -> None:
        """Escape or the close button: ask first, as the code cannot be shown again."""
        if self.widget.kept.isChecked():
            self.accept()
            return
        self.widget._on_skip()

    @Slot()
    def _leave_without_it(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
