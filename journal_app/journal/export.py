"""Exports: the person's entries, unencrypted, in a file they choose.

An export is the one file Tend ever writes unencrypted, and only because the
person asked for it (to print, to share with a therapist, to keep elsewhere).
Callers should say so before writing. The text is made a piece at a time and
written as it comes with :func:`journal_app.journal.files.atomic_write_pieces`
(into a temporary file beside the chosen one, renamed over it at the end): no
temporary copy is ever left anywhere but beside the chosen file, and only until
the rename.

Two formats:

Markdown (``export_markdown``), one file to read or print::

    # Journal

    Exported from Tend on 2026-11-21 · 2 entries

    ---

    ## A quiet morning                    <- the title, or the date if none

    2026-01-02 09:30                      <- the entry's own date and time

    Tags: morning, calm                   <- if it has tags

    > What is one thing that helped?      <- the prompt, if it was written to one

    The body, exactly as written.

``entries_to_markdown_document`` returns the same text, for the PDF printer (the
GUI feeds it to Qt's QTextDocument): there is one renderer, used by both.

JSON (``export_json``), complete and documented for other programs; see
``docs/export-format.md``. Version 1::

    {
      "format": "tend-export",            always this string
      "version": 1,                       raised only for incompatible changes
      "exported_at": "2026-11-21T09:30:00+01:00",
      "app": {"name": "Tend", "version": "0.1.0"},
      "entry_count": 2,
      "entries": [                        oldest first
        {
          "id": "3f2a...",                Tend's random record id (32 hex digits)
          "created": "2026-01-02T09:30:00+01:00",   the entry's date (ISO 8601,
                                                    with its UTC offset)
          "updated": "2026-01-02T09:41:12+01:00",   last edited
          "title": "",                    may be empty
          "body": "...",                  the text as written (Markdown)
          "tags": ["morning"],            in the person's spelling
          "prompt_id": null,              the prompt written to ("people-at-ease"), or null
          "prompt_text": "",              that prompt's words as shown, or ""
          "prompt_theme": null,           its theme id, or null
          "flagged": false,               marked "bring to my next session"
          "trashed_at": null              when put in the trash, or null
        }
      ]
    }

Readers must ignore fields they do not know: new fields may be added within a
version; removing or changing the meaning of one raises ``version``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from journal_app import APP_NAME, __version__
from journal_app.journal.attachments import Picture, with_links, write_picture_files
from journal_app.journal.entry import Entry, aware, clean_tags, now
from journal_app.journal.files import (
    CancelCheck,
    Progress,
    atomic_write_pieces,
    progress_loop,
)

EXPORT_FORMAT = "tend-export"
EXPORT_VERSION = 1
DOCUMENT_TITLE = "Journal"
NOTE_HEADING = "What I would like to talk about"
ENTRY_SEPARATOR = "\n---\n\n"  # before each entry of a Markdown export

PromptTextOf = Callable[[Entry], str]
"""Gives the words of the prompt an entry was written to, or ""."""

# The JSON Schema (draft 2020-12) of a version-1 JSON export; docs/export-format.md
# shows the same. Kept as data so that tests check real exports against it.
_NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
ENTRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "id",
        "created",
        "updated",
        "title",
        "body",
        "tags",
        "prompt_id",
        "prompt_text",
        "prompt_theme",
        "flagged",
        "trashed_at",
    ],
    "properties": {
        "id": {"type": "string"},
        "created": {"type": "string", "format": "date-time"},
        "updated": {"type": "string", "format": "date-time"},
        "title": {"type": "string"},
        "body": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "prompt_id": {"type": ["string", "null"]},
        "prompt_text": {"type": "string"},
        "prompt_theme": {"type": ["string", "null"]},
        "flagged": {"type": "boolean"},
        "trashed_at": _NULLABLE_TIME,
    },
}
JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Tend journal export, version 1",
    "type": "object",
    "required": ["format", "version", "exported_at", "app", "entry_count", "entries"],
    "properties": {
        "format": {"const": EXPORT_FORMAT},
        "version": {"const": EXPORT_VERSION},
        "exported_at": {"type": "string", "format": "date-time"},
        "app": {
            "type": "object",
            "required": ["name", "version"],
            "properties": {"name": {"type": "string"}, "version": {"type": "string"}},
        },
        "entry_count": {"type": "integer", "minimum": 0},
        "entries": {"type": "array", "items": ENTRY_SCHEMA},
    },
}


class ExportFormatError(ValueError):
    """A file given as a Tend JSON export is not one (or not a version we read)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written: where, how many entries, how many bytes."""

    path: Path
    entries: int
    size: int


def entry_prompt_text(entry: Entry) -> str:
    """The prompt's words as they were shown with the entry, or ""."""
    return str(getattr(entry, "prompt_text", "") or "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


_FENCE = ("```", "~~~")
HARD_BREAK = "  "  # Markdown's hard line break: two spaces before the newline


def lines_kept(body: str) -> str:
    """``body`` with each single Return kept as a line break in Markdown.

    The editor shows a Return as a new line; plain Markdown would join the two
    lines into one (a "soft" break), so the PDF, the print and a Markdown reader
    would show something other than what the person wrote. Two trailing spaces
    (not a backslash, which shows as itself at the end of a paragraph) make it a
    hard break wherever a next line follows, and nothing at all elsewhere. Inside
    a fenced code block lines are already kept, and spaces there would be text.
    """
    lines = body.split("\n")
    fenced = False
    for index, line in enumerate(lines[:-1]):
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
            continue
        following = lines[index + 1]
        if fenced or not line.strip() or not following.strip():
            continue
        if not line.endswith((HARD_BREAK, "\\")):
            lines[index] = line + HARD_BREAK
    return "\n".join(lines)


def note_markdown(note: str) -> str:
    """The person's note for the next session, under its heading; "" if blank.

    A level-3 heading, so that the printed page does not take it for an entry.
    """
    words = note.strip()
    if not words:
        return ""
    return f"\n### {NOTE_HEADING}\n\n{lines_kept(words)}\n"


def _entry_markdown(
    entry: Entry, prompt_text_of: PromptTextOf, links: Mapping[str, str] | None = None
) -> str:
    when = entry.created.strftime("%Y-%m-%d %H:%M")
    heading = _one_line(entry.title) or entry.created.strftime("%Y-%m-%d")
    parts = [f"## {heading}", when]
    if entry.tags:
        parts.append("Tags: " + ", ".join(_one_line(tag) for tag in entry.tags))
    prompt = prompt_text_of(entry).strip()
    if prompt:
        parts.append("\n".join(f"> {line}".rstrip() for line in prompt.splitlines()))
    if entry.body:
        parts.append(lines_kept(with_links(entry.body, links or {}).rstrip("\n")))
    return "\n\n".join(parts) + "\n"


def markdown_document_pieces(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    note: str = "",
    exported_at: datetime | None = None,
    prompt_text_of: PromptTextOf = entry_prompt_text,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    links: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """The Markdown text of an export in pieces: the title lines, then one per entry.

    Joined, the pieces are :func:`entries_to_markdown_document` (each entry's piece
    begins with the ``---`` that parts it from what comes before; the person's
    ``note``, if any, is in the first). They let a caller encode or typeset the
    document a little at a time, never in one long step. Arguments as for
    :func:`entries_to_markdown_document`; ``links`` points the pictures the
    entries name at files (see :func:`export_markdown`).
    """
    moment = exported_at or now()
    total = len(entries)
    noun = "entry" if total == 1 else "entries"
    yield (
        f"# {_one_line(title) or DOCUMENT_TITLE}\n\n"
        f"Exported from {APP_NAME} on {moment:%Y-%m-%d} · {total} {noun}\n"
    ) + note_markdown(note)
    for _, entry in progress_loop(entries, progress, cancelled):
        yield ENTRY_SEPARATOR + _entry_markdown(entry, prompt_text_of, links)


def entries_to_markdown_document(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    note: str = "",
    exported_at: datetime | None = None,
    prompt_text_of: PromptTextOf = entry_prompt_text,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> str:
    """The Markdown text of an export, for a ``.md`` file or for printing to PDF.

    Args:
        entries: in the order to show them (``selection.select`` gives oldest first).
        title: the document's first line (kept discreet: "Journal" by default).
        note: the person's own words for the next session ("What I would like to
            talk about"), shown before the entries; none if blank.
        exported_at: the date shown under the title (now, by default).
        prompt_text_of: where to find each entry's prompt; its ``prompt_text``
            by default.
        progress: ``progress(done, total)`` every few hundred entries.
        cancelled: polled as often; when True, :class:`Cancelled` is raised.
    """
    return "".join(
        markdown_document_pieces(
            entries,
            title=title,
            note=note,
            exported_at=exported_at,
            prompt_text_of=prompt_text_of,
            progress=progress,
            cancelled=cancelled,
        )
    )


def export_markdown(
    entries: Sequence[Entry],
    path: Path,
    *,
    title: str = DOCUMENT_TITLE,
    note: str = "",
    prompt_text_of: PromptTextOf = entry_prompt_text,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    pictures: Callable[[str], Picture | None] | None = None,
) -> ExportResult:
    """Write ``entries`` as one Markdown file (UTF-8), replacing ``path`` atomically.

    With ``pictures`` (how to open one by id), the pictures the entries name are
    written first, as files in a folder beside ``path``, and the Markdown links them.

    Raises:
        Cancelled: stopped; nothing was written at ``path``.
        VaultExists: ``path`` is a Tend journal (never written over).
        OSError: the file could not be written; an old file there is untouched.
    """
    # Encoded and written piece by piece: one encode, or one join, of the whole
    # text would hold the interpreter (and so the window) for a noticeable moment.
    links = None
    if pictures is not None:
        links = write_picture_files((entry.body for entry in entries), Path(path), pictures)
    pieces = markdown_document_pieces(
        entries,
        title=title,
        note=note,
        prompt_text_of=prompt_text_of,
        progress=progress,
        cancelled=cancelled,
        links=links,
    )
    size = atomic_write_pieces(Path(path), (piece.encode("utf-8") for piece in pieces))
    return ExportResult(Path(path), len(entries), size)


_ENTRY_FIELDS = tuple(field.name for field in fields(Entry))


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def entry_to_export_json(
    entry: Entry, prompt_text_of: PromptTextOf = entry_prompt_text
) -> dict[str, object]:
    """One entry as an object of the JSON export (every field of :class:`Entry`)."""
    data = {name: _plain(getattr(entry, name)) for name in _ENTRY_FIELDS}
    data["prompt_text"] = prompt_text_of(entry)
    data.setdefault("prompt_theme", getattr(entry, "prompt_theme", None))
    data.setdefault("flagged", bool(getattr(entry, "flagged", False)))
    return data


def json_document_pieces(document: dict[str, Any]) -> Iterator[bytes]:
    """The export as UTF-8 JSON, indented, with one entry per line: a piece a line.

    (Fully indenting every entry would use Python's slow JSON encoder; this
    layout keeps 100,000 entries quick and the file still easy to read and diff.)
    Each entry is encoded as it is made and written as it comes
    (:func:`journal_app.journal.files.atomic_write_pieces`): no step over the whole
    text (an encode, or a join) holds the interpreter for long.
    """
    head = {key: value for key, value in document.items() if key != "entries"}
    entries = document["entries"]
    return _json_pieces(head, entries, len(entries))


def _json_pieces(head: Mapping[str, Any], items: Iterable[object], count: int) -> Iterator[bytes]:
    """``head``'s fields, then the ``count`` ``items`` as the list "entries"."""
    lines = ["{"]
    lines.extend(
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},"
        for key, value in head.items()
    )
    if not count:
        lines.append('  "entries": []\n}\n')
        yield "\n".join(lines).encode("utf-8")
        return
    lines.append('  "entries": [\n')
    yield "\n".join(lines).encode("utf-8")
    last = count - 1
    for index, item in enumerate(items):
        line = f"    {json.dumps(item, ensure_ascii=False)}{',' if index < last else ''}\n"
        yield line.encode("utf-8")
    yield b"  ]\n}\n"


def json_document_bytes(document: dict[str, Any]) -> bytes:
    """:func:`json_document_pieces` as one ``bytes`` (the command line's stdout)."""
    return b"".join(json_document_pieces(document))


def _json_head(count: int, exported_at: datetime | None) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": (exported_at or now()).isoformat(),
        "app": {"name": APP_NAME, "version": __version__},
        "entry_count": count,
    }


def entries_to_json_document(
    entries: Sequence[Entry],
    *,
    exported_at: datetime | None = None,
    prompt_text_of: PromptTextOf = entry_prompt_text,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> dict[str, Any]:
    """The JSON export as a Python object (see the module's docstring for the schema)."""
    items = []
    for _, entry in progress_loop(entries, progress, cancelled):
        items.append(entry_to_export_json(entry, prompt_text_of))
    return {**_json_head(len(entries), exported_at), "entries": items}


def export_json(
    entries: Sequence[Entry],
    path: Path,
    *,
    prompt_text_of: PromptTextOf = entry_prompt_text,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportResult:
    """Write ``entries`` as a Tend JSON export (UTF-8), replacing ``path`` atomically.

    Raises:
        Cancelled: stopped before anything was written.
        VaultExists: ``path`` is a Tend journal (never written over).
        OSError: the file could not be written; an old file there is untouched.
    """
    # Each entry made, encoded and written in turn, so progress moves all the way.
    items = (
        entry_to_export_json(entry, prompt_text_of)
        for _, entry in progress_loop(entries, progress, cancelled)
    )
    pieces = _json_pieces(_json_head(len(entries), None), items, len(entries))
    size = atomic_write_pieces(Path(path), pieces)
    return ExportResult(Path(path), len(entries), size)


_T = TypeVar("_T")


def _field(item: Mapping[str, object], name: str, kind: type[_T], index: int) -> _T:
    value = item.get(name)
    if not isinstance(value, kind):
        raise ExportFormatError(f"Entry {index + 1}: the field '{name}' is missing or wrong.")
    return value


def _moment(
    item: Mapping[str, object], name: str, index: int, *, optional: bool = False
) -> datetime | None:
    value = item.get(name)
    if value is None and optional:
        return None
    try:
        return aware(datetime.fromisoformat(_field(item, name, str, index)))
    except ValueError:
        raise ExportFormatError(f"Entry {index + 1}: '{name}' is not a date and time.") from None


def entries_from_json_document(document: object) -> list[Entry]:
    """Read a Tend JSON export back into entries (the inverse of the export).

    Raises:
        ExportFormatError: not a Tend export of a version this Tend reads, or an
            entry with a missing or wrong field (named).
    """
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ExportFormatError("This is not a Tend JSON export.")
    if document.get("version") != EXPORT_VERSION:
        raise ExportFormatError("This export was written by a newer version of Tend.")
    items = document.get("entries")
    if not isinstance(items, list):
        raise ExportFormatError("The export has no list of entries.")
    known = {field.name for field in fields(Entry)}
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ExportFormatError(f"Entry {index + 1} is not an object.")
        tags = _field(item, "tags", list, index)
        if not all(isinstance(tag, str) for tag in tags):
            raise ExportFormatError(f"Entry {index + 1}: the field 'tags' is wrong.")
        created = _moment(item, "created", index)
        values: dict[str, Any] = {
            "id": _field(item, "id", str, index),
            "created": created,
            "updated": _moment(item, "updated", index, optional=True) or created,
            "title": _field(item, "title", str, index),
            "body": _field(item, "body", str, index),
            "tags": clean_tags(tags),
            "prompt_id": item.get("prompt_id") if isinstance(item.get("prompt_id"), str) else None,
            "trashed_at": _moment(item, "trashed_at", index, optional=True),
        }
        optional = {
            "prompt_text": str(item.get("prompt_text") or ""),
            "prompt_theme": item.get("prompt_theme")
            if isinstance(item.get("prompt_theme"), str)
            else None,
            "flagged": item.get("flagged") is True,
        }
        values.update({name: value for name, value in optional.items() if name in known})
        entries.append(Entry(**values))
    return entries
