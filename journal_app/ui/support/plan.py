"""My plan for hard moments: the blank template, filled in only by the person.

Each part of the plan has its heading, a gentle line, a box for the person's own
words, and ideas they may add with a click and make their own. A part written by
a newer Tend is shown and kept, never dropped. Paper and saved copies are made in
``plan_copy.py``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPageSize, QShowEvent, QTextDocument
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from journal_app.journal.files import atomic_write_bytes
from journal_app.journal.help import DEFAULT_DOCTOR
from journal_app.journal.personal import (
    PLAN_TITLE,
    Person,
    PersonalTemplate,
    Plan,
    PlanSection,
)
from journal_app.journal.plan_markdown import plan_to_markdown
from journal_app.ui.common.calm_dialog import warn
from journal_app.ui.common.country import help_lines, system_country
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.widgets import button, label
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.support import plan_copy
from journal_app.ui.support.dialog_parts import dialog_layout, scroll_area
from journal_app.ui.support.flow_layout import FlowLayout
from journal_app.ui.support.personal import (
    STATUS_NOT_SAVED,
    STATUS_SAVED,
    GrowingTextEdit,
    PersonalDialog,
    support_button,
)
from journal_app.ui.support.plan_parts import HelpLinesBox, PeopleChooser
from journal_app.vault import VaultError, VaultExists

PLAN_INTRO = (
    "Your own words, for when things feel hard. Write as much or as little as you like; "
    "the ideas are only suggestions, to take or leave."
)
PLAN_PRIVATE = (
    "Only you can see this plan: it stays in your encrypted journal and is never sent anywhere."
)
IDEAS_LABEL = "Ideas you could add"
PLAN_SHORTCUT = "Ctrl+Shift+M"


class SectionEditor(QWidget):
    """One part of the plan: heading, a gentle line, the person's box, ideas to add."""

    changed = Signal()

    def __init__(
        self, section: PlanSection, parent: QWidget | None = None, *, extra: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.section = section
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        title = label(section.title, "subheading")
        title.setAccessibleName(section.title)
        layout.addWidget(title)
        self.description = label(section.description, "muted")
        self.description.setVisible(bool(section.description))
        layout.addWidget(self.description)
        self.set_doctor(DEFAULT_DOCTOR)
        if extra is not None:  # people picked from My people, or the country's lines
            layout.addWidget(extra)
        self.edit = GrowingTextEdit()
        self.edit.setAccessibleName(section.title)
        self.edit.setToolTip(f"{section.title}: in your own words")
        self.edit.setPlaceholderText(section.placeholder)
        title.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.chips: list[QPushButton] = []
        if section.ideas:
            layout.addSpacing(2)
            layout.addWidget(label(IDEAS_LABEL, "small"))
            holder = QWidget()
            flow = FlowLayout(holder, spacing=8)
            for idea in section.ideas:
                chip = button(
                    f"+ {idea}",
                    "Add this idea to your plan; change it into your own words if you like",
                    role="chip",
                    accessible_name=f"Add to my plan: {idea}",
                )
                chip.setCursor(Qt.CursorShape.PointingHandCursor)
                chip.clicked.connect(lambda _=False, text=idea: self.add_idea(text))
                flow.addWidget(chip)
                self.chips.append(chip)
            layout.addWidget(holder)
        self.edit.textChanged.connect(self._on_text_changed)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_doctor(self, word: str) -> None:
        """Say "your GP", "your doctor" or "your family doctor" as people do there."""
        self.description.setText(self.section.description.replace("{doctor}", word))

    def set_text(self, text: str) -> None:
        blocker = self.edit.blockSignals(True)
        try:
            self.edit.setPlainText(text)
            self.edit.document().clearUndoRedoStacks()
        finally:
            self.edit.blockSignals(blocker)
        self.edit._fit()
        self._update_chips()

    @Slot(str)
    def add_idea(self, idea: str) -> None:
        """Add an idea on a line of its own, where the person can make it theirs."""
        if idea.casefold() in self.text().casefold():
            return
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        current = self.text()
        prefix = "" if not current or current.endswith("\n") else "\n"
        cursor.insertText(f"{prefix}{idea}")
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def _update_chips(self) -> None:
        folded = self.text().casefold()
        for chip, idea in zip(self.chips, self.section.ideas, strict=True):
            there = idea.casefold() in folded
            chip.setEnabled(not there)
            chip.setToolTip(
                "Already in your plan"
                if there
                else "Add this idea to your plan; change it into your own words if you like"
            )

    @Slot()
    def _on_text_changed(self) -> None:
        self._update_chips()
        self.changed.emit()

    def wipe(self) -> None:
        blocker = self.edit.blockSignals(True)
        try:
            self.edit.wipe()
        finally:
            self.edit.blockSignals(blocker)
        self._update_chips()


class PlanDialog(PersonalDialog):
    """My plan for hard moments: the blank template, filled in only by the person."""

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        template: PersonalTemplate | None = None,
        settings: AppSettings | None = None,
    ) -> None:
        super().__init__(service, parent, template)
        self.settings = settings  # its country: the help lines on paper and in copies
        self._loaded = Plan()
        self.editors: dict[str, SectionEditor] = {}
        self.chooser: PeopleChooser | None = None  # people to ask for help
        self.help_lines: HelpLinesBox | None = None  # the country's lines
        self.setWindowTitle(PLAN_TITLE)
        self.setObjectName("PlanDialog")
        self.setMinimumSize(600, 520)
        self.resize(780, 820)
        open_over_parent(self)
        self._build()
        self.reload()

    def _build(self) -> None:
        outer = dialog_layout(self, PLAN_TITLE, PLAN_INTRO)
        outer.addWidget(label(PLAN_PRIVATE, "muted"))
        outer.addSpacing(4)

        content = QWidget()
        self.sections_layout = QVBoxLayout(content)
        self.sections_layout.setContentsMargins(0, 6, 14, 6)
        self.sections_layout.setSpacing(28)
        for section in self.template.sections:
            self._add_editor(section)
        self.sections_layout.addStretch(1)
        self.scroll_area = scroll_area(content, "Your plan")
        outer.addWidget(self.scroll_area, 1)

        self.support_button = support_button(self.support_requested.emit)
        self.print_button = button(
            "&Print…", "Print your plan, with a preview first", on_click=self.print_plan
        )
        self.export_button = button(
            "&Save a copy…",
            "Save your plan as a Markdown or PDF file (not encrypted)",
            on_click=self.save_copy,
        )
        self.close_button = button(
            "Close", "Close your plan; everything is saved", on_click=self.close
        )
        outer.addLayout(
            self._footer(
                self.support_button, self.print_button, self.export_button, self.close_button
            )
        )
        self._window_keys()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_country()
        first = next(iter(self.editors.values()), None)
        if first is not None:
            first.edit.setFocus()

    def _extra(self, section: PlanSection) -> QWidget | None:
        """What a part shows beside its box: a chooser from My people, or help lines."""
        if section.picks_people and self.chooser is None:
            self.chooser = PeopleChooser(self.template)
            self.chooser.changed.connect(self._on_edited)
            self.service.personal_changed.connect(self._show_people)
            return self.chooser
        if section.shows_help_lines and self.help_lines is None:
            self.help_lines = HelpLinesBox()
            self.help_lines.support_requested.connect(self.support_requested)
            return self.help_lines
        return None

    def _add_editor(self, section: PlanSection) -> SectionEditor:
        editor = SectionEditor(section, extra=self._extra(section))
        if section.picks_people and self.chooser is not None:
            self.chooser.next_in_tab = editor.edit
        editor.changed.connect(self._on_edited)
        self.editors[section.id] = editor
        self.sections_layout.insertWidget(len(self.editors) - 1, editor)
        return editor

    # -------------------------------------------------------------- content

    def plan(self) -> Plan:
        """The plan as shown now (unsaved typing included), keeping unknown sections."""
        plan = Plan(
            {k: v for k, v in self._loaded.sections.items() if k not in self.editors},
            self.chooser.picked() if self.chooser is not None else self._loaded.people,
        )
        for section_id, editor in self.editors.items():
            plan = plan.with_text(section_id, editor.text())
        return plan

    def people(self) -> list[Person]:
        """My people as they are now: the plan shows and prints them from here."""
        try:
            return self.service.people()
        except VaultError:
            return []  # locked: nothing of theirs to show

    @Slot()
    def _show_people(self) -> None:
        if self.chooser is not None and self.service.is_unlocked:
            self.chooser.set_people(self.people())

    def _show_country(self) -> None:
        country = self.country()
        if self.help_lines is not None:
            self.help_lines.set_country(country)
        doctor = self.help_lines.catalogue.doctor_word(country) if self.help_lines else ""
        for editor in self.editors.values():
            editor.set_doctor(doctor or DEFAULT_DOCTOR)

    def reload(self) -> None:
        """Show the plan the journal holds; anything typed is saved first."""
        if not self.flush():
            return  # what is typed stays on screen, and the status line says why
        self._loaded = self.service.plan()
        known = set(self.editors)
        for section_id, _title, _text in self._loaded.ordered(self.template):
            if section_id not in known:  # written by a newer Tend: shown, never dropped
                self._add_editor(PlanSection(section_id, section_id, "", "", ()))
        for section_id, editor in self.editors.items():
            editor.set_text(self._loaded.text(section_id))
        if self.chooser is not None:
            self.chooser.set_people(self.people())
            self.chooser.set_picked(self._loaded.people)
        self._show_country()
        self._dirty = False
        self.status.setText("")

    @Slot()
    def _on_edited(self) -> None:
        self._dirty = True
        self.status.setText("")
        self._saver.poke()

    @Slot()
    def save_now(self) -> bool:
        self._saver.cancel()
        if not self._dirty:
            return True
        try:
            self._loaded = self.service.save_plan(self.plan())
        except (VaultError, OSError) as exc:
            self.status.setText(f"{STATUS_NOT_SAVED}. {advice_for(exc).message}")
            return False
        self._dirty = False
        self.status.setText(STATUS_SAVED)
        return True

    def clear(self) -> None:
        """Forget everything shown, undo history included; nothing is saved."""
        self._saver.cancel()
        self._dirty = False
        self._loaded = Plan()
        for editor in self.editors.values():
            editor.wipe()
        if self.chooser is not None:
            self.chooser.wipe()
        self.status.setText("")

    # ------------------------------------------------------ print and export

    def markdown(self) -> str:
        return plan_to_markdown(
            self.plan(), self.template, people=self.people(), footer=help_lines(self.country())
        )

    def document(self) -> QTextDocument:
        """The plan as shown now, laid out for paper."""
        return plan_copy.plan_document(self.plan(), self.template, self.country(), self.people())

    def country(self) -> str:
        """The country or region chosen in Tend (read each time: Settings may change it)."""
        return self.settings.country if self.settings is not None else system_country()

    def page_size(self) -> QPageSize:
        return plan_copy.page_size(self.country())

    def pdf_bytes(self) -> bytes:
        """The plan as a PDF, made in memory (it reaches the disk only as the saved file)."""
        return plan_copy.pdf_bytes(self.document(), self.page_size())

    @Slot()
    def print_plan(self) -> None:
        """Print, after a preview."""
        self.flush()
        plan_copy.print_with_preview(self, self.document(), self.page_size())

    @Slot()
    def save_copy(self) -> None:
        """Save the plan as Markdown or PDF, after saying plainly it will not be encrypted."""
        self.flush()
        path = plan_copy.ask_where_to_save(self)
        if path is None:
            return
        try:
            data = self.pdf_bytes() if path.suffix.lower() == ".pdf" else self.markdown().encode()
            atomic_write_bytes(path, data)
        except (VaultExists, OSError) as exc:
            warn(self, "The copy was not saved", plan_copy.export_problem(exc))
            return
        self.status.setText(f"Saved a copy as {path.name}")
