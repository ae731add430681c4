"""Settings > Country or region: the place whose help Support and the plan show."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from journal_app.ui.common.country import COUNTRY_LABEL, CountryBox
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.widgets import label
from journal_app.ui.settings.page import CONTROL_HEIGHT, SettingsPage, form_label, new_form

COUNTRY_LEAD = (
    "Support shows the emergency number and the helplines for this place, and so do "
    "your plan for hard moments and any copy of it you print or save."
)
COUNTRY_KEPT = (
    "It is kept in Tend's settings on this computer, outside the journal, so that "
    "Support can show it before you unlock."
)


class CountryPage(SettingsPage):
    title = COUNTRY_LABEL

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.layout_.addWidget(label(COUNTRY_LEAD, "lead"))
        self.box = CountryBox()
        self.box.setMinimumHeight(CONTROL_HEIGHT)
        form = new_form()
        form.addRow(form_label(f"&{COUNTRY_LABEL}", self.box), self.box)
        self.layout_.addLayout(form)
        self.layout_.addWidget(label(COUNTRY_KEPT, "muted"))
        self.layout_.addStretch(1)
        self._loaded = ""
        self.box.currentIndexChanged.connect(self.changed)

    def load(self) -> None:
        self.box.set_code(self.settings.country)
        self._loaded = self.box.code()

    def save(self) -> None:
        # Only a change made here is kept: Support may have chosen since this opened.
        if self.box.code() != self._loaded:
            self.settings.country = self.box.code()
            self._loaded = self.box.code()
