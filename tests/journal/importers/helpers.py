"""Shared by the importers' tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
JRNL_EXPORT = DATA / "jrnl_export.json"


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in a folder with a hash of its bytes: equal means nothing was written."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }
