"""Locate the data in ``resources/`` and the guide in ``docs/``, installed or not.

An installed Tend carries them as the packages ``journal_app.resources`` and
``journal_app.guide``; a source checkout run without installing has them beside
the package.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def resources_root() -> Traversable:
    try:
        root = resources.files("journal_app.resources")
    except ModuleNotFoundError:
        root = None
    if root is not None and root.joinpath("icons").is_dir():
        return root
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """A file under resources/, e.g. ``resource("icons", "tend.svg")``."""
    node = resources_root()
    for part in parts:  # a namespace package's path joins one part at a time
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


GUIDE_FOR_THERAPISTS = "therapists.md"


def guide_text(name: str = GUIDE_FOR_THERAPISTS) -> str:
    """A guide kept in docs/ (the one for therapists), as Markdown."""
    try:
        installed = resources.files("journal_app.guide").joinpath(name)
        if installed.is_file():
            return installed.read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pass
    return (Path(__file__).resolve().parent.parent / "docs" / name).read_text(encoding="utf-8")
