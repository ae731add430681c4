"""The person's country or region: where Support, My plan and its printouts find help.

One setting (``AppSettings.country``), chosen on the welcome page, changeable in
Support and in Settings. It is kept in Tend's plain settings, not in the
journal, because Support must work on the lock screen before anything is
unlocked; a country code says nothing about what the person writes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from journal_app.journal.help import (
    EmergencyNumbers,
    HelpCatalogue,
    HelpDataError,
    load_catalogue,
)

OTHER_COUNTRY = ""
COUNTRY_LABEL = "Country or region"
COUNTRY_TIP = "Where you are: Support and your plan show the emergency number and helplines here"
_CODE = re.compile(r"[A-Z]{2}")


def is_country_code(code: str) -> bool:
    """An ISO 3166 code like "GB", or "" for a place Tend has no lines for."""
    return code == OTHER_COUNTRY or _CODE.fullmatch(code) is not None


def system_country() -> str:
    """The ISO code of the system's territory (e.g. "GB"), or "" when unknown."""
    territory = QLocale().territory()
    if territory == QLocale.Country.AnyTerritory:
        return OTHER_COUNTRY
    return QLocale.territoryToCode(territory)


def country_name(code: str) -> str:
    if not code:
        return "Another country or region"
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def emergency_sentence(numbers: EmergencyNumbers | None) -> str:
    if numbers is None:
        return "If you are in danger now, call your local emergency number."
    return f"If you are in danger now, call {numbers.spoken()}."


def catalogue_or_empty(catalogue: HelpCatalogue | None = None) -> HelpCatalogue:
    """``catalogue``, else the shipped one, else an empty one: the country list and
    the plan still open (showing the directories only) if the help data is unreadable."""
    if catalogue is not None:
        return catalogue
    try:
        return load_catalogue()
    except (HelpDataError, OSError):
        return HelpCatalogue((), {})


def help_lines(country: str, limit: int = 3) -> list[str]:
    """What a saved or printed plan ends with: the emergency number, and a few lines
    to call in the person's country, with the date they were checked."""
    try:
        catalogue = load_catalogue()
    except (HelpDataError, OSError):
        return [emergency_sentence(None)]
    lines = [emergency_sentence(catalogue.emergency_for(country))]
    talk = [r for r in catalogue.for_country(country) if r.kind == "talk" and r.phone][:limit]
    if talk:
        lines.append("To talk to someone now:")
        for resource in talk:
            hours = f" {resource.hours.rstrip('.')}." if resource.hours else ""
            lines.append(f"{resource.name}, {resource.phone}: {resource.offers}.{hours}")
        lines.append(f"These numbers were checked on {talk[0].checked.isoformat()}.")
    elif catalogue.directories():
        lines.append("To find a helpline wherever you are:")
        lines += [f"{r.name}: {r.url}" for r in catalogue.directories()]
    return lines


def uses_letter_paper(country: str) -> bool:
    """US Letter where it is the custom; A4 everywhere else."""
    return country in ("US", "CA", "MX", "PH")


class CountryBox(QComboBox):
    """Every country or region Tend has help for, by name, then "Another…".

    Signals:
        chosen(str): the person picked a place (its code); not sent by ``set_code``.
    """

    chosen = Signal(str)

    def __init__(
        self, catalogue: HelpCatalogue | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        catalogue = catalogue_or_empty(catalogue)
        self.setMinimumHeight(32)
        self.setAccessibleName(COUNTRY_LABEL)
        self.setToolTip(COUNTRY_TIP)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for code in sorted(catalogue.countries(), key=country_name):
            self.addItem(country_name(code), code)
        self.addItem(country_name(OTHER_COUNTRY), OTHER_COUNTRY)
        self.activated.connect(self._on_activated)

    def code(self) -> str:
        return str(self.currentData() or OTHER_COUNTRY)

    def set_code(self, code: str) -> None:
        """Show ``code``; a place Tend has no help for shows as "Another country"."""
        index = self.findData((code or OTHER_COUNTRY).upper())
        self.setCurrentIndex(index if index >= 0 else self.findData(OTHER_COUNTRY))

    @Slot(int)
    def _on_activated(self, _index: int) -> None:
        self.chosen.emit(self.code())


__all__ = [
    "COUNTRY_LABEL",
    "OTHER_COUNTRY",
    "CountryBox",
    "country_name",
    "emergency_sentence",
    "help_lines",
    "is_country_code",
    "system_country",
    "uses_letter_paper",
]
