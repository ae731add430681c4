"""Ways through right now, on the real widgets: breathing, grounding, let it pass and
the comfort box, with the box sealed in a real vault."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from journal_app.journal.comfort import COMFORT_KIND, ComfortStore
from journal_app.journal.wording import check_text
from journal_app.ui.common.announce import ANNOUNCED
from journal_app.ui.support import comfort_breathing as breathing
from journal_app.ui.support import comfort_grounding as grounding
from journal_app.ui.support import comfort_pass
from journal_app.ui.support.comfort_window import COMFORT_SHORTCUT, ComfortWindow, show_comfort
from journal_app.vault import KdfParams, Vault
from tests.conftest import PASSPHRASE
from tests.ui.helpers import shown_texts

W = TypeVar("W", bound=QWidget)


class StoreSource(QObject):
    """The window's side of the journal service, over a real store in a real vault."""

    state_changed = Signal(object)

    def __init__(self, store: ComfortStore) -> None:
        super().__init__()
        self.store = store
        self.is_unlocked = True
        self.refused = False

    def comfort(self) -> ComfortStore:
        return self.store

    def note_refused(self) -> None:
        self.refused = True

    def lock(self) -> None:
        self.store.clear()
        self.is_unlocked = False
        self.state_changed.emit(None)


@dataclass
class Opened:
    vault: Vault
    source: StoreSource


@pytest.fixture
def opened(tmp_path: Path, kdf: KdfParams) -> Iterator[Opened]:
    vault = Vault.create(tmp_path / "comfort.tend", PASSPHRASE, kdf)
    yield Opened(vault, StoreSource(ComfortStore(vault)))
    vault.close()


def shown(qtbot: Any, widget: W) -> W:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# ------------------------------------------------------------------ breathing


def test_breathing_follows_the_rhythm_in_words_that_screen_readers_hear(qtbot):
    pane = shown(qtbot, breathing.BreathingPane())
    assert pane.running and pane.words.text() == breathing.BREATHE_IN
    assert pane.words.property(ANNOUNCED) == breathing.BREATHE_IN
    assert pane.animation.endValue() == 1.0  # grows while breathing in
    assert pane.phase_timer.interval() == 4_000
    pane.phase_timer.timeout.emit()
    assert pane.words.text() == breathing.BREATHE_OUT
    assert pane.words.property(ANNOUNCED) == breathing.BREATHE_OUT
    assert pane.animation.endValue() == breathing.SMALLEST
    assert pane.phase_timer.interval() == 6_000  # 4 in, 6 out
    pane.rhythm_box.setCurrentIndex(1)
    assert pane.words.text() == breathing.BREATHE_IN and pane.phase_timer.interval() == 4_000
    pane.hide()
    assert not pane.running  # nothing goes on while it is not shown


def test_a_still_shape_keeps_its_size_while_the_words_change(qtbot):
    pane = shown(qtbot, breathing.BreathingPane())
    QTest.keyClick(pane.still_box, Qt.Key.Key_Space)
    assert pane.still_box.isChecked()
    for words in (breathing.BREATHE_IN, breathing.BREATHE_OUT, breathing.BREATHE_IN):
        assert pane.words.text() == words
        assert pane.shape.scale == breathing.STILL
        assert pane.animation.state() != pane.animation.State.Running
        pane.phase_timer.timeout.emit()


def test_the_shape_grows_and_shrinks(qtbot):
    pane = shown(qtbot, breathing.BreathingPane())
    pane.rhythm_box.setCurrentIndex(2)  # 3 in
    start = pane.shape.scale
    qtbot.waitUntil(lambda: pane.shape.scale > start + 0.05, timeout=3_000)
    image = pane.shape.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.alpha() > 0 and centre != image.pixelColor(1, 1)  # painted, softly


# ------------------------------------------------------------------ grounding


def test_grounding_is_one_step_at_a_time_with_next_and_back(qtbot):
    pane = shown(qtbot, grounding.GroundingPane())
    assert pane.title.text() == "Five things you can see"
    assert not pane.back_button.isEnabled()
    QTest.keyClick(pane.next_button, Qt.Key.Key_Return)  # Enter presses the focused button
    qtbot.waitUntil(lambda: pane.title.text() == "Four things you can feel")
    QTest.keyClick(pane.back_button, Qt.Key.Key_Space)
    assert pane.title.text() == "Five things you can see"
    for _ in grounding.STEPS:
        pane.next()
    assert pane.step is grounding.CLOSING and not pane.notes.isVisible()
    assert pane.next_button.accessibleName() == "Begin again"
    pane.next()
    assert pane.index == 0 and pane.invitation.property(ANNOUNCED).startswith("Five things")


