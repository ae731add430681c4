"""When a sync tool puts another copy in place: keep what only this copy holds.

A sync tool that brings another computer's copy of the journal usually writes it
under a temporary name and renames it over ``journal.tend``. The file Tend has
open then has no name: it still holds everything saved here, including what the
copy that arrived lacks, and closing it would lose that. So before Tend lets go
of it (to open the copy that arrived, or when it quits), it copies it, page by
page through the connection it still has, to a *kept copy* beside the journal,
named for the time it was kept (no key is needed for that, so it works while
locked). After the next unlock, every kept copy of this journal beside it is
merged in (:mod:`journal_app.journal.merge`: what the journal lacks, once) and
then deleted. A kept copy that does not open with the passphrase just typed (it
was changed on the other computer) stays where it is, and the person is told;
Import > Another Tend journal brings it in later.

Kept copies sit in the synced folder, so the other computer may merge one first:
merging is idempotent, and whichever computer merges it deletes it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journal_app.journal.files import CancelCheck, Progress
from journal_app.journal.merge import MergePlan, apply_merge, plan_merge
from journal_app.journal.service import Journal
from journal_app.vault import Vault, VaultError
from journal_app.vault.store import vault_id_of

KEPT_MARK = " (kept "


def kept_copy_path(journal_path: Path, now: datetime | None = None) -> Path:
    """A new name beside the journal: ``journal (kept 2026-12-03 10.02.15).tend``."""
    moment = (now or datetime.now()).strftime("%Y-%m-%d %H.%M.%S")
    stem, suffix = journal_path.stem, journal_path.suffix or ".tend"
    candidate = journal_path.with_name(f"{stem}{KEPT_MARK}{moment}){suffix}")
    number = 2
    while candidate.exists():
        candidate = journal_path.with_name(f"{stem}{KEPT_MARK}{moment} {number}){suffix}")
        number += 1
    return candidate


@dataclass(frozen=True, slots=True)
class KeptCopy:
    """A copy kept beside the journal, and the records written in it that session."""

    path: Path
    written: frozenset[str]


def keep_open_copy(vault: Vault, now: datetime | None = None) -> KeptCopy | None:
    """If the vault's file was changed underneath, keep what Tend has open; else None.

    Works locked or unlocked (no key is needed).

    Raises:
        DamagedVault: the copy could not be checked (the file was written into,
            not replaced: what Tend had open is then no longer whole).
    """
    if not vault.changed_on_disk():
        return None
    kept = kept_copy_path(vault.path, now)
    vault.keep_copy(kept)
    return KeptCopy(kept, frozenset(vault.written))


def kept_copies(journal: Journal) -> list[Path]:
    """Kept copies of this journal beside its file, oldest first."""
    path = journal.vault.path
    found = sorted(path.parent.glob(f"{path.stem}{KEPT_MARK}*){path.suffix or '.tend'}"))
    return [kept for kept in found if vault_id_of(kept) == journal.vault.vault_id]


@dataclass(frozen=True, slots=True)
class KeptResult:
    """What became of one kept copy: merged (``plan``) or left (``error``)."""

    path: Path
    plan: MergePlan | None = None
    error: VaultError | None = None


def bring_in_kept(
    journal: Journal,
    passphrase: str,
    written: Mapping[Path, Collection[str]] | None = None,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> list[KeptResult]:
    """Merge every kept copy of this journal into it, deleting each once merged.

    ``passphrase`` is the one the journal was just unlocked with. A copy it does
    not open, or that cannot be read, is left in place with its error; one with
    records that did not open is merged and left in place too.

    ``written`` gives, for copies kept by this process, the records written in
    them in that session (:attr:`KeptCopy.written`): only those are merged.
    The rest of such a copy is the file as it was opened, which the copy that
    arrived may rightly have changed; taking it too would bring back, beside
    them, older versions of entries edited on the other computer. A copy kept
    before Tend last started is merged whole (nothing is lost, at the price of
    such older versions beside the new).
    """
    written = written or {}
    results = []
    for kept in kept_copies(journal):
        only = written.get(kept)
        try:
            plan = plan_merge(
                journal, kept, passphrase, progress=progress, cancelled=cancelled, only=only
            )
            if plan.adds_anything:
                apply_merge(journal, plan, progress=progress, cancelled=cancelled)
        except VaultError as error:
            results.append(KeptResult(kept, error=error))
            continue
        if not plan.damaged and plan.unverified is None:
            with contextlib.suppress(OSError):  # left: merged again, harmlessly, next time
                kept.unlink(missing_ok=True)  # all of it is in the journal now
        results.append(KeptResult(kept, plan=plan))
    return results
