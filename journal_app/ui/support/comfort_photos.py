"""Photos in the comfort box, shown small: decoded off the GUI thread.

A photo can be a 10 MB JPEG; opening its sealed record and decoding it on the
GUI thread would freeze the window for longer than a frame or two, in a moment
when calm matters. Both happen on Qt's thread pool (the vault is thread-safe
through its own lock), the thumbnail made as a ``QImage`` (safe off the GUI
thread, unlike ``QPixmap``). A result that arrives after the box was refreshed
or the journal locked is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage

from journal_app.journal.comfort import ComfortItem
from journal_app.ui.common.worker import Worker
from journal_app.vault import VaultError

THUMBNAIL = QSize(240, 160)
PHOTO_FILTER = "Photos (*.png *.jpg *.jpeg *.gif *.webp)"


def thumbnail(data: bytes, size: QSize = THUMBNAIL) -> QImage:
    """The photo scaled to fit ``size``, keeping its shape; a null image if it will not decode."""
    image = QImage.fromData(data)
    if image.isNull():
        return image
    return image.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


Opener = Callable[[ComfortItem], bytes | None]


def _decode_all(photos: list[ComfortItem], open_photo: Opener) -> list[tuple[str, QImage]]:
    decoded: list[tuple[str, QImage]] = []
    for item in photos:
        try:
            data = open_photo(item)
        except VaultError:  # damaged (named by check), or locked meanwhile (dropped)
            data = None
        decoded.append((item.id, thumbnail(data or b"")))
    return decoded


class PhotoLoader(QObject):
    """Decodes a batch of photos on the thread pool; ``loaded`` gives each one back.

    Signals:
        loaded(str, QImage): a photo's item id and its thumbnail (null if it did not decode).
    """

    loaded = Signal(str, QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._batch = 0
        self._workers: list[Worker] = []

    def load(self, items: Iterable[ComfortItem], open_photo: Opener) -> None:
        """Open and decode the photos among ``items``; what was still decoding is forgotten."""
        self.forget()
        wanted = [item for item in items if item.image_id is not None]
        if not wanted:
            return
        batch = self._batch
        worker = Worker(self)
        worker.succeeded.connect(lambda result: self._done(batch, result))
        self._workers.append(worker)
        worker.start(lambda: _decode_all(wanted, open_photo))

    def forget(self) -> None:
        """Drop whatever is still decoding (the box changed, or the journal locked)."""
        self._batch += 1

    @property
    def busy(self) -> bool:
        return any(worker.running for worker in self._workers)

    @Slot(object)
    def _done(self, batch: int, result: object) -> None:
        for worker in [w for w in self._workers if not w.running]:
            self._workers.remove(worker)
            worker.deleteLater()
        if batch != self._batch or not isinstance(result, list):
            return
        for item_id, image in result:
            self.loaded.emit(item_id, image)
