"""Markdown for the editor: a gentle highlighter and the formatting commands.

The text stays plain Markdown (what is saved is exactly what was typed); the
highlighter only changes how it looks: headings larger, **bold** bold, *italic*
italic, quotes soft, list marks and the marks themselves quiet.
Each formatting command is one undo step.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from journal_app.ui.journal.emphasis import plan_toggle
from journal_app.ui.journal.entry_delegate import is_dark, mix

HEADING_SCALES = {1: 1.45, 2: 1.25, 3: 1.12}

_HEADING = re.compile(r"^(#{1,6})([ \t]+)(.*)$")
_QUOTE = re.compile(r"^(\s{0,3}>+[ \t]?)(.*)$")
_LIST = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])([ \t]+)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")
_CODE = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")


class MarkdownHighlighter(QSyntaxHighlighter):
    """Shows Markdown structure without hiding any of the characters."""

    def __init__(self, document: QTextDocument, palette: QPalette, base_font: QFont) -> None:
        super().__init__(document)
        self._palette = palette
        self._base_font = QFont(base_font)
        self._formats: dict[str, QTextCharFormat] = {}
        self._combos: dict[int, QTextCharFormat] = {}
        self._make_formats()

    def set_palette(self, palette: QPalette) -> None:
        self._palette = palette
        self._make_formats()
        self.rehighlight()

    def set_base_font(self, font: QFont) -> None:
        self._base_font = QFont(font)
        self._make_formats()
        self.rehighlight()

    def _make_formats(self) -> None:
        text = self._palette.color(QPalette.ColorRole.Text)
        base = self._palette.color(QPalette.ColorRole.Base)
        accent = self._palette.color(QPalette.ColorRole.Link)
        dark = is_dark(self._palette)
        mark = mix(text, base, 0.55 if dark else 0.58)  # the #, *, > themselves
        quote = mix(text, base, 0.25)
        size = self._base_font.pointSizeF()

        def fmt(**kwargs: object) -> QTextCharFormat:
            result = QTextCharFormat()
            for key, value in kwargs.items():
                getattr(result, key)(value)
            return result

        self._combos = {}
        self._formats = {"mark": fmt(setForeground=mark)}
        for level, scale in HEADING_SCALES.items():
            heading = fmt(setFontWeight=QFont.Weight.Bold)
            if size > 0:
                heading.setFontPointSize(size * scale)
            self._formats[f"h{level}"] = heading
            heading_mark = QTextCharFormat(heading)
            heading_mark.setForeground(mark)
            self._formats[f"h{level}mark"] = heading_mark
        self._formats["bold"] = fmt(setFontWeight=QFont.Weight.Bold)
        self._formats["italic"] = fmt(setFontItalic=True)
        self._formats["quote"] = fmt(setForeground=quote, setFontItalic=True)
        self._formats["list"] = fmt(setForeground=accent, setFontWeight=QFont.Weight.DemiBold)
        code = fmt(setFontFamilies=["monospace"], setFontFixedPitch=True)
        code.setBackground(mix(base, text, 0.08 if dark else 0.05))
        self._formats["code"] = code
        self._formats["link"] = fmt(setForeground=accent, setFontUnderline=True)

    def format_for(self, name: str) -> QTextCharFormat:
        return self._formats[name]

    def highlightBlock(self, text: str) -> None:
        """Style one line. Styles are worked out per character in Python first and
        then applied once per run of equal style: few calls into Qt per keystroke."""
        if not text:
            return
        f = self._formats
        heading = _HEADING.match(text)
        if heading:
            level = min(len(heading.group(1)), 3)
            self.setFormat(0, len(text), f[f"h{level}"])
            self.setFormat(0, heading.end(2), f[f"h{level}mark"])
            return
        flags = [0] * len(text)

        def add(start: int, end: int, flag: int) -> None:
            for pos in range(start, end):
                flags[pos] |= flag

        quote = _QUOTE.match(text)
        offset = 0
        if quote:
            add(0, len(text), _QUOTE_FLAG)
            add(0, quote.end(1), _MARK_FLAG)
            offset = quote.end(1)
        listed = _LIST.match(text, offset)
        if listed:
            add(listed.start(2), listed.end(2), _LIST_FLAG)
        for match in _BOLD.finditer(text):
            marker = len(match.group(1))
            add(match.start(), match.end(), _BOLD_FLAG)
            add(match.start(), match.start() + marker, _MARK_FLAG)
            add(match.end() - marker, match.end(), _MARK_FLAG)
        for match in _ITALIC.finditer(text):
            add(match.start(), match.end(), _ITALIC_FLAG)
            add(match.start(), match.start() + 1, _MARK_FLAG)
            add(match.end() - 1, match.end(), _MARK_FLAG)
        for match in _LINK.finditer(text):
            add(match.start(), match.start(1), _MARK_FLAG)
            add(match.end(1), match.end(), _MARK_FLAG)
            add(match.start(1), match.end(1), _LINK_FLAG)
        for match in _CODE.finditer(text):
            for pos in range(match.start(), match.end()):
                flags[pos] = _CODE_FLAG  # nothing else applies inside code
        start = 0
        for pos in range(1, len(text) + 1):
            if pos == len(text) or flags[pos] != flags[start]:
                if flags[start]:
                    self.setFormat(start, pos - start, self._combined(flags[start]))
                start = pos

    def _combined(self, flags: int) -> QTextCharFormat:
        cached = self._combos.get(flags)
        if cached is None:
            cached = QTextCharFormat()
            for flag, name in _FLAG_FORMATS:  # later ones win: the marks stay quiet
                if flags & flag:
                    cached.merge(self._formats[name])
            self._combos[flags] = cached
        return cached


_QUOTE_FLAG, _BOLD_FLAG, _ITALIC_FLAG, _LINK_FLAG, _LIST_FLAG, _CODE_FLAG, _MARK_FLAG = (
    1 << n for n in range(7)
)
_FLAG_FORMATS = (
    (_QUOTE_FLAG, "quote"),
    (_BOLD_FLAG, "bold"),
    (_ITALIC_FLAG, "italic"),
    (_LINK_FLAG, "link"),
    (_LIST_FLAG, "list"),
    (_CODE_FLAG, "code"),
    (_MARK_FLAG, "mark"),
)


# ------------------------------------------------------------------ commands


def _shared(first: str, second: str) -> int:
    """How many characters two strings share at their start: only the rest is
    replaced, so the lines' formats and the undo step stay small."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def toggle_wrap(cursor: QTextCursor, marker: str) -> bool:
    """Bold (``**``) or italic (``*``) at the cursor or on the selection, as one
    undo step; the rules are :func:`~journal_app.ui.journal.emphasis.plan_toggle`'s.

    Returns True when it left an empty pair for typing into (``**|**``).
    """
    doc = cursor.document()
    first = doc.findBlock(cursor.selectionStart())
    last = doc.findBlock(cursor.selectionEnd())
    base = first.position()
    lines = []
    block = first
    while block.isValid():
        lines.append(block.text())
        if block == last:
            break
        block = block.next()
    text = "\n".join(lines)  # one character per line break, as in the document
    plan = plan_toggle(
        text, cursor.selectionStart() - base, cursor.selectionEnd() - base, len(marker)
    )
    if plan is None:
        return False
    if plan.edits:
        old = text[plan.start : plan.end]
        same_start = _shared(old, plan.text)
        same_end = _shared(old[same_start:][::-1], plan.text[same_start:][::-1])
        edit = QTextCursor(doc)
        edit.setPosition(base + plan.start + same_start)
        edit.setPosition(base + plan.end - same_end, QTextCursor.MoveMode.KeepAnchor)
        edit.beginEditBlock()
        edit.insertText(plan.text[same_start : len(plan.text) - same_end])
        edit.endEditBlock()
    cursor.setPosition(base + plan.select_start)
    cursor.setPosition(base + plan.select_end, QTextCursor.MoveMode.KeepAnchor)
    return plan.start == plan.end and plan.text == marker * 2


