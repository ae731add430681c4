"""Photos in the comfort box, on the real widgets over a real vault: chosen, sealed,
shown small with a spoken name, refused plainly, taken out with their picture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from journal_app.journal.attachments import IMAGE_KIND
from journal_app.journal.comfort import ComfortItem, ComfortStore
from journal_app.ui.support import comfort_things
from journal_app.ui.support.comfort_photos import thumbnail
from journal_app.ui.support.comfort_window import ComfortWindow
from journal_app.vault import KdfParams, Vault
from tests.conftest import PASSPHRASE
from tests.journal.test_attachments import png
from tests.ui.support.test_comfort import Opened, StoreSource, shown


@pytest.fixture
def opened(tmp_path: Path, kdf: KdfParams) -> Iterator[Opened]:
    vault = Vault.create(tmp_path / "comfort.tend", PASSPHRASE, kdf)
    yield Opened(vault, StoreSource(ComfortStore(vault)))
    vault.close()


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[object]:
    """The file chooser answers ``path``; returns the purposes it was asked for."""
    asked: list[object] = []

    def answer(_parent: object, purpose: object, _caption: str, filters: str) -> tuple[str, str]:
        asked.append(purpose)
        assert "*.png" in filters and "*.txt" not in filters
        return str(path), filters

    monkeypatch.setattr(comfort_things, "open_file_name", answer)
    return asked


def test_a_photo_is_sealed_shown_small_and_taken_out(
    qtbot: Any, opened: Opened, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, message_boxes
):
    data = png()
    (tmp_path / "beach.png").write_bytes(data)
    asked = choose(monkeypatch, tmp_path / "beach.png")
    window = shown(qtbot, ComfortWindow(opened.source))
    pane = window.things
    window.tabs.setCurrentWidget(pane)
    QTest.keyClick(pane.photo_button, Qt.Key.Key_Space)
    assert asked == [comfort_things.Purpose.PHOTO]
    qtbot.waitUntil(lambda: pane.list.count() == 1)
    (item,) = ComfortStore(opened.vault).box().items
    assert ComfortStore(opened.vault).photo(item) == data
    row = pane.list.item(0)
    assert row.data(Qt.ItemDataRole.AccessibleTextRole) == comfort_things.PHOTO_NAME
    qtbot.waitUntil(lambda: not pane.list.item(0).icon().isNull())
    assert pane.remove_button.isEnabled()
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    QTest.keyClick(pane.remove_button, Qt.Key.Key_Space)
    assert ComfortStore(opened.vault).box().items == ()
    assert opened.vault.count(IMAGE_KIND) == 0


def test_a_file_that_is_not_a_photo_is_refused_plainly(
    qtbot: Any, opened: Opened, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    (tmp_path / "notes.png").write_bytes(b"only words, named like a picture")
    choose(monkeypatch, tmp_path / "notes.png")
    window = shown(qtbot, ComfortWindow(opened.source))
    window.tabs.setCurrentWidget(window.things)
    QTest.keyClick(window.things.photo_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "PNG, JPEG, GIF or WebP" in window.things.status.text())
    assert window.things.photo_button.isEnabled()
    assert opened.vault.count(IMAGE_KIND) == 0 and window.things.list.count() == 0


def test_a_photo_locked_away_while_decoding_is_never_shown(qtbot: Any, opened: Opened):
    store = opened.source.store
    store.save(store.box().with_item(store.add_photo(png())))
    window = shown(qtbot, ComfortWindow(opened.source))
    pane = window.things
    opened.source.lock()
    window.refresh()
    qtbot.waitUntil(lambda: not pane.photos.busy)
    assert pane.list.count() == 0


def test_a_thumbnail_keeps_the_photo_shape_and_fits():
    image = thumbnail(png())
    assert not image.isNull() and image.width() <= 240 and image.height() <= 160
    assert image.width() == 4 * image.height()  # 64 x 16, scaled
    assert thumbnail(b"not a picture").isNull()


def test_a_photo_whose_picture_is_gone_says_so(qtbot: Any, opened: Opened):
    store = opened.source.store
    store.save(store.box().with_item(ComfortItem.photo("0" * 32)))
    pane = shown(qtbot, ComfortWindow(opened.source)).things
    qtbot.waitUntil(lambda: pane.list.item(0).text() == comfort_things.PHOTO_UNREADABLE)
    assert pane.list.item(0).icon().isNull()
