"""One window per journal: a second start brings the open window forward and ends.

The window and the second start meet on a local socket (QLocalServer/QLocalSocket):
tested in this process, with a real second process (``python -m journal_app``), after
a crash left the name behind, and across a switch to another journal. The command line
is untouched: it still says the journal is in use, with exit code 5.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from journal_app.ui.window import app as app_module
from journal_app.ui.window import single_instance
from journal_app.ui.window.main_window import MainWindow
from journal_app.ui.window.single_instance import InstanceServer
from journal_app.vault import VaultInUse
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, unlock_through_ui

ROOT = Path(__file__).resolve().parents[3]
SECOND_START_S = 15  # Python and Qt starting, then one question: seconds, not the timeout
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture
def serve(qtbot: Any) -> Iterator[Callable[[MainWindow], InstanceServer]]:
    """Make a window answer later starts, as ``tend`` does; stop it answering after."""
    servers: list[InstanceServer] = []

    def start(window: MainWindow) -> InstanceServer:
        server = single_instance.serve(window, window.service)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def _tend_window(*args: str) -> subprocess.Popen[str]:
    """``python -m journal_app ARGS`` in a process of its own, without a display."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "journal_app", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _put_behind(qtbot: Any, window: MainWindow) -> QWidget:
    """Another window takes the focus, and Tend's is minimised."""
    other = QWidget()
    other.setWindowTitle("Another program")
    qtbot.addWidget(other)
    with qtbot.waitActive(other):
        other.show()
        other.activateWindow()
    window.showMinimized()
    qtbot.waitUntil(lambda: window.isMinimized() and not window.isActiveWindow())
    return other


def _shown_windows() -> list[MainWindow]:
    """Tend's windows on screen (earlier tests' closed ones may linger, hidden)."""
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def _forward(window: MainWindow) -> bool:
    return window.isVisible() and not window.isMinimized() and QApplication.activeWindow() is window


# ------------------------------------------------------------------ the name


def test_the_name_is_discreet_and_per_journal(tmp_path):
    journal = tmp_path / "self care" / "journal.tend"
    name = single_instance.instance_name(journal)
    assert name.startswith("tend-") and len(name) == len("tend-") + 16
    assert all(part not in name for part in ("self", "care", "journal", tmp_path.name))
    spelled_otherwise = tmp_path / "self care" / "sub" / ".." / "journal.tend"
    assert single_instance.instance_name(spelled_otherwise) == name
    assert single_instance.instance_name(tmp_path / "other.tend") != name


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe has no folder")
def test_the_name_is_per_user_and_lives_where_only_this_user_can_look(tmp_path, monkeypatch):
    journal = tmp_path / "journal.tend"
    address = single_instance.server_address(journal)
    assert address is not None
    folder = Path(address).parent
    assert folder.stat().st_uid == os.getuid()
    assert folder.stat().st_mode & 0o077 == 0
    name = single_instance.instance_name(journal)
    monkeypatch.setattr(os, "getuid", lambda: 4242)
    assert single_instance.instance_name(journal) != name


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe has no folder")
def test_a_folder_someone_could_look_into_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared-tmp"
    shared.mkdir(mode=0o777)
    shared.chmod(0o1777)  # as /tmp is
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(single_instance.tempfile, "gettempdir", lambda: str(shared))
    own = single_instance.private_folder()
    assert own == shared / f"tend-{os.getuid()}"
    assert own.stat().st_mode & 0o777 == 0o700
    own.chmod(0o755)  # made, or opened up, by someone else: refused, never loosened
    assert single_instance.private_folder() is None
    assert single_instance.server_address(tmp_path / "journal.tend") is None
    assert not single_instance.ask_to_show(tmp_path / "journal.tend")


# ------------------------------------------------------------------ in this process


