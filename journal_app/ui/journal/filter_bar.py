"""What the entry list shows: the words searched for, a tag, a theme, the next-session mark.

Given the journal's search, each key searches at once on a worker thread
(``search_worker.py``): the window never waits for it, and the list follows with
the newest words' results only. Without it, the search waits a moment after typing
stops. A long journal is listed on that worker too (:meth:`FilterBar.relist`):
``changed`` then follows once the rows are ready. Down or Enter searches at once,
here, and goes on to the list; Escape clears the words (or, with none, goes to the
list). The tag filter appears once an entry has a tag, the theme filter once an
entry was written with a prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal import Entry
from journal_app.journal.prompts import Theme
from journal_app.ui.common.widgets import ElidedComboBox
from journal_app.ui.journal.flag import FlagFilter
from journal_app.ui.journal.search_worker import (
    SearchFunction,
    SearchRequest,
    SearchResult,
    SearchWorker,
)

SEARCH_DELAY_MS = 150
ALL_TAGS = "All tags"
ALL_THEMES = "All entries"
SEARCH_JOURNAL = "Search your journal"
SEARCH_TRASH = "Search the trash"


def _filter_box(parent: QWidget, name: str, accessible: str, tip: str) -> ElidedComboBox:
    box = ElidedComboBox(parent)
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setToolTip(tip)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


class FilterBar(QWidget):
    """The search field, the tag and theme filters, and "Marked for my next session".

    Signals:
        query_changed(str): the words searched for, once the typing has settled.
        changed(): any filter changed: the list should follow.
        list_requested(): the keyboard leaves the search for the list.
    """

    query_changed = Signal(str)
    changed = Signal()
    list_requested = Signal()

    def __init__(
        self,
        themes: Sequence[Theme],
        parent: QWidget | None = None,
        *,
        search: SearchFunction | None = None,
    ) -> None:
        super().__init__(parent)
        self.query = ""
        self.tag: str | None = None
        self.theme: str | None = None  # only entries written with this theme's prompts
        self._trash = False
        self._found: SearchResult | None = None  # only while the list takes it in
        self._relisting: SearchRequest | None = None  # asked of the worker by relist()
        self._failed: SearchRequest | None = None  # the worker could not list it
        self.worker: SearchWorker | None = None
        if search is not None:
            self.worker = SearchWorker(search, self)
            self.worker.found.connect(self._on_found)
            self.worker.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self._build_search())
        layout.addLayout(self._build_filters(themes))
        self.flag_filter = FlagFilter(self)  # "Marked for my next session"
        self.flag_filter.toggled.connect(lambda _on: self.changed.emit())
        layout.addWidget(self.flag_filter)

    def _build_search(self) -> QLineEdit:
        self.search = QLineEdit(self)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText(SEARCH_JOURNAL)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(SEARCH_JOURNAL)
        self.search.setToolTip("Find words in titles, text and tags (Ctrl+F)")
        self.search.textChanged.connect(self._on_search_text)
        self.search.installEventFilter(self)
        return self.search

    def _build_filters(self, themes: Sequence[Theme]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.tag_filter = _filter_box(
            self, "tagFilter", "Show entries with tag", "Show only the entries with this tag"
        )
        self.tag_filter.addItem(ALL_TAGS)
        self.tag_filter.currentIndexChanged.connect(self._on_tag_changed)
        row.addWidget(self.tag_filter, 1)
        self.theme_filter = _filter_box(
            self,
            "themeFilter",
            "Show entries written with a prompt from theme",
            "Show only the entries written with prompts from this theme",
        )
        self.theme_filter.addItem(ALL_THEMES, None)
        for theme in themes:
            self.theme_filter.addItem(theme.name, theme.id)
        self.theme_filter.currentIndexChanged.connect(self._on_theme_changed)
        self.theme_filter.hide()
        row.addWidget(self.theme_filter, 1)
        return row

    # ---------------------------------------------------------------- state

    def narrows(self) -> bool:
        """Whether words, a tag or a theme narrow what the journal shows."""
        return bool(self.query or self.tag or self.theme)

    def anything_set(self) -> bool:
        """As :meth:`narrows`, or the next-session mark is on."""
        return self.narrows() or self.flag_filter.isChecked()

    def apply(self, entries: list[Entry]) -> list[Entry]:
        """The entries the next-session mark lets through."""
        return self.flag_filter.apply(entries)

    def found(self, include_trash: bool) -> list[Entry] | None:
        """The results the worker found for exactly these filters, while the list
        follows them; None when the caller should search itself."""
        result = self.found_result(include_trash)
        return result.entries if result is not None else None

    def found_result(self, include_trash: bool) -> SearchResult | None:
        """As :meth:`found`, with the rows the worker built for them, if it did."""
        result = self._found
        if result is None or result.request != self._request(include_trash):
            return None
        return result

    def relist(self) -> bool:
        """Have the worker find what these filters let through, and build its rows;
        ``changed`` follows when they are ready. False if there is no worker."""
        if self.worker is None or self._failed == self._request(self._trash):
            return False
        self._relisting = self._request(self._trash)
        self.worker.find(self._relisting)
        return True

    @property
    def relisting(self) -> bool:
        """Whether a list asked for by :meth:`relist` is still on its way."""
        return self._relisting is not None

    def _request(self, include_trash: bool) -> SearchRequest:
        return SearchRequest(self.query, self.tag, self.theme, include_trash)

    def set_trash_mode(self, on: bool) -> None:
        self._settle_words()
        self._trash = on
        words = SEARCH_TRASH if on else SEARCH_JOURNAL
        self.search.setPlaceholderText(words)
        self.search.setAccessibleName(words)

    def set_theme(self, theme_id: str | None) -> None:
        """Show only the entries written with prompts of this theme (None: all)."""
        index = self.theme_filter.findData(theme_id) if theme_id else 0
        self.theme_filter.setVisible(self.theme_filter.isVisible() or theme_id is not None)
        self.theme_filter.setCurrentIndex(max(0, index))

    def refresh(self, tags: list[str], *, prompted: bool, flagged: bool) -> None:
        """Offer the tags in use; show the theme filter and the mark once they mean something."""
        wanted = self.tag
        self.tag_filter.setVisible(bool(tags) or wanted is not None)
        self.tag_filter.blockSignals(True)
        try:
            self.tag_filter.clear()
            self.tag_filter.addItem(ALL_TAGS)
            self.tag_filter.addItems(tags)
            index = self.tag_filter.findText(wanted) if wanted else 0
            if wanted and index < 0:
                # The tag is no longer used: keep showing the filter so nothing jumps.
                self.tag_filter.addItem(wanted)
                index = self.tag_filter.count() - 1
            self.tag_filter.setCurrentIndex(max(0, index))
        finally:
            self.tag_filter.blockSignals(False)
        self.theme_filter.setVisible(prompted or self.theme is not None)
        self.flag_filter.refresh(flagged)

    def reset(self) -> None:
        """Back to no filter at all, without a signal (the journal is locking)."""
        self._timer.stop()
        self._relisting = None
        if self.worker is not None:
            self.worker.forget()
        for widget in (self.search, self.tag_filter, self.theme_filter):
            widget.blockSignals(True)
        try:
            self.search.setText("")
            self.tag_filter.clear()
            self.tag_filter.addItem(ALL_TAGS)
            self.tag_filter.hide()
            self.theme_filter.setCurrentIndex(0)
            self.theme_filter.hide()
            self.flag_filter.reset()
        finally:
            for widget in (self.search, self.tag_filter, self.theme_filter):
                widget.blockSignals(False)
        self.query = ""
        self.tag = None
        self.theme = None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ---------------------------------------------------------------- slots

    @Slot(str)
    def _on_search_text(self, text: str) -> None:
        if self.worker is None:
            self._timer.start()
            return
        query = text.strip()
        if not query or query == self.query:
            self.apply_search()  # nothing to search for, or already shown
        else:
            self.worker.find(SearchRequest(query, self.tag, self.theme, self._trash))

    def _settle_words(self) -> None:
        """A filter changes while the words are still being searched: take the words
        now, so that the list the caller is about to show follows both."""
        if self.worker is None:
            return
        self._drop()
        query = self.search.text().strip()
        if query != self.query:
            self.query = query
            self.query_changed.emit(query)

    @Slot(object)
    def _on_found(self, result: SearchResult) -> None:
        """Show what the worker found, if the field still asks for it."""
        request = result.request
        if request != SearchRequest(self.search.text().strip(), self.tag, self.theme, self._trash):
            return  # stale: the words, a filter or the trash moved on meanwhile
        relisted, self._relisting, self._failed = request == self._relisting, None, None
        if request.query == self.query and not relisted:
            return  # already searched here (Enter)
        words_changed = request.query != self.query
        self.query = request.query
        self._found = result
        try:
            if words_changed:
                self.query_changed.emit(request.query)
            self.changed.emit()
        finally:
            self._found = None

    @Slot(object)
    def _on_failed(self, request: SearchRequest) -> None:
        """The worker could not search: here, then, where an error can be shown."""
        if request != self._relisting:
            self.apply_search()
            return
        self._relisting, self._failed = None, request
        self.changed.emit()  # the list is made here this time (relist() says no)

    def _drop(self) -> None:
        assert self.worker is not None
        self.worker.drop()
        self._relisting = None

    @Slot()
    def apply_search(self) -> None:
        """Search for the words in the field now (the list follows)."""
        query = self.search.text().strip()
        if query == self.query:
            return  # a search for other words is stale already; a list on its way comes
        if self.worker is not None:
            self._drop()
        self.query = query
        self.query_changed.emit(query)
        self.changed.emit()

    @Slot(int)
    def _on_tag_changed(self, index: int) -> None:
        self._settle_words()
        self.tag = None if index <= 0 else self.tag_filter.itemText(index)
        self.changed.emit()

    @Slot(int)
    def _on_theme_changed(self, index: int) -> None:
        self._settle_words()
        self.theme = None if index <= 0 else self.theme_filter.itemData(index)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._timer.stop()
                self.apply_search()
                self.list_requested.emit()
                return True
            if key == Qt.Key.Key_Escape:
                if self.search.text():
                    self.search.clear()
                else:
                    self.list_requested.emit()
                return True
        return super().eventFilter(watched, event)
