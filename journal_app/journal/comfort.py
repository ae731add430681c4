"""The comfort box: the person's own things for hard moments, sealed in the vault.

Words to themselves, messages from people who care, names or links of songs, and
the line they chose for "let it pass". All of it is one record of kind ``comfort``
(one record, so not even the number of things shows in the file), sealed like an
entry. There are no dates, counts or times of use in it: Tend never records when
or how often the comfort toolkit is opened.

Photos come later, as an item that names a sealed image by its id (``photo`` with
``image_id``); an item of a kind this Tend does not know is kept as written and
saved back unchanged, so a newer Tend's photos are never dropped by an older one.

Plain Python: never imports Qt. Modelled on :class:`PersonalStore`: loaded from the
unlock's ``read_all`` result, saved durably, forgotten on lock.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

from journal_app.vault import ReadResult, Vault
from journal_app.vault.store import new_record_id

COMFORT_KIND = "comfort"
FORMAT = 1

ItemKind = Literal["words", "message", "song"]
KINDS: tuple[ItemKind, ...] = ("words", "message", "song")
MAX_TEXT_CHARS = 20_000
MAX_SHORT_CHARS = 2_000


def _clip(value: object, limit: int) -> str:
    return str(value)[:limit] if value is not None else ""


@dataclass(frozen=True, slots=True)
class ComfortItem:
    """One thing in the box.

    ``text`` is the words, the message or the song's name; ``source`` who sent a
    message; ``link`` a song's address, opened only when the person clicks it.
    ``extra`` keeps fields a newer Tend wrote (a photo's ``image_id``, say).
    """

    id: str
    kind: str
    text: str = ""
    source: str = ""
    link: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def new(cls, kind: ItemKind, text: str, *, source: str = "", link: str = "") -> ComfortItem:
        return cls(secrets.token_hex(8), kind, text, source, link)

    @property
    def is_known(self) -> bool:
        """False for a kind written by a newer Tend: shown as it is, never edited."""
        return self.kind in KINDS

    @property
    def is_blank(self) -> bool:
        return self.is_known and not (self.text.strip() or self.link.strip())

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = dict(self.extra)
        data.update(id=self.id, kind=self.kind, text=self.text)
        if self.source:
            data["source"] = self.source
        if self.link:
            data["link"] = self.link
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ComfortItem:
        item_id, kind = data["id"], data["kind"]
        if not isinstance(item_id, str) or not item_id or not isinstance(kind, str) or not kind:
            raise ValueError("a comfort item needs an id and a kind")
        own = {"id", "kind", "text", "source", "link"}
        return cls(
            id=item_id,
            kind=kind,
            text=_clip(data.get("text", ""), MAX_TEXT_CHARS),
            source=_clip(data.get("source", ""), MAX_SHORT_CHARS),
            link=_clip(data.get("link", ""), MAX_SHORT_CHARS),
            extra=MappingProxyType({k: v for k, v in data.items() if k not in own}),
        )


@dataclass(frozen=True, slots=True)
class ComfortBox:
    """Everything in the box, in the order the person added it, and their line."""

    items: tuple[ComfortItem, ...] = ()
    pass_line: str = ""  # the line shown while "let it pass" runs

    @property
    def is_empty(self) -> bool:
        return not self.items and not self.pass_line.strip()

    def with_item(self, item: ComfortItem) -> ComfortBox:
        """Add ``item``, or update it in place if the box has one with its id."""
        if any(i.id == item.id for i in self.items):
            return replace(self, items=tuple(item if i.id == item.id else i for i in self.items))
        return replace(self, items=(*self.items, item))

    def without(self, item_id: str) -> ComfortBox:
        return replace(self, items=tuple(i for i in self.items if i.id != item_id))

    def with_pass_line(self, line: str) -> ComfortBox:
        return replace(self, pass_line=line.strip()[:MAX_SHORT_CHARS])

    def to_payload(self) -> bytes:
        data = {
            "format": FORMAT,
            "items": [item.to_dict() for item in self.items],
            "pass_line": self.pass_line,
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_payload(cls, payload: bytes) -> ComfortBox:
        data = json.loads(payload)
        rows = data["items"]
        if not isinstance(rows, list):
            raise ValueError("comfort items must be a list")
        items = tuple(ComfortItem.from_dict(row) for row in rows)
        return cls(items, _clip(data.get("pass_line", ""), MAX_SHORT_CHARS))


def merge_boxes(boxes: Iterable[ComfortBox]) -> ComfortBox:
    """Two records (a copy of an old vault, a merge): every item of each, once; the
    first line chosen for "let it pass" that is not empty."""
    merged = ComfortBox()
    for box in boxes:
        for item in box.items:
            if not any(i.id == item.id for i in merged.items):
                merged = merged.with_item(item)
        if not merged.pass_line and box.pass_line:
            merged = replace(merged, pass_line=box.pass_line)
    return merged


class ComfortStore:
    """The comfort box, sealed in the vault; loaded on unlock, forgotten on lock."""

    def __init__(self, vault: Vault, *, load: bool = True) -> None:
        self.vault = vault
        self._box = ComfortBox()
        self._records: list[str] = []  # the first is written; others merged in
        self.damaged: list[str] = []
        if load:
            self.load()

    def load(self, everything: ReadResult | None = None) -> None:
        """Read the box (from ``everything`` if the caller already read it all).

        A record that will not open is listed as damaged, never overwritten.
        """
        result = self.vault.read_kind(COMFORT_KIND, everything)
        damaged = list(result.damaged)
        boxes: list[ComfortBox] = []
        records: list[str] = []
        for record in result.records:
            try:
                boxes.append(ComfortBox.from_payload(record.payload))
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged.append(record.id)
                continue
            records.append(record.id)
        self._box = merge_boxes(boxes)
        self._records = records
        self.damaged = damaged

    def clear(self) -> None:
        """Forget the box on lock; it comes back with the next unlock."""
        self._box = ComfortBox()
        self._records = []
        self.damaged = []

    def box(self) -> ComfortBox:
        return self._box

    def save(self, box: ComfortBox) -> ComfortBox:
        """Keep the whole box, sealed before this returns; an unchanged box is not
        written again."""
        if box == self._box and self._records:
            return box
        record_id = self._records[0] if self._records else new_record_id()
        self.vault.put(COMFORT_KIND, box.to_payload(), record_id)
        self._box = box
        extra, self._records = self._records[1:], [record_id]
        self.vault.delete(extra)  # their items are in the record just written
        return box
