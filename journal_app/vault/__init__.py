"""The encrypted store. Plain Python: never imports Qt."""

from journal_app.vault.crypto import KdfParams
from journal_app.vault.errors import (
    Cancelled,
    DamagedRecords,
    DamagedVault,
    NewerVersion,
    NoRecoveryCode,
    NotAVault,
    StorageFull,
    VaultError,
    VaultExists,
    VaultInUse,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryCode,
)
from journal_app.vault.store import CopyReport, PlainRecord, ReadResult, Vault

__all__ = [
    "Cancelled",
    "CopyReport",
    "DamagedRecords",
    "DamagedVault",
    "KdfParams",
    "NewerVersion",
    "NoRecoveryCode",
    "NotAVault",
    "PlainRecord",
    "ReadResult",
    "StorageFull",
    "Vault",
    "VaultError",
    "VaultExists",
    "VaultInUse",
    "VaultLocked",
    "WrongPassphrase",
    "WrongRecoveryCode",
]
