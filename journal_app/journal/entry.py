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
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

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


# In a payload as ``Entry.to_payload`` writes it, the body's JSON string lies
# between these two (see entry_batch.py).
BODY_MARK = b',"body":'
TAGS_MARK = b',"tags":['


def _body_text(payload: bytes) -> str:
    """The body of a payload in ``to_payload``'s shape, decoded from its JSON string.

    The JSON decoder's own C string reader, without ``json.loads``'s Python
    steps around it, which cost as much as the reading at this size.
    """
    start = payload.index(BODY_MARK) + len(BODY_MARK)
    literal = payload[start : payload.rindex(TAGS_MARK)].decode("utf-8")
    text, end = scanstring(literal, 1)
    if literal[0] != '"' or end != len(literal) or type(text) is not str:
        raise ValueError("the body is not one JSON string")
    return text


class _SealedBody:
    """Room for the payload an entry was read from, so its body can wait.

    Unlocking reads every entry, but the list shows only dates, titles and tags;
    decoding every body up front was most of the unlock time at 100,000 entries
    and kept each text twice (the payload and the ``str``). An entry read at
    unlock (``entry_batch.read_entries``) leaves its ``body`` slot empty and
    keeps the payload here; reading ``body`` decodes it from the payload each
    time, and nothing is cached, so the entry costs its UTF-8 payload and no
    more. Every other way of making an entry fills the slot, and this room stays
    empty. Python asks ``__getattr__`` only when a slot is empty, so filled
    entries pay nothing.
    """

    __slots__ = ("_payload",)

    if not TYPE_CHECKING:  # so that type checkers still refuse unknown attributes

        def __getattr__(self, name: str) -> Any:
            if name == "body":
                return _body_text(_payload_of(self))
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


_payload_of = _SealedBody._payload.__get__  # type: ignore[attr-defined]
_keep_payload = _SealedBody._payload.__set__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Entry(_SealedBody):
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


# Setting a slot through its descriptor, as dataclass's own __init__ does for a
# frozen class: how entries read many at a time are filled (see entry_batch.py).
SLOT_SETTERS = {
    name: getattr(Entry, name).__set__ for name in Entry.__slots__ if name != "body"
} | {"_payload": _keep_payload}


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
