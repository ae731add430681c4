"""What the window says about a copy (a backup) that did not open entirely as saved.

Two findings of the vault's checks, each in its own words: records that did not
open as Tend saved them (``DamagedRecords``: damaged, missing, an older copy, not
expected), and a sealed list of records that could not be read, so that nothing
could be found missing (``ManifestUnverified``). A restore offers to go on
anyway for either, as ``tend restore --allow-damaged`` does.
"""

from __future__ import annotations

from journal_app.vault import DamagedRecords, ManifestUnverified


def _unverified(reason: str) -> str:
    return (
        "Tend could not check that nothing is missing from this backup: its sealed list "
        f"of records {reason}."
    )


def restore_anyway_question(error: object) -> tuple[str, str] | None:
    """The title and words that ask to restore the rest anyway, or None for other errors."""
    if isinstance(error, DamagedRecords):
        return (
            "Part of this backup is damaged",
            f"{error}\n\nRestore everything else into the new file?",
        )
    if isinstance(error, ManifestUnverified):
        return (
            "Tend could not check this backup",
            f"{_unverified(error.reason)} Every entry in it that opens can still be "
            "restored.\n\nRestore it into the new file anyway?",
        )
    return None


def copy_note(report: object) -> str:
    """What a restored copy holds that did not open as saved ("" if nothing)."""
    from journal_app.vault import CopyReport  # the store: loaded by now

    if not isinstance(report, CopyReport):
        return ""
    notes = []
    if report.damaged:
        notes.append(str(DamagedRecords(list(report.damaged), report.problems)))
    if report.unverified is not None:
        notes.append(_unverified(report.unverified))
    return " ".join(notes)


__all__ = ["copy_note", "restore_anyway_question"]
