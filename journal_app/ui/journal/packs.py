"""Prompt packs: import one (after a preview), turn packs off and on, remove them.

The Prompt packs window also offers the sample packs that come with Tend (one
button each, :mod:`journal_app.ui.journal.sample_packs`) and "Check a pack…", the
check a therapist runs before sending one (:mod:`journal_app.ui.journal.pack_check_dialog`).

A therapist writes a pack as a TOML file (see the README); the person imports it
from the File menu. The file is checked whole before anything is kept: a
malformed pack is refused with a message naming the line or field, and nothing
of it is imported. A good pack is shown first, every prompt with its theme, and
kept (inside the encrypted journal) only when the person says "Import".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.library import PackExists
from journal_app.journal.packs import Pack, PackError
from journal_app.ui.common.files import FILE_DIALOG
from journal_app.ui.common.questions import confirm
from journal_app.ui.common.widgets import button, label
from journal_app.ui.common.widgets import row as button_row
from journal_app.ui.journal.card_list import CardList
from journal_app.ui.journal.pack_check_dialog import check_pack_with_dialog
from journal_app.ui.journal.sample_packs import SamplePacks
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError

PACK_FILTER = "Prompt packs (*.toml);;All files (*)"

TEXT_IMPORT_TITLE = "Import a prompt pack"
TEXT_PREVIEW_LEAD = (
    "Have a look before you import it. Its prompts join Tend's own, as invitations "
    "you can always skip; you can turn the pack off or remove it at any time."
)
TEXT_REFUSED_TITLE = "This prompt pack cannot be imported"
TEXT_NOTHING_IMPORTED = (
    "Nothing from it was imported. Whoever wrote the pack can correct it and send it again."
)
TEXT_REPLACE_TITLE = "Replace the prompt pack?"
TEXT_IMPORTED = "“{name}” is imported. Its prompts are offered with Tend’s own."
TEXT_PACKS_TITLE = "Prompt packs"
TEXT_PACKS_LEAD = (
    "Prompt packs add prompts written by someone you trust, such as your therapist. "
    "They are kept inside your encrypted journal. A pack that is turned off offers "
    "no prompts until you turn it on again."
)
TEXT_NO_PACKS = (
    "No prompt packs yet. If your therapist has written one for you, choose "
    "Import prompt pack… to add it, or turn on one of Tend’s sample packs below."
)
TEXT_REMOVE_TITLE = "Remove the prompt pack"
TEXT_REMOVE_QUESTION = (
    "Remove “{name}”? Its prompts will no longer be offered. Entries you wrote with "
    "them keep their prompts."
)
TEXT_NO_THEME = "No theme"
TEXT_HEAVY_MARK = "shown with a gentle note first"


def _prompts_phrase(count: int) -> str:
    return "1 prompt" if count == 1 else f"{count} prompts"


def describe_problem(error: PackError) -> str:
    """The refusal, for the person: where ("Prompt 3"), then what. The refused words
    travel apart from the sentence, so they are never echoed back to the person."""
    return error.finding.sentence(show_word=False)


def _theme_names(service: JournalService) -> dict[str, str]:
    return {theme.id: theme.name for theme in service.prompt_themes()}


class PackPreviewDialog(QDialog):
    """A pack's name, author, description and every prompt, before it is imported."""

    def __init__(
        self, pack: Pack, theme_names: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT_IMPORT_TITLE)
        self.setObjectName("packPreview")
        self.resize(620, 640)
        self.setMinimumWidth(460)
        self.pack = pack
        self.name_label = label(pack.name, "heading")
        self.name_label.setAccessibleName("Pack name")
        self.author_label = label(f"by {pack.author}", "muted")
        self.author_label.setAccessibleName("Written by")
        self.description_label = label(pack.description, "lead")
        self.description_label.setAccessibleName("About this pack")
        self.description_label.setVisible(bool(pack.description))
        self.lead = label(TEXT_PREVIEW_LEAD, "muted")
        self.count_label = label(_prompts_phrase(len(pack.prompts)), "subheading")

        self.list = CardList(self, bold_names=False)
        self.list.setObjectName("packPromptList")
        self.list.setAccessibleName("The pack's prompts")
        self.list.setToolTip("Every prompt in the pack, with its theme")
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for prompt in pack.prompts:
            details = [theme_names.get(prompt.theme or "", "") or TEXT_NO_THEME]
            if prompt.follow_up:
                details.append(prompt.follow_up)
            if prompt.heavy:
                details.append(TEXT_HEAVY_MARK)
            self.list.add_card(prompt.text, " · ".join(details))

        self.import_button = button(
            "Import", "Keep this pack in your journal", role="primary", on_click=self.accept
        )
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        self.cancel_button = button("Cancel", "Import nothing", on_click=self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(8)
        layout.addWidget(self.name_label)
        layout.addWidget(self.author_label)
        layout.addWidget(self.description_label)
        layout.addSpacing(4)
        layout.addWidget(self.lead)
        layout.addSpacing(8)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)
        buttons = button_row(None, self.cancel_button, self.import_button)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def prompt_texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    @classmethod
    def ask(cls, parent: QWidget | None, pack: Pack, theme_names: dict[str, str]) -> bool:
        """Show the pack; True if the person chose Import."""
        dialog = cls(pack, theme_names, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


def _start_folder() -> str:
    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return downloads if downloads and Path(downloads).is_dir() else str(Path.home())


def import_pack_file(parent: QWidget, service: JournalService, path: Path) -> str:
    """Check, preview and import one pack file. Returns news for the status bar ("")."""
    if not service.is_unlocked:
        return ""
    try:
        pack = service.read_pack(path)
    except PackError as error:
        QMessageBox.warning(
            parent,
            TEXT_REFUSED_TITLE,
            f"“{path.name}” is not a prompt pack Tend can use.\n\n"
            f"{describe_problem(error)}\n\n{TEXT_NOTHING_IMPORTED}",
        )
        return ""
    if not PackPreviewDialog.ask(parent, pack, _theme_names(service)):
        return ""
    if not service.is_unlocked:
        return ""  # Tend locked while the preview was open: nothing is kept
    try:
        try:
            kept = service.import_pack(pack)
        except PackExists as exists:
            answer = QMessageBox.question(
                parent,
                TEXT_REPLACE_TITLE,
                f"{exists}\n\nThe pack you have now will be replaced by the one you "
                "just looked at. Entries you wrote with its prompts keep them.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes or not service.is_unlocked:
                return ""
            kept = service.import_pack(pack, replace=True)
    except VaultError as exc:
        QMessageBox.warning(parent, TEXT_IMPORT_TITLE, str(exc))
        return ""
    return TEXT_IMPORTED.format(name=kept.name)


def import_pack_with_dialog(parent: QWidget, service: JournalService) -> str:
    """Ask for a pack file (Qt's own dialog, which keeps no recent-files list)."""
    if not service.is_unlocked:
        return ""
    name, _ = QFileDialog.getOpenFileName(
        parent, TEXT_IMPORT_TITLE, _start_folder(), PACK_FILTER, "", FILE_DIALOG
    )
    if not name or not service.is_unlocked:
        return ""
    return import_pack_file(parent, service, Path(name))


def ask_remove_pack(parent: QWidget, pack: Pack) -> bool:
    """The plain question before a pack is removed. Tests patch ``QMessageBox.exec``."""
    text = TEXT_REMOVE_QUESTION.format(name=pack.name)
    return confirm(parent, TEXT_REMOVE_TITLE, text, "Remove the pack", "Keep it")


PackIdRole = Qt.ItemDataRole.UserRole + 10


class PacksDialog(QDialog):
    """The imported packs: a checkbox turns each on or off; Remove… deletes one."""

    import_requested = Signal()
    status_message = Signal(str)

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT_PACKS_TITLE)
        self.setObjectName("packsDialog")
        self.resize(600, 600)
        self.setMinimumWidth(440)
        self.service = service
        self._filling = False

        heading = label(TEXT_PACKS_TITLE, "heading")
        lead = label(TEXT_PACKS_LEAD, "muted")
        self.list = CardList(self)
        self.list.setObjectName("packList")
        self.list.setAccessibleName("Prompt packs")
        self.list.setToolTip(
            "Tick a pack to offer its prompts; Space turns the chosen one on or off"
        )
        self.empty_note = label(TEXT_NO_PACKS, "muted")
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_note.setAccessibleName("About prompt packs")
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.setContentsMargins(24, 32, 24, 24)
        empty_layout.addWidget(self.empty_note)
        empty_layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(empty_page)

        self.import_button = button(
            "Import prompt pack…",
            "Add a pack of prompts from a file",
            on_click=self.import_requested,
        )
        self.remove_button = button(
            "Remove…", "Delete the chosen pack from your journal", on_click=self.remove_selected
        )
        self.remove_button.setAccessibleName("Remove the chosen pack")
        self.check_button = button(
            "Check a pack…",
            "See every problem in a pack file before you send it; nothing is imported",
            on_click=self.check_pack,
        )
        self.samples = SamplePacks(service, self)
        self.samples.status_message.connect(self.status_message)
        self.close_button = button("Close", "Close this window", on_click=self.accept)
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addSpacing(4)
        layout.addWidget(self.stack, 1)
        layout.addSpacing(6)
        layout.addWidget(self.samples)
        buttons = button_row(
            self.import_button, self.remove_button, self.check_button, None, self.close_button
        )
        layout.addSpacing(4)
        layout.addLayout(buttons)

        self.list.itemChanged.connect(self._on_item_changed)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        service.packs_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Show the packs as they are now (nothing while the journal is locked)."""
        current = self.list.currentItem()
        keep = current.data(PackIdRole) if current is not None else None
        self._filling = True
        try:
            self.list.clear()
            packs = self.service.prompt_packs() if self.service.is_unlocked else []
            for pack in packs:
                item = self.list.add_card(pack.name, self._item_details(pack))
                item.setData(PackIdRole, pack.id)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(
                    Qt.CheckState.Checked if pack.enabled else Qt.CheckState.Unchecked
                )
                state = "on" if pack.enabled else "off"
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole,
                    f"{pack.name}, by {pack.author}, {_prompts_phrase(len(pack.prompts))}, "
                    f"turned {state}",
                )
                item.setToolTip(pack.description or pack.name)
                if pack.id == keep:
                    self.list.setCurrentItem(item)
            if self.list.count() and self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
        finally:
            self._filling = False
        self.stack.setCurrentIndex(0 if self.list.count() else 1)
        self._update_buttons()

    @staticmethod
    def _item_details(pack: Pack) -> str:
        state = "" if pack.enabled else " · turned off"
        details = f"by {pack.author} · {_prompts_phrase(len(pack.prompts))}{state}"
        return f"{details}\n{pack.description}" if pack.description else details

    def _update_buttons(self) -> None:
        unlocked = self.service.is_unlocked
        self.remove_button.setEnabled(unlocked and self.list.currentItem() is not None)
        self.import_button.setEnabled(unlocked)

    def selected_pack(self) -> Pack | None:
        item = self.list.currentItem()
        if item is None or not self.service.is_unlocked:
            return None
        pack_id = item.data(PackIdRole)
        return next((p for p in self.service.prompt_packs() if p.id == pack_id), None)

    @Slot(QListWidgetItem)
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._filling or not self.service.is_unlocked:
            return
        enabled = item.checkState() == Qt.CheckState.Checked
        try:
            pack = self.service.set_pack_enabled(item.data(PackIdRole), enabled)
        except (VaultError, KeyError) as exc:
            self.status_message.emit(str(exc))
            self.refresh()
            return
        news = "is on again" if pack.enabled else "is turned off; its prompts rest for now"
        self.status_message.emit(f"“{pack.name}” {news}.")

    def set_enabled(self, pack_id: str, enabled: bool) -> None:
        """Tick or untick a pack's box, as a person would."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(PackIdRole) == pack_id:
                item.setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)

    @Slot()
    def check_pack(self) -> None:
        """A therapist's check of a pack file: the report names every problem."""
        check_pack_with_dialog(self)

    @Slot()
    def remove_selected(self) -> None:
        pack = self.selected_pack()
        if pack is None or not ask_remove_pack(self, pack):
            return
        if not self.service.is_unlocked:
            return
        try:
            self.service.remove_pack(pack.id)
        except (VaultError, KeyError) as exc:
            self.status_message.emit(str(exc))
            return
        self.status_message.emit(f"“{pack.name}” is removed.")
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def done(self, result: int) -> None:
        """Closing (or locking) takes the packs' names off the screen."""
        self._filling = True
        self.list.clear()
        self._filling = False
        super().done(result)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
