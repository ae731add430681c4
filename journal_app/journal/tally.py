"""Counts over the entries outside the trash, kept up to date one entry at a time.

The list's filters need to know which tags are in use (most used first), whether
any entry was written with a prompt and whether any is marked for the next
session. Counting all of that again after every autosave took a walk over every
entry (tens of milliseconds at 100,000 entries, on the window's thread), so the
journal keeps these counts and adjusts them by the difference each save makes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain
from operator import attrgetter

from journal_app.journal.entry import Entry


class EntryTally:
    """Tags in use (ignoring case), prompted and marked entries, outside the trash."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        """Count every entry at once, as many :meth:`add` calls would (at unlock)."""
        live = [entry for entry in entries if entry.trashed_at is None]
        tags = list(chain.from_iterable(map(attrgetter("tags"), live)))
        keys = list(map(str.casefold, tags))
        self._tags: Counter[str] = Counter(keys)
        # The first spelling counted wins: reversed, it is the last one written.
        self._spelling: dict[str, str] = dict(zip(reversed(keys), reversed(tags), strict=True))
        self.prompted = len(list(filter(None, map(attrgetter("prompt_theme"), live))))
        self.flagged = list(map(attrgetter("flagged"), live)).count(True)
        self.live = len(live)

    def add(self, entry: Entry) -> None:
        """Count an entry (one in the trash counts for nothing)."""
        self._change(entry, 1)

    def remove(self, entry: Entry) -> None:
        """Stop counting an entry that was counted with :meth:`add`."""
        self._change(entry, -1)

    def replace(self, old: Entry | None, new: Entry | None) -> None:
        """One entry saved again: count the difference it made."""
        if old is not None:
            self.remove(old)
        if new is not None:
            self.add(new)

    def _change(self, entry: Entry, step: int) -> None:
        if entry.trashed_at is not None:
            return
        self.live += step
        self.prompted += step if entry.prompt_theme else 0
        self.flagged += step if entry.flagged else 0
        for tag in entry.tags:
            key = tag.casefold()
            count = self._tags[key] + step
            if count > 0:
                self._tags[key] = count
                self._spelling.setdefault(key, tag)
            else:
                del self._tags[key]
                self._spelling.pop(key, None)

    def tag_counts(self) -> dict[str, int]:
        """How many entries use each tag, by the tag folded to lower case."""
        return dict(self._tags)

    def tags(self) -> list[str]:
        """Every tag in use, most used first, then alphabetically (ignoring case).

        A tag is spelled as the first entry counted with it spelled it.
        """
        ranked = sorted(self._tags.items(), key=lambda item: (-item[1], item[0]))
        return [self._spelling[key] for key, _ in ranked]
