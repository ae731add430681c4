"""Entries read many at a time at unlock, their bodies left in their payloads.

Unlocking 100,000 entries one ``json.loads`` and one dataclass ``__init__`` at a
time took longer than reading and decrypting them. Here a batch of payloads is
read column by column, with ``map`` doing the loops in C:

- Each payload is cut in two around its body. ``Entry.to_payload`` writes its
  keys in one fixed order, with the body fourth, and a JSON string cannot hold
  ``,"`` (a quote inside one is escaped), so the first ``,"body":`` and the
  ``,"tags":[`` after it are the body's edges, found by a plain search.
- What is left (dates, title, tags, prompt, trash, flag) is decoded as one small
  JSON object, and must have exactly ``to_payload``'s keys in its order, with
  the types it writes.
- The entries are made without ``__init__``, each slot set through its
  descriptor, the body slot left empty and the payload kept: ``Entry.body``
  decodes it when asked (see ``entry._SealedBody``).

The payloads opened under the vault's key, so Tend wrote them. Anything that does
not fit (an older payload, without later keys; a foreign one) sends its batch
back one entry at a time, where it is read the fit way or whole by
``Entry.from_payload``, which also decides what is damaged, as it always did.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import repeat
from json import JSONDecoder
from operator import add, attrgetter, is_, itemgetter
from typing import Any

from journal_app.journal.entry import (
    BODY_MARK,
    KEYS_BESIDE_BODY,
    SLOT_SETTERS,
    TAGS_MARK,
    Entry,
    aware,
)

# Entries decoded together: enough for the loops to run in C, few enough that the
# batch's small JSON objects stay small.
BATCH = 4096
_QUOTE = ord('"')
# The decoder's C scanner itself: ``raw_decode`` is a Python call around it that
# doubled the cost of these small objects. It raises StopIteration where there is
# no JSON value at all.
_scan_json: Callable[[str, int], tuple[object, int]] = JSONDecoder().scan_once  # type: ignore[attr-defined]
_of_each = itemgetter(*KEYS_BESIDE_BODY)
_new = object.__new__


def read_entries(ids: Sequence[str], payloads: Sequence[bytes]) -> tuple[list[Entry], list[str]]:
    """The entries of these sealed payloads, and the ids of those that are damaged."""
    entries: list[Entry] = []
    damaged: list[str] = []
    for start in range(0, len(ids), BATCH):
        some_ids, some = ids[start : start + BATCH], payloads[start : start + BATCH]
        batch = _read_batch(some_ids, some)
        if batch is not None:
            entries.extend(batch)
            continue
        for record_id, payload in zip(some_ids, some, strict=True):
            one = _read_batch((record_id,), (payload,))
            try:
                entries.extend(one or [Entry.from_payload(record_id, payload)])
            except (ValueError, KeyError, TypeError, AssertionError):
                damaged.append(record_id)
    return entries, damaged


def _read_batch(ids: Sequence[str], payloads: Sequence[bytes]) -> list[Entry] | None:
    """Every payload read the fast way, or None if any one does not fit."""
    columns = _columns(payloads)
    if columns is None:
        return None
    created_at, updated_at, titles, tags, prompt_ids, trashed_at, texts, themes, flags = columns
    kinds = {
        "created": set(map(type, created_at)),
        "updated": set(map(type, updated_at)),
        "title": set(map(type, titles)) | set(map(type, texts)),
        "tags": set(map(type, tags)),
    }
    if kinds != {"created": {str}, "updated": {str}, "title": {str}, "tags": {list}}:
        return None
    try:
        created = _times(created_at)
        updated = [
            made if text == made_text else aware(datetime.fromisoformat(text))
            for made, made_text, text in zip(created, created_at, updated_at, strict=True)
        ]
        trashed = [aware(datetime.fromisoformat(str(t))) if t else None for t in trashed_at]
    except ValueError:
        return None
    entries = list(map(_new, repeat(Entry, len(payloads))))
    for name, values in (
        ("id", ids),
        ("created", created),
        ("updated", updated),
        ("title", titles),
        ("tags", map(tuple, tags)),
        ("prompt_id", prompt_ids),
        ("trashed_at", trashed),
        ("prompt_text", texts),
        ("prompt_theme", themes),
        ("flagged", map(is_, flags, repeat(True))),
        ("_payload", payloads),
    ):
        deque(map(SLOT_SETTERS[name], entries, values), maxlen=0)
    return entries


def _columns(payloads: Sequence[bytes]) -> list[tuple[Any, ...]] | None:
    """Each key beside the body, as one column over the payloads, or None."""
    splits = list(map(bytes.find, payloads, repeat(BODY_MARK)))
    ends = list(map(bytes.find, payloads, repeat(TAGS_MARK), splits))
    if -1 in splits or -1 in ends:
        return None
    opening = map(bytes.__getitem__, payloads, map(add, splits, repeat(len(BODY_MARK))))
    if set(opening) != {_QUOTE}:
        return None
    heads = map(bytes.__getitem__, payloads, map(slice, repeat(0), splits))
    tails = map(bytes.__getitem__, payloads, map(slice, ends, repeat(None)))
    try:
        texts = list(map(bytes.decode, map(add, heads, tails)))
        decoded = list(map(_scan_json, texts, repeat(0)))
    except (ValueError, StopIteration):  # not UTF-8, or not JSON
        return None
    if list(map(itemgetter(1), decoded)) != list(map(len, texts)):
        return None  # something after the object
    objects = list(map(itemgetter(0), decoded))
    if set(map(type, objects)) != {dict} or set(map(tuple, objects)) != {KEYS_BESIDE_BODY}:
        return None
    return list(zip(*map(_of_each, objects), strict=True))


def _times(texts: Sequence[str]) -> list[datetime]:
    """ISO times as ``Entry.from_payload`` reads them: a naive one is local time."""
    times = list(map(datetime.fromisoformat, texts))
    if None in map(attrgetter("tzinfo"), times):
        times = list(map(aware, times))
    return times
