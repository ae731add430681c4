"""Moving in from another journal: jrnl, Day One, or a folder of notes.

Two steps, so the person sees what will happen before anything is written::

    parsed = parse(path, "dayone")                     # reads only, in memory
    shown = summarize(parsed, journal.entries(include_trash=True))  # the preview
    report = run_import(journal, parsed, progress, cancelled)       # one transaction

or ``preview(path, fmt, journal)`` for the first two at once. Each step may be
slow for a large file; run it off the GUI thread. ``progress(done, total)`` and
``cancelled()`` work as everywhere in Tend: stopping imports nothing.

Every problem with the source raises :class:`ImportFormatError` naming the file,
the entry and the field. Entries already in the journal (same minute, title and
text) are skipped, so importing the same file twice brings nothing in twice.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from journal_app.journal.files import CancelCheck, Progress
from journal_app.journal.importers import dayone, folder, jrnl
from journal_app.journal.importers.base import (
    ImportFormatError,
    ImportLimits,
    ImportPreview,
    ImportReport,
    ParsedEntry,
    ParsedImport,
    PreviewItem,
    fingerprint,
    run_import,
    summarize,
)
from journal_app.journal.service import Journal

Parser = Callable[..., ParsedImport]

FORMATS: dict[str, Parser] = {
    jrnl.FORMAT: jrnl.parse,
    dayone.FORMAT: dayone.parse,
    folder.FORMAT: folder.parse,
}
"""Every format by its name (as in ``tend import --from NAME``)."""

FORMAT_NAMES = {
    jrnl.FORMAT: "jrnl (JSON export)",
    dayone.FORMAT: "Day One (JSON or .zip export)",
    folder.FORMAT: "A folder of Markdown or text files",
}

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "ImportFormatError",
    "ImportLimits",
    "ImportPreview",
    "ImportReport",
    "ParsedEntry",
    "ParsedImport",
    "PreviewItem",
    "fingerprint",
    "guess_format",
    "parse",
    "preview",
    "run_import",
    "summarize",
]


def parse(
    path: Path,
    fmt: str,
    *,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ParsedImport:
    """Read ``path`` as format ``fmt`` ("jrnl", "dayone", "folder"). Writes nothing.

    Raises:
        ImportFormatError: the source is malformed, too big, or not that format.
        ValueError: ``fmt`` is not a known format.
        Cancelled: stopped.
    """
    try:
        parser = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown import format {fmt!r}") from None
    return parser(Path(path), limits, progress, cancelled)


def preview(
    path: Path,
    fmt: str,
    journal: Journal | None = None,
    *,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPreview:
    """What importing ``path`` would bring in, without writing anything.

    With ``journal``, also how many of its entries are already there.
    """
    parsed = parse(path, fmt, limits=limits, progress=progress, cancelled=cancelled)
    existing = journal.entries(include_trash=True) if journal is not None else None
    return summarize(parsed, existing)


def guess_format(path: Path) -> str | None:
    """A good guess at a source's format from a quick look, or None.

    A folder is "folder"; a zip is "dayone"; a JSON file with ``metadata`` or
    ``creationDate`` is "dayone", one with ``"date"``/``"time"`` entries "jrnl".
    Only the first 64 KB of a file are looked at.
    """
    path = Path(path)
    if path.is_dir():
        return folder.FORMAT
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
        if zipfile.is_zipfile(path):
            return dayone.FORMAT
    except OSError:
        return None
    if b'"creationDate"' in head or b'"metadata"' in head:
        return dayone.FORMAT
    if b'"entries"' in head and b'"date"' in head:
        return jrnl.FORMAT
    return None
