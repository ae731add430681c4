"""Pictures in entries: sealed in the vault like the words, opened only when shown.

A picture is one record of its own kind (``image``), sealed as every record is,
so it is never a file beside the journal. The entry's Markdown names it as
``![](tend-image:ID)``: the entry stays plain Markdown, and an export can turn
the reference into a file next to it. Unlocking leaves pictures sealed (a
journal's pictures can be hundreds of megabytes, its words a few); each is
opened when it is shown, while the manifest still vouches for every one (see
``vault/reading.py``).

Only PNG, JPEG, GIF and WebP are taken, known by their first bytes rather than
by a file's name, since a picture pasted from the clipboard has none. Caps keep
one picture, one entry and the journal to sizes that open and back up quickly,
and say so in a message that names the size.

A picture goes when nothing can want it any more: with its entry when the
entry is deleted for good, in the same transaction; and one that no entry and
no draft names (taken out while editing) when the trash is emptied, unless it
was added or taken out since the journal was opened: the editor's undo could
still bring its reference back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from journal_app.journal.files import atomic_write_bytes
from journal_app.vault import DamagedRecords, Vault
from journal_app.vault.reading import IMAGE_KIND

__all__ = [
    "IMAGE_KIND",
    "MAX_ENTRY_BYTES",
    "MAX_PICTURE_BYTES",
    "Picture",
    "PictureRefused",
    "Pictures",
    "reference",
    "references",
    "sniff",
    "with_links",
    "write_picture_files",
]

SCHEME = "tend-image:"
MAX_PICTURE_BYTES = 10 * 1024 * 1024
MAX_ENTRY_BYTES = 50 * 1024 * 1024
MAX_JOURNAL_BYTES = 1024 * 1024 * 1024

_FORMAT = b"tend-image-1\0"
_TAG_BYTES = 16  # what sealing adds to a payload (the AES-GCM tag)
_REFERENCE = re.compile(r"!\[[^\]\n]*\]\((tend-image:([0-9a-f]{32}))\)")
_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
)


class PictureRefused(ValueError):
    """A picture Tend will not keep; the message says why, in the person's words."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture as it was stored: its record id, its type and its bytes."""

    id: str
    mime: str
    data: bytes


def sniff(data: bytes) -> str | None:
    """The picture's type from its first bytes, or None if it is not one Tend shows."""
    for signature, at, mime in _SIGNATURES:
        if data[at : at + len(signature)] == signature and (at == 0 or data[:4] == b"RIFF"):
            return mime
    return None


def reference(picture_id: str, alt: str = "") -> str:
    """The Markdown an entry holds for a picture."""
    return f"![{alt}]({SCHEME}{picture_id})"


def references(text: str) -> list[str]:
    """The ids of the pictures ``text`` names, in order, each once."""
    if SCHEME not in text:
        return []
    return list(dict.fromkeys(found[1] for found in _REFERENCE.findall(text)))


def with_links(text: str, links: Mapping[str, str]) -> str:
    """``text`` with each picture it names pointing at ``links[id]`` (others as they are)."""
    if SCHEME not in text or not links:
        return text

    def linked(found: re.Match[str]) -> str:
        target = links.get(found.group(2))
        if target is None:
            return found.group(0)
        return f"{found.string[found.start(0) : found.start(1)]}{target})"

    return _REFERENCE.sub(linked, text)


def write_picture_files(
    texts: Iterable[str], beside: Path, read: Callable[[str], Picture | None]
) -> dict[str, str]:
    """Write each picture ``texts`` name into a folder beside the file ``beside``.

    For a Markdown export: the folder is named after the file (``Journal.md`` ->
    ``Journal pictures``), each picture numbered in the order it first appears,
    written as every export file is (temp, fsync, rename). Returns each id's link,
    relative to ``beside``; a picture that cannot be read is left out (its
    reference stays as it was, and nothing else is lost).
    """
    folder = beside.with_name(f"{beside.stem} pictures")
    links: dict[str, str] = {}
    for picture_id in dict.fromkeys(rid for text in texts for rid in references(text)):
        try:
            picture = read(picture_id)
        except DamagedRecords:
            picture = None  # named by check and at unlock already
        if picture is None:
            continue
        name = f"picture-{len(links) + 1}{_EXTENSIONS.get(picture.mime, '')}"
        folder.mkdir(exist_ok=True)
        atomic_write_bytes(folder / name, picture.data)
        links[picture_id] = quote(f"{folder.name}/{name}")
    return links


