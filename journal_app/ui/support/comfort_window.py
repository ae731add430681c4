"""Ways through right now: breathing, grounding, let it pass, and the comfort box.

One window, opened from Help, from Support (the lock screen's too) and with
Ctrl+Shift+W. Breathing, grounding and let it pass hold nothing of the person's,
so they work while Tend is locked; the comfort box and the person's own line for
let it pass are sealed in the journal, so they show only while it is open, and
are emptied from the window the moment it locks. Nothing records when or how
often any of this is used: no times, no counts, no log lines.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.widgets import button, label, row
from journal_app.ui.support.comfort_breathing import BreathingPane
from journal_app.ui.support.comfort_grounding import GroundingPane
from journal_app.ui.support.comfort_parts import ComfortService, ComfortSource
from journal_app.ui.support.comfort_pass import LetItPassPane
from journal_app.ui.support.comfort_things import ComfortThingsPane
from journal_app.ui.support.personal import support_button

TITLE = "Ways through right now"
COMFORT_SHORTCUT = "Ctrl+Shift+W"
INTRO = "A few gentle things to try, at your own pace. Take what helps and leave the rest."


class ComfortWindow(QDialog):
    """The four pages, as tabs (Ctrl+Tab moves between them), with Support and Close."""

    support_requested = Signal()

    def __init__(self, source: ComfortSource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setModal(False)
        self.breathing = BreathingPane()
        self.grounding = GroundingPane()
        self.let_it_pass = LetItPassPane(source)
        self.things = ComfortThingsPane(source)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(TITLE)
        for page, name, tip in (
            (self.breathing, "&Breathing", "Slow breathing with a soft shape"),
            (self.grounding, "&Grounding", "Five things you can see, four you can feel…"),
            (self.let_it_pass, "&Let it pass", "A few quiet minutes, with your own line"),
            (self.things, "&Comfort box", "Your own words, messages, songs and photos"),
        ):
            index = self.tabs.addTab(page, name)
            self.tabs.setTabToolTip(index, tip)
            page.setAccessibleName(name.replace("&", ""))
        self.close_button = button("Close", "Close this window (Esc)", on_click=self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        heading = label(TITLE, "heading")
        heading.setAccessibleName(TITLE)
        layout.addWidget(heading)
        layout.addWidget(label(INTRO, "lead"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row(support_button(self.support_requested.emit), None, self.close_button))
        self.resize(620, 600)
        open_over_parent(self)
        self._focus = return_focus_on_close(self)

    @Slot()
    def refresh(self, *_args: object) -> None:
        """The journal opened or locked: show, or forget, the person's own things."""
        self.let_it_pass.refresh()
        self.things.refresh()


def show_comfort(
    parent: QWidget,
    service: ComfortService,
    on_support: Callable[[], object] | None = None,
) -> ComfortWindow:
    """Open the window over ``parent`` (one per parent, made the first time, with its
    Support button leading to ``on_support``), following the journal's state."""
    window = parent.findChild(ComfortWindow)
    if window is None:
        window = ComfortWindow(service, parent)
        service.state_changed.connect(window.refresh)
        if on_support is not None:
            window.support_requested.connect(on_support)
    else:
        window.refresh()
    window.show()
    window.raise_()
    window.activateWindow()
    return window
