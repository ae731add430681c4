"""Entries, drafts and search over the vault. Plain Python: never imports Qt.

Here too is the rule that keeps typed words safe: ``edit_session.py`` decides when
the editor saves an entry and seals a draft, so it is tested without a window.

``Journal`` and ``LoadReport`` live in the service, which needs the vault's store
(and so SQLAlchemy); they are loaded on first use (PEP 562) so that importing
this package, or a light module in it, stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journal_app.journal.entry import Draft, Entry

if TYPE_CHECKING:
    from journal_app.journal.service import Journal, LoadReport

__all__ = ["Draft", "Entry", "Journal", "LoadReport"]

_FROM_SERVICE = frozenset({"Journal", "LoadReport"})


def __getattr__(name: str) -> Any:
    if name in _FROM_SERVICE:
        from journal_app.journal import service

        value = getattr(service, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _FROM_SERVICE)