def test_a_second_start_brings_the_open_window_forward_and_opens_none(
    qtbot, journal_path, existing_journal, monkeypatch, kdf
):
    """Two starts through run(), as ``tend`` does: the second ends at once with 0."""
    seen: dict[str, Any] = {}
    monkeypatch.setattr(app_module.signal, "signal", lambda *_args: None)

    def first_exec() -> int:
        (window,) = _shown_windows()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.opening_vault, timeout=WAIT_MS)
        _put_behind(qtbot, window)
        monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: pytest.fail("2nd window")))
        seen["second"] = app_module.run(["tend"], vault_path=journal_path, kdf=kdf)
        qtbot.waitUntil(lambda: _forward(window), timeout=WAIT_MS)
        seen["windows"] = len(_shown_windows())
        seen["page"] = window.current_page() is window.unlock_page
        seen["error"] = window.unlock_page.vault_error.isVisible()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(first_exec))
    assert app_module.run(["tend"], vault_path=journal_path, kdf=kdf) == 0
    assert seen == {"second": 0, "windows": 1, "page": True, "error": False}
    address = single_instance.server_address(journal_path)
    assert address is not None and not single_instance.answers(address, 500)  # gone with it


def test_a_locked_window_comes_forward_still_locked(qtbot, make_window, existing_journal, serve):
    window = make_window(existing_journal.path)
    server = serve(window)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.lock()
    _put_behind(qtbot, window)
    with qtbot.waitSignal(server.shown, timeout=WAIT_MS):
        assert single_instance.ask_to_show(existing_journal.path)
    qtbot.waitUntil(lambda: _forward(window), timeout=WAIT_MS)
    assert window.current_page() is window.unlock_page
    assert not window.service.is_unlocked
    assert window.unlock_page.field.text() == ""


def test_a_dialog_the_window_waits_on_comes_forward_with_it(
    qtbot, make_window, existing_journal, serve
):
    window = make_window(existing_journal.path)
    serve(window)
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    other = QWidget()
    qtbot.addWidget(other)
    with qtbot.waitActive(other):
        other.show()
        other.activateWindow()
    assert single_instance.ask_to_show(existing_journal.path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)


def test_the_window_follows_its_journal_to_another_file(
    qtbot, make_window, existing_journal, serve, tmp_path, file_dialogs
):
    """Settings > Open another journal file: later starts on the new one find it."""
    window = make_window(existing_journal.path)
    server = serve(window)
    assert server.address == single_instance.server_address(existing_journal.path)
    other = tmp_path / "second" / "journal.tend"
    other.parent.mkdir()
    file_dialogs.answers.append(str(other))
    window.open_settings()
    assert window.settings_dialog is not None
    window.settings_dialog.journal_file.open_button.click()
    assert window.service.vault_path == other
    assert server.address == single_instance.server_address(other)
    assert not single_instance.ask_to_show(existing_journal.path)  # that one may start anew
    with qtbot.waitSignal(server.shown, timeout=WAIT_MS):
        assert single_instance.ask_to_show(other)


def test_a_journal_another_window_answers_for_is_left_to_it(
    qtbot, make_window, existing_journal, serve, tmp_path
):
    first = make_window(existing_journal.path)
    first_server = serve(first)
    second = make_window(tmp_path / "another.tend")
    second_server = serve(second)
    second.switch_vault(existing_journal.path)  # open in the first: it keeps the name
    assert not second_server.listening
    assert first_server.listening
    with qtbot.waitSignal(first_server.shown, timeout=WAIT_MS):
        assert single_instance.ask_to_show(existing_journal.path)


def test_a_caller_that_says_something_else_is_shown_nothing(
    qtbot, make_window, existing_journal, serve
):
    window = make_window(existing_journal.path)
    server = serve(window)
    call = single_instance._Call(server.address, b"list\n")
    shown: list[bool] = []
    server.shown.connect(lambda: shown.append(True))
    call.run(2000)
    assert call.connected and call.answer == b"" and shown == []


# ------------------------------------------------------------------ other processes


def test_a_second_process_ends_at_once_and_the_window_comes_forward(
    qtbot, make_window, existing_journal, serve
):
    window = make_window(existing_journal.path)
    server = serve(window)
    _put_behind(qtbot, window)
    started = time.monotonic()
    second = _tend_window("--vault", str(existing_journal.path))
    try:
        with qtbot.waitSignal(server.shown, timeout=SECOND_START_S * 1000):
            pass
        # A window of its own would keep it running until closed; it ends by itself.
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=SECOND_START_S * 1000)
    finally:
        if second.poll() is None:
            second.kill()
        out, err = second.communicate(timeout=30)
    assert (second.returncode, out, err) == (0, "", "")
    assert time.monotonic() - started < SECOND_START_S
    qtbot.waitUntil(lambda: _forward(window), timeout=WAIT_MS)
    assert window.current_page() is window.unlock_page


