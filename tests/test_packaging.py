"""The desktop files and bundle recipes under packaging/: one app id, valid, discreet.

The bundles themselves are built and run by packaging/smoke.sh (from .ci/run); these
tests check what can be checked without building: the .desktop file and the AppStream
metainfo (with their own validators, where installed), their words, the recipes' names
and the rules for what the bundle keeps.
"""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from journal_app import APP_ID, APP_NAME, __version__
from journal_app.journal.wording import check_text

PROJECT = Path(__file__).resolve().parents[1]
PACKAGING = PROJECT / "packaging"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
SCREENSHOTS = PROJECT / "docs" / "appstream"

# Discreet (DESIGN.md, promise 4): what menus and software centres show names no condition.
NOT_IN_DESKTOP_TEXT = ("self-harm", "self harm", "self-injur", "suicid", "recovery", "relapse")


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def description_text() -> str:
    description = metainfo().find("description")
    assert description is not None
    return " ".join(" ".join(description.itertext()).split())


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_app_id_is_reverse_dns_and_names_the_files():
    parts = APP_ID.split(".")
    assert len(parts) >= 3 and all(part.isidentifier() for part in parts)
    assert parts[-1] == APP_NAME
    assert DESKTOP.is_file() and METAINFO.is_file()


def test_desktop_entry_names_the_app_id_and_the_command():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "tend"  # install.sh writes the full path for a per-person install
    assert entry["Terminal"] == "false"


def test_metainfo_names_the_app_id_licence_and_version():
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert root.findtext("project_license") == pyproject["project"]["license"]
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    releases = [release.get("version") for release in root.iter("release")]
    assert releases and releases[0] == __version__


def test_metainfo_screenshots_are_files_kept_in_the_repository():
    """AppStream wants web addresses; each ends with the name of a file in docs/appstream."""
    images = [image.text or "" for image in metainfo().iter("image")]
    assert len(images) >= 2
    for address in images:
        assert address.startswith("https://")
        name = address.rsplit("/", 1)[1]
        assert (SCREENSHOTS / name).is_file(), name
        assert (SCREENSHOTS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_what_menus_and_software_centres_show_follows_the_wording_rules():
    entry = desktop_entry()
    root = metainfo()
    texts = [entry["Name"], entry["GenericName"], entry["Comment"], entry["Keywords"]]
    texts += [root.findtext("name") or "", root.findtext("summary") or "", description_text()]
    texts += [caption.text or "" for caption in root.iter("caption")]
    for text in texts:
        assert check_text(text) == [], text
        assert not any(word in text.lower() for word in NOT_IN_DESKTOP_TEXT), text


def test_description_says_what_tend_is_and_is_not():
    text = description_text()
    assert "private journal" in text
    assert "encrypted" in text
    assert "Not a crisis service" in text
    assert "emergency number" in text
    assert "Not a tracker" in text


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_is_valid():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_metainfo_is_valid():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_windows_installer_uses_the_app_id_and_the_windowed_program():
    script = (PACKAGING / "windows" / "tend.iss").read_text(encoding="utf-8")
    assert "AppId={#AppId}" in script
    assert "PrivilegesRequired=lowest" in script
    assert r'Filename: "{app}\tendw.exe"' in script
    spec = (PACKAGING / "tend.spec").read_text(encoding="utf-8")
    assert 'program("tendw", console=False)' in spec
    assert "bundle_identifier=APP_ID" in spec


def test_the_bundle_keeps_the_plugins_tend_uses():
    contents = load("bundle_contents")
    linux, windows, macos = contents.LINUX, contents.WINDOWS, contents.MACOS
    plugins = "PySide6/Qt/plugins"
    for system, display in ((linux, "libqxcb.so"), (linux, "libqwayland.so")):
        assert contents.keep_binary(f"{plugins}/platforms/{display}", "/venv/x", system)
    assert contents.keep_binary(r"PySide6\plugins\platforms\qwindows.dll", "C:/x", windows)
    assert contents.keep_binary(f"{plugins}/platforms/libqcocoa.dylib", "/x", macos)
    for kept in ("imageformats/libqsvg.so", "iconengines/libqsvgicon.so"):
        assert contents.keep_binary(f"{plugins}/{kept}", "/venv/x", linux)
    assert contents.keep_binary(f"{plugins}/printsupport/libcupsprintersupport.so", "/x", linux)


def test_the_bundle_leaves_out_what_tend_does_not_use():
    contents = load("bundle_contents")
    linux, windows = contents.LINUX, contents.WINDOWS
    plugins = "PySide6/Qt/plugins"
    for left_out in (
        "tls/libqopensslbackend.so",
        "networkinformation/libqnetworkmanager.so",
        "platforms/libqvnc.so",
        "platforms/libqeglfs.so",
        "platformthemes/libqgtk3.so",
        "imageformats/libqjpeg.so",
        "egldeviceintegrations/libqeglfs-kms-integration.so",
    ):
        assert not contents.keep_binary(f"{plugins}/{left_out}", "/venv/x", linux), left_out
    assert not contents.keep_binary(r"PySide6\plugins\tls\qschannelbackend.dll", "C:/x", windows)
    assert not contents.keep_data("PySide6/Qt/translations/qtbase_de.qm", linux)
    assert not contents.keep_data(r"PySide6\translations\qtbase_de.qm", windows)
    assert contents.keep_data("journal_app/resources/icons/tend.svg", linux)
    assert "ssl" in contents.EXCLUDED_MODULES


def test_the_linux_bundle_carries_pythons_libraries_and_leaves_the_desktops():
    contents = load("bundle_contents")
    linux = contents.LINUX
    system = "/lib/x86_64-linux-gnu"
    assert contents.keep_binary("libsqlite3.so.0", f"{system}/libsqlite3.so.0", linux)
    assert contents.keep_binary("libffi.so.8", f"{system}/libffi.so.8", linux)
    for desktop_library in ("libfontconfig.so.1", "libX11.so.6", "libstdc++.so.6", "libcups.so.2"):
        assert not contents.keep_binary(desktop_library, f"{system}/{desktop_library}", linux)
    qt = "PySide6/Qt/lib/libQt6Core.so.6"
    assert contents.keep_binary(qt, "/venv/lib/site-packages/" + qt, linux)


@pytest.mark.skipif(importlib.util.find_spec("PIL") is None, reason="the packaging extra")
def test_icons_are_made_from_the_svg_at_every_size(tmp_path):
    """In its own process: icons.py makes a QGuiApplication, which the GUI tests must not see."""
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "icons.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "tend.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (tmp_path / "tend.icns").read_bytes()[:4] == b"icns"


def test_every_package_of_tend_is_installed():
    """pyproject.toml names each package; one left out would be missing after a plain
    install (and from the desktop bundle), though a source checkout still works."""
    listed = set(
        tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    package = PROJECT / "journal_app"
    found = {
        ".".join(init.parent.relative_to(PROJECT).parts) for init in package.rglob("__init__.py")
    }
    assert found - listed == set()
    assert listed - found == {"journal_app.resources", "journal_app.guide"}
