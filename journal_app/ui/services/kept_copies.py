"""What the service keeps when it lets go of a journal file that was replaced underneath.

The file Tend has open then has no name, and may hold saves the copy that arrived
lacks: :func:`journal_app.journal.sync.keep_open_copy` writes it beside the journal,
and the next unlock merges it in (see journal/sync.py). :class:`KeptCopies` remembers
across those steps what this process kept, what became of it, and a copy that could
not be kept, so the window can tell the person once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.vault import VaultError

if TYPE_CHECKING:
    # The journal and its sync need the store (SQLAlchemy): imported where used.
    from journal_app.journal import Journal
    from journal_app.journal.sync import KeptResult
    from journal_app.vault import Vault


class KeptCopies:
    """The kept copies of one service's journal, from letting go to the next unlock."""

    def __init__(self) -> None:
        self._results: list[KeptResult] = []
        self._here: dict[Path, frozenset[str]] = {}  # copies this process kept
        self._failed: Exception | None = None

    def let_go(self, vault: Vault) -> None:
        """Close ``vault``; if its file was replaced underneath, keep what it holds first.

        If it cannot be kept (the file was written into, not replaced), the next
        unlock says so.
        """
        from journal_app.journal.sync import keep_open_copy

        try:
            kept = keep_open_copy(vault)
            if kept is not None:
                self._here[kept.path] = kept.written
        except (VaultError, OSError) as exc:
            self._failed = exc
        finally:
            vault.close()

    def bring_in(self, journal: Journal, passphrase: str | None) -> None:
        """On the unlock's worker: merge the kept copies of this journal beside it.

        Needs the passphrase just typed (a recovery-code unlock leaves them for the
        next one). The results wait for :meth:`take_results` on the GUI thread.
        """
        from journal_app.journal.sync import bring_in_kept

        if passphrase is not None:
            self._results = bring_in_kept(journal, passphrase, dict(self._here))
            for result in self._results:
                if not result.path.exists():
                    self._here.pop(result.path, None)

    def take_results(self) -> tuple[list[KeptResult], Exception | None]:
        """What became of kept copies at the last unlock, and a copy that could not be
        kept; each is given once."""
        results, failed = self._results, self._failed
        self._results, self._failed = [], None
        return results, failed


__all__ = ["KeptCopies"]
