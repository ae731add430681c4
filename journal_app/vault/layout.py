"""The names and numbers of a vault file's layout, without SQLAlchemy.

The tables are declared in ``schema.py`` (SQLAlchemy's typed models), which only
writing needs. Reading a vault (opening, unlocking, listing) goes through the
standard library's ``sqlite3`` with these names alone, so that a command that
only reads never pays for importing SQLAlchemy.
"""

from __future__ import annotations

# The file format written by this version of Tend. Raise it with a migration.
FORMAT_VERSION = 2
MAGIC = "tend-vault"
HEADER_ROW_ID = 1

HEADER_TABLE = "tend_header"
RECORD_TABLE = "tend_record"
