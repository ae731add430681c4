"""Tend's own dialog: Enter gives the default answer, Escape the one that changes
nothing, the buttons follow the platform's order, and no alarm icon is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from journal_app.ui.common.calm_dialog import Answer, Button, CalmDialog, Tone, tell, warn
from journal_app.ui.common.questions import Icon, Question, ask, confirm
from journal_app.ui.common.theme import DARK, LIGHT, apply_theme, current_colors

REMOVE = (Answer(Button.Yes, "Remove", "Remove it for good"), Answer(Button.Cancel, "Keep it"))


def shown(qtbot, **kwargs) -> CalmDialog:
    kwargs.setdefault("default", Button.Cancel)
    dialog = CalmDialog(None, "Remove the prompt", "It <b>goes</b> for good.", REMOVE, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_gives_the_default_answer(qtbot) -> None:
    dialog = shown(qtbot, default=Button.Yes)
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == Button.Yes


def test_escape_and_closing_give_the_answer_that_changes_nothing(qtbot) -> None:
    dialog = shown(qtbot, default=Button.Yes)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == Button.Cancel
    again = shown(qtbot)
    again.close()
    assert again.result() == Button.Cancel


def test_enter_presses_the_button_that_has_the_focus(qtbot) -> None:
    dialog = shown(qtbot, default=Button.Cancel)
    remove = dialog.button(Button.Yes)
    assert remove is not None
    remove.setFocus()
    QTest.keyClick(remove, Qt.Key.Key_Return)
    assert dialog.result() == Button.Yes


def test_words_are_plain_and_every_button_is_named(qtbot) -> None:
    dialog = shown(qtbot)
    assert dialog.windowTitle() == dialog.heading.text() == "Remove the prompt"
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    assert dialog.text() == "It <b>goes</b> for good."
    remove, keep = dialog.button(Button.Yes), dialog.button(Button.Cancel)
    assert remove is not None and keep is not None
    assert (remove.text(), remove.accessibleName(), remove.toolTip()) == (
        "Remove",
        "Remove",
        "Remove it for good",
    )
    assert keep.toolTip() == keep.accessibleName() == "Keep it"
    assert keep.isDefault() and dialog.focusWidget() is keep


def test_answers_stand_in_the_platforms_order(qtbot) -> None:
    """The button box, not the order written, places them: the same as a plain box."""
    dialog = shown(qtbot)
    reference = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(reference)
    reference.show()
    qtbot.waitExposed(reference)
    roles = [reference.buttonRole(b) for b in sorted(reference.buttons(), key=_x)]
    assert [dialog.buttons.buttonRole(b) for b in sorted(dialog.buttons.buttons(), key=_x)] == (
        roles
    )


def _x(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), widget.rect().topLeft()).x()


def test_the_leaf_or_no_icon_and_the_themes_colours(qtbot, qapp) -> None:
    dialog = shown(qtbot)
    assert dialog.leaf.isVisible() and not dialog.leaf.pixmap().isNull()
    assert not dialog.findChildren(QMessageBox)
    plain = shown(qtbot, leaf=False)
    assert not plain.leaf.isVisible()
    try:
        apply_theme(qapp, "dark")
        assert dialog.palette().window().color().name() == DARK.window
    finally:
        apply_theme(qapp, "light")
    assert current_colors() is LIGHT


def test_every_notice_and_question_goes_through_the_one_seam(message_boxes) -> None:
    tell(None, "Exported", "Saved as notes.md.")
    warn(None, "The copy was not saved", "The disk is full.")
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    assert confirm(None, "Empty trash", "Delete for good?", "Delete for good", "Keep them")
    assert not confirm(None, "Empty trash", "Delete for good?", "Delete for good", "Keep them")
    question = Question("Drafts", "Restore them?", REMOVE, Button.Yes, icon=Icon.Information)
    message_boxes.answers.append(QMessageBox.StandardButton.No)  # not one of its answers
    assert ask(None, question) == Button.Cancel
    assert [call[0] for call in message_boxes.calls] == [
        Tone.INFORMATION,
        Tone.WARNING,
        "question",
        "question",
        "question",
    ]


def test_focus_goes_back_where_it_was(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    with qtbot.waitActive(field):
        field.activateWindow()
    field.setFocus()
    dialog = CalmDialog(field, "Exported", "Saved as notes.md.")
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert not field.hasFocus()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(field.hasFocus)
