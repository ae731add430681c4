"""Locate the data in ``resources/``, installed or in a source checkout.

An installed Tend carries it as the package ``journal_app.resources``; a source
checkout run without installing has it beside the package.
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
