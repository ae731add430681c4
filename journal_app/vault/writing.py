"""Writing to an open vault through SQLAlchemy: the only part of the store that needs it.

Importing SQLAlchemy costs about half a second, and most uses of a journal only
read it (``tend list``, ``tend search``, ``tend check``, unlocking the window).
So the store reads with the standard library's ``sqlite3`` and loads this module,
and SQLAlchemy with it, on its first write. Every statement that changes the
file is here, on the typed models of ``schema.py``; a :class:`Writer` is one
write transaction, and never commits itself (the store's ``_writing`` does).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, create_engine, delete, event, update
from sqlalchemy.dialects.sqlite import Insert, insert
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from journal_app.vault.migrations import MigrationContext, migrate
from journal_app.vault.records import RecordSealer, SealedRow
from journal_app.vault.schema import HEADER_ROW_ID, Header, Record


class Sessions:
    """One engine and session factory over the vault's one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

        @event.listens_for(self.engine, "begin")
        def _begin(connection: Connection) -> None:
            # Python's sqlite3 only begins before DML; begin explicitly so reads and
            # writes of one action form one transaction.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def begin(self) -> Iterator[Writer]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._factory.begin() as session:
            yield Writer(session)

    def dispose(self) -> None:
        """Let the engine go (the connection itself is the store's to close)."""
        self.engine.dispose()


@functools.cache
def _upsert() -> Insert:
    """Insert a record, or replace the one with its id (built once: every save uses it)."""
    statement = insert(Record)
    return statement.on_conflict_do_update(
        index_elements=[Record.id],
        set_={
            "kind": statement.excluded.kind,
            "version": statement.excluded.version,
            "nonce": statement.excluded.nonce,
            "ciphertext": statement.excluded.ciphertext,
        },
    )


class Writer:
    """The statements of one write transaction, over its session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def upsert(self, rows: Sequence[SealedRow]) -> None:
        self.session.execute(_upsert(), list(rows))

    def delete_ids(self, ids: Collection[str]) -> int:
        """Remove the records with these ids; returns how many there were."""
        # A DELETE's result is a CursorResult, which SQLAlchemy types as a Result.
        result = cast(
            "CursorResult[Any]", self.session.execute(delete(Record).where(Record.id.in_(ids)))
        )
        return int(result.rowcount)

    def delete_kind(self, kind: str) -> None:
        self.session.execute(delete(Record).where(Record.kind == kind))

    def update_header(self, values: Mapping[str, object]) -> None:
        self.session.execute(update(Header).where(Header.id == HEADER_ROW_ID).values(**values))

    def migrate(self, sealer: RecordSealer, from_version: int) -> None:
        migrate(MigrationContext(self.session, sealer), from_version)
