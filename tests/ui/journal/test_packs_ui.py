"""Prompt packs in the window: import (after a preview), refuse a bad one, turn off, remove."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from journal_app.journal.packs import parse_pack
from journal_app.journal.wording import check_prompt, check_text
from journal_app.ui.journal.packs import PackPreviewDialog, PacksDialog, import_pack_with_dialog
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import QT_LOG_IGNORE, open_service, shown_texts
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import unlock_through_ui

__all__ = ["open_service"]  # a fixture, used by name

pytestmark = QT_LOG_IGNORE

DATA = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = DATA / "example_pack.toml"
Yes = QMessageBox.StandardButton.Yes
No = QMessageBox.StandardButton.No
Cancel = QMessageBox.StandardButton.Cancel

GOOD = b"""[pack]
name = "Small steps"
author = "Jo"

[[prompts]]
id = "one"
text = "What is one small thing you are looking forward to?"
theme = "values"
"""


class Previews(list):
    """The previews shown (what each said); ``answers`` queues Import (True) or Cancel."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool] = []


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> Previews:
    """Record each pack preview shown (what it says) and answer it; Import by default."""
    shown = Previews()
    answers = shown.answers

    def exec_(dialog: PackPreviewDialog) -> int:
        shown.append(
            {
                "title": dialog.windowTitle(),
                "name": dialog.name_label.text(),
                "author": dialog.author_label.text(),
                "description": dialog.description_label.text(),
                "prompts": dialog.prompt_texts(),
                "details": [
                    str(dialog.list.item(row).data(Qt.ItemDataRole.UserRole + 2))
                    for row in range(dialog.list.count())
                ],
                "texts": shown_texts(dialog),
            }
        )
        accept = answers.pop(0) if answers else True
        return int(QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(PackPreviewDialog, "exec", exec_)
    return shown


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def import_file(service: JournalService, file_dialogs: Any, path: Path, qtbot: Any) -> str:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    file_dialogs.answers.append(str(path))
    return import_pack_with_dialog(parent, service)


# ------------------------------------------------------------------ good


def test_a_good_pack_is_previewed_in_full_then_imported(
    qtbot, open_service, file_dialogs, previews, message_boxes
) -> None:
    news = import_file(open_service, file_dialogs, EXAMPLE, qtbot)
    assert file_dialogs.calls == [("getOpenFileName", "Import a prompt pack")]
    assert len(previews) == 1
    preview = previews[0]
    assert preview["name"] == "Between our sessions"
    assert preview["author"] == "by Dr Sam Rivera"
    assert preview["description"].startswith("A few prompts for the weeks")
    pack = parse_pack(EXAMPLE.read_bytes())
    assert preview["prompts"] == [prompt.text for prompt in pack.prompts], "every prompt"
    assert preview["details"][0].startswith("People around me")
    assert preview["details"][3].startswith("Understanding myself")
    assert "gentle note first" in preview["details"][3]
    assert preview["details"][5] == "No theme"
    assert "6 prompts" in preview["texts"]
    assert message_boxes.calls == []
    [kept] = open_service.prompt_packs()
    assert kept.id == "rivera-between-sessions" and len(kept.prompts) == 6
    assert news == "“Between our sessions” is imported. Its prompts are offered with Tend’s own."
    # Every imported prompt goes through the wording rules too.
    for prompt in kept.prompts:
        assert check_prompt(prompt.text) == [], prompt.text
        assert check_text(prompt.follow_up) == []
    ids = {p.id for p in open_service._journal.prompts.catalogue().prompts}
    assert {p.id for p in kept.prompts} <= ids


def test_cancel_in_the_preview_imports_nothing(qtbot, open_service, file_dialogs, previews) -> None:
    previews.answers.append(False)
    assert import_file(open_service, file_dialogs, EXAMPLE, qtbot) == ""
    assert len(previews) == 1
    assert open_service.prompt_packs() == []


def test_no_file_chosen_does_nothing(qtbot, open_service, file_dialogs, previews) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    assert import_pack_with_dialog(parent, open_service) == ""  # the dialog was cancelled
    assert file_dialogs.calls and previews == []
    assert open_service.prompt_packs() == []


# ------------------------------------------------------------------- bad

GOOD_PROMPT = b'[[prompts]]\nid = "a"\ntext = "What helped you this week?"\n'
HEADER = b'[pack]\nname = "N"\nauthor = "A"\n\n'

BAD_PACKS = {
    "bad TOML": (b'[pack]\nname = "N\nauthor = "A"\n', "line 2, column 10"),
    "a missing field": (b'[pack]\nname = "N"\n\n' + GOOD_PROMPT, "'author' is missing"),
    "a missing prompt text": (
        HEADER + b'[[prompts]]\nid = "a"\n',
        "Prompt 1: the field 'text' is missing.",
    ),
    "duplicate ids": (
        HEADER + GOOD_PROMPT + b'\n[[prompts]]\nid = "a"\ntext = "What else helped you?"\n',
        "Prompt 2: 'a' is already the id of prompt 1.",
    ),
    "a wrong type": (
        HEADER + b'[[prompts]]\nid = "a"\ntext = 42\n',
        "Prompt 1: 'text' must be text in quotes.",
    ),
    "a wrong flag": (
        HEADER + GOOD_PROMPT + b'heavy = "yes"\n',
        "Prompt 1: 'heavy' must be true or false.",
    ),
    "an unknown theme": (
        HEADER + GOOD_PROMPT + b'theme = "urges"\n',
        "Prompt 1: its theme must be one of",
    ),
    "enormous text": (
        HEADER + b'[[prompts]]\nid = "a"\ntext = "What ' + b"so " * 200 + b'you?"\n',
        "the most is 300",
    ),
    "a binary file": (bytes(range(256)) * 8, "not a text file"),
    "a huge file": (b"#" * (400 * 1024), "larger than a prompt pack can be"),
    "not UTF-8": ('[pack]\nname = "Café"\n'.encode("latin-1"), "line 2"),
    "forbidden wording": (
        HEADER + b'[[prompts]]\nid = "a"\ntext = "How many times did you count the days?"\n',
        "Prompt 1: it uses a word that counts or tracks",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_PACKS))
def test_a_malformed_pack_is_refused_naming_the_line_or_field(
    qtbot, open_service, file_dialogs, previews, message_boxes, tmp_path, kind
) -> None:
    open_service.import_pack(parse_pack(GOOD))
    before = open_service.prompt_packs()
    data, where = BAD_PACKS[kind]
    path = write(tmp_path, "pack.toml", data)
    assert import_file(open_service, file_dialogs, path, qtbot) == ""
    assert previews == [], "a refused pack is never offered for import"
    [(kind_, title, text)] = message_boxes.calls
    assert kind_ == "warning"
    assert title == "This prompt pack cannot be imported"
    assert "“pack.toml”" in text
    assert where in text, text
    assert "Nothing from it was imported." in text
    assert open_service.prompt_packs() == before, "nothing half-imported"
    if kind == "forbidden wording":
        assert "how many times" not in text.lower()
        assert check_text(text) == [], "the refusal does not repeat the refused words"


def test_an_unreadable_file_is_refused_calmly(
    qtbot, open_service, file_dialogs, previews, message_boxes, tmp_path
) -> None:
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    assert import_file(open_service, file_dialogs, folder, qtbot) == ""
    [(_kind, _title, text)] = message_boxes.calls
    assert "could not be read" in text
    assert open_service.prompt_packs() == []


# --------------------------------------------------------------- replace


def test_importing_a_pack_again_asks_before_replacing_it(
    qtbot, open_service, file_dialogs, previews, message_boxes, tmp_path
) -> None:
    assert import_file(open_service, file_dialogs, EXAMPLE, qtbot)
    newer = EXAMPLE.read_bytes().replace(
        b"What is one small thing you did recently",
        b"What is one small thing you chose recently",
    )
    path = write(tmp_path, "newer.toml", newer)

    message_boxes.answers.append(No)
    assert import_file(open_service, file_dialogs, path, qtbot) == ""
    kind, title, text = message_boxes.calls[-1]
    assert (kind, title) == ("question", "Replace the prompt pack?")
    assert "“Between our sessions” by Dr Sam Rivera is already here" in text
    [kept] = open_service.prompt_packs()
    assert "you did recently" in kept.prompts[4].text, "No keeps the one there"

    message_boxes.answers.append(Yes)
    assert import_file(open_service, file_dialogs, path, qtbot)
    [kept] = open_service.prompt_packs()
    assert "you chose recently" in kept.prompts[4].text


# --------------------------------------------------- turn off, remove


def offered_ids(service: JournalService, times: int = 120) -> set[str]:
    return {service.next_prompt(None).id for _ in range(times)}  # type: ignore[union-attr]


def test_a_pack_turned_off_offers_no_prompts_until_turned_on(qtbot, open_service) -> None:
    pack = open_service.import_pack(parse_pack(EXAMPLE.read_bytes()))
    dialog = PacksDialog(open_service)
    qtbot.addWidget(dialog)
    dialog.show()
    item = dialog.list.item(0)
    assert item.text() == "Between our sessions"
    details = item.data(Qt.ItemDataRole.UserRole + 2)
    assert details.startswith("by Dr Sam Rivera · 6 prompts\nA few prompts for the weeks")
    assert item.checkState() == Qt.CheckState.Checked
    news: list[str] = []
    dialog.status_message.connect(news.append)
    # Keyboard: Space on the chosen pack turns it off.
    dialog.list.setFocus()
    dialog.list.setCurrentRow(0)
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)
    assert not open_service.prompt_packs()[0].enabled
    assert news[-1] == "“Between our sessions” is turned off; its prompts rest for now."
    pack_ids = {p.id for p in pack.prompts}
    assert not offered_ids(open_service) & pack_ids
    assert "· turned off" in dialog.list.item(0).data(Qt.ItemDataRole.UserRole + 2)

    dialog.set_enabled(pack.id, True)
    assert open_service.prompt_packs()[0].enabled
    assert offered_ids(open_service, 200) & pack_ids


