"""The encrypted store. Plain Python: never imports Qt.

The cipher is in ``crypto.py`` (Argon2id, key wrapping, AES-256-GCM per record); the
header and keys in ``keys.py``; SQLite in ``connection.py`` and ``schema.py``; sealed
rows in ``records.py``; the manifest in ``manifest.py``; ``store.py`` ties them into
:class:`Vault`.

The error classes are cheap and imported at once. ``KdfParams`` needs the
``cryptography`` package, and ``Vault`` and the store's other types need SQLAlchemy
(about half a second to import), so they are loaded on first use (PEP 562): the
window can show before they are needed, and ``tend --help`` never needs them.
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
