"""The data under resources/ is found at run time and ships with the package."""

from __future__ import annotations

import fnmatch
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from journal_app import assets

PROJECT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}svg"


def test_app_icon_is_a_file_and_parses_as_svg():
    icon = assets.resource("icons", "tend.svg")
    assert icon.is_file()
    root = ET.fromstring(icon.read_bytes())
    assert root.tag == SVG


def test_resources_are_read_as_utf8_text():
    text = assets.read_text("icons", "tend.svg")
    assert "<svg" in text


def test_resources_root_holds_the_icons_folder():
    assert assets.resources_root().joinpath("icons").is_dir()


def test_every_file_in_resources_is_packaged_by_pyproject():
    """A resource whose type package-data does not name would be missing after install."""
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["journal_app.resources"]
    files = [p.relative_to(PROJECT / "resources") for p in (PROJECT / "resources").rglob("*")]
    data = [path.as_posix() for path in files if (PROJECT / "resources" / path).is_file()]
    assert data
    left_out = [
        name
        for name in data
        if not any(
            fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(name, pattern.removeprefix("**/"))
            for pattern in patterns
        )
    ]
    assert left_out == []
