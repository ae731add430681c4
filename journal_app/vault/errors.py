"""The ways a vault can refuse to open or to read, each its own exception.

Every message is written for the person using Tend, not for a developer: it says
what happened and what they can do next, and never contains their content.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base of every error the vault reports on purpose."""

    message = "The journal could not be opened."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class WrongPassphrase(VaultError):
    message = "That passphrase does not open this journal. Please try again."


class WrongRecoveryCode(VaultError):
    message = "That recovery code does not open this journal. Check it and try again."


class NoRecoveryCode(VaultError):
    message = "This journal has no recovery code. Only its passphrase can open it."


class NotAVault(VaultError):
    message = (
        "This file is not a Tend journal. Nothing in it was changed. "
        "Choose another file, or create a new journal."
    )


class DamagedVault(VaultError):
    message = (
        "This journal's file is damaged and cannot be read. Nothing in it was changed. "
        "If you have a backup, you can restore it into a new journal."
    )


class NewerVersion(VaultError):
    message = (
        "This journal was written by a newer version of Tend. "
        "Please update Tend to open it; nothing in it was changed."
    )


class VaultInUse(VaultError):
    message = (
        "This journal is already open in another Tend window or program. "
        "Close that one first, then try again."
    )


class VaultExists(VaultError):
    message = "A file already exists there. Tend will not overwrite it."


class VaultLocked(VaultError):
    message = "The journal is locked. Unlock it first."


class StorageFull(VaultError):
    message = (
        "There is no room left on the disk to save. What was saved before is safe; "
        "free some space and Tend will save again."
    )


class DamagedRecords(VaultError):
    """Some records could not be decrypted; the others still read."""

    def __init__(self, record_ids: list[str]) -> None:
        self.record_ids = list(record_ids)
        count = len(self.record_ids)
        noun = "entry" if count == 1 else "entries"
        super().__init__(
            f"{count} {noun} could not be read because the file is damaged there. "
            "Everything else opens as usual."
        )


class Cancelled(VaultError):
    """The person stopped a long piece of work (a backup, an import, an export).

    Whatever was under way is abandoned as a whole: nothing half-done is kept.
    """

    message = "Stopped. Nothing was changed."