def test_what_is_typed_in_grounding_is_never_kept(qtbot):
    pane = shown(qtbot, grounding.GroundingPane())
    QTest.keyClicks(pane.notes, "the blue mug")
    pane.next()
    assert pane.notes.toPlainText() == "" and not pane.notes.document().isUndoAvailable()
    QTest.keyClicks(pane.notes, "a clock")
    pane.hide()
    assert pane.notes.toPlainText() == ""
    assert grounding.NOT_KEPT in shown_texts(pane)


# --------------------------------------------------------------- let it pass


def test_let_it_pass_while_locked_has_tends_own_line_and_ends_quietly(qtbot):
    pane = shown(qtbot, comfort_pass.LetItPassPane(None))
    assert not pane.line_field.isVisible() and pane.line_note.isVisible()
    pane.minutes.button(5).setChecked(True)
    QTest.keyClick(pane.start_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.running)
    assert pane.running and pane.timer.interval() == 5 * 60_000
    assert pane.shown_line.text() == comfort_pass.DEFAULT_LINE
    assert pane.words.text() == comfort_pass.PASSING
    pane.timer.timeout.emit()
    assert pane.words.text() == comfort_pass.PASSED
    assert pane.words.property(ANNOUNCED) == comfort_pass.PASSED
    assert not pane.stop_button.isEnabled()


def test_the_persons_line_is_sealed_and_forgotten_on_lock(qtbot, opened):
    pane = shown(qtbot, comfort_pass.LetItPassPane(opened.source))
    assert pane.line_field.isVisible()
    pane.line_field.setText("This will pass like weather")
    pane.minutes.button(2).setChecked(True)
    pane.start()
    assert pane.shown_line.text() == "This will pass like weather"
    assert pane.timer.interval() == 2 * 60_000
    assert ComfortStore(opened.vault).box().pass_line == "This will pass like weather"
    pane.stop()
    assert not pane.running and pane.shown_line.text() == ""
    opened.source.lock()
    pane.refresh()
    assert pane.line_field.text() == "" and not pane.line_field.isVisible()


# ------------------------------------------------------------ the comfort box


def add(pane: Any, kind: str, text: str, *, source: str = "", link: str = "") -> None:
    pane.kind_box.setCurrentIndex(pane.kind_box.findData(kind))
    pane.text_field.setPlainText(text)
    pane.source_field.setText(source)
    pane.link_field.setText(link)
    QTest.keyClick(pane.add_button, Qt.Key.Key_Space)


def test_the_box_keeps_words_messages_and_songs_sealed(qtbot, opened):
    window = shown(qtbot, ComfortWindow(opened.source))
    pane = window.things
    window.tabs.setCurrentWidget(pane)
    assert pane.empty.isVisible()
    add(pane, "words", "You have got through hard days before.")
    add(pane, "message", "Call me any time.", source="Maya")
    add(pane, "song", "Here Comes the Sun", link="https://example.org/sun")
    assert pane.list.count() == 3 and not pane.empty.isVisible()
    assert (
        pane.list.item(1).text() == "A message from someone who cares, from Maya\nCall me any time."
    )
    saved = ComfortStore(opened.vault).box()
    assert [i.kind for i in saved.items] == ["words", "message", "song"]
    assert opened.vault.count(COMFORT_KIND) == 1
    add(pane, "words", "   ")
    assert pane.list.count() == 3  # nothing blank is added


def test_a_link_opens_only_when_pressed_and_only_a_web_address(qtbot, opened, opened_urls):
    window = shown(qtbot, ComfortWindow(opened.source))  # kept: its pages live in it
    pane = window.things
    add(pane, "song", "Here Comes the Sun", link="https://example.org/sun")
    add(pane, "song", "Not a web page", link="file:///etc/passwd")
    assert opened_urls == []
    pane.list.setCurrentRow(1)
    assert not pane.open_button.isEnabled()
    pane.list.setCurrentRow(0)
    assert pane.open_button.isEnabled()
    QTest.keyClick(pane.open_button, Qt.Key.Key_Space)
    assert opened_urls == ["https://example.org/sun"]


