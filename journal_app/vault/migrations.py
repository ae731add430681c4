"""Format migrations, one function per step, run after unlock in one transaction.

A vault written at format N is brought to ``FORMAT_VERSION`` by applying
``MIGRATIONS[N]``, ``MIGRATIONS[N + 1]`` and so on. Each step receives the open
session of the unlocking transaction and must not commit. Format 1 is the first,
so there is nothing to migrate yet; the next format adds its step here, with a
stored vault of format 1 under tests/data to prove it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from journal_app.vault.errors import NewerVersion
from journal_app.vault.schema import FORMAT_VERSION

Migration = Callable[[Session], None]

MIGRATIONS: dict[int, Migration] = {}


def migrate(session: Session, from_version: int) -> None:
    """Apply every step from ``from_version`` up to the current format."""
    if from_version > FORMAT_VERSION:
        raise NewerVersion()
    for version in range(from_version, FORMAT_VERSION):
        step = MIGRATIONS.get(version)
        if step is None:
            raise NewerVersion(f"No way to bring a format {version} journal up to date.")
        step(session)
