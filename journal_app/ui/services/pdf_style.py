"""How the entries' Markdown looks on paper: fonts, sizes, spacing, colours.

Qt's Markdown reader gives structure, not style. :func:`append_markdown` reads a
piece of Markdown in at the end of a document and styles only the new blocks:
a calm serif, roomy lines, the date and tags quiet under each title, the prompt
in italics, a hairline between entries. Kept apart from :mod:`journal_app.ui.services.pdf`,
which decides when these steps run and paints the pages. GUI thread only, like
every Qt text class here (see :mod:`journal_app.ui.common.slices`).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from journal_app import APP_NAME

BODY_PT = 11.0
LINE_HEIGHT_PERCENT = 140
PARAGRAPH_GAP_PT = 7.0
HEADING_PT = {1: 22.0, 2: 14.5, 3: 12.5, 4: 11.5, 5: 11.0, 6: 11.0}
META_PT = 9.0
FOOTER_FONT_PT = 8.5

INK = QColor("#1f2320")
MUTED = QColor("#5f655e")
RULE = QColor("#c9c4b8")

SERIF_FAMILIES = (
    "Source Serif 4",
    "Source Serif Pro",
    "Charter",
    "Iowan Old Style",
    "Georgia",
    "Palatino Linotype",
    "Palatino",
    "DejaVu Serif",
    "Liberation Serif",
    "Noto Serif",
    "Times New Roman",
)
MONO_FAMILIES = ("DejaVu Sans Mono", "Menlo", "Consolas", "Liberation Mono", "Noto Sans Mono")


# ------------------------------------------------------------------ fonts


@lru_cache(maxsize=8)
def _first_family(wanted: tuple[str, ...], fallback: QFontDatabase.SystemFont) -> str:
    available = {family.casefold(): family for family in QFontDatabase.families()}
    for family in wanted:
        if family.casefold() in available:
            return available[family.casefold()]
    return QFontDatabase.systemFont(fallback).family()


def body_family() -> str:
    """A calm serif for reading on paper, else the system's own font.

    Looked up once, then remembered.
    """
    return _first_family(SERIF_FAMILIES, QFontDatabase.SystemFont.GeneralFont)


def mono_family() -> str:
    return _first_family(MONO_FAMILIES, QFontDatabase.SystemFont.FixedFont)


# ------------------------------------------------------------------ styles


def _select_block(cursor: QTextCursor, block: QTextBlock) -> None:
    cursor.setPosition(block.position())
    end = block.position() + block.length() - 1
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)


def _proportional(percent: int) -> tuple[float, int]:
    return float(percent), QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


def base_font() -> QFont:
    base = QFont(body_family())
    base.setPointSizeF(BODY_PT)
    base.setStyleHint(QFont.StyleHint.Serif)
    return base


# What sets a block's style: ("heading", level, first), ("meta", tags follow), or
# ("body", a rule, a quote, the gap under a list item or None, a code fence).
StyleKind = tuple[object, ...]


@lru_cache(maxsize=64)
def _formats(kind: StyleKind) -> tuple[QTextBlockFormat, QTextCharFormat]:
    """The block and character formats for one kind of block, made once: building
    them afresh for each of tens of thousands of blocks was a fifth of an export."""
    char = QTextCharFormat()
    char.setForeground(INK)
    block_fmt = QTextBlockFormat()
    block_fmt.setLineHeight(*_proportional(LINE_HEIGHT_PERCENT))
    block_fmt.setTopMargin(0.0)
    block_fmt.setBottomMargin(PARAGRAPH_GAP_PT)
    if kind[0] == "heading":
        _, level, first = kind
        assert isinstance(level, int)
        char.setFontPointSize(HEADING_PT.get(level, BODY_PT))
        char.setFontWeight(QFont.Weight.Bold if level == 1 else QFont.Weight.DemiBold)
        block_fmt.setTopMargin(0.0 if first else 12.0)
        block_fmt.setBottomMargin(3.0 if level == 2 else 6.0)
        block_fmt.setLineHeight(*_proportional(118))
    elif kind[0] == "meta":
        char.setFontPointSize(META_PT)
        char.setForeground(MUTED)
        block_fmt.setBottomMargin(2.0 if kind[1] else 8.0)
        block_fmt.setLineHeight(*_proportional(125))
    else:
        _, rule, quote, list_gap, code = kind
        if rule:
            block_fmt.setTopMargin(8.0)
            block_fmt.setBottomMargin(8.0)
            char.setForeground(RULE)
        elif quote:
            char.setFontItalic(True)
            char.setForeground(MUTED)
        if isinstance(list_gap, float):
            block_fmt.setBottomMargin(list_gap)
        if code:
            char.setFontFamilies([mono_family()])
            char.setFontPointSize(BODY_PT * 0.88)
    return block_fmt, char


def _body_kind(block: QTextBlock, fmt: QTextBlockFormat) -> StyleKind:
    list_gap = None
    if block.textList() is not None:
        next_block = block.next()
        last_item = not next_block.isValid() or next_block.textList() is None
        list_gap = PARAGRAPH_GAP_PT if last_item else 2.0
    return (
        "body",
        fmt.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth),
        fmt.intProperty(QTextFormat.Property.BlockQuoteLevel) > 0,
        list_gap,
        fmt.hasProperty(QTextFormat.Property.BlockCodeFence),
    )


def style_blocks(cursor: QTextCursor, block: QTextBlock, *, first: bool) -> None:
    """Fonts, spacing and colours for paper, from ``block`` to the end (Markdown has
    no style), inside the caller's edit block.

    Every entry reads, as ``markdown_document_pieces`` writes it: a level-2
    heading, its date, its tags (``Tags: ...``) if any, its prompt as a quote,
    then its text. The date and tags are set small and quiet, the prompt in
    italics; entries are parted by a hairline. ``first``: ``block`` is the
    document's first (the title, then the line under it).
    """
    expecting: str | None = None  # "date" right after an entry's heading, then "tags"
    title_line = block.next() if first else None
    while block.isValid():
        fmt = block.blockFormat()
        level = fmt.headingLevel()
        kind: StyleKind
        if level:
            kind = ("heading", level, first)
            expecting = "date" if level == 2 else None
        elif expecting == "date" or (expecting == "tags" and block.text().startswith("Tags: ")):
            tags_next = expecting == "date" and block.next().text().startswith("Tags: ")
            kind = ("meta", tags_next)
            expecting = "tags" if expecting == "date" else None
        else:
            expecting = None
            kind = _body_kind(block, fmt)
        block_fmt, char = _formats(kind)
        _select_block(cursor, block)
        cursor.mergeBlockFormat(block_fmt)
        cursor.mergeCharFormat(char)
        first = False
        block = block.next()
    # The line under the title ("Exported from Tend on ..."): quiet too.
    if (
        title_line is not None
        and title_line.isValid()
        and title_line.text().startswith(f"Exported from {APP_NAME}")
    ):
        _select_block(cursor, title_line)
        quiet = QTextCharFormat()
        quiet.setFontPointSize(META_PT)
        quiet.setForeground(MUTED)
        cursor.mergeCharFormat(quiet)
        spaced = QTextBlockFormat()
        spaced.setBottomMargin(10.0)
        cursor.mergeBlockFormat(spaced)


def append_markdown(document: QTextDocument, cursor: QTextCursor, markdown: str) -> None:
    """Read ``markdown`` in at the end of ``document``, style it, and lay it out.

    Only the new blocks are styled, and only the new tail is laid out (``pageCount``
    lays out what is not yet): earlier pages are left as they are.
    """
    first = document.isEmpty()
    last = document.lastBlock()
    cursor.beginEditBlock()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    if first:
        start = document.begin()
    else:
        start = last.next()
        # Inserting at the end starts with an empty block of its own before the new
        # text: fold it back into the last one, as one whole document would read.
        spare = start.next()
        if (
            start.isValid()
            and spare.isValid()
            and start.length() == 1
            and not start.blockFormat().hasProperty(
                QTextFormat.Property.BlockTrailingHorizontalRulerWidth
            )
        ):
            cursor.setPosition(start.position())
            cursor.deletePreviousChar()
            start = last.next()
    style_blocks(cursor, start, first=first)
    cursor.endEditBlock()
    document.pageCount()  # lay out the new tail now, in this short step


__all__ = ["append_markdown", "base_font", "body_family", "mono_family"]
