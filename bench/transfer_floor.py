"""Floors for export and import: the least work that writes (or stores) the same thing.

Like bench/floor.py, nothing here imports journal_app: each floor uses only the
standard library, ``cryptography`` and (for the PDF) Qt.

- Markdown: one f-string per entry with the same fields Tend writes (heading,
  date, tags, body), joined, encoded and written durably (see ``durable_write``).
- JSON: one dict per entry with the same eleven fields, ISO dates, one
  ``json.dumps`` of the whole document (``ensure_ascii=False``), written durably.
- PDF: Qt's own text engine with no Markdown and no styling: the floor's Markdown
  text as plain text in a ``QTextDocument`` (11 pt, the same A4 page and margins
  as Tend's), laid out and painted page by page onto a ``QPdfWriter`` at 300 dpi,
  into memory, then written durably.
- Import: read the jrnl export, ``json.loads`` it, then per entry ``json.dumps`` of
  its object sealed with AES-GCM (a random nonce and the vault's associated data,
  as bench/floor.py builds it) and inserted with stdlib sqlite3 into an empty
  vault's record table, all in one transaction (WAL, ``synchronous=FULL``).

"Written durably" is what Tend does for an export: a temporary file beside the
target, written, fsynced, renamed over the target, and the folder fsynced.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import struct
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bench.floor import _field

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (its page objects, counted)."""
    return len(_PAGE.findall(data))


def durable_write(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.floor.tmp")
    with temp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    temp.replace(path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _markdown_text(entries: Sequence[Any]) -> str:
    parts = []
    for entry in entries:
        when = entry.created.strftime("%Y-%m-%d %H:%M")
        heading = entry.title or entry.created.strftime("%Y-%m-%d")
        tags = f"Tags: {', '.join(entry.tags)}\n\n" if entry.tags else ""
        parts.append(f"## {heading}\n\n{when}\n\n{tags}{entry.body}\n")
    return "# Journal\n\n" + "\n---\n\n".join(parts)


def markdown(entries: Sequence[Any], path: Path) -> dict[str, float]:
    start = time.perf_counter()
    data = _markdown_text(entries).encode("utf-8")
    durable_write(path, data)
    seconds = time.perf_counter() - start
    path.unlink()
    return {"s": seconds, "bytes": len(data)}


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def json_export(entries: Sequence[Any], path: Path) -> dict[str, float]:
    start = time.perf_counter()
    items = [
        {
            "id": e.id,
            "created": e.created.isoformat(),
            "updated": e.updated.isoformat(),
            "title": e.title,
            "body": e.body,
            "tags": list(e.tags),
            "prompt_id": e.prompt_id,
            "prompt_text": e.prompt_text,
            "prompt_theme": e.prompt_theme,
            "flagged": e.flagged,
            "trashed_at": _iso(e.trashed_at),
        }
        for e in entries
    ]
    document = {"format": "tend-export", "version": 1, "entries": items}
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    durable_write(path, data)
    seconds = time.perf_counter() - start
    path.unlink()
    return {"s": seconds, "bytes": len(data)}


def pdf(entries: Sequence[Any], path: Path) -> dict[str, float]:
    """Qt typesetting the floor's Markdown as plain text (needs a QGuiApplication)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    start = time.perf_counter()
    text = _markdown_text(entries)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(22.0, 22.0, 22.0, 22.0),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setPointSizeF(11.0)
    document.setDefaultFont(font)
    document.setPlainText(text)
    document.setPageSize(QSizeF(area.width(), area.height()))
    pages = document.pageCount()
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * area.height())
        document.drawContents(painter, QRectF(0, page * area.height(), area.width(), area.height()))
        painter.restore()
    painter.end()
    del writer
    buffer.close()
    raw = bytes(data.data())
    durable_write(path, raw)
    seconds = time.perf_counter() - start
    path.unlink()
    return {"s": seconds, "bytes": len(raw), "pages": pdf_pages(raw)}


def import_jrnl(source: Path, vault: Path, key: bytes, vault_id: bytes) -> tuple[float, int]:
    """Seconds to store every entry of a jrnl export, sealed, in an empty vault; and
    how many records the table then holds."""
    start = time.perf_counter()
    items = json.loads(source.read_bytes())["entries"]
    aead = AESGCM(key)
    prefix = _field(b"tend-record") + _field(vault_id)
    tail = _field(b"entry") + _field(struct.pack(">I", 1))
    rows = []
    for item in items:
        rid = os.urandom(16).hex()
        nonce = os.urandom(12)
        payload = json.dumps(item, ensure_ascii=False).encode("utf-8")
        aad = prefix + _field(rid.encode()) + tail
        rows.append((rid, "entry", 1, nonce, aead.encrypt(nonce, payload, aad)))
    conn = sqlite3.connect(vault, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO tend_record (id, kind, version, nonce, ciphertext) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute("COMMIT")
        seconds = time.perf_counter() - start
        stored = conn.execute("SELECT count(*) FROM tend_record WHERE kind = 'entry'").fetchone()[0]
    finally:
        conn.close()
    return seconds, stored
