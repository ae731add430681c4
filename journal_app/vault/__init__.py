"""The encrypted store. Plain Python: never imports Qt.

The error classes and ``KdfParams`` are cheap and imported at once. ``Vault`` and
the store's other types need SQLAlchemy (about half a second to import), so they
are loaded on first use (PEP 562); the window can show before they are needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journal_app.vault.crypto import KdfParams
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
    from journal_app.vault.store import CopyReport, PlainRecord, ReadResult, Vault, VaultCheck

_FROM_STORE = frozenset({"CopyReport", "PlainRecord", "ReadResult", "Vault", "VaultCheck"})

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
    if name in _FROM_STORE:
        from journal_app.vault import store

        value = getattr(store, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _FROM_STORE)
