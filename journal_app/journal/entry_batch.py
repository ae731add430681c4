"""Entries read many at a time at unlock, their bodies left in their payloads.

Unlocking 100,000 entries one ``json.loads`` and one dataclass ``__init__`` at a
time took longer than reading and decrypting them, and even decoding only the
small fields around the body as JSON cost most of that again. So a batch of
payloads is read by byte searches and slices, with ``map`` running the loops in C:

- ``Entry.to_payload`` writes its keys in one fixed order:
  ``{"created":"…","updated":"…","title":"…","body":"…","tags":[…],…}``.
  The two dates (ISO text, never escaped) are read between their quotes, and
  each key is checked to stand where that order puts it.
- A JSON string cannot hold ``,"`` (a quote inside one is escaped), so the first
  ``,"body":`` and the only ``,"tags":[`` are the body's edges, and the title
  is what lies between its key and the body's. A title without a backslash is
  its bytes decoded; one with escapes goes through ``json.loads``.
- The tail from ``,"tags":[`` to the end (tags, prompt, trash, flag) repeats from
  entry to entry (the same tags, no prompt, not in the trash), so each distinct
  tail is decoded as JSON once, checked for ``to_payload``'s keys in its order,
  and entries that share a tail share its values (tuples and strings, which
  never change).
- The entries are made without ``__init__``, each slot set through its
  descriptor, the body slot left empty and the payload kept: ``Entry.body``
  decodes it when asked (see ``entry._SealedBody``).

The payloads opened under the vault's key, so Tend wrote them. Anything that does
not fit (an older payload, without later keys; a foreign one) sends its batch
back one entry at a time, where it is read the fast way or whole by
``Entry.from_payload``, which also decides what is damaged, as it always did.
"""

from __future__ import annotations

import gc
import json
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import compress, repeat
from operator import add, attrgetter, lt, sub
from typing import Any

from journal_app.journal.entry import BODY_MARK, SLOT_SETTERS, TAGS_MARK, Entry, aware

# Entries read together: enough for the loops to run in C, few enough that the
# batch's slices stay small.
BATCH = 4096
_QUOTE = ord('"')
_CREATED = b'{"created":"'
_UPDATED = b'","updated":"'
_TITLE = b'","title":"'
_TAIL_KEYS = ("tags", "prompt_id", "trashed_at", "prompt_text", "prompt_theme", "flagged")
_new = object.__new__
# Tags, prompt id, time trashed, prompt text, prompt theme, flag.
Tail = tuple[tuple[str, ...], Any, datetime | None, str, Any, bool]


