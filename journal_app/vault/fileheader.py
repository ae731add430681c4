"""Recognising a Tend vault from its first bytes, without SQLite or SQLAlchemy.

Kept apart from the store so that code which only needs to ask "is this file a
journal?" (refusing to write an export over one) stays cheap to import.
"""

from __future__ import annotations

import struct
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER_BYTES = 100
# Stored in SQLite's header (PRAGMA application_id), "TEND" in ASCII, so that a
# Tend vault is recognised before any table is read.
APPLICATION_ID = 0x54454E44


def is_vault_file(path: Path) -> bool:
    """Whether ``path`` starts like a Tend vault (SQLite with Tend's application id).

    Only the first bytes are read; nothing is opened with SQLite. Used to refuse
    writing an export or a backup over a journal.
    """
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(SQLITE_HEADER_BYTES)
    except OSError:
        return False
    return (
        len(head) == SQLITE_HEADER_BYTES
        and head.startswith(SQLITE_MAGIC)
        and struct.unpack(">I", head[68:72])[0] == APPLICATION_ID
    )