_LIST_PREFIX = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE_PREFIX = re.compile(r"^\s{0,3}>[ \t]?")
_HEADING_PREFIX = re.compile(r"^(#{1,6})[ \t]+")


def _selected_blocks(cursor: QTextCursor) -> list[int]:
    doc = cursor.document()
    first = doc.findBlock(cursor.selectionStart()).blockNumber()
    last_pos = cursor.selectionEnd()
    last_block = doc.findBlock(last_pos)
    # A selection that ends at the very start of a line does not include that line.
    if (
        cursor.hasSelection()
        and last_pos == last_block.position()
        and last_block.blockNumber() > first
    ):
        last = last_block.blockNumber() - 1
    else:
        last = last_block.blockNumber()
    return list(range(first, last + 1))


def _replace_prefix(doc: QTextDocument, block_number: int, old_len: int, new: str) -> None:
    block = doc.findBlockByNumber(block_number)
    edit = QTextCursor(block)
    edit.setPosition(block.position() + old_len, QTextCursor.MoveMode.KeepAnchor)
    edit.insertText(new)


def toggle_line_prefix(cursor: QTextCursor, kind: str) -> None:
    """Toggle a line mark on every selected line: ``"list"``, ``"quote"`` or
    ``"heading"`` (which steps # -> ## -> ### -> none)."""
    doc = cursor.document()
    numbers = _selected_blocks(cursor)
    texts = [doc.findBlockByNumber(n).text() for n in numbers]
    nonblank = [i for i, t in enumerate(texts) if t.strip()] or list(range(len(texts)))
    pattern = {"list": _LIST_PREFIX, "quote": _QUOTE_PREFIX, "heading": _HEADING_PREFIX}[kind]
    matches = [pattern.match(texts[i]) for i in nonblank]
    cursor.beginEditBlock()
    try:
        if kind == "heading":
            for i, match in zip(nonblank, matches, strict=True):
                level = len(match.group(1)) if match else 0
                new = "" if level >= 3 else "#" * (level + 1) + " "
                _replace_prefix(doc, numbers[i], match.end() if match else 0, new)
            return
        remove = all(matches)
        new_prefix = "- " if kind == "list" else "> "
        for i, match in zip(nonblank, matches, strict=True):
            if remove:
                assert match is not None
                keep = match.group(1) if kind == "list" else ""
                _replace_prefix(doc, numbers[i], match.end(), keep)
            elif match is None:
                _replace_prefix(doc, numbers[i], 0, new_prefix)
    finally:
        cursor.endEditBlock()


