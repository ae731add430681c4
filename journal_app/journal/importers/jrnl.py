"""jrnl's JSON export (``jrnl --export json > journal.json``).

The layout, as jrnl 4 writes it (tests/data/jrnl_export.json is a real one)::

    {
      "tags": {"@morning": 2, ...},
      "entries": [
        {"title": "A quiet morning.", "body": "I made tea... @morning",
         "date": "2026-01-02", "time": "09:30",
         "tags": ["@morning"], "starred": false},
        ...
      ]
    }

``date`` and ``time`` are the entry's local time; tags lose their ``@`` (or ``#``)
mark; a starred entry gets the tag "starred"; the body is kept exactly, tags
written inside it included. Other fields jrnl may add (uuid, creator...) are
ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from pathlib import Path

from journal_app.journal.files import CancelCheck, Progress, progress_loop
from journal_app.journal.importers.base import (
    STARRED_TAG,
    ImportFormatError,
    ImportLimits,
    ParsedEntry,
    ParsedImport,
    bool_field,
    check_entry_size,
    entry_list,
    limits_or_default,
    load_json_capped,
    plausible,
    read_capped,
    tags_field,
    text_field,
    without_tag_mark,
)

FORMAT = "jrnl"
HINT = "Is it a jrnl JSON export (made with 'jrnl --export json')?"
# jrnl always writes a time; an entry of a hand-made file without one gets noon,
# the time least likely to move the entry to another day if the time zone changes.
DEFAULT_TIME = time(12, 0)


def parse(
    path: Path,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ParsedImport:
    """Read a jrnl JSON export. Reads only; raises :class:`ImportFormatError`."""
    path = Path(path)
    limits = limits_or_default(limits)
    return parse_bytes(read_capped(path, limits), path.name, limits, progress, cancelled)


def _moment(item: Mapping[str, object], source: str, index: int) -> datetime:
    day_text = text_field(item, "date", source, index, required=True)
    assert day_text is not None
    try:
        day = datetime.strptime(day_text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ImportFormatError(
            source, "is not a date like 2026-01-02.", index=index, field="date"
        ) from None
    time_text = text_field(item, "time", source, index)
    at = DEFAULT_TIME
    if time_text is not None and time_text.strip():
        try:
            at = datetime.strptime(time_text.strip(), "%H:%M").time()
        except ValueError:
            raise ImportFormatError(
                source, "is not a time like 09:30.", index=index, field="time"
            ) from None
    return plausible(datetime.combine(day, at), source, index, "date")


def parse_bytes(
    data: bytes,
    source: str,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ParsedImport:
    """Read a jrnl JSON export already in memory; ``source`` names it in messages."""
    limits = limits_or_default(limits)
    items = entry_list(load_json_capped(data, source, limits), source, limits, HINT)
    entries = []
    problems = []
    for index, item in progress_loop(items, progress, cancelled):
        if not isinstance(item, dict):
            raise ImportFormatError(source, f"is not an entry. {HINT}", index=index)
        if "title" not in item and "body" not in item:
            raise ImportFormatError(source, "is missing.", index=index, field="body")
        title = text_field(item, "title", source, index) or ""
        body = text_field(item, "body", source, index) or ""
        created = _moment(item, source, index)
        tags = [without_tag_mark(tag) for tag in tags_field(item, "tags", source, index)]
        if bool_field(item, "starred", source, index):
            tags.append(STARRED_TAG)
        check_entry_size(title, body, source, index, limits)
        if not title.strip() and not body.strip():
            problems.append(f"Entry {index + 1} is empty and was left out.")
            continue
        entries.append(ParsedEntry(created, title.strip(), body, tuple(tags)))
    return ParsedImport(source, FORMAT, tuple(entries), tuple(problems))
