"""Let it pass: a few quiet minutes, with a line of the person's own choosing.

The person picks 2, 5 or 10 minutes and starts. No numbers run down on screen
and no sound plays at the end: the words change to a quiet note, which is told to
screen readers. Their line is kept sealed in the comfort box, so it can be read
and changed only while the journal is open; while it is locked a gentle line of
Tend's own is shown instead. When or how often this is used is never recorded.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QButtonGroup, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from journal_app.ui.common.announce import announce
from journal_app.ui.common.widgets import add_stretch, button, label, row
from journal_app.ui.support.comfort_parts import ComfortSource, buddy_label, save_box

MINUTES = (2, 5, 10)
DEFAULT_LINE = "This feeling can rise and fall, and pass, like a wave."
INTRO = (
    "Choose a few minutes and let the feeling rise and fall, like a wave. "
    "At the end there is only a quiet note, never a sound."
)
PASSING = "Letting it pass…"
PASSED = "The time has passed. Stay as long as you like, or begin again."
LINE_LOCKED = "Your own line is kept in your journal: it shows here while the journal is open."


class LetItPassPane(QWidget):
    """Minutes to choose, the person's line, Start and Stop; ``timer`` is one shot."""

    def __init__(self, source: ComfortSource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._passed)
        self.minutes = QButtonGroup(self)
        choices = []
        for minutes in MINUTES:
            choice = QRadioButton(f"&{minutes} minutes")
            choice.setToolTip(f"Let {minutes} minutes pass")
            self.minutes.addButton(choice, minutes)
            choices.append(choice)
        choices[0].setChecked(True)
        self.line_field = QLineEdit()
        self.line_field.setAccessibleName("Your line, if you like")
        self.line_field.setToolTip("Words to show while it passes, kept sealed in your journal")
        self.line_field.setPlaceholderText(DEFAULT_LINE)
        self.line_field.editingFinished.connect(self.save_line)
        self.line_label = buddy_label("Your l&ine:", self.line_field)
        self.line_note = label(LINE_LOCKED, "small")
        self.status = label("", "small")
        self.shown_line = label("", "subheading")
        self.shown_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words = label("", "lead")
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = button("&Start", "Begin the quiet minutes", role="primary")
        self.start_button.clicked.connect(self.start)
        self.stop_button = button("S&top", "End the quiet minutes now", on_click=self.stop)
        layout = QVBoxLayout(self)
        layout.addWidget(label(INTRO, "muted"))
        layout.addLayout(row(*choices, None))
        layout.addLayout(row(self.line_label, self.line_field))
        layout.addWidget(self.line_note)
        layout.addWidget(self.status)
        add_stretch(layout)
        layout.addWidget(self.shown_line)
        layout.addWidget(self.words)
        add_stretch(layout)
        layout.addLayout(row(None, self.stop_button, self.start_button))
        self.refresh()

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def chosen_minutes(self) -> int:
        return self.minutes.checkedId()

    def refresh(self) -> None:
        """Show the line if the journal is open, else the gentle note; forget on lock."""
        unlocked = self.source is not None and self.source.is_unlocked
        if unlocked and self.source is not None and not self.line_field.hasFocus():
            self.line_field.setText(self.source.comfort().box().pass_line)
        elif not unlocked:
            self.line_field.clear()
        self.line_field.setVisible(unlocked)
        self.line_label.setVisible(unlocked)
        self.line_note.setVisible(not unlocked)
        self.status.clear()
        self.shown_line.setText(self._line() if self.running else "")
        self.stop_button.setEnabled(self.running)

    def _line(self) -> str:
        return self.line_field.text().strip() or DEFAULT_LINE

    @Slot()
    def save_line(self) -> None:
        source = self.source
        if source is None or not source.is_unlocked:
            return
        box = source.comfort().box()
        if self.line_field.text().strip() != box.pass_line:
            self.status.setText(save_box(source, box.with_pass_line(self.line_field.text())))

    @Slot()
    def start(self) -> None:
        self.save_line()
        self.timer.start(self.chosen_minutes() * 60_000)
        self.shown_line.setText(self._line())
        self.words.setText(PASSING)
        announce(self.words, f"{self._line()} {PASSING}")
        self._name_start("Begin &again")
        self.stop_button.setEnabled(True)
        self.stop_button.setFocus()

    @Slot()
    def stop(self) -> None:
        self.timer.stop()
        self.shown_line.setText("")
        self.words.setText("")
        self._name_start("&Start")
        self.stop_button.setEnabled(False)
        self.start_button.setFocus()

    def _name_start(self, text: str) -> None:
        self.start_button.setText(text)
        self.start_button.setAccessibleName(text.replace("&", ""))

    @Slot()
    def _passed(self) -> None:
        self.words.setText(PASSED)
        announce(self.words, PASSED)
        self._name_start("Begin &again")
        self.stop_button.setEnabled(False)
