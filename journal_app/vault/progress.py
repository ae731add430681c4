"""Long work that reports progress and can be stopped: one shape for every layer.

Kept free of SQLAlchemy and SQLite, so that code which only needs these names
(the journal's file writing) stays cheap to import.
"""

from __future__ import annotations

from collections.abc import Callable

from journal_app.vault.errors import Cancelled

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` during long work, from the thread doing it."""
CancelCheck = Callable[[], bool]
"""Returns True once the person has asked to stop; the work then raises Cancelled."""


def check_cancel(cancelled: CancelCheck | None) -> None:
    """Raise :class:`Cancelled` if the person has asked to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled()
