"""The vault's tables. Only what must be in the clear is a column of its own.

A record row holds a random id, its kind, its format version, the nonce and the
ciphertext; dates, titles, tags and text live inside the ciphertext.
"""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from journal_app.vault.fileheader import APPLICATION_ID as APPLICATION_ID
from journal_app.vault.layout import FORMAT_VERSION as FORMAT_VERSION
from journal_app.vault.layout import HEADER_ROW_ID as HEADER_ROW_ID
from journal_app.vault.layout import HEADER_TABLE, RECORD_TABLE
from journal_app.vault.layout import MAGIC as MAGIC


class Base(DeclarativeBase):
    pass


class Header(Base):
    """One row: how to turn a passphrase (or recovery code) into the data key."""

    __tablename__ = HEADER_TABLE

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    magic: Mapped[str] = mapped_column(String(16))
    format_version: Mapped[int] = mapped_column(Integer)
    vault_id: Mapped[bytes] = mapped_column(LargeBinary(16))
    kdf_memory_kib: Mapped[int] = mapped_column(Integer)
    kdf_iterations: Mapped[int] = mapped_column(Integer)
    kdf_lanes: Mapped[int] = mapped_column(Integer)
    kdf_salt: Mapped[bytes] = mapped_column(LargeBinary)
    wrap_nonce: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    recovery_salt: Mapped[bytes | None] = mapped_column(LargeBinary)
    recovery_nonce: Mapped[bytes | None] = mapped_column(LargeBinary)
    recovery_wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary)


class Record(Base):
    """One sealed blob: an entry, a draft, a setting or a list of the person's."""

    __tablename__ = RECORD_TABLE

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    version: Mapped[int] = mapped_column(Integer)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
