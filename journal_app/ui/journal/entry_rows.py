"""The entry list's rows, worked out from entries without Qt, on any thread.

At 100,000 entries, grouping the entries by month and indexing them by id takes
a few hundred milliseconds of Python: too long for the window's thread, which
would freeze for it. A :class:`Listing` holds the result as plain lists and
dicts, so it can be built on a worker (the search worker builds one beside its
results) and handed to the list model, which only swaps it in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from operator import attrgetter, gt
from typing import TYPE_CHECKING

from journal_app.journal import Entry
from journal_app.vault import Cancelled

if TYPE_CHECKING:
    from journal_app.journal import Journal

# From this many entries on, a list's rows are worked out on a worker; shorter ones
# (a few milliseconds) where they are shown, at once.
LONG_LIST = 2_000

Month = tuple[int, int]
# An entry, or the (year, month) of the header above each month's entries. Rows are
# the entries themselves, not a tuple made for each: 100,000 new objects per list
# made the garbage collector walk them, with every thread waiting.
Row = Entry | Month

_created_of = attrgetter("created")
_id_of = attrgetter("id")
# Entries worked through between two checks for a newer request.
_CHUNK = 4096


def month_key(moment: datetime) -> Month:
    return (moment.year, moment.month)


def is_month(row: Row) -> bool:
    """Whether the row is a month's header (else it is an entry)."""
    return not isinstance(row, Entry)


def shape_of(row: Row) -> object:
    """What places a row, whatever its words: an entry's id, or a header's month."""
    return row.id if isinstance(row, Entry) else row


def newest_first(entries: Sequence[Entry]) -> bool:
    """Whether the entries are newest first by (date, id), as the journal lists them."""
    created = list(map(_created_of, entries))
    if all(map(gt, created, islice(created, 1, None))):
        return True  # every date differs: the ids need no look
    keys = list(zip(created, map(_id_of, entries), strict=True))
    return all(map(gt, keys, islice(keys, 1, None)))


@dataclass(frozen=True, slots=True)
class Listing:
    """The rows for a list of entries, with a month header wherever the month changes.

    ``shape`` holds each row's :func:`shape_of`, so two listings that differ only in
    their entries' words are seen to be alike by one comparison. ``row_of`` is
    filled only for entries that are not newest first; in that order the model
    finds a row by binary search instead. The model that shows a listing changes
    its lists as entries are saved: a listing is shown once.
    """

    rows: list[Row]
    shape: list[object]
    shown: dict[str, Entry]
    row_of: dict[str, int] | None

    @classmethod
    def of(cls, entries: Sequence[Entry], cancelled: Callable[[], bool] | None = None) -> Listing:
        """The listing of these entries; :class:`Cancelled` once ``cancelled()`` says so."""
        rows: list[Row] = []
        shape: list[object] = []
        year = month = 0
        for start in range(0, len(entries), _CHUNK):
            if cancelled is not None and cancelled():
                raise Cancelled()
            for entry in entries[start : start + _CHUNK]:
                created = entry.created
                if created.month != month or created.year != year:
                    year, month = created.year, created.month
                    header = (year, month)
                    rows.append(header)
                    shape.append(header)
                rows.append(entry)
                shape.append(entry.id)
        shown = dict(zip(map(_id_of, entries), entries, strict=True))
        row_of = None
        if not newest_first(entries):
            row_of = {value.id: row for row, value in enumerate(rows) if isinstance(value, Entry)}
        return cls(rows, shape, shown, row_of)

    def __len__(self) -> int:
        return len(self.rows)


def journal_listing(journal: Journal) -> Listing:
    """The rows of the whole journal, as the list first shows it after unlock."""
    return Listing.of(journal.entries())
