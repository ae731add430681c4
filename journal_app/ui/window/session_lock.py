"""Lock when the desktop locks its screen or the machine goes to sleep, where we can tell.

Qt has no portable signal for either. ``QGuiApplication.applicationStateChanged``
only says the window lost focus, which is not a lock, so it is not used.

On Linux (and the BSDs) desktops announce both over D-Bus, which Qt reaches
through QtDBus at no cost:

* ``org.freedesktop.ScreenSaver.ActiveChanged(true)`` (KDE, Xfce, others) and
  ``org.gnome.ScreenSaver.ActiveChanged(true)`` (GNOME) on the session bus;
* ``org.freedesktop.login1.Session.Lock`` for this login session and
  ``org.freedesktop.login1.Manager.PrepareForSleep(true)`` on the system bus.

Windows (WTS session notifications) and macOS (NSWorkspace notifications) would
need native code; there Tend relies on its idle lock and Ctrl+L.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import SLOT, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection


def _escape_bus_path_label(text: str) -> str:
    """systemd's escaping of one D-Bus object path element (bus_label_escape)."""
    out = []
    for index, char in enumerate(text):
        if char.isascii() and (char.isalpha() or (char.isdigit() and index > 0)):
            out.append(char)
        else:
            out.extend(f"_{byte:02x}" for byte in char.encode())
    return "".join(out) or "_"


class SessionLockWatcher(QObject):
    """Emits ``lock_requested`` when the screen locks or the machine is about to sleep."""

    lock_requested = Signal()

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.sources: list[str] = []
        if enabled and (sys.platform.startswith("linux") or "bsd" in sys.platform):
            self._connect_dbus()

    @property
    def available(self) -> bool:
        """Whether any lock or sleep announcement could be subscribed to."""
        return bool(self.sources)

    def _connect_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus is part of PySide6-Essentials
            return
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path, interface in (
                (
                    "org.freedesktop.ScreenSaver",
                    "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver",
                ),
                ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
            ):
                if self._listen(
                    session, service, path, interface, "ActiveChanged", "_on_screensaver(bool)"
                ):
                    self.sources.append(f"{interface} {path}")
        system = QDBusConnection.systemBus()
        if system.isConnected():
            login1 = "org.freedesktop.login1"
            if self._listen(
                system,
                login1,
                "/org/freedesktop/login1",
                f"{login1}.Manager",
                "PrepareForSleep",
                "_on_prepare_for_sleep(bool)",
            ):
                self.sources.append("login1 PrepareForSleep")
            session_id = os.environ.get("XDG_SESSION_ID")
            if session_id:
                path = f"/org/freedesktop/login1/session/{_escape_bus_path_label(session_id)}"
                if self._listen(
                    system, login1, path, f"{login1}.Session", "Lock", "_on_session_lock()"
                ):
                    self.sources.append("login1 Session.Lock")

    def _listen(
        self, bus: QDBusConnection, service: str, path: str, interface: str, name: str, slot: str
    ) -> bool:
        """Connect one D-Bus signal to one of this object's slots; whether the bus took it."""
        # PySide6's stub asks for the slot as bytes, but connect() only takes the
        # str that SLOT() returns (bytes raise ValueError).
        return bus.connect(service, path, interface, name, self, SLOT(slot))  # type: ignore[call-overload]

    @Slot(bool)
    def _on_screensaver(self, active: bool) -> None:
        if active:
            self.lock_requested.emit()

    @Slot(bool)
    def _on_prepare_for_sleep(self, starting: bool) -> None:
        if starting:
            self.lock_requested.emit()

    @Slot()
    def _on_session_lock(self) -> None:
        self.lock_requested.emit()
