"""Newest first: the order the journal lists entries in, kept by binary search.

Sorting 100,000 entries again after each save took longer than the save itself;
a saved entry only needs taking out of its old place and putting into its new
one, which a binary search finds in a few steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from journal_app.journal.entry import Entry

T = TypeVar("T")
Key = TypeVar("Key", bound=tuple[Any, ...])
SortKey = tuple[datetime, str]


def newest_first_key(entry: Entry) -> SortKey:
    """Sorted on this, descending: the entry's own date, then its id for ties."""
    return (entry.created, entry.id)


def first_below(items: Sequence[T], key: Key, key_of: Callable[[T], Key]) -> int:
    """In ``items`` sorted by ``key_of`` descending, the first place whose key is
    below ``key``: where an item with that key goes, after any equal ones."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if key_of(items[middle]) < key:
            high = middle
        else:
            low = middle + 1
    return low


def first_at_or_below(items: Sequence[T], key: Key, key_of: Callable[[T], Key]) -> int:
    """In ``items`` sorted by ``key_of`` descending, the first place whose key is
    not above ``key``: where an item with that very key sits, if one does."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if key_of(items[middle]) <= key:
            high = middle
        else:
            low = middle + 1
    return low


def move_entry(entries: list[Entry], old: Entry | None, new: Entry | None) -> None:
    """Keep a newest-first list in order as ``old`` is saved as ``new`` (either None)."""
    if old is not None:
        place = first_at_or_below(entries, newest_first_key(old), newest_first_key)
        if place < len(entries) and entries[place].id == old.id:
            del entries[place]
    if new is not None:
        entries.insert(first_below(entries, newest_first_key(new), newest_first_key), new)