@contextmanager
def collection_paused() -> Iterator[None]:
    """Make many objects without the cyclic collector walking them over and over.

    Each few hundred new objects start a collection, and every so often one that
    walks every object made so far: at unlock that walked the growing journal
    dozens of times, about a third of the time spent making its entries. Nothing
    made here forms a cycle, so the collector is paused meanwhile, and resumed
    only if it ran before.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


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
    try:
        read = _fields(payloads)
    except (ValueError, TypeError):  # not UTF-8, not JSON, not a time
        return None
    if read is None:
        return None
    created, updated, titles, tails = read
    tags, prompt_ids, trashed, texts, themes, flags = zip(*tails, strict=True)
    entries = list(map(_new, repeat(Entry, len(payloads))))
    for name, values in (
        ("id", ids),
        ("created", created),
        ("updated", updated),
        ("title", titles),
        ("tags", tags),
        ("prompt_id", prompt_ids),
        ("trashed_at", trashed),
        ("prompt_text", texts),
        ("prompt_theme", themes),
        ("flagged", flags),
        ("_payload", payloads),
    ):
        deque(map(SLOT_SETTERS[name], entries, values), maxlen=0)
    return entries


def _fields(
    payloads: Sequence[bytes],
) -> tuple[list[datetime], list[datetime], list[str], list[Tail]] | None:
    """Created, updated, title and tail of each payload, or None if one does not fit."""
    body_at = list(map(bytes.find, payloads, repeat(BODY_MARK)))
    # The only ``,"tags":[`` there is, looked for from the end, past the short tail
    # rather than through the long body.
    tags_at = list(map(bytes.rfind, payloads, repeat(TAGS_MARK)))
    if (
        -1 in body_at
        or not all(map(lt, body_at, tags_at))
        or not all(map(bytes.startswith, payloads, repeat(_CREATED)))
    ):
        return None
    created_end = list(map(bytes.find, payloads, repeat(b'"'), repeat(len(_CREATED))))
    updated_at = list(map(add, created_end, repeat(len(_UPDATED))))
    updated_end = list(map(bytes.find, payloads, repeat(b'"'), updated_at))
    if not (
        all(map(bytes.startswith, payloads, repeat(_UPDATED), created_end))
        and all(map(bytes.startswith, payloads, repeat(_TITLE), updated_end))
        and _all_quotes(payloads, map(sub, body_at, repeat(1)))  # the title's closing quote
        and _all_quotes(payloads, map(add, body_at, repeat(len(BODY_MARK))))  # the body's
    ):
        return None
    created_text = _texts(payloads, repeat(len(_CREATED)), created_end)
    created = _times(created_text)
    updated = [
        made if text == made_text else aware(datetime.fromisoformat(text))
        for made, made_text, text in zip(
            created, created_text, _texts(payloads, updated_at, updated_end), strict=True
        )
    ]
    titles = _strings(list(map(bytes.__getitem__, payloads, map(slice, updated_end, body_at))))
    tail_of = list(map(bytes.__getitem__, payloads, map(slice, tags_at, repeat(None))))
    tails = _tails(set(tail_of))
    if tails is None:
        return None
    return created, updated, titles, list(map(tails.__getitem__, tail_of))


def _all_quotes(payloads: Sequence[bytes], places: Iterable[int]) -> bool:
    return set(map(bytes.__getitem__, payloads, places)) == {_QUOTE}


def _texts(payloads: Sequence[bytes], starts: Iterable[int], ends: Iterable[int]) -> list[str]:
    return list(map(bytes.decode, map(bytes.__getitem__, payloads, map(slice, starts, ends))))


def _strings(pieces: list[bytes]) -> list[str]:
    """Titles from their pieces of payload: ``","title":"…"`` up to the body's key."""
    start = len(_TITLE)
    strings = list(map(bytes.decode, map(bytes.__getitem__, pieces, repeat(slice(start, -1)))))
    escaped = list(map(bytes.__contains__, pieces, repeat(b"\\")))
    for index in compress(range(len(pieces)), escaped):
        value = json.loads(pieces[index][start - 1 :])
        if type(value) is not str:
            raise TypeError("a title that is not a string")
        strings[index] = value
    return strings


def _tails(distinct: Iterable[bytes]) -> dict[bytes, Tail] | None:
    """Each distinct tail (``,"tags":[…],…}``) decoded once, or None if one does not fit."""
    tails: dict[bytes, Tail] = {}
    for tail in distinct:
        data = json.loads(b"{" + tail[1:])
        if tuple(data) != _TAIL_KEYS or type(data["tags"]) is not list:
            return None
        if type(data["prompt_text"]) is not str:
            return None
        trashed = data["trashed_at"]
        tails[tail] = (
            tuple(data["tags"]),
            data["prompt_id"],
            aware(datetime.fromisoformat(str(trashed))) if trashed else None,
            data["prompt_text"],
            data["prompt_theme"],
            data["flagged"] is True,
        )
    return tails


def _times(texts: Sequence[str]) -> list[datetime]:
    """ISO times as ``Entry.from_payload`` reads them: a naive one is local time."""
    times = list(map(datetime.fromisoformat, texts))
    if None in map(attrgetter("tzinfo"), times):
        times = list(map(aware, times))
    return times
