"""The two parts of My plan that show more than the person's words.

``PeopleChooser``: the people to ask for help, picked from My people rather than
typed again, so a number lives in one place and every edit there shows here.
``HelpLinesBox``: the chosen country's lines, one click from Support.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from journal_app.journal.help import HelpCatalogue
from journal_app.journal.personal import Person, PersonalTemplate, person_line
from journal_app.ui.common.country import catalogue_or_empty, country_name
from journal_app.ui.common.widgets import button, label

CHOOSER_NAME = "Choose from My people"
CHOOSER_TIP = "Tick the people you could ask for help; their details come from My people"
NO_PEOPLE = (
    "No one in My people yet. Add the people you trust there (in Support), and choose them here."
)
LINES_INTRO = "Help lines where you are:"
NO_LINES = "Support lists the emergency number and the helpline directories for anywhere."


class PeopleChooser(QWidget):
    """Tick people from My people; the plan keeps their ids, in the order picked.

    One check box per person (Tab moves between them, Space ticks), styled like
    every other check box in Tend, light or dark.

    Signals:
        changed(): the person ticked or unticked someone.
    """

    changed = Signal()

    def __init__(self, template: PersonalTemplate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self._picked: list[str] = []
        self.boxes: list[QCheckBox] = []
        # The box for the person's words, which Tab reaches after the check boxes
        # (they are made after it, so Qt would otherwise put them at the very end).
        self.next_in_tab: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setSpacing(4)
        self.empty = label(NO_PEOPLE, "muted")
        self._layout.addWidget(self.empty)
        self.setAccessibleName(CHOOSER_NAME)
        self.setToolTip(CHOOSER_TIP)

    def picked(self) -> tuple[str, ...]:
        return tuple(self._picked)

    def set_picked(self, person_ids: Iterable[str]) -> None:
        """Show these ids ticked (not sent as ``changed``: the plan already has them)."""
        self._picked = list(dict.fromkeys(person_ids))
        self._sync_ticks()

    def set_people(self, people: Sequence[Person]) -> None:
        """Show My people as it is now; the ticks stay with the same people."""
        shown = [(person.id, person_line(person, self.template)) for person in people]
        if shown and shown == [(b.property("person_id"), b.text()) for b in self.boxes]:
            return  # the plan itself was saved: nothing in My people changed
        focused = next((i for i, box in enumerate(self.boxes) if box.hasFocus()), -1)
        for box in self.boxes:  # their words go now, not when Qt deletes them later
            box.setText("")
            box.setAccessibleName("")
            box.hide()
            box.deleteLater()
        self.boxes = []
        for person_id, line in shown:
            box = QCheckBox(line)
            box.setProperty("person_id", person_id)
            box.setAccessibleName(f"Ask for help: {line}")
            box.setToolTip(CHOOSER_TIP)
            box.toggled.connect(lambda ticked, pid=person_id: self._on_toggled(pid, ticked))
            self._layout.addWidget(box)
            box.setVisible(True)  # now, not at the next turn of the event loop
            self.boxes.append(box)
        self._sync_ticks()
        self._place_in_tab_order()
        if 0 <= focused < len(self.boxes):
            self.boxes[focused].setFocus()
        self.empty.setVisible(not people)

    def _place_in_tab_order(self) -> None:
        if not self.boxes or self.next_in_tab is None:
            return
        before = self.next_in_tab.previousInFocusChain()
        # Qt orders only widgets that take focus by Tab: start from the last of those.
        while (
            before is not None
            and before is not self.next_in_tab
            and (before in self.boxes or not before.focusPolicy() & Qt.FocusPolicy.TabFocus)
        ):
            before = before.previousInFocusChain()
        if before is None:
            return
        for box in self.boxes:
            QWidget.setTabOrder(before, box)
            before = box

    def _sync_ticks(self) -> None:
        for box in self.boxes:
            blocker = box.blockSignals(True)
            try:
                box.setChecked(box.property("person_id") in self._picked)
            finally:
                box.blockSignals(blocker)

    def _on_toggled(self, person_id: str, ticked: bool) -> None:
        if ticked and person_id not in self._picked:
            self._picked.append(person_id)
        elif not ticked and person_id in self._picked:
            self._picked.remove(person_id)
        else:
            return
        self.changed.emit()

    def wipe(self) -> None:
        """Nothing of My people left on screen (on lock)."""
        self._picked = []
        self.set_people([])


class HelpLinesBox(QWidget):
    """The chosen country's lines to talk to someone, and a button to Support.

    Signals:
        support_requested(): open Support, which has each number with its Copy button.
    """

    support_requested = Signal()

    def __init__(
        self, catalogue: HelpCatalogue | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        catalogue = catalogue_or_empty(catalogue)
        self.catalogue = catalogue
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.lines = label("", "muted")
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.lines)
        self.support = button(
            "Help lines…",
            "Open Support: the helplines for your country, each with a Copy button (F1)",
            on_click=self.support_requested.emit,
        )
        layout.addWidget(self.support, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_country("")

    def set_country(self, country: str) -> None:
        talk = [r for r in self.catalogue.for_country(country) if r.phone][:3]
        if talk:
            rows = [f"{r.name}: {r.phone}" for r in talk]
            self.lines.setText("\n".join([LINES_INTRO, *rows]))
        else:
            self.lines.setText(NO_LINES)
        self.lines.setAccessibleName(self.lines.text())
        place = country_name(country) if country else ""
        text = f"Help lines for {place}…" if country else "Help lines…"
        self.support.setText(text)
        self.support.setAccessibleName(text.rstrip("…"))
