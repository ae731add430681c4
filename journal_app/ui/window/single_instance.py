"""One window per journal: starting Tend again brings the open window forward.

A window listens on a local socket named for its journal file and its user: ``tend-``
and a short hash, so the name says nothing about the journal, its folder or the person.
Starting Tend again for the same journal connects, asks that window to show itself
(unminimised, raised, active; a locked journal stays locked), and ends with exit code 0
and no window of its own. A name left behind by a Tend that crashed answers no one: it is
removed, and the new start opens its window as usual. The command line never looks here:
``tend list`` still says the journal is in use, with its own exit code.

Local only: QLocalServer and QLocalSocket are a Unix domain socket (a named pipe on
Windows), never a network socket, so nothing here can reach or be reached from another
machine. On Unix the socket lives in a folder only this user can open (``XDG_RUNTIME_DIR``,
or a private folder in the temporary folder), so another user of the machine can neither
see the name, nor connect, nor take the name first; on Windows the pipe's access is
limited to this user.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from journal_app.ui.services.journal_service import JournalService

NAME_PREFIX = "tend-"
HASH_CHARS = 16  # 64 bits of SHA-256: no two journals of one person meet by chance
ANSWER_MS = 3000  # how long a second start waits for the open window to answer
READ_MS = 2000  # how long the window waits for a caller to say what it wants
MAX_LINE = 512
SHOW = b"show"
SHOWN = b"shown\n"
# Unix socket paths are limited to 104 bytes on macOS (108 on Linux), the final NUL included.
MAX_SOCKET_PATH = 103
# Wayland only lets an application take the focus with a token from the desktop; the
# second start was given one (its launch), and hands it to the window it raises.
ACTIVATION_TOKEN = "XDG_ACTIVATION_TOKEN"
_TOKEN = re.compile(rb"[\x21-\x7e]{1,255}")


def journal_key(journal: Path) -> bytes:
    """The journal's file as one spelling: absolute, links followed, case folded on Windows."""
    resolved = Path(journal).expanduser().resolve(strict=False)
    return os.fsencode(os.path.normcase(str(resolved)))


def _user() -> bytes:
    if hasattr(os, "getuid"):
        return f"uid {os.getuid()}".encode()
    try:
        return f"user {getpass.getuser()}".encode()
    except (OSError, KeyError):  # no name to be had: the pipe's access control still holds
        return b"user"


def instance_name(journal: Path) -> str:
    """``tend-`` and a hash of the user and the journal's file: it names neither."""
    digest = hashlib.sha256(_user() + b"\0" + journal_key(journal)).hexdigest()
    return NAME_PREFIX + digest[:HASH_CHARS]


def _is_private(folder: Path) -> bool:
    """A real folder (not a link), this user's own, that no one else may open."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def private_folder() -> Path | None:
    """Where this user's sockets go on Unix, or None if no such folder can be had.

    ``XDG_RUNTIME_DIR`` (Linux desktops), else the temporary folder when it is already
    private (macOS gives each user one), else a folder of Tend's own inside it, made
    readable by this user alone and checked to be theirs (a folder someone else made
    first is refused).
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    temporary = Path(tempfile.gettempdir())
    for folder in (Path(runtime) if runtime else None, temporary):
        if folder is not None and _is_private(folder):
            return folder
    own = temporary / f"{NAME_PREFIX}{os.getuid()}"
    try:
        own.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return own if _is_private(own) else None


def server_address(journal: Path) -> str | None:
    """The name the window of ``journal`` listens on, or None where none is safe."""
    name = instance_name(journal)
    if sys.platform == "win32":
        return name  # \\.\pipe\tend-…, open to this user only (UserAccessOption)
    folder = private_folder()
    if folder is None:
        return None
    path = str(folder / name)
    return path if len(os.fsencode(path)) <= MAX_SOCKET_PATH else None


# ------------------------------------------------------------------ the caller


def _allow_the_window_to_come_forward() -> None:
    """Windows gives the foreground only to the program the person just started; this
    start passes that right on to the window it asks to show itself."""
    if sys.platform == "win32":
        import ctypes

        asfw_any = 0xFFFFFFFF
        ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)


class _Call(QObject):
    """One conversation with the window that may be listening at ``address``.

    It waits in a local event loop rather than blocking, so that the window may
    even be in this same process (as in the tests) and still answer.
    """

    def __init__(self, address: str, message: bytes | None) -> None:
        super().__init__()
        self.message = message
        self.connected = False
        self.answer = b""
        self._loop = QEventLoop()
        self._socket = QLocalSocket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.readyRead.connect(self._on_ready_read)
        self._socket.disconnected.connect(self._loop.quit)
        self._socket.errorOccurred.connect(self._loop.quit)
        self._address = address

    def run(self, timeout_ms: int) -> None:
        self._socket.connectToServer(self._address)
        if self._done():
            return
        QTimer.singleShot(timeout_ms, self._loop.quit)
        self._loop.exec()
        self._socket.abort()

    def _done(self) -> bool:
        unconnected = self._socket.state() == QLocalSocket.LocalSocketState.UnconnectedState
        return unconnected or (self.connected and self.message is None)

    @Slot()
    def _on_connected(self) -> None:
        self.connected = True
        if self.message is None:
            self._loop.quit()
            return
        self._socket.write(self.message)
        self._socket.flush()

    @Slot()
    def _on_ready_read(self) -> None:
        self.answer += bytes(self._socket.readAll().data())
        if b"\n" in self.answer or len(self.answer) > MAX_LINE:
            self._loop.quit()


