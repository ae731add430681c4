"""The entry list as a Qt model: plain Entry dataclasses, grouped by month.

Month headers are rows of their own that can be neither selected nor focused, so
the list view's arrow keys step over them (QListView skips disabled rows) and
every row keeps the same height, which lets the view lay out 100,000 rows in a
blink (``setUniformItemSizes``). The model never holds anything but dataclasses
and a few display strings; ``clear()`` drops all of it.

The rows themselves are worked out by :class:`~journal_app.ui.journal.entry_rows.Listing`,
which needs no Qt: a long list is built on a worker and only swapped in here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTime,
)

from journal_app.journal import Entry
from journal_app.journal.ordering import first_at_or_below, first_below
from journal_app.journal.search import find_spans
from journal_app.ui.journal.entry_rows import Listing, Month, Row, is_month, month_key, shape_of

UNTITLED = "Untitled"

_Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    """Data roles beyond Qt's own. ``Qt.DisplayRole`` is the title or month name."""

    EntryId = Qt.ItemDataRole.UserRole + 1
    Entry = Qt.ItemDataRole.UserRole + 2
    IsHeader = Qt.ItemDataRole.UserRole + 3
    DateText = Qt.ItemDataRole.UserRole + 4
    Tags = Qt.ItemDataRole.UserRole + 5
    TitleSpans = Qt.ItemDataRole.UserRole + 6
    IsUntitled = Qt.ItemDataRole.UserRole + 7
    ThemeName = Qt.ItemDataRole.UserRole + 8  # the theme of the entry's prompt, or ""


# Module-level aliases, the way views and tests usually spell them.
EntryIdRole = Roles.EntryId
EntryRole = Roles.Entry
IsHeaderRole = Roles.IsHeader
DateTextRole = Roles.DateText
TagsRole = Roles.Tags
TitleSpansRole = Roles.TitleSpans
IsUntitledRole = Roles.IsUntitled
ThemeNameRole = Roles.ThemeName


def month_label(key: tuple[int, int], locale: QLocale | None = None) -> str:
    """ "March 2025", in the person's language."""
    return (locale or QLocale()).toString(QDate(key[0], key[1], 1), "MMMM yyyy")


def date_label(moment: datetime, locale: QLocale | None = None) -> str:
    """A short day and time for a row: "Tue 4 Mar · 09:41"."""
    loc = locale or QLocale()
    day = loc.toString(QDate(moment.year, moment.month, moment.day), "ddd d MMM")
    time = loc.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return f"{day} · {time}"


_Row = Row
# Where a row stands in the newest-first order: an entry's date and id, and 0; a
# header's are those of the first entry below it, and 1, so it goes just above.
_RowKey = tuple[datetime, str, int]


def _month_of(row: _Row) -> Month:
    return month_key(row.created) if isinstance(row, Entry) else row


