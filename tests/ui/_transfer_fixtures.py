"""Fixtures for export, print, flag, backup, restore and import in the window.

A closed journal with a few entries of every kind (marked for the next session,
tagged, written with a prompt, one in the trash), and a shown, unlocked window
on it, built on tests/ui/conftest.py's ``make_window`` and patched dialogs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox

from journal_app.journal import Entry, Journal
from journal_app.ui.common.tasks import Task
from journal_app.ui.window.main_window import MainWindow
from journal_app.vault import KdfParams
from journal_app.vault.store import new_record_id
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, unlock_through_ui

Ok = QMessageBox.StandardButton.Ok
Cancel = QMessageBox.StandardButton.Cancel
Yes = QMessageBox.StandardButton.Yes


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour).astimezone()


@dataclass
class RichJournal:
    path: Path
    ids: dict[str, str]


def rich_entries() -> list[Entry]:
    """Five entries: two marked, three tags, one with a prompt, one in the trash."""
    rows = [
        ("River walk", "**Bold** steps by the river, slowly.", ("walks",), at(2026, 1, 2), True),
        ("Tea with Sam", "We laughed about the old flat.", ("people",), at(2026, 1, 5), False),
        ("Quiet evening", "A bath, a book, an early night.", (), at(2026, 1, 10), True),
        ("Allotment", "Planted garlic in the far bed.", ("outdoors",), at(2026, 2, 1), False),
    ]
    entries = []
    for title, body, tags, created, flagged in rows:
        entries.append(
            Entry(
                id=new_record_id(),
                created=created,
                updated=created,
                title=title,
                body=body,
                tags=tags,
                flagged=flagged,
            )
        )
    entries[1] = dataclasses.replace(
        entries[1],
        prompt_id="tend.people.1",
        prompt_text="Who felt safe to be around this week?",
        prompt_theme="people",
    )
    entries.append(
        Entry(
            id=new_record_id(),
            created=at(2026, 1, 3),
            updated=at(2026, 1, 3),
            title="In the trash",
            body="Put away.",
            trashed_at=at(2026, 1, 4),
        )
    )
    return entries


@pytest.fixture
def rich_journal(journal_path: Path, kdf: KdfParams) -> RichJournal:
    with Journal.create(journal_path, PASSPHRASE, kdf) as journal:
        entries = rich_entries()
        journal.add_many(entries)
    return RichJournal(journal_path, {entry.title: entry.id for entry in entries})


@pytest.fixture
def window(
    qtbot: Any, make_window: Callable[..., MainWindow], rich_journal: RichJournal
) -> MainWindow:
    """The window, unlocked on the rich journal."""
    made = make_window(rich_journal.path)
    unlock_through_ui(qtbot, made, PASSPHRASE)
    return made


def many_entries(count: int, start: datetime | None = None) -> list[Entry]:
    first = start or at(2025, 1, 1)
    return [
        Entry(
            id=new_record_id(),
            created=first + timedelta(hours=5 * index),
            updated=first + timedelta(hours=5 * index),
            title=f"Day {index}",
            body=f"Line one of entry {index}.\n\nSomething *about* the day.",
            tags=("walks",) if index % 2 else (),
            flagged=index % 3 == 0,
        )
        for index in range(count)
    ]


def wait_for_task(qtbot: Any, task: Task | None, timeout: int = WAIT_MS) -> None:
    assert task is not None
    if task.running:
        with qtbot.waitSignal(task.finished, timeout=timeout):
            pass


def drain_deletes() -> None:
    """Let ``deleteLater`` happen (as the event loop would after a lock)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()
