"""The editor's page: what is on it and where, apart from what it does.

From the top: a calm notice bar, the prompt (when one was asked for), the title,
the Markdown body in a readable column, a hairline, and the footer with the tags,
the date, the "next session" mark and the save status. The title, the notice and
the footer line up with the body's text column (see ``_align_column``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.journal.flag import FlagButton
from journal_app.ui.journal.markdown import MarkdownHighlighter
from journal_app.ui.journal.markdown_edit import MIN_SIDE_MARGIN, MarkdownEdit
from journal_app.ui.journal.prompt_offer import PromptOffer
from journal_app.ui.journal.prompts import CARD_PAD_X, PromptCard
from journal_app.ui.journal.tags_edit import TagsEdit
from journal_app.ui.services.journal_service import JournalService

COLUMN_CHARS = 70
DEFAULT_BODY_POINT_SIZE = 12

STATUS_SAVED = "Saved"
STATUS_SAVING = "Saving…"
STATUS_NOT_SAVED = "Not saved yet"


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()


class EntryDateEdit(QDateTimeEdit):
    """The entry's date: one Tab stop, like every other field.

    QDateTimeEdit's Tab walks its sections (day, month, year, hour, minute), five
    stops before the next control; here the arrow keys move between the sections
    and Up/Down change them, and Tab leaves.
    """

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


if TYPE_CHECKING:
    _Widget = QWidget
else:
    _Widget = object


class EditorPage(_Widget):
    """Builds the editor's widgets and keeps them lined up; mixed into the editor.

    ``_loading`` is shared with the editor: while it is set, a text change is not
    an edit (loading an entry, or restyling it).
    """

    _loading: bool

    @staticmethod
    def _default_point_size() -> int:
        size = QApplication.font().pointSize()
        return max(DEFAULT_BODY_POINT_SIZE, round(size * 1.3)) if size > 0 else 12

    def _build(self, service: JournalService) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._build_notice_row()
        self._build_prompt_row()
        self._build_offer_row()
        self._build_header()
        self._build_body()
        self._build_rule()
        self._build_footer(service)
        rows = (
            self.notice_row,
            self.prompt_row,
            self.offer_row,
            self.header,
            self.rule,
            self.footer,
        )
        for widget in rows:
            # Ignored: their side margins (see _align_column) set no minimum width.
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())
        layout.addWidget(self.notice_row)
        layout.addWidget(self.prompt_row)
        layout.addWidget(self.offer_row)
        layout.addWidget(self.header)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.rule)
        layout.addWidget(self.footer)
        self._order_tabs()

    def _build_notice_row(self) -> None:
        """A calm bar above the text: "in the trash", or a save that did not work."""
        self.notice_row = QWidget(self)
        self._notice_layout = QHBoxLayout(self.notice_row)
        self._notice_layout.setContentsMargins(0, 14, 0, 0)
        self.notice = QFrame(self.notice_row)
        self.notice.setObjectName("editorNotice")
        self._notice_layout.addWidget(self.notice)
        inner = QHBoxLayout(self.notice)
        inner.setContentsMargins(14, 10, 14, 10)
        self.notice_label = QLabel(self.notice)
        self.notice_label.setObjectName("editorNoticeText")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.setAccessibleName("Notice")
        inner.addWidget(self.notice_label)
        self.notice_row.hide()

    def _build_prompt_row(self) -> None:
        """The prompt, above the page: only when the person asked for one."""
        self.prompt_row = QWidget(self)
        self._prompt_layout = QHBoxLayout(self.prompt_row)
        self._prompt_layout.setContentsMargins(0, 22, 0, 0)
        self.prompt_card = PromptCard(self.prompt_row)
        self._prompt_layout.addWidget(self.prompt_card)
        self.prompt_row.hide()

    def _build_offer_row(self) -> None:
        """Another prompt, offered for a new entry, under the page's own prompt."""
        self.offer_row = QWidget(self)
        self._offer_layout = QHBoxLayout(self.offer_row)
        self._offer_layout.setContentsMargins(0, 10, 0, 0)
        self.prompt_offer = PromptOffer(self.offer_row)
        self._offer_layout.addWidget(self.prompt_offer)
        self.offer_row.hide()

    def _build_header(self) -> None:
        self.header = QWidget(self)
        self._header_layout = QVBoxLayout(self.header)
        self._header_layout.setSpacing(0)
        self.title = QLineEdit(self.header)
        self.title.setObjectName("entryTitle")
        self.title.setPlaceholderText("Title (optional)")
        self.title.setFrame(False)
        self.title.setAccessibleName("Title")
        self.title.setToolTip("A title for this entry, if you want one")
        self._header_layout.addWidget(self.title)

    def _build_body(self) -> None:
        self.body = MarkdownEdit(self)
        self.body.setObjectName("entryBody")
        self.body.setPlaceholderText("Write a line or a page…")
        self.body.setAccessibleName("Entry text")
        self.body.setToolTip(
            "Your words, in Markdown. Bold Ctrl+B, italic Ctrl+I, link Ctrl+K; right-click for more"
        )
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.highlighter = MarkdownHighlighter(
            self.body.document(), self.body.palette(), self.body.font()
        )

    def _build_rule(self) -> None:
        """A hairline above the footer, as wide as the text column."""
        self.rule = QWidget(self)
        self._rule_layout = QHBoxLayout(self.rule)
        self._rule_layout.setContentsMargins(0, 0, 0, 0)
        self.rule_line = QFrame(self.rule)
        self.rule_line.setObjectName("ruleLine")
        self.rule_line.setFrameShape(QFrame.Shape.NoFrame)
        self.rule_line.setFixedHeight(1)
        self.rule_line.setAutoFillBackground(True)
        self._rule_layout.addWidget(self.rule_line)

    def _build_footer(self, service: JournalService) -> None:
        """Tags, date, the "next session" mark and the save status: one row where
        there is room, else the tags on a row of their own (see ``_arrange_footer``)."""
        self.footer = QWidget(self)
        self._footer_layout = QVBoxLayout(self.footer)
        self._footer_layout.setSpacing(0)
        self._footer_top = QHBoxLayout()
        self._footer_top.setSpacing(10)
        self._footer_bottom = QHBoxLayout()
        self._footer_bottom.setSpacing(10)
        self._footer_layout.addLayout(self._footer_top)
        self._footer_layout.addLayout(self._footer_bottom)
        self._footer_narrow = False
        self.tags_label = QLabel("Tags", self.footer)
        self.tags = TagsEdit(self.footer)
        self.tags.setObjectName("entryTags")
        self.tags.setPlaceholderText("Add tags, separated by commas")
        self.tags.setAccessibleName("Tags")
        self.tags.setToolTip(
            "Tags for this entry: type one, then Enter or a comma. "
            "Backspace in the empty field removes the last; Left reaches the others"
        )
        self.tags_label.setBuddy(self.tags)
        self._build_date()
        self._build_status()
        # "Bring to my next session" (Ctrl+D), for the entry shown.
        self.flag = self._make_flag(service, self.footer)
        self.addAction(self.flag.action)
        self._footer_top.addWidget(self.tags_label)
        self._footer_top.addWidget(self.tags, 1)
        for widget in self._footer_rest():
            self._footer_top.addWidget(widget)

    def _footer_rest(self) -> tuple[QWidget, ...]:
        return (self.date, self.flag, self.status)

    def _arrange_footer(self, width: int) -> None:
        """Keep the tags wide enough for their placeholder: below ``width`` pixels
        for the whole row, the date, mark and status move to a second row."""
        rest = self._footer_rest()
        needed = (
            self.tags_label.sizeHint().width()
            + self.tags.minimumSizeHint().width()
            + sum(max(w.sizeHint().width(), w.minimumWidth()) for w in rest)
            + 10 * (len(rest) + 1)
        )
        narrow = width < needed
        if narrow == self._footer_narrow:
            return
        self._footer_narrow = narrow
        for widget in rest:
            self._footer_top.removeWidget(widget)
        while self._footer_bottom.count():
            self._footer_bottom.takeAt(0)  # the spacing and stretch; widgets stay put
        if narrow:  # the date under the field, the status at the right
            indent = self.tags_label.sizeHint().width() + self._footer_top.spacing()
            self._footer_bottom.addSpacing(indent)
            self._footer_bottom.addWidget(self.date)
            self._footer_bottom.addWidget(self.flag)
            self._footer_bottom.addStretch(1)
            self._footer_bottom.addWidget(self.status)
        else:
            for widget in rest:
                self._footer_top.addWidget(widget)
        self._footer_layout.setSpacing(6 if narrow else 0)

    def _make_flag(self, service: JournalService, parent: QWidget) -> FlagButton:
        """The editor makes its flag: the button asks it for the entry it shows."""
        raise NotImplementedError

    def _build_date(self) -> None:
        self.date = EntryDateEdit(self.footer)
        self.date.setObjectName("entryDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy, HH:mm")
        self.date.setAccessibleName("Date")
        self.date.setToolTip(
            "The date of this entry; change it if it belongs to another day. "
            "Left and Right choose the day, month, year or time; Up and Down change it"
        )
        self.date.setDateTime(QDateTime.currentDateTime())
        self.date.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _build_status(self) -> None:
        self.status = QLabel(self.footer)
        self.status.setObjectName("saveStatus")
        self.status.setAccessibleName("Save status")
        self.status.setToolTip("Your writing is saved, encrypted, as you type")
        self.status.setMinimumWidth(
            int(QFontMetricsF(self.status.font()).horizontalAdvance(STATUS_NOT_SAVED) + 8)
        )
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _order_tabs(self) -> None:
        card = self.prompt_card
        chain = (
            card.show_button,
            card.skip_button,
            card.another_button,
            card.freely_button,
            card.remove_button,
            *self.prompt_offer.offer_buttons(),
            self.title,
            self.body,
            self.tags,
            self.date,
            self.flag,
        )
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    # ------------------------------------------------------------ the column

    @contextlib.contextmanager
    def _restyling(self) -> Iterator[None]:
        """Re-highlighting changes how the text looks, which Qt reports as a text
        change; it is not an edit, so nothing is marked unsaved."""
        was = self._loading
        self._loading = True
        try:
            yield
        finally:
            self._loading = was

    def apply_font(self, family: str, point_size: int) -> None:
        """The writing font; the title is drawn larger, in the same family."""
        body_font = QFont(family) if family else QFont(QApplication.font())
        body_font.setPointSize(max(6, int(point_size)))
        self.body.setFont(body_font)
        self.body.document().setDefaultFont(body_font)
        title_font = QFont(body_font)
        title_font.setPointSizeF(body_font.pointSizeF() * 1.5)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        with self._restyling():
            self.highlighter.set_base_font(body_font)
        metrics = QFontMetricsF(body_font)
        sample = "the quick brown fox jumps over a lazy dog, then rests. "
        per_char = metrics.horizontalAdvance(sample) / len(sample)
        self.body.set_column_width(round(per_char * COLUMN_CHARS) + 8)
        self._align_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._align_column()

    def _align_column(self) -> None:
        """Line the title, the notice and the footer up with the body's text column.

        They span the whole width, with side margins that put their contents where
        the text starts. Their horizontal size policy is Ignored, so these margins
        never make the window's minimum size grow.
        """
        self.body._update_margins()
        left = self.body.side_margin()
        right = max(MIN_SIDE_MARGIN, left)
        doc_margin = round(self.body.document().documentMargin())
        prompt_shown = not self.prompt_row.isHidden()
        self._header_layout.setContentsMargins(
            left + doc_margin - 2, 18 if prompt_shown else 30, right, 6
        )
        self._prompt_layout.setContentsMargins(
            left + doc_margin - CARD_PAD_X, 22, right - CARD_PAD_X, 0
        )
        self._offer_layout.setContentsMargins(
            left + doc_margin - CARD_PAD_X, 10, right - CARD_PAD_X, 0
        )
        self._footer_layout.setContentsMargins(left + doc_margin, 8, right, 10)
        self._arrange_footer(self.width() - left - doc_margin - right)
        self._notice_layout.setContentsMargins(left - 8, 14, right - 8, 0)
        self._rule_layout.setContentsMargins(left + doc_margin, 0, right, 0)

    def _show_offer_row(self, shown: bool) -> None:
        if self.offer_row.isHidden() == (not shown):
            return
        self.offer_row.setVisible(shown)
        self._align_column()

    def _show_prompt_row(self, shown: bool) -> None:
        if self.prompt_row.isHidden() == (not shown):
            return
        self.prompt_row.setVisible(shown)
        self._align_column()


__all__ = [
    "COLUMN_CHARS",
    "STATUS_NOT_SAVED",
    "STATUS_SAVED",
    "STATUS_SAVING",
    "EditorPage",
    "EntryDateEdit",
    "from_qdatetime",
    "to_qdatetime",
]