def insert_link(cursor: QTextCursor) -> None:
    """``[selection]()`` with the cursor in the parentheses; or ``[]()`` ready to fill."""
    selected = cursor.selectedText() if cursor.hasSelection() else ""
    cursor.beginEditBlock()
    try:
        if selected and re.match(r"^[a-z][a-z0-9+.-]*://\S+$", selected.strip(), re.IGNORECASE):
            cursor.insertText(f"[]({selected.strip()})")
            cursor.movePosition(
                QTextCursor.MoveOperation.Left,
                QTextCursor.MoveMode.MoveAnchor,
                len(selected.strip()) + 3,
            )
        else:
            cursor.insertText(f"[{selected}]()")
            cursor.movePosition(QTextCursor.MoveOperation.Left)
    finally:
        cursor.endEditBlock()


def continue_block(line: str) -> str | None:
    """What a new line after ``line`` should start with (a list or quote goes on),
    ``""`` to end an empty list item or quote, or None to do nothing special."""
    quote = _QUOTE_PREFIX.match(line)
    if quote:
        rest = line[quote.end() :]
        return quote.group(0) if rest.strip() else ""
    listed = _LIST_PREFIX.match(line)
    if listed:
        rest = line[listed.end() :]
        if not rest.strip():
            return ""
        marker = listed.group(2)
        if marker[:-1].isdigit():
            marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
        return f"{listed.group(1)}{marker} "
    return None


__all__ = [
    "HEADING_SCALES",
    "MarkdownHighlighter",
    "continue_block",
    "insert_link",
    "toggle_line_prefix",
    "toggle_wrap",
]