def test_the_command_line_still_says_the_journal_is_in_use(
    qtbot, make_window, existing_journal, serve, tend, monkeypatch
):
    window = make_window(existing_journal.path)
    server = serve(window)
    monkeypatch.setenv("TEND_PASSPHRASE", PASSPHRASE)
    shown: list[bool] = []
    server.shown.connect(lambda: shown.append(True))
    result = tend("list", "--vault", str(existing_journal.path))
    assert result.code == 5
    assert result.err == f"Tend: {VaultInUse.message}\n"
    assert shown == []


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes go with their process")
def test_a_name_left_by_a_crash_is_removed_and_tend_starts(
    qtbot, journal_path, existing_journal, monkeypatch, kdf
):
    crashed = _tend_window("--vault", str(journal_path))
    address = single_instance.server_address(journal_path)
    assert address is not None
    try:
        qtbot.waitUntil(lambda: single_instance.answers(address, 200), timeout=30_000)
    finally:
        crashed.send_signal(signal.SIGKILL)  # no chance to tidy up
        crashed.communicate(timeout=30)
    assert Path(address).exists()  # left behind
    assert not single_instance.answers(address, 500)

    seen: dict[str, Any] = {}
    monkeypatch.setattr(app_module.signal, "signal", lambda *_args: None)

    def fake_exec() -> int:
        (window,) = _shown_windows()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.opening_vault, timeout=WAIT_MS)
        seen["error"] = window.unlock_page.vault_error.isVisible()  # not "open somewhere else"
        seen["answers"] = single_instance.ask_to_show(journal_path)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run(["tend"], vault_path=journal_path, kdf=kdf) == 0
    assert seen == {"error": False, "answers": True}
    assert not Path(address).exists()  # tidied when the window closed


# ------------------------------------------------------------------ no network


def _socket_inodes() -> set[int]:
    found = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(int(target[len("socket:[") : -1]))
    return found


def _table_inodes(name: str) -> dict[int, str]:
    """Inode -> the rest of the line, from one of /proc/self/net's socket tables."""
    path = Path("/proc/self/net") / name
    if not path.exists():
        return {}
    lines = path.read_text().splitlines()[1:]
    column = 6 if name == "unix" else 9
    return {int(line.split()[column]): line for line in lines if len(line.split()) > column}


@linux_only
def test_only_local_sockets_are_made(qtbot, make_window, existing_journal, serve):
    """Promise 1: no network at all. What answering and asking open is a Unix socket."""
    before = _socket_inodes()
    window = make_window(existing_journal.path)
    server = serve(window)
    held: list[tuple[set[int], dict[int, str], dict[int, str]]] = []

    def look() -> None:  # while both ends of the conversation are open
        network: dict[int, str] = {}
        for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6"):
            network |= _table_inodes(table)
        held.append((_socket_inodes(), network, _table_inodes("unix")))

    server.shown.connect(look)
    assert single_instance.ask_to_show(existing_journal.path)
    sockets, network, unix = held[0]
    made = sockets - before
    assert len(made) >= 3  # the listening socket, the caller's end, the window's end
    assert not made & set(network), [network[inode] for inode in made & set(network)]
    assert made <= set(unix)
    # Listening: flag __SO_ACCEPTCON; bound to a path in the private folder (Qt binds
    # inside a temporary folder there, then renames the socket to its name).
    lines = [unix[inode].split() for inode in made]
    listening = [line for line in lines if line[3] == "00010000"]
    assert len(listening) == 1
    folder = Path(server.address).parent
    assert all(Path(line[7]).is_relative_to(folder) for line in lines if len(line) > 7)
    assert "@" not in server.address  # a path in a private folder, not Linux's open namespace
