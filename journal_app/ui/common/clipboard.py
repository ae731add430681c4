"""Copy a secret so that clipboard managers leave it alone, and clear it soon after.

The data carries the hints clipboard managers look for: KDE's (and others')
``x-kde-passwordManagerHint: secret``, and on Windows the formats that keep it
out of clipboard history and cloud sync. After a while the clipboard is cleared,
but only if it still holds what Tend put there; only a hash is kept to check.
"""

from __future__ import annotations

import hashlib
import sys

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

KDE_SECRET_HINT = "x-kde-passwordManagerHint"
_WINDOWS_FORMATS = {
    # Documented by Microsoft for clipboard history and cloud clipboard.
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\0",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\0\0\0\0",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\0\0\0\0",
}

DEFAULT_CLEAR_MS = 60_000
# A person's number copied from Support leaves the clipboard after this long (if it
# is still there), and at once when Tend locks.
PERSONAL_CLIPBOARD_MS = 120_000


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def secret_mime_data(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    mime.setData(KDE_SECRET_HINT, QByteArray(b"secret"))
    if sys.platform == "win32":
        for name, value in _WINDOWS_FORMATS.items():
            mime.setData(name, QByteArray(value))
    return mime


class SecretClipboard(QObject):
    """Puts a secret on the clipboard and takes it off again after ``clear_ms``."""

    def __init__(self, parent: QObject | None = None, clear_ms: int = DEFAULT_CLEAR_MS) -> None:
        super().__init__(parent)
        self.clear_ms = clear_ms
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)

    def copy(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setMimeData(secret_mime_data(text), QClipboard.Mode.Clipboard)
        self._digest = _digest(text)
        self._timer.start(self.clear_ms)

    def holds_secret(self) -> bool:
        if self._digest is None:
            return False
        current = QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard)
        return bool(current) and _digest(current) == self._digest

    @Slot()
    def clear_if_ours(self) -> None:
        """Clear the clipboard if it still holds the secret; leave anything newer alone."""
        self._timer.stop()
        if self.holds_secret():
            QGuiApplication.clipboard().clear(QClipboard.Mode.Clipboard)
        self._digest = None
