"""The encrypted store. Plain Python: never imports Qt.

The cipher is in ``crypto.py`` (Argon2id, key wrapping, AES-256-GCM per record); the
header and keys in ``keys.py``; SQLite in ``connection.py``, ``layout.py`` and
``schema.py``; sealed rows in ``records.py``; the manifest in ``manifest.py``;
``store.py`` ties them into :class:`Vault`, and ``writing.py`` holds its writes.

The error classes are cheap and imported at once. ``KdfParams`` and ``Vault`` need
the ``cryptography`` package, so they are loaded on first use (PEP 562): the window
can show before they are needed, and ``tend --help`` never needs them. SQLAlchemy
(about half a second to import) is loaded only by the first write, so reading a
journal (``tend list``, ``tend search``, ``tend check``) never pays for it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from journal_app.vault.errors import (
    Cancelled,
    DamagedRecords,
    DamagedVault,
    ManifestUnverified,
    NewerVersion,
    NoRecoveryCode,
    NotAVault,
    StorageFull,
    VaultChanged,
    VaultError,
    VaultExists,
    VaultInUse,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryCode,
)

if TYPE_CHECKING:
    from journal_app.vault.crypto import KdfParams
    from journal_app.vault.store import CopyReport, PlainRecord, ReadResult, Vault, VaultCheck

_LAZY = {
    "KdfParams": "journal_app.vault.crypto",
    **dict.fromkeys(
        ("CopyReport", "PlainRecord", "ReadResult", "Vault", "VaultCheck"),
        "journal_app.vault.store",
    ),
}
"""Each name loaded on first use, and the module that holds it."""

__all__ = [
    "Cancelled",
    "CopyReport",
    "DamagedRecords",
    "DamagedVault",
    "KdfParams",
    "ManifestUnverified",
    "NewerVersion",
    "NoRecoveryCode",
    "NotAVault",
    "PlainRecord",
    "ReadResult",
    "StorageFull",
    "Vault",
    "VaultChanged",
    "VaultCheck",
    "VaultError",
    "VaultExists",
    "VaultInUse",
    "VaultLocked",
    "WrongPassphrase",
    "WrongRecoveryCode",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
