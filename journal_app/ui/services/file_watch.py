"""Noticing that the open journal's file was changed by another program (a sync tool).

Mixed into :class:`journal_app.ui.services.journal_service.JournalService`. The vault refuses
every write once its file is not the one it last wrote (``VaultChanged``, and
nothing is written); this makes the refusal known as soon as possible, once:

- while the journal is unlocked, a cheap ``stat`` every few seconds
  (:data:`FILE_CHECK_MS`), and whenever the window asks (it is activated);
- at once when any save raises ``VaultChanged`` (see :func:`notices_change`).

``file_changed`` is emitted once per occurrence: from the first notice until the
journal is closed or opened again. ``save_refused`` is emitted for every save
refused meanwhile, so the window can say why, and ask again later.

A locked journal whose file was replaced is simply opened again before it is
unlocked: nothing is in memory then, so the person unlocks the copy that arrived.
What only the old copy held is kept beside the journal as it is let go, and
merged in at that unlock (journal/sync.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, QTimer

from journal_app.vault import VaultChanged, VaultError

if TYPE_CHECKING:
    from journal_app.journal import Journal
    from journal_app.journal.sync import KeptResult
    from journal_app.vault import Vault

FILE_CHECK_MS = 3_000

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="FileWatchMixin")


def notices_change(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """For a method of the service that saves: a ``VaultChanged`` it raises is noticed
    (``file_changed`` the first time, ``save_refused`` each time), then raised on."""

    @functools.wraps(method)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except VaultChanged:
            self.note_refused()
            raise

    return wrapper


class FileWatchMixin:
    """The file check for :class:`JournalService` (which declares the two signals)."""

    # Provided by JournalService.
    _vault: Vault | None
    file_changed: Any
    save_refused: Any
    busy: bool
    is_unlocked: bool

    def _init_file_watch(self) -> None:
        owner = self if isinstance(self, QObject) else None
        self._file_timer = QTimer(owner)
        self._file_timer.setInterval(FILE_CHECK_MS)
        self._file_timer.timeout.connect(self.check_file)
        self._file_noticed = False
        self._kept_results: list[KeptResult] = []
        self._kept_here: dict[Path, frozenset[str]] = {}  # copies this process kept
        self._keep_failed: Exception | None = None

    @property
    def file_changed_underneath(self) -> bool:
        """True from the first notice until the journal is closed or opened again."""
        return self._file_noticed

    def check_file(self) -> bool:
        """Look (one ``stat``) whether another program changed the file; True if so.

        Only while unlocked, and not while a task of Tend's own is writing on the
        worker (its write would look like a change until it is done).
        """
        vault = self._vault
        if (
            not self._file_noticed
            and vault is not None
            and self.is_unlocked
            and not self.busy
            and vault.changed_on_disk()
        ):
            self._notice_change()
        return self._file_noticed

    def note_refused(self) -> None:
        """A save was refused because the file changed underneath."""
        self._notice_change()
        self.save_refused.emit()

    def _notice_change(self) -> None:
        if not self._file_noticed:
            self._file_noticed = True
            self.file_changed.emit()

    def _note_failure(self, error: object) -> None:
        """A task on the worker ended with ``error``: a refused save is noticed too."""
        if isinstance(error, VaultChanged):
            self.note_refused()

    def _watch_file(self, unlocked: bool) -> None:
        if unlocked:
            self._file_timer.start()
        else:
            self._file_timer.stop()

    def _forget_file_change(self) -> None:
        """The journal was closed (or opened again): a later change is a new one."""
        self._file_noticed = False

    def _reopen_if_replaced(self) -> None:
        """Before unlocking: a file changed while locked is opened again, so the
        person unlocks the copy that arrived (nothing of the old one is in memory)."""
        vault = self._vault
        if vault is not None and not vault.is_unlocked and vault.changed_on_disk():
            self._let_go(vault)
            self._vault = None
            self._forget_file_change()

    def _let_go(self, vault: Vault) -> None:
        """Close ``vault``; if its file was replaced underneath, keep what it holds first.

        The file Tend has open then has no name, and may hold saves the copy that
        arrived lacks: :func:`keep_open_copy` writes it beside the journal, and the
        next unlock merges it in (see journal/sync.py). If it cannot be kept (the
        file was written into, not replaced), the next unlock says so.
        """
        from journal_app.journal.sync import keep_open_copy

        try:
            kept = keep_open_copy(vault)
            if kept is not None:
                self._kept_here[kept.path] = kept.written
        except (VaultError, OSError) as exc:
            self._keep_failed = exc
        finally:
            vault.close()

    def _bring_in_kept(self, journal: Journal, passphrase: str | None) -> None:
        """On the unlock's worker: merge the kept copies of this journal beside it.

        Needs the passphrase just typed (a recovery-code unlock leaves them for the
        next one). The results wait for :meth:`take_kept_results` on the GUI thread.
        """
        from journal_app.journal.sync import bring_in_kept

        if passphrase is not None:
            self._kept_results = bring_in_kept(journal, passphrase, dict(self._kept_here))
            for result in self._kept_results:
                if not result.path.exists():
                    self._kept_here.pop(result.path, None)

    def take_kept_results(self) -> tuple[list[KeptResult], Exception | None]:
        """What became of kept copies at the last unlock, and a copy that could not be
        kept; each is given once."""
        results, failed = self._kept_results, self._keep_failed
        self._kept_results, self._keep_failed = [], None
        return results, failed


__all__ = ["FILE_CHECK_MS", "FileWatchMixin", "notices_change"]
