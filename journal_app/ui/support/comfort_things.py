"""The comfort box page: the person's own things, to read when things feel hard.

Words to themselves, messages from people who care, names or links of songs. It
holds them only while the journal is open (they are sealed in it, through the
window's service): on lock the list is emptied and a gentle note says why. A link
opens in the browser only when the person presses "Open the link"; nothing is
fetched or followed before that. A photo is chosen with "Add a photo…", sealed in
the journal and shown small (see ``comfort_photos``); a thing written by a newer
Tend is shown and kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.attachments import PictureRefused
from journal_app.journal.comfort import KINDS, PHOTO, ComfortItem
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import Purpose, open_file_name
from journal_app.ui.common.questions import confirm
from journal_app.ui.common.widgets import button, label, row
from journal_app.ui.common.worker import Worker
from journal_app.ui.support.comfort_parts import (
    LOCKED_NOTE,
    NOT_SAVED,
    ComfortSource,
    buddy_label,
    save_box,
)
from journal_app.ui.support.comfort_photos import PHOTO_FILTER, THUMBNAIL, PhotoLoader
from journal_app.vault import VaultError

INTRO = (
    "Your own things for hard moments: words to yourself, messages from people who care, "
    "songs and photos. Only you can see them: they stay in your encrypted journal."
)
EMPTY = "Nothing in the box yet. Add something below whenever you like."
KIND_NAMES = {
    "words": "Words to myself",
    "message": "A message from someone who cares",
    "song": "A song",
    PHOTO: "A photo",
}
PHOTO_NAME = "A photo from your comfort box"
PHOTO_UNREADABLE = "A photo that Tend cannot show"
CHOOSE_PHOTO = "Choose a photo"
KEEPING_PHOTO = "Keeping your photo…"
NEWER = "Something from a newer Tend"
REMOVE_TITLE = "Take this out of your comfort box?"
REMOVE_TEXT = "It will be deleted from your journal."
ITEM_ID = 0x0100  # Qt.ItemDataRole.UserRole


def item_text(item: ComfortItem) -> str:
    """How one thing reads in the list: its kind, then the person's words."""
    heading = KIND_NAMES.get(item.kind, NEWER)
    if item.source:
        heading = f"{heading}, from {item.source}"
    words = item.text or item.link
    return f"{heading}\n{words}" if words else heading


def openable(link: str) -> QUrl | None:
    """Only web addresses open, and only when pressed: never a file or a program."""
    url = QUrl.fromUserInput(link.strip())
    return url if link.strip() and url.isValid() and url.scheme() in ("http", "https") else None


