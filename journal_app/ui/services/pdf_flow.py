"""An export's pages typeset a batch of entries at a time, so memory stays small.

One document of every entry, laid out, costs about 80 KB an entry (most of a
gigabyte at 10,000 entries). So :func:`flow_steps` keeps only a batch: it reads
:data:`BATCH_ENTRIES` entries into a :class:`PrintDocument`, hands on every page
that nothing more can change (all but the last), then drops the text of those
pages from the front of the document and reads the next batch in after the rest.

The pages come out exactly as one document of every entry would lay them out, so
the page count and the page breaks are the same: what is kept begins with the
block at the top of the last page, and that block is put back at the very height
on its page where it was (its top margin, measured and set in Qt's own 1/64ths of
a point), so every line after it breaks where it did. A page already handed on is
never handed on again.

The pages' numbers say "n of N": :func:`flow_steps` is run twice by
:mod:`journal_app.ui.services.pdf`, first only to count the pages, then to paint
them. GUI thread only, in short steps, like the rest of the typesetting (see
:mod:`journal_app.ui.common.slices`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from PySide6.QtGui import QPageLayout, QTextBlock, QTextBlockFormat, QTextCursor

from journal_app.journal.entry import Entry
from journal_app.journal.export import markdown_document_pieces
from journal_app.journal.files import CancelCheck, check_cancel
from journal_app.ui.common.slices import Steps
from journal_app.ui.services.pdf_page import PrintDocument, page_height, require_gui_thread
from journal_app.ui.services.pdf_style import append_markdown, base_font

# Entries read, styled and laid out in one step: at most this many, and no more
# Markdown than this once a piece is in (about 10 ms at ~1.5 KB an entry).
CHUNK_ENTRIES = 25
CHUNK_CHARS = 12_000
# Entries read before the finished pages are handed on and dropped: about 16 MB
# of laid-out text at ~1.5 KB an entry.
BATCH_ENTRIES = 200

_FIXED = 64  # Qt's layout counts in 1/64ths of a point
_PROBE_MARGIN = 48.0  # a top margin set once to learn how margins map to points

# Called with a page of the document (from 0) and its number in the export (from 0).
PageSink = Callable[[PrintDocument, int, int], None]
# Called after each step with the entries read so far and the pages handed on.
FlowReport = Callable[[int, int], None]


def fits_one_batch(count: int) -> bool:
    """Whether ``count`` entries are typeset as one document, never cut: then the
    number of pages is known before the first is handed on, without counting."""
    return count < BATCH_ENTRIES


def chunks(pieces: Iterator[str]) -> Iterator[tuple[str, int]]:
    """The entries' Markdown pieces joined into steps of :data:`CHUNK_ENTRIES` entries
    or :data:`CHUNK_CHARS` characters, whichever comes first (one long entry is a
    step of its own: Markdown is never split inside an entry), with their count."""
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if len(chunk) >= CHUNK_ENTRIES or size >= CHUNK_CHARS:
            yield "".join(chunk), len(chunk)
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk), len(chunk)


def _line_top(block: QTextBlock) -> float:
    """Where ``block``'s first line begins, in the document's points."""
    layout = block.layout()
    top = layout.position().y()
    return top + layout.lineAt(0).y() if layout.lineCount() else top


class _Batches:
    """The document of the present batch, and where its pages sit in the export."""

    def __init__(self, page_layout: QPageLayout, entry_count: int) -> None:
        self.document = PrintDocument(entry_count)
        self.document.setUndoRedoEnabled(False)
        # Set once, before any text: setting it later would lay out everything again.
        self.document.setDefaultFont(base_font())
        self.document.set_page_layout(page_layout)
        self.cursor = QTextCursor(self.document)
        self.first_page = 0  # the export's page number of the document's first page
        self.handed_on = 0  # pages of the export handed on so far

    def append(self, markdown: str) -> None:
        append_markdown(self.document, self.cursor, markdown)

    def finished_pages(self, *, last: bool) -> range:
        """The document's pages not handed on yet that more text cannot change (with
        ``last``, every page left)."""
        pages = self.document.pageCount()
        return range(self.handed_on - self.first_page, pages if last else pages - 1)

    def _page_of(self, y: float) -> int:
        return math.floor((y + 0.5 / _FIXED) / page_height(self.document))

    def _kept_from(self) -> QTextBlock | None:
        """The first block with a line on the document's last page, unless it is the
        document's first block (then nothing can be dropped)."""
        last_page = self.document.pageCount() - 1
        block, kept = self.document.lastBlock(), None
        while block.isValid():
            layout = block.layout()
            lines = layout.lineCount()
            if lines and self._page_of(layout.position().y() + layout.lineAt(lines - 1).y()) < (
                last_page
            ):
                break
            kept, block = block, block.previous()
        if kept is None or kept.blockNumber() == 0:
            return None
        return kept

    def drop_finished(self) -> None:
        """Drop the text before the block at the top of the last page, keeping that
        block at the same height on its page (the pages before it are handed on)."""
        kept = self._kept_from()
        if kept is None:
            return
        top = _line_top(kept)
        page = self._page_of(top)
        offset = top - page * page_height(self.document)
        cursor = self.cursor
        cursor.beginEditBlock()
        cursor.setPosition(0)
        cursor.setPosition(kept.position() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()  # the first block stays, empty: a spacer
        spacer = QTextBlockFormat()
        spacer.setTopMargin(0.0)
        spacer.setBottomMargin(0.0)
        spacer.setLineHeight(0.0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        cursor.setBlockFormat(spacer)
        cursor.endEditBlock()
        self.first_page += page
        self._place(self.document.begin().next(), offset)

    def _place(self, block: QTextBlock, offset: float) -> None:
        """Give ``block`` the top margin that starts its first line ``offset`` points
        below the top of the document (margins are in Qt's pixels, not points)."""
        margin = QTextBlockFormat()

        def top_with(points: float) -> float:
            margin.setTopMargin(points)
            self.cursor.setPosition(block.position())
            self.cursor.mergeBlockFormat(margin)
            self.document.pageCount()  # lay out what is left
            return _line_top(block)

        bare = top_with(0.0)
        per_margin = (top_with(_PROBE_MARGIN) - bare) / _PROBE_MARGIN
        steps = round((offset - bare) * _FIXED)
        top_with(steps / _FIXED / per_margin if per_margin > 0 else 0.0)


def flow_steps(
    entries: Sequence[Entry],
    *,
    title: str,
    note: str = "",
    exported_at: datetime,
    page_layout: QPageLayout,
    on_page: PageSink | None = None,
    report: FlowReport | None = None,
    cancelled: CancelCheck | None = None,
) -> Steps[int]:
    """Typeset ``entries`` a batch at a time and hand each page to ``on_page`` (a step
    each); the generator's value is the number of pages. With no ``on_page`` the
    pages are only counted.

    ``report(entries_read, pages_handed_on)`` after each step; ``cancelled`` checked
    before each. The document is emptied however it ends.
    """
    require_gui_thread()
    batches = _Batches(page_layout, len(entries))
    read = 0

    def hand_on(*, last: bool) -> Steps[None]:
        for page in batches.finished_pages(last=last):
            check_cancel(cancelled)
            if on_page is not None:
                on_page(batches.document, page, batches.handed_on)
            batches.handed_on += 1
            if report is not None:
                report(read, batches.handed_on)
            yield None

    try:
        pieces = markdown_document_pieces(
            entries, title=title, note=note, exported_at=exported_at, cancelled=cancelled
        )
        batches.append(next(pieces))  # the title lines
        yield None
        unsettled = 0
        for chunk, count in chunks(pieces):
            check_cancel(cancelled)
            batches.append(chunk)
            read += count
            unsettled += count
            if report is not None:
                report(read, batches.handed_on)
            yield None
            if unsettled >= BATCH_ENTRIES:
                yield from hand_on(last=False)
                batches.drop_finished()
                unsettled = 0
                yield None
        check_cancel(cancelled)
        yield from hand_on(last=True)
    finally:
        batches.document.clear()  # never more than a batch: one short call
    return batches.handed_on


__all__ = [
    "BATCH_ENTRIES",
    "CHUNK_CHARS",
    "CHUNK_ENTRIES",
    "chunks",
    "fits_one_batch",
    "flow_steps",
]
