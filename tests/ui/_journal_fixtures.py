"""Fixtures and helpers for the journal page's tests (list, editor, view).

They build on tests/ui/conftest.py (``service``, ``kdf``, ``journal_path`` and
the patched message boxes) and add an unlocked service, a shown JournalView and
a fast way to fill a vault with thousands of entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from journal_app.journal import Entry, Journal
from journal_app.journal.edit_session import SaveTiming
from journal_app.journal.entry import ENTRY_KIND
from journal_app.ui.journal.journal_view import JournalView
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault.store import new_record_id

PASSPHRASE = "a long passphrase"

# The offscreen platform warns about what only a real desktop does (size hints,
# raising a popup, grabbing the keyboard). Nothing to do with the page itself.
QT_LOG_IGNORE = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def open_service(service: JournalService, qtbot: Any) -> JournalService:
    """The conftest's service, with a new journal created and unlocked."""
    failures: list[object] = []
    service.create_failed.connect(failures.append)
    service.create(PASSPHRASE, with_recovery_code=False)
    qtbot.waitUntil(lambda: service.is_unlocked or bool(failures), timeout=10_000)
    assert not failures, failures
    return service


HOUR_MS = 3_600_000
NO_AUTOSAVE = SaveTiming(autosave_delay_ms=HOUR_MS, autosave_max_wait_ms=HOUR_MS, retry_ms=HOUR_MS)
"""Drafts as usual, but the entry itself is not saved by itself: as if the app
stopped before its autosave came."""


def make_view(
    service: JournalService,
    qtbot: Any,
    *,
    size: tuple[int, int] = (1000, 700),
    timing: SaveTiming | None = None,
) -> JournalView:
    view = JournalView(service, timing=timing)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.reload()
    return view


@pytest.fixture
def view(open_service: JournalService, qtbot: Any) -> JournalView:
    return make_view(open_service, qtbot)


def moment(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute).astimezone()


def make_entries(
    count: int, *, start: datetime | None = None, step: timedelta = timedelta(hours=7)
) -> list[Entry]:
    """``count`` entries going back in time from ``start``, every ``step``."""
    first = start or moment(2025, 3, 14, 20)
    entries = []
    for index in range(count):
        created = first - step * index
        entries.append(
            Entry(
                id=new_record_id(),
                created=created,
                updated=created,
                title=f"Entry number {index}" if index % 3 else "",
                body=f"Line one of entry {index}.\nSomething about the day.",
                tags=("walks",) if index % 2 else ("family", "evenings"),
            )
        )
    return entries


def add_many(service: JournalService, entries: Iterable[Entry]) -> None:
    """Store many entries in one transaction (tests only: reaches past the service)."""
    journal = service._journal
    assert journal is not None
    journal.vault.put_many([(ENTRY_KIND, entry.to_payload(), entry.id) for entry in entries])
    journal.load()
    service.entries_changed.emit()


def reopen(path: Path) -> Journal:
    """A fresh Journal over the same file: what reached the disk, decrypted again."""
    return Journal.open(path, PASSPHRASE)


def shown_texts(root: QWidget) -> list[str]:
    """Every text a person could read in the widget tree (fields, labels, editors)."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QLabel):
            texts.append(widget.text())
    return texts