class ComfortThingsPane(QWidget):
    """The list of things, Open the link and Remove, and a small form to add one."""

    def __init__(self, source: ComfortSource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.locked_note = label(LOCKED_NOTE, "lead")
        self.locked_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.intro = label(INTRO, "muted")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setIconSize(THUMBNAIL)
        self.list.setMinimumHeight(120)
        self.list.setAccessibleName("Your comfort box")
        self.list.setToolTip("Your own things, in the order you added them")
        self.list.currentRowChanged.connect(self._selected)
        self.empty = label(EMPTY, "muted")
        self.open_button = button("&Open the link", "Opens the song in your browser")
        self.open_button.clicked.connect(self.open_link)
        self.photo_button = button(
            "Add a &photo…", "Choose a photo to keep in your journal", on_click=self.add_photo
        )
        self.photos = PhotoLoader(self)
        self.sealing = Worker(self)
        self.sealing.succeeded.connect(self._photo_sealed)
        self.sealing.failed.connect(self._photo_refused)
        self.photos.loaded.connect(self._photo_loaded)
        self.remove_button = button("&Remove", "Take this out of the box", on_click=self.remove)
        self.form = self._build_form()
        self.status = label("", "small")
        layout = QVBoxLayout(self)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row(self.photo_button, None, self.open_button, self.remove_button))
        layout.addWidget(self.form)
        layout.addWidget(self.status)
        self.refresh()

    def _build_form(self) -> QWidget:
        form = QWidget()
        self.kind_box = QComboBox()
        for kind in KINDS:
            self.kind_box.addItem(KIND_NAMES[kind], kind)
        self.kind_box.setAccessibleName("Kind")
        self.kind_box.setToolTip("What you would like to add")
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.text_field = QPlainTextEdit()
        self.text_field.setTabChangesFocus(True)
        self.text_field.setMaximumHeight(64)
        self.text_field.setAccessibleName("Words")
        self.text_field.setToolTip("What would you like to keep here?")
        self.text_field.setPlaceholderText("What would you like to keep here?")
        self.source_field = QLineEdit()
        self.source_field.setAccessibleName("Who it is from")
        self.source_field.setToolTip("Who it is from (optional)")
        self.source_field.setPlaceholderText("Who it is from (optional)")
        self.link_field = QLineEdit()
        self.link_field.setAccessibleName("Link")
        self.link_field.setToolTip("A link to the song, if you like; it opens only when you ask")
        self.link_field.setPlaceholderText("Link, if you like")
        self.add_button = button("&Add to the box", "Keep this in your comfort box")
        self.add_button.clicked.connect(self.add)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row(buddy_label("&Kind:", self.kind_box), self.kind_box, None))
        layout.addWidget(self.text_field)
        layout.addLayout(row(self.source_field, self.link_field, None, self.add_button))
        self._kind_chosen()
        return form

    def _unlocked(self) -> bool:
        return self.source is not None and self.source.is_unlocked

    def refresh(self) -> None:
        """Show the box while the journal is open; while locked, hold nothing of it."""
        unlocked = self._unlocked()
        self.list.clear()
        if not unlocked:
            for field in (self.text_field, self.source_field, self.link_field):
                field.clear()
        self.photos.forget()
        shown = (self.intro, self.list, self.form, self.open_button, self.remove_button)
        for widget in (*shown, self.photo_button):
            widget.setVisible(unlocked)
        self.locked_note.setVisible(not unlocked)
        self.status.clear()
        items = self.source.comfort().box().items if unlocked and self.source else ()
        for thing in items:
            row_item = QListWidgetItem(item_text(thing))
            row_item.setData(ITEM_ID, thing.id)
            if thing.image_id is not None:
                row_item.setData(Qt.ItemDataRole.AccessibleTextRole, PHOTO_NAME)
            self.list.addItem(row_item)
        self.empty.setVisible(unlocked and not items)
        self._selected(self.list.currentRow())
        if self.source is not None and unlocked:
            self.photos.load(items, self.source.comfort().photo)

    @Slot(str, QImage)
    def _photo_loaded(self, item_id: str, image: QImage) -> None:
        for index in range(self.list.count()):
            row_item = self.list.item(index)
            if row_item.data(ITEM_ID) != item_id:
                continue
            if image.isNull():
                row_item.setText(PHOTO_UNREADABLE)
                row_item.setData(Qt.ItemDataRole.AccessibleTextRole, PHOTO_UNREADABLE)
            else:
                row_item.setIcon(QIcon(QPixmap.fromImage(image)))

    def current(self) -> ComfortItem | None:
        row_item = self.list.currentItem()
        if row_item is None or self.source is None or not self._unlocked():
            return None
        wanted = row_item.data(ITEM_ID)
        return next((i for i in self.source.comfort().box().items if i.id == wanted), None)

    @Slot(int)
    def _selected(self, _row: int) -> None:
        thing = self.current()
        self.open_button.setEnabled(thing is not None and openable(thing.link) is not None)
        self.remove_button.setEnabled(thing is not None and thing.is_known)

    @Slot()
    def _kind_chosen(self, *_args: object) -> None:
        kind = self.kind_box.currentData()
        self.source_field.setVisible(kind == "message")
        self.link_field.setVisible(kind == "song")

    @Slot()
    def add(self) -> None:
        if self.source is None or not self._unlocked():
            return
        kind = self.kind_box.currentData()
        thing = ComfortItem.new(
            kind,
            self.text_field.toPlainText().strip(),
            source=self.source_field.text().strip() if kind == "message" else "",
            link=self.link_field.text().strip() if kind == "song" else "",
        )
        if thing.is_blank:
            self.text_field.setFocus()
            return
        problem = save_box(self.source, self.source.comfort().box().with_item(thing))
        if not problem:
            for field in (self.text_field, self.source_field, self.link_field):
                field.clear()
        self.refresh()
        self.status.setText(problem)
        self.list.setCurrentRow(self.list.count() - 1)

    @Slot()
    def add_photo(self) -> None:
        """Choose a picture file and keep it, sealed; a refused one says why."""
        if self.source is None or not self._unlocked():
            return
        name, _ = open_file_name(self, Purpose.PHOTO, CHOOSE_PHOTO, PHOTO_FILTER)
        if not name or self.source is None or not self._unlocked() or self.sealing.running:
            return
        store = self.source.comfort()
        self.photo_button.setEnabled(False)
        self.status.setText(KEEPING_PHOTO)
        # Reading and sealing a large photo takes tens of milliseconds: not on the GUI thread.
        self.sealing.start(lambda: store.add_photo(Path(name).read_bytes()))

    @Slot(object)
    def _photo_sealed(self, thing: object) -> None:
        self.photo_button.setEnabled(True)
        if self.source is None or not self._unlocked() or not isinstance(thing, ComfortItem):
            return  # locked meanwhile: the picture no box names goes at a later emptying
        problem = save_box(self.source, self.source.comfort().box().with_item(thing))
        self.refresh()
        self.status.setText(problem)
        self.list.setCurrentRow(self.list.count() - 1)

    @Slot(object)
    def _photo_refused(self, error: object) -> None:
        self.photo_button.setEnabled(True)
        if isinstance(error, PictureRefused):
            self.status.setText(str(error))
        elif isinstance(error, VaultError | OSError):
            self.status.setText(f"{NOT_SAVED}. {advice_for(error).message}")
        else:
            raise error if isinstance(error, BaseException) else RuntimeError(error)

    @Slot()
    def remove(self) -> None:
        thing = self.current()
        if thing is None or self.source is None:
            return
        if not confirm(self, REMOVE_TITLE, REMOVE_TEXT, "Take it out", "Keep it"):
            return
        problem = save_box(self.source, self.source.comfort().box().without(thing.id))
        self.refresh()
        self.status.setText(problem)

    @Slot()
    def open_link(self) -> None:
        thing = self.current()
        url = openable(thing.link) if thing is not None else None
        if url is not None:
            QDesktopServices.openUrl(url)
