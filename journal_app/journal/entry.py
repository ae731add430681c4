"""The values the journal deals in: entries and drafts, as plain dataclasses.

They travel between the store, the CLI and the GUI; none holds a session or a key.
Everything in them is sealed into one record when saved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

ENTRY_KIND = "entry"
DRAFT_KIND = "draft"


class Unset(Enum):
    """A keyword left out, where None has a meaning of its own (None: "no prompt")."""

    UNSET = "unset"


UNSET = Unset.UNSET


def now() -> datetime:
    """The current local time, timezone-aware, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


def clean_tags(tags: str | Iterable[object] | None) -> tuple[str, ...]:
    """Tags as people type them, trimmed, with duplicates (ignoring case) removed."""
    if isinstance(tags, str):
        tags = tags.split(",")
    seen: dict[str, str] = {}
    for tag in tags or ():
        text = " ".join(str(tag).split())
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())


def aware(moment: datetime) -> datetime:
    """A naive time is taken as local time, as it would read back from the vault."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def _time(value: object) -> datetime | None:
    if value is None:
        return None
    return aware(datetime.fromisoformat(str(value)))


@dataclass(frozen=True, slots=True)
class Entry:
    """One journal entry. ``created`` is the date the person gives it."""

    id: str
    created: datetime
    updated: datetime
    title: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    prompt_id: str | None = None
    trashed_at: datetime | None = None
    # The prompt as it was shown, kept with the entry so it reads the same after
    # a pack is removed, and its theme, so entries can be filtered by theme.
    prompt_text: str = ""
    prompt_theme: str | None = None
    # "Bring to my next session": marked by the person to talk about with their
    # therapist; exports can take only these. Never set by Tend itself.
    flagged: bool = False

    @property
    def in_trash(self) -> bool:
        return self.trashed_at is not None

    @property
    def display_title(self) -> str:
        """The title, else the first line of text, without Markdown marks."""
        if self.title.strip():
            return self.title.strip()
        for line in self.body.splitlines():
            text = line.strip().lstrip("#>*-+ ").strip()
            if text:
                return text
        return ""

    def to_payload(self) -> bytes:
        data: dict[str, Any] = {
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "title": self.title,
            "body": self.body,
            "tags": list(self.tags),
            "prompt_id": self.prompt_id,
            "trashed_at": self.trashed_at.isoformat() if self.trashed_at else None,
            "prompt_text": self.prompt_text,
            "prompt_theme": self.prompt_theme,
            "flagged": self.flagged,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_payload(cls, record_id: str, payload: bytes) -> Entry:
        """Read a sealed entry. Runs once per entry at unlock, so it stays lean.

        The payload authenticated under the vault's key, so it is one Tend wrote;
        only fields added later may be missing, and they get their defaults.
        """
        data = json.loads(payload.decode("utf-8"))
        get = data.get
        created = _time(data["created"])
        assert created is not None
        updated = get("updated")
        trashed = get("trashed_at")
        return cls(
            record_id,
            created,
            _time(updated) or created if updated else created,
            get("title") or "",
            get("body") or "",
            tuple(get("tags") or ()),
            get("prompt_id"),
            _time(trashed) if trashed else None,
            get("prompt_text") or "",
            get("prompt_theme"),
            get("flagged") is True,
        )

    def to_json(self) -> dict[str, Any]:
        """A plain-JSON view for the CLI's ``--json`` output and exports."""
        data = asdict(self)
        data["created"] = self.created.isoformat()
        data["updated"] = self.updated.isoformat()
        data["trashed_at"] = self.trashed_at.isoformat() if self.trashed_at else None
        data["tags"] = list(self.tags)
        return data


@dataclass(frozen=True, slots=True)
class Draft:
    """Editor text not yet saved as an entry, kept so a crash loses only seconds.

    ``entry_id`` names the entry being edited, or is None for a new one.
    """

    id: str
    entry_id: str | None
    saved_at: datetime
    created: datetime | None = None
    title: str = ""
    body: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    prompt_id: str | None = None

    def to_payload(self) -> bytes:
        data = {
            "entry_id": self.entry_id,
            "saved_at": self.saved_at.isoformat(),
            "created": self.created.isoformat() if self.created else None,
            "title": self.title,
            "body": self.body,
            "tags": list(self.tags),
            "prompt_id": self.prompt_id,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_payload(cls, record_id: str, payload: bytes) -> Draft:
        data = json.loads(payload.decode("utf-8"))
        saved_at = _time(data["saved_at"])
        assert saved_at is not None
        return cls(
            id=record_id,
            entry_id=data.get("entry_id"),
            saved_at=saved_at,
            created=_time(data.get("created")),
            title=str(data.get("title") or ""),
            body=str(data.get("body") or ""),
            tags=tuple(str(tag) for tag in data.get("tags") or ()),
            prompt_id=data.get("prompt_id"),
        )
