"""The journal's objects and Python's garbage collector.

A full collection walks every tracked object; with ten thousand decrypted entries
in memory that takes 60-110 ms, during which every thread (the window's too)
waits. Once a journal is loaded, :func:`settle` moves everything alive into the
collector's permanent generation (``gc.freeze``), which collections skip;
:func:`release` undoes that when the journal locks and collects at once, so that
the decrypted entries are actually freed (frozen objects are never collected).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Keep the objects alive now (a just-loaded journal) out of future collections."""
    gc.freeze()


def release() -> None:
    """Let the collector see every object again, and free what is garbage now."""
    gc.unfreeze()
    gc.collect()


__all__ = ["release", "settle"]
