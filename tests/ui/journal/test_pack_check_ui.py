"""Check a pack and the sample packs, in the Prompt packs window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from journal_app.journal.library import sample_packs
from journal_app.journal.wording import check_prompt, check_text
from journal_app.ui.journal.pack_check_dialog import PackCheckDialog
from journal_app.ui.journal.packs import PacksDialog
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import QT_LOG_IGNORE, open_service, shown_texts

__all__ = ["open_service"]  # a fixture, used by name

pytestmark = QT_LOG_IGNORE

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example_pack.toml"
TROUBLED = """[pack]
name = "Draft for Jo"
author = "Sam"

[[prompts]]
id = "one"
text = "What helped you this week?"

[[prompts]]
id = "two"
text = "When did you last cut yourself?"

[[prompts]]
id = "three"
text = "On a scale of 1 to 10, how calm are you?"
heavy = "yes"
"""  # text, not bytes: tests/ui/test_wording_of_the_ui.py imports every bytes pack


class Reports(list):
    """Each check report shown: its verdict and its rows of problems."""


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> Reports:
    shown = Reports()

    def exec_(dialog: PackCheckDialog) -> int:
        shown.append(
            {
                "verdict": dialog.verdict_label.text(),
                "problems": dialog.problems(),
                "texts": shown_texts(dialog),
                "default": dialog.close_button.isDefault(),
            }
        )
        return 1

    monkeypatch.setattr(PackCheckDialog, "exec", exec_)
    return shown


def packs_dialog(qtbot, service: JournalService) -> PacksDialog:
    dialog = PacksDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_check_a_pack_lists_every_problem_with_its_prompt_and_imports_nothing(
    qtbot, open_service, file_dialogs, reports, tmp_path
) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(TROUBLED, encoding="utf-8")
    dialog = packs_dialog(qtbot, open_service)
    assert dialog.check_button.accessibleName() == "Check a pack"
    assert dialog.check_button.toolTip()
    file_dialogs.answers.append(str(path))
    dialog.check_button.click()
    assert file_dialogs.calls == [("getOpenFileName", "Check a prompt pack")]
    [report] = reports
    assert report["verdict"] == "“draft.toml” has 3 problems to correct before it is sent."
    keep_out = "Tend keeps such wording out of prompts."
    assert report["problems"] == [
        ("Prompt 2", f"“cut” can name a method of self-injury or harm to the body; {keep_out}"),
        ("Prompt 3", "'heavy' must be true or false."),
        ("Prompt 3", f"“on a scale” asks for a rating or a number; {keep_out}"),
    ]
    assert any("wording of a pack, not its meaning" in text for text in report["texts"])
    assert report["default"], "Enter closes the report"
    assert open_service.prompt_packs() == [], "a check imports nothing"


def test_a_good_pack_is_ready_to_send(qtbot, open_service, file_dialogs, reports) -> None:
    dialog = packs_dialog(qtbot, open_service)
    file_dialogs.answers.append(str(EXAMPLE))
    dialog.check_button.click()
    [report] = reports
    assert report["verdict"] == (
        "“Between our sessions” is ready to send: 6 prompts, and none has a problem Tend can see."
    )
    assert report["problems"] == []


def test_no_file_chosen_checks_nothing(qtbot, open_service, file_dialogs, reports) -> None:
    dialog = packs_dialog(qtbot, open_service)
    dialog.check_button.click()
    assert file_dialogs.calls and reports == []


# --------------------------------------------------------------- samples


def test_the_sample_packs_follow_every_rule_and_have_six_to_ten_prompts() -> None:
    samples = sample_packs()
    assert [pack.name for pack in samples] == [
        "Early days",
        "Being kinder to myself",
        "People and connection",
    ]
    for pack in samples:
        assert 6 <= len(pack.prompts) <= 10
        assert check_text(pack.name) == [] and check_text(pack.description) == []
        for prompt in pack.prompts:
            assert check_prompt(prompt.text) == [], prompt.text
            assert check_text(prompt.follow_up) == [], prompt.follow_up
    themes = {prompt.theme for pack in samples for prompt in pack.prompts}
    assert {"understanding", "people", "coping", "values"} <= themes


def test_turn_on_imports_a_sample_pack_in_one_click_and_turn_off_rests_it(
    qtbot, open_service
) -> None:
    dialog = packs_dialog(qtbot, open_service)
    early = sample_packs()[0]
    toggle = dialog.samples.buttons[early.id]
    assert toggle.text() == "Turn on" and toggle.accessibleName() == "Turn on Early days"
    news: list[str] = []
    dialog.status_message.connect(news.append)

    toggle.setFocus()
    QTest.keyClick(toggle, Qt.Key.Key_Return)  # Enter presses the focused button
    qtbot.waitUntil(lambda: bool(open_service.prompt_packs()))
    [kept] = open_service.prompt_packs()
    assert kept.id == early.id and kept.enabled and len(kept.prompts) == len(early.prompts)
    assert news[-1] == "“Early days” is on. Its prompts are offered with Tend’s own."
    assert toggle.text() == "Turn off"
    assert dialog.list.count() == 1, "it joins the person's packs like any other"

    toggle.click()
    assert not open_service.prompt_packs()[0].enabled
    assert toggle.text() == "Turn on"
    assert dialog.list.item(0).checkState() == Qt.CheckState.Unchecked, "both show one state"
    toggle.click()
    assert open_service.prompt_packs()[0].enabled
    assert news[-1] == "“Early days” is on again."


def test_ticking_a_sample_pack_in_the_list_updates_its_button(qtbot, open_service) -> None:
    dialog = packs_dialog(qtbot, open_service)
    pack = sample_packs()[2]
    dialog.samples.buttons[pack.id].click()
    dialog.set_enabled(pack.id, False)
    assert dialog.samples.buttons[pack.id].text() == "Turn on"


def test_tab_reaches_the_sample_buttons_in_reading_order(qtbot, open_service) -> None:
    dialog = packs_dialog(qtbot, open_service)
    order = []
    widget = dialog.list.nextInFocusChain()
    while widget is not dialog.list:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            order.append(widget)
        widget = widget.nextInFocusChain()
    samples = [dialog.samples.buttons[pack.id] for pack in sample_packs()]
    positions = [order.index(item) for item in (*samples, dialog.import_button)]
    assert positions == sorted(positions), "the sample buttons come before Import"


def test_with_no_packs_yet_the_window_points_to_the_samples(qtbot, open_service) -> None:
    dialog = packs_dialog(qtbot, open_service)
    assert dialog.stack.currentIndex() == 1
    assert "sample packs below" in dialog.empty_note.text()
    assert dialog.samples.isVisible()
