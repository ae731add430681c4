"""Ways through right now: each page, locked and open, at sizes for small and large
screens.

Called by render_screens.py for each theme. The comfort box lives in a vault of its
own in the scratch folder, filled with sample things.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = {"800x600": (600, 540), "1920x1080": (760, 760)}


class _Source:
    """The service's side of the window, over a real store (or locked, with none)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    @property
    def is_unlocked(self) -> bool:
        return self.store is not None

    def comfort(self) -> Any:
        return self.store

    def note_refused(self) -> None:
        """Nothing else writes the scratch vault."""


def _sample_photo() -> bytes:
    """A calm sky-and-sea picture, made here: a PNG as a person's photo would be."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

    image = QImage(900, 600, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    sky = QLinearGradient(QPointF(0, 0), QPointF(0, 600))
    for stop, colour in ((0.0, "#f6c89f"), (0.55, "#9ec9e2"), (0.56, "#3f7f9f"), (1.0, "#20465a")):
        sky.setColorAt(stop, QColor(colour))
    painter.fillRect(image.rect(), sky)
    painter.setBrush(QColor("#fff3d6"))
    painter.setPen(QColor("#fff3d6"))
    painter.drawEllipse(QPointF(620, 300), 60, 60)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _sample_store(folder: Path, passphrase: str) -> Any:
    from journal_app.journal.comfort import ComfortBox, ComfortItem, ComfortStore
    from journal_app.vault import KdfParams, Vault

    vault = Vault.create(folder / "comfort.tend", passphrase, KdfParams.fresh(64, 1, 1))
    store = ComfortStore(vault)
    items = (
        ComfortItem.new("words", "You have got through hard days before. This one will pass too."),
        ComfortItem.new("message", "Call me any time, even late. I mean it.", source="Maya"),
        ComfortItem.new("song", "Here Comes the Sun", link="https://example.org/sun"),
    )
    photo = store.add_photo(_sample_photo())
    store.save(ComfortBox((*items, photo), "This will pass like weather."))
    return store


def render(
    shot: Callable[..., None],
    settle: Callable[..., None],
    theme: str,
    folder: Path,
    passphrase: str,
) -> None:
    """Every page open; the box and let it pass while locked; at both sizes."""
    from journal_app.ui.support.comfort_window import ComfortWindow

    store = _sample_store(folder, passphrase)
    for size, (width, height) in SIZES.items():
        for state, source in (("open", _Source(store)), ("locked", _Source(None))):
            window = ComfortWindow(source)
            window.resize(width, height)
            window.show()
            pages = (window.breathing, window.grounding, window.let_it_pass, window.things)
            for page in pages if state == "open" else pages[2:]:
                window.tabs.setCurrentWidget(page)
                settle(120)
                if page is window.things and state == "open":
                    window.things.list.setCurrentRow(window.things.list.count() - 1)
                    settle(300)  # the photo decodes off the GUI thread
                name = window.tabs.tabText(window.tabs.indexOf(page)).replace("&", "")
                slug = name.lower().replace(" ", "-")
                shot(window, f"70-ways-{slug}-{state}-{size}", theme)
            if state == "open":
                window.tabs.setCurrentWidget(window.let_it_pass)
                window.let_it_pass.start()
                shot(window, f"71-ways-let-it-pass-running-{size}", theme)
                window.let_it_pass.timer.timeout.emit()
                shot(window, f"71-ways-let-it-pass-ended-{size}", theme)
                window.let_it_pass.stop()
                window.tabs.setCurrentWidget(window.grounding)
                window.grounding.next()
                shot(window, f"71-ways-grounding-second-step-{size}", theme)
                window.breathing.still_box.setChecked(True)
                window.tabs.setCurrentWidget(window.breathing)
                shot(window, f"71-ways-breathing-still-{size}", theme)
            window.close()
            window.deleteLater()
    store.vault.close()
