"""Attributes that keep a dialog only for as long as Qt keeps it.

A window remembers its dialogs (Settings, Support, Export…) to raise the one
already open instead of opening a second. Qt, not Python, decides when a
dialog is deleted (``deleteLater`` when it closes, or with its parent), and a
Python reference to a deleted dialog raises on any use: "Internal C++ object
already deleted". :class:`KeptDialog` is that reference done safely: reading
it gives the dialog while its C++ object lives, and ``None`` once Qt has
deleted it, so ``if self.x_dialog is not None and self.x_dialog.isVisible()``
is always safe, whoever deletes the dialog and whenever.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

import shiboken6
from PySide6.QtCore import QObject

Q = TypeVar("Q", bound=QObject)


def alive(obj: QObject | None) -> bool:
    """True if ``obj`` is a Qt object whose C++ side has not been deleted."""
    return obj is not None and shiboken6.isValid(obj)


class KeptDialog(Generic[Q]):
    """A class attribute: ``settings_dialog = KeptDialog[SettingsDialog]()``.

    Each instance of the owning class holds its own value (``None`` at first).
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_kept_{name}"

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> KeptDialog[Q]: ...

    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> Q | None: ...

    def __get__(self, obj: object | None, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__.get(self._slot)
        if value is not None and not shiboken6.isValid(value):
            obj.__dict__[self._slot] = None  # deleted by Qt: forget it
            return None
        return value

    def __set__(self, obj: object, value: Q | None) -> None:
        obj.__dict__[self._slot] = value


__all__ = ["KeptDialog", "alive"]
