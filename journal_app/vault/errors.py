"""The ways a vault can refuse to open or to read, each its own exception.

Every message is written for the person using Tend, not for a developer: it says
what happened and what they can do next, and never contains their content.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


class VaultError(Exception):
    """Base of every error the vault reports on purpose."""

    message = "The journal could not be opened."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class WrongPassphrase(VaultError):
    # A changed header (its salt or key-derivation settings) looks exactly like a
    # wrong passphrase to the cryptography, so the message names both, gently.
    message = (
        "That passphrase does not open this journal. Please try again. "
        "If you are sure it is the right one, the journal's header may have been changed; "
        "a backup opens with the same passphrase."
    )


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
    """Some records could not be opened as Tend saved them; the others still read.

    ``problems`` maps record ids to why (see ``records.Problem``: damaged, missing,
    an older copy, not expected); without it every record is taken as damaged.
    """

    def __init__(self, record_ids: list[str], problems: Mapping[str, object] | None = None) -> None:
        self.record_ids = list(record_ids)
        self.problems = dict(problems or {})
        super().__init__(damage_sentence(self.record_ids, self.problems))


_PROBLEM_WORDS = {
    "damaged": ("is damaged", "are damaged"),
    "missing": ("is missing from the file", "are missing from the file"),
    "an older copy": ("is an older copy put back", "are older copies put back"),
    "not expected": (
        "was not saved in this journal (perhaps an old copy put back)",
        "were not saved in this journal (perhaps old copies put back)",
    ),
}


def damage_sentence(record_ids: list[str], problems: Mapping[str, object]) -> str:
    """One calm sentence about records that did not open, and why, by count."""
    count = len(record_ids)
    reasons = Counter(str(getattr(problems.get(rid), "problem", "damaged")) for rid in record_ids)
    kinds = {str(getattr(problems.get(rid), "kind", "")) for rid in record_ids}
    entries = kinds <= {"", "entry", "draft"}
    noun = (
        ("entry" if count == 1 else "entries")
        if entries
        else ("record" if count == 1 else "records")
    )
    if set(reasons) <= {"damaged"}:
        return (
            f"{count} {noun} could not be read because the file is damaged there. "
            "Everything else opens as usual."
        )
    parts = [
        f"{n} {_PROBLEM_WORDS.get(reason, _PROBLEM_WORDS['damaged'])[n != 1]}"
        for reason, n in sorted(reasons.items(), key=lambda item: -item[1])
    ]
    details = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"{count} {noun} did not open as Tend saved {'it' if count == 1 else 'them'}: "
        f"{details}. Everything else opens as usual."
    )


class ManifestUnverified(DamagedVault):
    """The journal's sealed list of records could not be read, so nothing was checked
    against it. Shown as a note: every record that opens is still there."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"Tend could not check that nothing is missing from this journal: its sealed list "
            f"of records {reason}. Everything that opens is shown as usual. If something you "
            "wrote is missing, a backup can be restored into a new journal."
        )


class VaultChanged(VaultError):
    """Another program replaced or rewrote the journal's file while it was open here."""

    message = (
        "This journal's file was changed by another program while Tend had it open "
        "(a sync tool, perhaps). Tend saved nothing over it. Open the journal again "
        "to see that copy."
    )


class Cancelled(VaultError):
    """The person stopped a long piece of work (a backup, an import, an export).

    Whatever was under way is abandoned as a whole: nothing half-done is kept.
    """

    message = "Stopped. Nothing was changed."
