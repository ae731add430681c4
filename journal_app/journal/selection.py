"""Choosing entries to export or print: by date, tag, theme, flag, or by hand.

Plain data in, plain data out: the GUI's export dialog and ``tend export`` build a
:class:`Selection` and pass it, with the journal's entries, to :func:`select`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from journal_app.journal.entry import Entry
from journal_app.journal.search import fold

ThemeOf = Callable[[Entry], str | None]
"""Gives an entry's prompt theme (a theme id such as ``"people"``), or None."""


def entry_theme(entry: Entry) -> str | None:
    """The theme of the prompt the entry was written to, if it had one."""
    return getattr(entry, "prompt_theme", None)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which entries to take. Every criterion given must hold (they combine with AND).

    Attributes:
        ids: exactly these entries (those still in the journal), or None for all.
        date_from: the first day to include (the entry's own date), or None.
        date_to: the last day to include (inclusive), or None.
        tag: only entries with this tag (ignoring case and accents), or None.
        theme: only entries written to a prompt of this theme (its id), or None.
        flagged_only: only entries marked "bring to my next session".
        include_trash: also entries in the trash (normally left out).
    """

    ids: frozenset[str] | None = None
    date_from: date | None = None
    date_to: date | None = None
    tag: str | None = None
    theme: str | None = None
    flagged_only: bool = False
    include_trash: bool = False

    def __post_init__(self) -> None:
        if self.ids is not None and not isinstance(self.ids, frozenset):
            object.__setattr__(self, "ids", frozenset(self.ids))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("The first day is after the last day.")

    def matches(self, entry: Entry, theme_of: ThemeOf = entry_theme) -> bool:
        """Whether one entry is part of this selection."""
        if entry.trashed_at is not None and not self.include_trash:
            return False
        if self.ids is not None and entry.id not in self.ids:
            return False
        if self.flagged_only and not getattr(entry, "flagged", False):
            return False
        day = entry.created.date()
        if self.date_from is not None and day < self.date_from:
            return False
        if self.date_to is not None and day > self.date_to:
            return False
        if self.tag:
            wanted = fold(self.tag)
            if wanted not in (fold(tag) for tag in entry.tags):
                return False
        return not self.theme or theme_of(entry) == self.theme


EVERYTHING = Selection()
FLAGGED = Selection(flagged_only=True)


def select(
    entries: Iterable[Entry], selection: Selection, *, theme_of: ThemeOf = entry_theme
) -> list[Entry]:
    """The entries of ``selection``, oldest first (the order an export reads in).

    Args:
        entries: the journal's entries, e.g. ``journal.entries(include_trash=True)``.
        selection: what to take.
        theme_of: how to find an entry's theme; by default its ``prompt_theme``.
    """
    chosen = [entry for entry in entries if selection.matches(entry, theme_of)]
    chosen.sort(key=lambda entry: (entry.created, entry.id))
    return chosen


def flagged(entries: Iterable[Entry]) -> list[Entry]:
    """The entries marked "bring to my next session", oldest first."""
    return select(entries, FLAGGED)
