"""Noticing that the open journal's file was changed by another program (a sync tool).

The vault refuses every write once its file is not the one it last wrote
(``VaultChanged``, and nothing is written); :class:`FileWatch` makes the refusal
known as soon as possible, once:

- while the journal is unlocked, a cheap ``stat`` every few seconds
  (:data:`FILE_CHECK_MS`), and whenever the window asks (it is activated);
- at once when any save raises ``VaultChanged`` (see :func:`notices_change`).

``file_changed`` is emitted once per occurrence: from the first notice until the
journal is closed or opened again. ``save_refused`` is emitted for every save
refused meanwhile, so the window can say why, and ask again later.

A locked journal whose file was replaced is simply opened again before it is
unlocked: nothing is in memory then, so the person unlocks the copy that arrived
(what only the old copy held is kept beside it: :mod:`.kept_copies`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from journal_app.vault import VaultChanged

if TYPE_CHECKING:
    from journal_app.vault import Vault

FILE_CHECK_MS = 3_000


class NoticesRefusal(Protocol):
    """An object that saves, and says so when a save is refused."""

    def note_refused(self) -> None: ...


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=NoticesRefusal)


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


class FileWatch(QObject):
    """Looks at the open vault's file now and then, and tells once when it changed.

    ``vault`` gives the open vault (or None); ``may_look`` says whether a look makes
    sense now: only while unlocked, and not while a task of Tend's own is writing on
    the worker (its write would look like a change until it is done).

    Signals:
        file_changed(): another program changed the file; once, until :meth:`forget`.
        save_refused(): a save was refused because of that (each time).
    """

    file_changed = Signal()
    save_refused = Signal()

    def __init__(
        self,
        vault: Callable[[], Vault | None],
        may_look: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._may_look = may_look
        self._noticed = False
        self._timer = QTimer(self)
        self._timer.setInterval(FILE_CHECK_MS)
        self._timer.timeout.connect(self.check)

    @property
    def noticed(self) -> bool:
        """True from the first notice until :meth:`forget`."""
        return self._noticed

    def check(self) -> bool:
        """Look (one ``stat``) whether another program changed the file; True if so."""
        vault = self._vault()
        if not self._noticed and vault is not None and self._may_look() and vault.changed_on_disk():
            self._notice()
        return self._noticed

    def note_refused(self) -> None:
        """A save was refused because the file changed underneath."""
        self._notice()
        self.save_refused.emit()

    @Slot(object)
    def note_failure(self, error: object) -> None:
        """Work on the worker ended with ``error``: a refused save is noticed too."""
        if isinstance(error, VaultChanged):
            self.note_refused()

    def _notice(self) -> None:
        if not self._noticed:
            self._noticed = True
            self.file_changed.emit()

    def watch(self, unlocked: bool) -> None:
        """Look every few seconds while the journal is unlocked, and not otherwise."""
        if unlocked:
            self._timer.start()
        else:
            self._timer.stop()

    def forget(self) -> None:
        """The journal was closed (or opened again): a later change is a new one."""
        self._noticed = False


__all__ = ["FILE_CHECK_MS", "FileWatch", "NoticesRefusal", "notices_change"]