def answers(address: str, timeout_ms: int = ANSWER_MS) -> bool:
    """Whether a window is listening at ``address`` (not a name left by a crash)."""
    call = _Call(address, None)
    call.run(timeout_ms)
    return call.connected


def ask_to_show(journal: Path, timeout_ms: int = ANSWER_MS) -> bool:
    """Ask the window that has ``journal`` open to come forward; True once it has.

    False when no window has it open (or the name was left by a crash), or when
    the window did not answer in time: the caller then starts as usual.
    """
    address = server_address(journal)
    if address is None:
        return False
    token = os.environ.get(ACTIVATION_TOKEN, "").encode("ascii", "ignore")
    message = SHOW + (b" " + token if _TOKEN.fullmatch(token) else b"") + b"\n"
    _allow_the_window_to_come_forward()
    call = _Call(address, message)
    call.run(timeout_ms)
    if call.answer != SHOWN:
        return False  # the token stays: this start's own window will need it
    os.environ.pop(ACTIVATION_TOKEN, None)
    return True


# ------------------------------------------------------------------ the window


def present(window: QWidget) -> None:
    """Bring ``window`` forward as it is: unminimised, raised and active.

    A locked journal stays locked (its unlock page is what shows); a dialog the
    window is waiting on comes forward with it.
    """
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(
            (state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window and modal.isVisible():
        modal.raise_()
        modal.activateWindow()


class InstanceServer(QObject):
    """Listens for later starts of Tend on the window's journal, and shows the window."""

    shown = Signal()  # a later start asked, and the window came forward

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.journal: Path | None = None
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    @property
    def address(self) -> str:
        """Where it listens (a socket's path, or a pipe's name), or "" when it does not."""
        return self._server.fullServerName() if self.listening else ""

    @Slot(object)
    def listen(self, journal: Path) -> bool:
        """Answer for ``journal`` from now on, and no longer for the journal before it.

        If another window already answers for it, that one keeps the name (this window
        then shows that the journal is open somewhere else, as before). A name left
        behind by a Tend that crashed is removed first.
        """
        self.close()
        self.journal = Path(journal)
        address = server_address(self.journal)
        if address is None or answers(address):
            return False
        QLocalServer.removeServer(address)
        return self._server.listen(address)

    def close(self) -> None:
        """Stop answering (the socket's file goes with it)."""
        self._server.close()

    @Slot()
    def _on_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            _Caller(socket, self)

    def answer(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_LINE:
                socket.abort()
            return
        words = bytes(socket.readLine(MAX_LINE).data()).strip().split(b" ", 1)
        if words[0] != SHOW or not self.window.isVisible():  # closing: let it start anew
            socket.abort()
            return
        token = words[1] if len(words) > 1 else b""
        if _TOKEN.fullmatch(token) and QGuiApplication.platformName() == "wayland":
            os.environ[ACTIVATION_TOKEN] = token.decode("ascii")  # Qt takes it, once
        present(self.window)
        self.shown.emit()
        socket.write(SHOWN)
        socket.flush()
        socket.disconnectFromServer()


class _Caller(QObject):
    """One later start on the line: its socket's signals reach Python slots here.

    (A lambda connected to a socket Qt made itself is refused by PySide6 6.6:
    "can't add dynamic slots on an object originated from C++".) A caller that
    says nothing within READ_MS is let go.
    """

    def __init__(self, socket: QLocalSocket, server: InstanceServer) -> None:
        super().__init__(socket)  # goes with the socket
        self.socket = socket
        self.server = server
        socket.readyRead.connect(self.read)
        socket.disconnected.connect(self.let_go)
        quiet = QTimer(self)
        quiet.setSingleShot(True)
        quiet.timeout.connect(self.hang_up)
        quiet.start(READ_MS)

    @Slot()
    def read(self) -> None:
        self.server.answer(self.socket)

    @Slot()
    def hang_up(self) -> None:
        self.socket.abort()

    @Slot()
    def let_go(self) -> None:
        self.socket.deleteLater()


def serve(window: QWidget, service: JournalService) -> InstanceServer:
    """Let later starts on the window's journal bring ``window`` forward, following the
    window when it switches to another journal file."""
    server = InstanceServer(window)
    service.vault_path_changed.connect(server.listen)
    server.listen(service.vault_path)
    return server