def test_removing_a_thing_and_locking_empties_the_window(qtbot, opened, message_boxes):
    window = shown(qtbot, ComfortWindow(opened.source))
    pane = window.things
    window.tabs.setCurrentWidget(pane)
    add(pane, "words", "Kind words")
    add(pane, "words", "More kind words")
    pane.list.setCurrentRow(0)
    QTest.keyClick(pane.remove_button, Qt.Key.Key_Space)  # asked first; Keep it is the default
    assert len(ComfortStore(opened.vault).box().items) == 2
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    QTest.keyClick(pane.remove_button, Qt.Key.Key_Space)
    assert [i.text for i in ComfortStore(opened.vault).box().items] == ["More kind words"]
    pane.text_field.setPlainText("half-typed")
    opened.source.lock()
    window.refresh()
    assert pane.list.count() == 0 and pane.text_field.toPlainText() == ""
    assert pane.locked_note.isVisible() and not pane.list.isVisible()
    assert "More kind words" not in " ".join(shown_texts(window))


# ------------------------------------------------------------------ the window


def test_the_window_opens_once_follows_the_lock_and_closes_with_escape(qtbot, opened):
    parent = QWidget()
    qtbot.addWidget(parent)
    window = show_comfort(parent, opened.source)
    qtbot.waitExposed(window)
    add(window.things, "words", "Kind words")
    assert show_comfort(parent, opened.source) is window
    with qtbot.waitSignal(window.support_requested):
        support = next(b for b in window.findChildren(QAbstractButton) if b.text() == "Support")
        QTest.keyClick(support, Qt.Key.Key_Space)
    opened.source.lock()  # the service says so, and the window forgets
    assert window.things.list.count() == 0
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and not window.breathing.running


def test_every_control_has_a_name_and_a_tooltip_and_every_word_is_gentle(qtbot, opened):
    window = shown(qtbot, ComfortWindow(opened.source))
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert window.tabs.tabToolTip(index)
    controls = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit)
    for widget in window.findChildren(QWidget):
        if isinstance(widget, controls) and not widget.objectName().startswith("qt_"):
            if type(widget).__name__ == "QToolButton":
                continue  # the tab bar's own scroll arrows
            name = widget.accessibleName() or widget.text() if hasattr(widget, "text") else ""
            assert name or widget.accessibleName(), widget
            assert widget.toolTip(), f"{type(widget).__name__} {widget.accessibleName()!r}"
    problems = {t: check_text(t) for t in shown_texts(window) if t and check_text(t)}
    assert problems == {}


def test_the_shortcut_is_free_in_the_window(qtbot, make_window):
    """Ctrl+Shift+W belongs to no other action of Tend's window."""
    from PySide6.QtGui import QAction, QKeySequence

    window = make_window()
    wanted = QKeySequence(COMFORT_SHORTCUT)
    taken = [
        action.text()
        for action in window.findChildren(QAction)
        if action.shortcut() == wanted
        and action.text().replace("&", "") != "Ways through right now…"
    ]
    assert taken == []


def test_support_has_a_way_to_ways_through_right_now(qtbot):
    """Support (on the lock screen too) leads here: its button asks the window."""
    from journal_app.ui.support.support import SupportDialog

    support = shown(qtbot, SupportDialog(country="GB"))
    assert support.comfort_button.toolTip() and support.comfort_button.isEnabled()
    with qtbot.waitSignal(support.comfort_requested):
        QTest.keyClick(support.comfort_button, Qt.Key.Key_Space)


def _mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else ""


def test_alt_letters_are_not_shared_on_any_page(qtbot, opened):
    """Alt and a letter reaches one control: "&Back" once clashed with "&Breathing"."""
    window = shown(qtbot, ComfortWindow(opened.source))
    tabs = [_mnemonic(window.tabs.tabText(i)) for i in range(window.tabs.count())]
    window.let_it_pass.start()
    window.grounding.index = len(grounding.STEPS) - 1
    window.grounding.next()  # the closing words, with Begin again
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.currentWidget()
        letters = [*tabs]
        for widget in page.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if isinstance(widget, QAbstractButton) or (
                isinstance(widget, QLabel) and widget.buddy() is not None
            ):
                letters.append(_mnemonic(widget.text()))
        letters = [letter for letter in letters if letter]
        assert len(letters) == len(set(letters)), (window.tabs.tabText(index), letters)
    window.grounding.next()
    window.let_it_pass.stop()
