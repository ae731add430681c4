"""The packs that come with Tend, each turned on (or off) with one button.

Turning a sample pack on imports it into the journal like any pack (sealed in the
vault, listed with the others, removable), so that which ones a person uses is
theirs alone. Once imported, the button turns the pack off and on again, exactly
as ticking it in the list above does; both show the same state.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from journal_app.journal.library import sample_packs
from journal_app.journal.packs import Pack
from journal_app.ui.common.widgets import button, label
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError

TEXT_SAMPLES_TITLE = "Sample packs from Tend"
TEXT_SAMPLES_LEAD = (
    "Written with the same care as Tend’s own prompts. Turning one on adds it to your packs."
)
TEXT_TURN_ON = "Turn on"
TEXT_TURN_OFF = "Turn off"


def _prompts_phrase(count: int) -> str:
    return "1 prompt" if count == 1 else f"{count} prompts"


class SamplePacks(QWidget):
    """One row per sample pack: its name, its prompts and description, and a button."""

    status_message = Signal(str)

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplePacks")
        self.service = service
        self.samples = sample_packs()
        self.buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(label(TEXT_SAMPLES_TITLE, "subheading"))
        layout.addWidget(label(TEXT_SAMPLES_LEAD, "muted"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        for row, pack in enumerate(self.samples):
            name = label(f"{pack.name} · {_prompts_phrase(len(pack.prompts))}")
            name.setToolTip(pack.description)
            name.setAccessibleName(pack.name)
            name.setAccessibleDescription(pack.description)
            toggle = button(
                TEXT_TURN_ON,
                f"Offer the prompts of “{pack.name}” with Tend’s own",
                accessible_name=f"Turn on {pack.name}",
                on_click=partial(self.toggle, pack),
            )
            grid.addWidget(name, row, 0)
            grid.addWidget(toggle, row, 1)
            self.buttons[pack.id] = toggle
        layout.addLayout(grid)
        service.packs_changed.connect(self.refresh)
        self.refresh()

    def _imported(self) -> dict[str, Pack]:
        packs = self.service.prompt_packs() if self.service.is_unlocked else []
        return {pack.id: pack for pack in packs}

    @Slot()
    def refresh(self) -> None:
        """Each button says what it will do now: Turn on, or Turn off a pack that is on."""
        imported = self._imported()
        for pack in self.samples:
            toggle = self.buttons[pack.id]
            kept = imported.get(pack.id)
            on = kept is not None and kept.enabled
            verb = TEXT_TURN_OFF if on else TEXT_TURN_ON
            toggle.setText(verb)
            toggle.setAccessibleName(f"{verb} {pack.name}")
            toggle.setToolTip(
                f"Stop offering the prompts of “{pack.name}” for now"
                if on
                else f"Offer the prompts of “{pack.name}” with Tend’s own"
            )
            toggle.setEnabled(self.service.is_unlocked)

    def toggle(self, pack: Pack, _checked: bool = False) -> None:
        """Turn a sample pack on (importing it the first time) or off."""
        if not self.service.is_unlocked:
            return
        kept = self._imported().get(pack.id)
        try:
            if kept is None:
                self.service.import_pack(pack)
                news = f"“{pack.name}” is on. Its prompts are offered with Tend’s own."
            elif kept.enabled:
                self.service.set_pack_enabled(pack.id, False)
                news = f"“{pack.name}” is turned off; its prompts rest for now."
            else:
                self.service.set_pack_enabled(pack.id, True)
                news = f"“{pack.name}” is on again."
        except (VaultError, KeyError) as exc:
            news = str(exc)
        self.refresh()
        self.status_message.emit(news)