class EntryListModel(QStringListModel):
    """Entries newest first, with a header row above the first entry of each month.

    Each row is either an entry or, for a month's header, its ``(year, month)``.
    The entries must arrive in the order they should be shown; a header is put
    wherever the month changes.

    Why a string list underneath: QListView lays out every row whenever rows come
    or go, asking the model for its row count twice a row. Answered in Python that
    took 300 ms at 100,000 rows; Qt's own string list answers in C++ (10 ms). It
    holds one empty string per row, only to count them; what a row shows comes
    from ``_rows``, changed in step with it (see ``_change_rows``).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: Callable[[], None] | None = None
        # Connected before any view is, so the rows change before a view looks.
        self.rowsInserted.connect(self._apply_pending)
        self.rowsRemoved.connect(self._apply_pending)
        self.modelReset.connect(self._apply_pending)
        self._rows: list[_Row] = []
        self._shape: list[object] = []  # each row's shape_of, kept in step with _rows
        self._shown: dict[str, Entry] = {}  # by id, as listed now
        # Each entry's row, kept only for a list not in newest-first order; in
        # order (as the journal always lists), a binary search finds the row, so
        # a row coming or going does not renumber the 100,000 below it.
        self._row_of: dict[str, int] | None = None
        self._query = ""
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._locale = QLocale()
        self._theme_names: dict[str, str] = {}

    def set_theme_names(self, names: dict[str, str]) -> None:
        """Theme ids to the names shown beside an entry written with a prompt."""
        self._theme_names = dict(names)

    def theme_name(self, entry: Entry) -> str:
        return self._theme_names.get(entry.prompt_theme or "", "")

    # ---------------------------------------------------------------- filling

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Show these entries (see :meth:`set_listing`)."""
        self.set_listing(Listing.of(entries))

    def set_listing(self, listing: Listing) -> None:
        """Show these rows. If only their entries' words changed (the same rows in
        the same places) the rows are updated in place, so selection and scroll stay
        put; else one reset. Either way the window's thread does no per-row work in
        Python: the listing was worked out before (on a worker, when it is long)."""
        self._spans.clear()
        rows = listing.rows
        if self._rows and listing.shape == self._shape:
            self._rows, self._shape = rows, listing.shape
            self._shown, self._row_of = listing.shown, listing.row_of
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return

        def change() -> None:
            self._rows, self._shape = rows, listing.shape
            self._shown, self._row_of = listing.shown, listing.row_of

        self._change_rows(change, lambda: self._reset_to(len(rows)))

    def _reset_to(self, count: int) -> None:
        """One reset to ``count`` empty strings, made by the string list in C++: handing
        it a Python list of 100,000 strings to convert took twice as long."""
        self.beginResetModel()
        blocked = self.blockSignals(True)  # one reset, not a removal and an insertion
        try:
            self.removeRows(0, self.rowCount())
            self.insertRows(0, count)
        finally:
            self.blockSignals(blocked)
            self.endResetModel()

    def _change_rows(self, change: Callable[[], None], signal: Callable[[], object]) -> None:
        """Run ``signal`` (the string list's own insert, remove or reset), with
        ``change`` made to ``_rows`` between its "about to" and its "done" signals:
        views and Qt's model tester read the old rows before, the new ones after."""
        self._pending = change
        try:
            signal()
        finally:
            self._apply_pending()

    def _apply_pending(self, *_signal_args: object) -> None:
        change, self._pending = self._pending, None
        if change is not None:
            change()

    # ------------------------------------------------------- one entry saved

    def put(self, entry: Entry) -> None:
        """Show this entry, new or saved again, in its place among entries already
        listed newest first (as the journal lists them): its row is updated where it
        stands if its date keeps it there, else taken out and put back where it now
        belongs, month headings following. The rest of the list is left alone, so a
        save costs a few rows, not a rebuild of 100,000."""
        row = self.row_of(entry.id)
        if row >= 0 and self._still_fits(row, entry):
            self._rows[row] = entry
            self._shown[entry.id] = entry
            self._spans.pop(entry.id, None)
            self.dataChanged.emit(self.index(row), self.index(row))
            return
        if row >= 0:
            self._remove_row(row)
        self._insert_entry(entry)

    def drop(self, entry_id: str) -> None:
        """Stop showing this entry (and its month's heading, if it was the last)."""
        row = self.row_of(entry_id)
        if row >= 0:
            self._remove_row(row)

    def _entry_key(self, row: int) -> tuple[datetime, str] | None:
        value = self._rows[row] if 0 <= row < len(self._rows) else None
        return (value.created, value.id) if isinstance(value, Entry) else None

    def _still_fits(self, row: int, entry: Entry) -> bool:
        """Whether the saved entry belongs in the row it has (same month, same
        neighbours); a header is skipped to find the entry above."""
        old = self._rows[row]
        assert isinstance(old, Entry)
        if month_key(old.created) != month_key(entry.created):
            return False
        key = (entry.created, entry.id)
        above = self._entry_key(row - 1) or self._entry_key(row - 2)
        below = self._entry_key(row + 1) or self._entry_key(row + 2)
        return (above is None or above > key) and (below is None or key > below)

    def _row_key(self, row: int) -> _RowKey:
        value = self._rows[row]
        if isinstance(value, Entry):
            return (value.created, value.id, 0)
        first = self._rows[row + 1]  # a heading always has an entry below it
        assert isinstance(first, Entry)
        return (first.created, first.id, 1)

    def _insert_entry(self, entry: Entry) -> None:
        """Insert one row (and a heading if its month has none) in sorted place."""
        rows = self._rows
        place = first_below(range(len(rows)), (entry.created, entry.id, 0), self._row_key)
        month = month_key(entry.created)
        new: list[_Row] = [entry]
        if place < len(rows) and is_month(rows[place]) and rows[place] == month:
            place += 1  # newer than every entry of its month: just below the heading
        elif place == 0 or _month_of(rows[place - 1]) != month:
            new.insert(0, month)
            if place < len(rows) and not is_month(rows[place]):
                new.append(_month_of(rows[place]))  # it splits a month

        def change() -> None:
            rows[place:place] = new
            self._shape[place:place] = [shape_of(row) for row in new]
            self._shown[entry.id] = entry
            self._renumber(place)

        self._change_rows(change, lambda: self.insertRows(place, len(new)))

    def _remove_row(self, row: int) -> None:
        """Remove an entry's row, with its month's heading once the month is empty."""
        rows = self._rows
        first, last = row, row + 1
        if row > 0 and is_month(rows[row - 1]) and (last == len(rows) or is_month(rows[last])):
            first -= 1
            if first > 0 and last < len(rows) and _month_of(rows[first - 1]) == rows[last]:
                last += 1  # the months around it are one month again
        value = rows[row]
        assert isinstance(value, Entry)

        def change() -> None:
            del rows[first:last]
            del self._shape[first:last]
            del self._shown[value.id]
            if self._row_of is not None:
                del self._row_of[value.id]
            self._spans.pop(value.id, None)
            self._renumber(first)

        self._change_rows(change, lambda: self.removeRows(first, last - first))

    def _renumber(self, start: int) -> None:
        """Rows from ``start`` on moved: their entries' row numbers follow."""
        row_of = self._row_of
        if row_of is None:
            return  # in order: rows are found by binary search
        for row in range(start, len(self._rows)):
            value = self._rows[row]
            if isinstance(value, Entry):
                row_of[value.id] = row

    def clear(self) -> None:
        """Forget every entry and the search words (on lock)."""

        def change() -> None:
            self._rows, self._shape, self._shown, self._row_of = [], [], {}, None
            self._spans, self._query = {}, ""

        self._change_rows(change, lambda: self.setStringList([]))

    def set_highlight(self, query: str) -> None:
        """Words to mark in each title, as the delegate paints it."""
        if query == self._query:
            return
        self._query = query
        self._spans.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [Roles.TitleSpans]
            )

    @property
    def highlight(self) -> str:
        return self._query

    # ---------------------------------------------------------------- lookups

    def entry_count(self) -> int:
        return len(self._shown)

    def entry_ids(self) -> list[str]:
        return [value.id for value in self._rows if isinstance(value, Entry)]

    def row_of(self, entry_id: str | None) -> int:
        """The row showing this entry, or -1."""
        entry = self._shown.get(entry_id) if entry_id is not None else None
        if entry is None:
            return -1
        if self._row_of is not None:
            return self._row_of[entry.id]
        key = (entry.created, entry.id, 0)
        row = first_at_or_below(range(len(self._rows)), key, self._row_key)
        return row if row < len(self._rows) and self._rows[row] is entry else -1

    def index_of(self, entry_id: str | None) -> QModelIndex:
        row = self.row_of(entry_id)
        return self.index(row) if row >= 0 else QModelIndex()

    def entry_at(self, row: int) -> Entry | None:
        if 0 <= row < len(self._rows):
            value = self._rows[row]
            if isinstance(value, Entry):
                return value
        return None

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and is_month(self._rows[row])

    def neighbour_entry_id(self, entry_id: str) -> str | None:
        """The entry below this one, else the one above: what to show after it goes."""
        row = self.row_of(entry_id)
        if row < 0:
            return None
        for candidate in (*range(row + 1, len(self._rows)), *range(row - 1, -1, -1)):
            entry = self.entry_at(candidate)
            if entry is not None:
                return entry.id
        return None

    def first_entry_row(self) -> int:
        for row in range(len(self._rows)):
            if not self.is_header(row):
                return row
        return -1

    # -------------------------------------------------------------- Qt model

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if is_month(self._rows[index.row()]):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if not isinstance(entry, Entry):  # a month's header: (year, month)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return month_label(entry, self._locale)
            if role == Roles.IsHeader:
                return True
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.display_title or UNTITLED
        if role == Roles.EntryId:
            return entry.id
        if role == Roles.Entry:
            return entry
        if role == Roles.IsHeader:
            return False
        if role == Roles.IsUntitled:
            return not entry.display_title
        if role == Roles.DateText:
            return date_label(entry.created, self._locale)
        if role == Roles.Tags:
            return list(entry.tags)
        if role == Roles.ThemeName:
            return self.theme_name(entry)
        if role == Roles.TitleSpans:
            return self._title_spans(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [entry.display_title or UNTITLED, date_label(entry.created, self._locale)]
            theme = self.theme_name(entry)
            if theme:
                parts.append(f"written with a prompt: {theme}")
            if entry.tags:
                parts.append("tags: " + ", ".join(entry.tags))
            if entry.flagged:
                parts.append("marked for my next session")
            return ", ".join(parts)
        return None

    def _title_spans(self, entry: Entry) -> list[tuple[int, int]]:
        if not self._query:
            return []
        spans = self._spans.get(entry.id)
        if spans is None:
            spans = find_spans(entry.display_title, self._query)
            self._spans[entry.id] = spans
        return spans

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                int(Roles.EntryId): QByteArray(b"entryId"),
                int(Roles.Entry): QByteArray(b"entry"),
                int(Roles.IsHeader): QByteArray(b"isHeader"),
                int(Roles.DateText): QByteArray(b"dateText"),
                int(Roles.Tags): QByteArray(b"tags"),
                int(Roles.TitleSpans): QByteArray(b"titleSpans"),
                int(Roles.IsUntitled): QByteArray(b"isUntitled"),
                int(Roles.ThemeName): QByteArray(b"themeName"),
            }
        )
        return names
