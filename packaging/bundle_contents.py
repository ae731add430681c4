"""What Tend's bundle holds: the rules tend.spec applies to what PyInstaller collected.

PyInstaller collects every Qt plugin of the modules Tend imports, every Qt translation
and, on Linux, the system libraries those plugins link to. Tend needs a few of them:

- **Qt plugins**: a display (X11 and Wayland on Linux, Windows, macOS; ``offscreen``
  for running without one), typing (compose key, IBus), SVG for the icons, printing,
  the desktop portal's file dialogs, and on Wayland the window decorations and the
  standard ``xdg-shell``. Not kept: embedded-device displays (eglfs, linuxfb, vnc),
  network plugins (TLS, network information: Tend makes no network call), image formats
  other than SVG (PNG is built into Qt), the GTK theme (Tend draws its own look on Qt's
  Fusion style, and the plugin would make the package depend on GTK), OpenGL glue
  (Tend's widgets paint without it), touch and tablet input for embedded devices.
  QtNetwork itself stays: its local sockets (not network ones) let a second start of
  Tend find the window that has the journal open.
- **Qt translations**: none. Tend loads no Qt translation today; when Tend's own
  translations come, keep ``qtbase_<language>`` for each language Tend ships.
- **Python modules**: not tkinter; not ssl (Tend opens no TLS connection, and the
  bundle then carries no TLS library for Python).
- **System libraries (Linux)**: the bundle carries what Python's own modules link to
  (SQLite, zlib, bzip2, xz, libffi, OpenSSL's libcrypto for hashlib, libuuid, expat)
  so that its behaviour does not change with the distribution, and leaves the
  desktop's libraries to the system: the C++ runtime, OpenGL/EGL, X11 and xcb, Wayland,
  xkbcommon, fontconfig and FreeType, GLib, D-Bus, CUPS. Those must match the
  machine's drivers, settings and services; the .deb declares them (see
  ``linux_packages.py``) and every desktop Linux has them.

Nothing here imports PyInstaller: the rules are plain functions, tested without a build.
"""

from __future__ import annotations

import sys
from pathlib import PurePosixPath, PureWindowsPath

LINUX, WINDOWS, MACOS = "linux", "windows", "macos"

EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "ssl",
    "_ssl",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
]

# Per plugin folder, the plugins kept (file name without "lib" and extension); a
# folder not named here is left out whole. "*" keeps the whole folder.
QT_PLUGINS: dict[str, dict[str, set[str]]] = {
    LINUX: {
        "platforms": {"qxcb", "qwayland", "qoffscreen"},
        "platforminputcontexts": {
            "composeplatforminputcontextplugin",
            "ibusplatforminputcontextplugin",
        },
        "platformthemes": {"qxdgdesktopportal"},
        "wayland-decoration-client": {"*"},
        "wayland-shell-integration": {"xdg-shell"},
        "wayland-graphics-integration-client": {"qt-plugin-wayland-egl"},
    },
    WINDOWS: {"platforms": {"qwindows", "qoffscreen"}},
    MACOS: {"platforms": {"qcocoa", "qoffscreen"}},
}
QT_PLUGINS_EVERYWHERE = {
    "imageformats": {"qsvg"},
    "iconengines": {"qsvgicon"},
    "printsupport": {"*"},
}

# Qt libraries that only the left-out plugins and modules use.
QT_LIBRARIES_UNUSED = (
    "EglFSDeviceIntegration",
    "EglFsKmsSupport",
    "WlShellIntegration",
    "Pdf",
)

# Linux: system libraries the bundle carries (the start of the file name).
PYTHON_MODULE_LIBRARIES = (
    "libpython3",
    "libsqlite3.",
    "libz.",
    "libbz2.",
    "liblzma.",
    "libffi.",
    "libcrypto.",
    "libuuid.",
    "libexpat.",
    "libmpdec.",
)
SYSTEM_LIBRARY_FOLDERS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def current_system() -> str:
    if sys.platform.startswith("win"):
        return WINDOWS
    if sys.platform == "darwin":
        return MACOS
    return LINUX


def _parts(dest: str) -> tuple[str, ...]:
    return PureWindowsPath(dest).parts if "\\" in dest else PurePosixPath(dest).parts


def _plugin_name(file_name: str) -> str:
    stem = file_name.split(".")[0]
    return stem.removeprefix("lib")


def _keep_plugin(parts: tuple[str, ...], system: str) -> bool | None:
    """Whether a file under Qt's ``plugins`` folder stays; None if it is not one."""
    if "plugins" not in parts:
        return None
    index = parts.index("plugins")
    if parts[0] != "PySide6" or len(parts) < index + 3:
        return None
    folder, name = parts[index + 1], _plugin_name(parts[-1])
    kept = QT_PLUGINS.get(system, {}).get(folder) or QT_PLUGINS_EVERYWHERE.get(folder)
    return bool(kept) and ("*" in kept or name in kept)


def _unused_qt_library(parts: tuple[str, ...]) -> bool:
    for library in QT_LIBRARIES_UNUSED:
        for part in parts:
            if part.startswith((f"libQt6{library}.", f"Qt6{library}.", f"Qt{library}.framework")):
                return True
    return False


def _system_library(source: str) -> bool:
    return source.startswith(SYSTEM_LIBRARY_FOLDERS)


def keep_binary(dest: str, source: str, system: str) -> bool:
    """Whether a binary PyInstaller collected (``dest`` inside the bundle) stays."""
    parts = _parts(dest)
    plugin = _keep_plugin(parts, system)
    if plugin is not None:
        return plugin
    if _unused_qt_library(parts):
        return False
    if system == LINUX and _system_library(source):
        return parts[-1].startswith(PYTHON_MODULE_LIBRARIES)
    return True


def keep_data(dest: str, system: str) -> bool:
    """Whether a data file PyInstaller collected stays: no Qt translations, and no
    data of a left-out plugin or library (macOS frameworks carry some)."""
    parts = _parts(dest)
    if parts[0] == "PySide6" and "translations" in parts:
        return False
    plugin = _keep_plugin(parts, system)
    if plugin is not None:
        return plugin
    return not _unused_qt_library(parts)