def test_removing_a_pack_asks_plainly_first(qtbot, open_service, message_boxes) -> None:
    open_service.import_pack(parse_pack(EXAMPLE.read_bytes()))
    dialog = PacksDialog(open_service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.setCurrentRow(0)
    assert dialog.remove_button.isEnabled()
    message_boxes.answers.append(Cancel)
    dialog.remove_button.click()
    assert message_boxes.calls[-1][1] == "Remove the prompt pack"
    assert "Entries you wrote with them keep their prompts." in message_boxes.calls[-1][2]
    assert len(open_service.prompt_packs()) == 1, "Keep it keeps it"
    message_boxes.answers.append(Yes)
    dialog.remove_button.click()
    assert open_service.prompt_packs() == []
    assert dialog.list.count() == 0
    assert dialog.stack.currentIndex() == 1, "the empty state explains packs"
    assert not dialog.remove_button.isEnabled()


def test_the_packs_dialog_is_reachable_and_lock_closes_it(
    qtbot, make_window, existing_journal, file_dialogs, previews
) -> None:
    window = make_window(existing_journal.path)
    assert not window.packs_action.isEnabled() and not window.import_pack_action.isEnabled()
    unlock_through_ui(qtbot, window, PASSPHRASE)
    texts = [action.text() for action in window.file_menu.actions()]
    assert "I&mport prompt pack…" in texts and "Prompt pac&ks…" in texts

    file_dialogs.answers.append(str(EXAMPLE))
    window.import_pack_action.trigger()
    assert [p.name for p in window.service.prompt_packs()] == ["Between our sessions"]
    assert "is imported" in window.statusBar().currentMessage()

    window.packs_action.trigger()
    dialog = window.packs_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == 1
    window.lock()
    assert not dialog.isVisible()
    assert dialog.list.count() == 0, "no pack names left on screen"
    assert not window.packs_action.isEnabled()


def test_lock_during_the_preview_imports_nothing(
    qtbot, make_window, existing_journal, file_dialogs, monkeypatch
) -> None:
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)

    def lock_meanwhile(dialog: PackPreviewDialog) -> int:
        dialog.show()
        window.lock()
        return dialog.result()

    monkeypatch.setattr(PackPreviewDialog, "exec", lock_meanwhile)
    file_dialogs.answers.append(str(EXAMPLE))
    window.import_prompt_pack()
    assert window.current_page() is window.unlock_page
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.service.prompt_packs() == []
