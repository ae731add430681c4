"""The PDF export typeset a batch of entries at a time: the same pages as one whole
document, numbered "n of N", with never more than a batch of text in memory."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from journal_app.journal import Entry
from journal_app.ui.services import pdf, pdf_flow, pdf_page
from tests.ui._transfer_fixtures import many_entries, rich_entries

MOMENT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
DPI = 36


LIST_BODIES = [
    "Line one.\n\n- first\n- second\n- third\n\nAfter the list.",
    "1. one\n2. two\n\n> quoted words\n\nend",
]


def mixed_entries(count: int, *, lists: bool = True) -> list[Entry]:
    """Short and long entries, quotes, prompts, code, Chinese and (with ``lists``)
    lists: blocks of every kind and height, some longer than a page, so batches end
    anywhere on a page."""
    long_body = "\n\n".join(
        f"Paragraph {n}: " + "a slow walk by the river and home again, " * (3 + n % 7)
        for n in range(40)
    )
    kinds = [
        "```\ncode line\nanother\n```\n\nSome *italic* text and **bold**.",
        "一个安静的早晨，我们一起散步。" * 12,
        long_body,
        "> quoted words\n\nend",
        *(LIST_BODIES if lists else []),
    ]
    entries = []
    for index, entry in enumerate(many_entries(count)):
        body = kinds[index % len(kinds)] if index % 3 else entry.body
        prompt = "What helped today?" if index % 4 == 1 else ""
        entries.append(dataclasses.replace(entry, body=body, prompt_text=prompt))
    return [*rich_entries()[:4], *entries]


Line = tuple[str, int, float, float]


def _lines_by_page(document: pdf.PrintDocument) -> dict[int, list[Line]]:
    """Each page's lines: their block's text, their number there, where they begin
    across and how far below the top of the page (a batch's spacer left out)."""
    height = pdf_page.page_height(document)
    found: dict[int, list[Line]] = {}
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        spacer = block.blockNumber() == 0 and not block.text()
        for index in range(0 if spacer else layout.lineCount()):
            line = layout.lineAt(index)
            top = layout.position().y() + line.y()
            page = int(top // height)
            found.setdefault(page, []).append((block.text(), index, line.x(), top - page * height))
        block = block.next()
    return found


def _blank_page(layout) -> tuple[QImage, QPainter, QRectF, tuple[float, float]]:
    full = layout.fullRectPoints()
    paint = layout.paintRect(layout.Unit.Point)
    scale = DPI / pdf_page.POINTS_PER_INCH
    image = QImage(
        round(full.width() * scale), round(full.height() * scale), QImage.Format.Format_RGB32
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(paint.left() * scale, paint.top() * scale)
    rect = QRectF(0, 0, paint.width() * scale, paint.height() * scale)
    return image, painter, rect, (scale, scale)


def _flowed_pages(entries: list[Entry], pages: int) -> list[QImage]:
    """Every page as the batched export paints it, numbered "n of ``pages``"."""
    layout = pdf.default_page_layout()
    images: list[QImage] = []

    def paint(document: pdf.PrintDocument, page: int, number: int) -> None:
        image, painter, rect, scale = _blank_page(layout)
        pdf.paint_page(painter, document, page, rect, scale, number=(number + 1, pages))
        painter.end()
        images.append(image)

    counted = pdf.run_steps(
        pdf_flow.flow_steps(
            entries, title="Journal", exported_at=MOMENT, page_layout=layout, on_page=paint
        )
    )
    assert counted == len(images)
    return images


@pytest.mark.parametrize("batch", [3, 8, 21])
def test_batches_lay_out_every_line_where_one_whole_document_does(monkeypatch, batch):
    pdf.ensure_gui_application()
    monkeypatch.setattr(pdf_flow, "CHUNK_ENTRIES", 2)
    monkeypatch.setattr(pdf_flow, "BATCH_ENTRIES", batch)
    entries = mixed_entries(60)
    whole = pdf.build_document(entries, exported_at=MOMENT)
    by_page = _lines_by_page(whole)
    expected = [by_page.get(page, []) for page in range(whole.pageCount())]
    assert len(expected) > 10
    flowed: list[list[Line]] = []
    steps = pdf_flow.flow_steps(
        entries,
        title="Journal",
        exported_at=MOMENT,
        page_layout=pdf.default_page_layout(),
        on_page=lambda document, page, _: flowed.append(_lines_by_page(document).get(page, [])),
    )
    assert pdf.run_steps(steps) == len(expected)
    assert [n for n in range(len(expected)) if flowed[n] != expected[n]] == []


def test_batches_paint_the_very_pages_of_one_whole_document(monkeypatch):
    """Pixel for pixel (Qt rounds a list's bullet to whole points where it lies, so
    lists are left out here; their lines are checked above)."""
    pdf.ensure_gui_application()
    monkeypatch.setattr(pdf_flow, "CHUNK_ENTRIES", 2)
    monkeypatch.setattr(pdf_flow, "BATCH_ENTRIES", 5)
    entries = mixed_entries(60, lists=False)
    whole = pdf.build_document(entries, exported_at=MOMENT)
    layout = pdf.default_page_layout()
    pages = whole.pageCount()
    assert pages > 10
    expected = []
    for page in range(pages):
        image, painter, rect, scale = _blank_page(layout)
        pdf.paint_page(painter, whole, page, rect, scale)
        painter.end()
        expected.append(image)
    flowed = _flowed_pages(entries, pages)
    assert len(flowed) == pages
    differing = [n for n in range(pages) if flowed[n] != expected[n]]
    assert differing == []


def test_the_export_holds_a_batch_of_text_not_every_entry(monkeypatch):
    pdf.ensure_gui_application()
    monkeypatch.setattr(pdf_flow, "CHUNK_ENTRIES", 5)
    monkeypatch.setattr(pdf_flow, "BATCH_ENTRIES", 10)
    entries = many_entries(400)
    whole = pdf.build_document(entries, exported_at=MOMENT).characterCount()
    held: list[int] = []

    def page(document: pdf.PrintDocument, _page: int, _number: int) -> None:
        held.append(document.characterCount())

    steps = pdf_flow.flow_steps(
        entries,
        title="Journal",
        exported_at=MOMENT,
        page_layout=pdf.default_page_layout(),
        on_page=page,
    )
    assert pdf.run_steps(steps) == len(held) > 20
    assert max(held) < whole / 10  # a batch and a page or so, of 40 batches


@pytest.mark.parametrize(("batch", "typesettings"), [(7, 2), (151, 1)])
def test_every_page_of_the_pdf_says_n_of_all(monkeypatch, batch, typesettings):
    """Counted first when the entries take several batches; typeset once when they
    fit one."""
    pdf.ensure_gui_application()
    monkeypatch.setattr(pdf_flow, "BATCH_ENTRIES", batch)
    runs: list[int] = []
    flow = pdf.flow_steps

    def counting_flow(*args, **kwargs):
        runs.append(1)
        return flow(*args, **kwargs)

    monkeypatch.setattr(pdf, "flow_steps", counting_flow)
    numbers: list[tuple[int, int]] = []
    original = pdf.paint_page

    def paint_page(*args, number=None, **kwargs):
        numbers.append(number)
        original(*args, number=number, **kwargs)

    monkeypatch.setattr(pdf, "paint_page", paint_page)
    entries = many_entries(150)
    reports: list[int] = []
    data = pdf.pdf_bytes(
        entries, exported_at=MOMENT, progress=lambda done, _total: reports.append(done)
    )
    pages = pdf.build_document(entries, exported_at=MOMENT).pageCount()
    assert pdf.page_count(data) == pages > 5
    assert numbers == [(n, pages) for n in range(1, pages + 1)]
    assert len(runs) == typesettings
    assert reports == sorted(reports) and reports[-1] == pdf.PROGRESS_TOTAL


def test_late_pages_are_painted_where_the_layout_put_them():
    """Qt keeps the page height in 1/64ths of a point, cut down: the pages' places are
    that height times the page, or the lines of late pages are cut in half."""
    pdf.ensure_gui_application()
    document = pdf.build_document(many_entries(600))
    assert document.pageCount() > 100
    given = document.pageSize().height()
    # Qt 6.7 and later keep the height cut down to 1/64ths; 6.6 keeps this one whole.
    cut_down = given != pdf_page.page_height(document)
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            lines.append((layout.position().y() + line.y(), line.height()))
        block = block.next()
    for top, height in lines:
        page = pdf_page.page_rect(document, int(top // pdf_page.page_height(document)))
        assert page.top() <= top and top + height <= page.bottom(), (top, page)
    # Where Qt cuts the height down, pages placed at the height as given would have
    # cut some lines in two.
    if cut_down:
        assert any(int(top // given) != int((top + height) // given) for top, height in lines)


def test_progress_moves_after_the_last_page_while_the_pdf_is_copied_and_written(
    monkeypatch, tmp_path
):
    """Copying tens of megabytes out of Qt and writing them took seconds with the
    progress bar full and still; now both report as they go, to the end."""
    pdf.ensure_gui_application()
    monkeypatch.setattr(pdf, "COPY_BYTES", 4096)
    reports: list[int] = []
    last_page_at: list[int] = []
    original = pdf.paint_page

    def paint_page(*args, **kwargs):
        original(*args, **kwargs)
        last_page_at[:] = [len(reports)]

    monkeypatch.setattr(pdf, "paint_page", paint_page)
    target = tmp_path / "journal.pdf"
    pdf.write_pdf(many_entries(40), target, progress=lambda done, _total: reports.append(done))
    after = reports[last_page_at[0] :]
    assert len(set(after)) > 5 and after == sorted(after)
    assert after[-1] == pdf.PROGRESS_TOTAL and target.stat().st_size > 4096 * 5