def _megabytes(size: int) -> str:
    """A size in MB to one place, rounded up: a size just over a cap never reads as it."""
    tenths = -(-size * 10 // (1024 * 1024))
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"


class Pictures:
    """The pictures of one open journal: adding, opening, and finding those to remove."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        # Ids added or taken out of an entry since the journal was opened: kept by
        # the sweep, since an open editor's undo may still name them.
        self._recent: set[str] = set()

    def add(self, data: bytes, text: str = "") -> Picture:
        """Seal a picture into the journal; ``text`` is its entry's text so far.

        Raises:
            PictureRefused: not a PNG, JPEG, GIF or WebP, or over a cap.
        """
        mime = sniff(data)
        if mime is None:
            raise PictureRefused(
                "Tend can keep pictures in PNG, JPEG, GIF or WebP. This file is none of those."
            )
        if len(data) > MAX_PICTURE_BYTES:
            raise PictureRefused(
                f"This picture is {_megabytes(len(data))}. "
                f"A picture can be up to {_megabytes(MAX_PICTURE_BYTES)}."
            )
        sizes = self.vault.sizes(IMAGE_KIND)
        in_entry = len(data) + sum(sizes.get(rid, 0) - _TAG_BYTES for rid in references(text))
        if in_entry > MAX_ENTRY_BYTES:
            raise PictureRefused(
                f"With this one, the entry's pictures would come to {_megabytes(in_entry)}. "
                f"An entry can hold up to {_megabytes(MAX_ENTRY_BYTES)} of pictures."
            )
        in_journal = len(data) + sum(sizes.values())
        if in_journal > MAX_JOURNAL_BYTES:
            raise PictureRefused(
                f"With this one, the journal's pictures would come to {_megabytes(in_journal)}. "
                f"A journal can hold up to {_megabytes(MAX_JOURNAL_BYTES)} of pictures."
            )
        payload = _FORMAT + mime.encode("ascii") + b"\0" + data
        picture_id = self.vault.put(IMAGE_KIND, payload)
        self._recent.add(picture_id)
        return Picture(picture_id, mime, data)

    def read(self, picture_id: str) -> Picture | None:
        """One picture, opened now; None if the journal has none by that id.

        Raises:
            DamagedRecords: its record does not open, or is not the one last saved.
        """
        record = self.vault.read(picture_id)
        if record is None or record.kind != IMAGE_KIND:
            return None
        head, _, rest = record.payload.partition(b"\0")
        mime, _, data = rest.partition(b"\0")
        if head + b"\0" != _FORMAT or sniff(data) is None:
            return None
        return Picture(record.id, mime.decode("ascii", "replace"), data)

    def edited(self, before: str, after: str) -> None:
        """Note pictures an edit took out, so the sweep keeps them this session."""
        if SCHEME in before:
            self._recent.update(set(references(before)) - set(references(after)))

    def unwanted(self, doomed: Iterable[str], kept: Iterable[str], sweep: bool) -> list[str]:
        """The pictures to remove with the texts ``doomed`` (entries deleted for good).

        A picture that a ``kept`` text (any other entry, any draft) names is never
        among them, nor a record of another kind that a text names as one. With
        ``sweep``, so are the pictures no text names at all, except those added
        or taken out since the journal was opened.
        """
        stored = set(self.vault.sizes(IMAGE_KIND))
        if not stored:
            return []
        wanted = {rid for text in kept for rid in references(text)}
        gone = {rid for text in doomed for rid in references(text)} & stored
        if sweep:
            gone |= stored - self._recent
        return sorted(gone - wanted)
