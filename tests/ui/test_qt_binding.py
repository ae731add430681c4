"""The Qt binding Tend runs on must not corrupt the interpreter.

PySide6 6.12.0 returned None from void methods without adding a reference; on
CPython 3.11 a few hundred typed characters then aborted the process. The
requirement in pyproject.toml keeps that release out; this test keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_leave_the_reference_count_of_none_alone() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(5000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 50
