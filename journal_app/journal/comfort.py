"""The comfort box: the person's own things for hard moments, sealed in the vault.

Words to themselves, messages from people who care, names or links of songs, and
the line they chose for "let it pass". All of it is one record of kind ``comfort``
(one record, so not even the number of things shows in the file), sealed like an
entry. There are no dates, counts or times of use in it: Tend never records when
or how often the comfort toolkit is opened.

A photo is an item that names a sealed picture by its id (``photo`` with
``image_id``), stored by the journal's picture store, never as a file. Taking it out
deletes the picture too, unless an entry or a draft names the same one (the store's
own rule, :meth:`Pictures.unwanted`). An item of a kind this Tend does not know is
kept as written and saved back unchanged, so a newer Tend's things are never dropped.

Plain Python: never imports Qt. Modelled on :class:`PersonalStore`: loaded from the
unlock's ``read_all`` result, saved durably, forgotten on lock.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain
from types import MappingProxyType
from typing import Literal

from journal_app.journal.attachments import Pictures, reference
from journal_app.vault import ReadResult, Vault
from journal_app.vault.store import new_record_id

COMFORT_KIND = "comfort"
FORMAT = 1

ItemKind = Literal["words", "message", "song"]
KINDS: tuple[ItemKind, ...] = ("words", "message", "song")
PHOTO = "photo"
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

    @classmethod
    def photo(cls, image_id: str) -> ComfortItem:
        """A photo, naming the picture the journal sealed for it."""
        return cls(secrets.token_hex(8), PHOTO, extra=MappingProxyType({"image_id": image_id}))

    @property
    def image_id(self) -> str | None:
        """The sealed picture a photo names; None for any other thing."""
        found = self.extra.get("image_id") if self.kind == PHOTO else None
        return found if isinstance(found, str) and found else None

    @property
    def is_known(self) -> bool:
        """False for a kind written by a newer Tend: shown as it is, never edited."""
        return self.kind in KINDS or self.image_id is not None

    @property
    def is_blank(self) -> bool:
        return self.kind in KINDS and not (self.text.strip() or self.link.strip())

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

    def picture_references(self) -> list[str]:
        """The pictures the box's photos name, as an entry would name them: the
        texts the picture store's rule reads, so none of them is swept away."""
        return [reference(i.image_id) for i in self.items if i.image_id is not None]

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

    def __init__(
        self,
        vault: Vault,
        *,
        load: bool = True,
        pictures: Pictures | None = None,
        others: Callable[[], Iterable[str]] = tuple,
    ) -> None:
        """``others`` gives every other text that may name a picture (entries,
        drafts): a photo taken out leaves its picture while one of them names it."""
        self.vault = vault
        self.pictures = pictures or Pictures(vault)
        self._others = others
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
        before, self._box = self._box, box
        extra, self._records = self._records[1:], [record_id]
        self.vault.delete(extra)  # their items are in the record just written
        taken_out = set(before.picture_references()) - set(box.picture_references())
        if taken_out:
            kept = chain(self._others(), box.picture_references())
            self.vault.delete(self.pictures.unwanted(taken_out, kept, sweep=False))
        return box

    def add_photo(self, data: bytes) -> ComfortItem:
        """Seal a photo's picture; the item it returns goes in the box with :meth:`save`.

        Raises:
            PictureRefused: not a picture Tend keeps, or over a cap (the message says which).
        """
        return ComfortItem.photo(self.pictures.add(data).id)

    def photo(self, item: ComfortItem) -> bytes | None:
        """A photo's picture, opened now; None if it is gone or not a photo.

        Raises:
            DamagedRecords: its record does not open.
        """
        picture = self.pictures.read(item.image_id) if item.image_id else None
        return picture.data if picture is not None else None
