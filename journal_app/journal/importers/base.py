"""What every importer shares: limits, the error it raises, and the one writer.

An importer only reads: it turns a file (or a folder) into :class:`ParsedImport`,
in memory, without writing anything anywhere. :func:`run_import` then adds what is
new to the journal in ONE transaction, so an import is all there or not at all,
even when it is stopped halfway or the machine goes down.

Anything wrong with the source raises :class:`ImportFormatError`, naming the file,
the entry (counted from 1) and the field, in words meant for the person importing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from journal_app.journal.entry import Entry, aware, clean_tags
from journal_app.journal.files import CancelCheck, Progress, progress_loop
from journal_app.journal.importers.gentle_json import NotJson, loads_utf8
from journal_app.vault.store import new_record_id

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """Caps that keep a huge or hostile file from exhausting memory or time."""

    max_file_bytes: int = 200 * MIB
    """A source file (or all of a folder's notes, or a zip's journal files) in all."""
    max_entries: int = 200_000
    max_entry_bytes: int = 5 * MIB
    """One entry's title and text (or one note file)."""
    max_zip_members: int = 100_000
    """Files listed in a zip archive (photos included)."""


LIMITS = ImportLimits()
"""The limits used when none are given (tests lower them)."""

SAMPLE_SIZE = 5
STARRED_TAG = "starred"


def limits_or_default(limits: ImportLimits | None) -> ImportLimits:
    return limits if limits is not None else LIMITS


class ImportFormatError(ValueError):
    """The file to import is malformed, too big, or not what it was said to be.

    Attributes:
        source: the file's name (not its folder, which may itself be private).
        problem: what is wrong, as a sentence fragment.
        index: the entry's position, counted from 0, if one entry is at fault.
        field: the field at fault, if one is.
    """

    def __init__(
        self,
        source: str,
        problem: str,
        *,
        index: int | None = None,
        field: str | None = None,
    ) -> None:
        self.source = source
        self.problem = problem
        self.index = index
        self.field = field
        where = source
        if index is not None:
            where += f", entry {index + 1}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry read from a source, not yet in the journal."""

    created: datetime
    title: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class ParsedImport:
    """Everything read from one source, in memory only.

    ``problems`` are things the person should know that did not stop the import
    (an empty entry skipped, photos not brought in, a date guessed).
    """

    source: str
    format: str
    entries: tuple[ParsedEntry, ...]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PreviewItem:
    created: datetime
    title: str


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What an import would bring in, shown before anything is written.

    ``duplicates`` is how many are already in the journal (None if no journal
    was given to compare with).
    """

    source: str
    format: str
    count: int
    sample: tuple[PreviewItem, ...]
    first: datetime | None
    last: datetime | None
    problems: tuple[str, ...] = ()
    duplicates: int | None = None


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did."""

    imported: int
    skipped_duplicates: int
    problems: tuple[str, ...] = field(default_factory=tuple)


# ------------------------------------------------------------------ reading


def read_capped(path: Path, limits: ImportLimits, what: str = "file") -> bytes:
    """The bytes of ``path``, refusing a file over the size cap before reading it."""
    source = path.name or str(path)
    try:
        if not path.is_file():
            raise ImportFormatError(source, f"is not a {what} that can be read.")
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise ImportFormatError(source, f"is larger than {human_size(limits.max_file_bytes)}.")
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise ImportFormatError(source, f"could not be read ({exc.strerror or exc}).") from None
    if len(data) > limits.max_file_bytes:
        raise ImportFormatError(source, f"is larger than {human_size(limits.max_file_bytes)}.")
    return data


def human_size(count: int) -> str:
    if count >= MIB:
        return f"{count / MIB:g} MB"
    if count >= 1024:
        return f"{count / 1024:g} KB"
    return f"{count} bytes"


def load_json(data: bytes, source: str) -> object:
    """Parse JSON bytes (UTF-8, a byte-order mark allowed), or say plainly why not.

    Read in short steps (:mod:`journal_app.journal.importers.gentle_json`), so the
    window keeps moving while a worker reads a large export; what is not JSON is
    handed to ``json.loads`` to say exactly where it goes wrong.
    """
    not_utf8 = ImportFormatError(source, "is not UTF-8 text, so it is not a JSON export.")
    try:
        return loads_utf8(data)
    except UnicodeDecodeError:
        raise not_utf8 from None
    except NotJson:
        pass
    except RecursionError:
        raise ImportFormatError(source, "is nested too deeply to be a journal export.") from None
    try:
        text = data.decode("utf-8-sig")  # (a lone start of a byte-order mark, say)
    except UnicodeDecodeError:
        raise not_utf8 from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            source, f"is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise ImportFormatError(source, "is nested too deeply to be a journal export.") from None


def load_json_capped(data: bytes, source: str, limits: ImportLimits) -> object:
    """:func:`load_json`, refusing first bytes over the file cap (for bytes that did
    not come through :func:`read_capped`, such as a zip member or a test's data)."""
    if len(data) > limits.max_file_bytes:
        raise ImportFormatError(source, "is too large.")
    return load_json(data, source)


def clean_text(text: str) -> str:
    """Text safe to seal: a lone surrogate (invalid Unicode) becomes U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def text_field(
    item: Mapping[str, object], name: str, source: str, index: int, *, required: bool = False
) -> str | None:
    """A string field of an entry: None if absent (and not required)."""
    if name not in item or item[name] is None:
        if required:
            raise ImportFormatError(source, "is missing.", index=index, field=name)
        return None
    value = item[name]
    if not isinstance(value, str):
        raise ImportFormatError(source, "should be text.", index=index, field=name)
    return clean_text(value)


def tags_field(item: Mapping[str, object], name: str, source: str, index: int) -> tuple[str, ...]:
    """A list-of-text field (tags); absent means none."""
    value = item.get(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ImportFormatError(source, "should be a list of text.", index=index, field=name)
    return tuple(clean_text(tag) for tag in value)


def bool_field(item: Mapping[str, object], name: str, source: str, index: int) -> bool:
    value = item.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ImportFormatError(source, "should be true or false.", index=index, field=name)
    return value


def entry_list(document: object, source: str, limits: ImportLimits, hint: str) -> list[object]:
    """The ``entries`` list of an export's top object, within the entry cap."""
    items = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise ImportFormatError(source, f"has no list of entries. {hint}")
    if len(items) > limits.max_entries:
        raise ImportFormatError(source, f"holds more than {limits.max_entries:,} entries.")
    return items


def check_entry_size(
    title: str, body: str, source: str, index: int | None, limits: ImportLimits
) -> None:
    # Four bytes per character at most: a cheap bound before encoding.
    if 4 * (len(title) + len(body)) <= limits.max_entry_bytes:
        return
    size = len(title.encode("utf-8", "replace")) + len(body.encode("utf-8", "replace"))
    if size > limits.max_entry_bytes:
        raise ImportFormatError(
            source,
            f"is larger than {human_size(limits.max_entry_bytes)}, more than one entry can hold.",
            index=index,
        )


def plausible(moment: datetime, source: str, index: int | None, name: str) -> datetime:
    """A date within years 1000-9000, made timezone-aware (naive means local time)."""
    if not 1000 <= moment.year <= 9000:
        raise ImportFormatError(source, "is not a plausible date.", index=index, field=name)
    try:
        return aware(moment)
    except (OverflowError, OSError, ValueError):
        raise ImportFormatError(
            source, "is not a plausible date.", index=index, field=name
        ) from None


def without_tag_mark(tag: str) -> str:
    """``@morning`` or ``#morning`` -> ``morning`` (jrnl and others mark tags so)."""
    return tag[1:] if tag[:1] in "@#" else tag


# ------------------------------------------------------------ the one writer


def one_line(text: str) -> str:
    """A title as Tend keeps it: whitespace (newlines too) collapsed to single spaces."""
    return " ".join(text.split())


def fingerprint(created: datetime, title: str, body: str) -> str:
    """What makes two entries the same for re-import: the minute, title and text.

    Held in memory only, never stored.
    """
    minute = aware(created).astimezone(UTC).replace(second=0, microsecond=0)
    digest = hashlib.sha256()
    for part in (minute.isoformat(), one_line(title), body.strip()):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def existing_fingerprints(entries: Iterable[Entry]) -> set[str]:
    return {fingerprint(entry.created, entry.title, entry.body) for entry in entries}


def summarize(
    parsed: ParsedImport, existing: Iterable[Entry] | None = None, sample_size: int = SAMPLE_SIZE
) -> ImportPreview:
    """An :class:`ImportPreview` of a parsed source (and, given the journal's
    entries, how many of them it already has)."""
    entries = parsed.entries
    ordered = sorted(entries, key=lambda entry: entry.created)
    duplicates = None
    if existing is not None:
        seen = existing_fingerprints(existing)
        duplicates = 0
        for entry in entries:
            key = fingerprint(entry.created, entry.title, entry.body)
            if key in seen:
                duplicates += 1
            seen.add(key)
    return ImportPreview(
        source=parsed.source,
        format=parsed.format,
        count=len(entries),
        sample=tuple(
            PreviewItem(entry.created, _sample_title(entry)) for entry in ordered[:sample_size]
        ),
        first=ordered[0].created if ordered else None,
        last=ordered[-1].created if ordered else None,
        problems=parsed.problems,
        duplicates=duplicates,
    )


class ImportTarget(Protocol):
    """What an import needs of a journal: a Journal, or a stand-in a worker may use."""

    def entries(self, *, include_trash: bool = False) -> list[Entry]: ...

    def add_many(
        self,
        entries: Sequence[Entry],
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[Entry]: ...


def _sample_title(entry: ParsedEntry) -> str:
    if entry.title.strip():
        return " ".join(entry.title.split())
    for line in entry.body.splitlines():
        text = line.strip().lstrip("#>*-+ ").strip()
        if text:
            return text[:80]
    return ""


def run_import(
    journal: ImportTarget,
    parsed: ParsedImport,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportReport:
    """Add the parsed entries that are not already in the journal, all in one go.

    An entry counts as already there when one (in the journal, its trash, or
    earlier in the same source) has the same time to the minute, title and text.
    Everything new is written in ONE transaction: stopping (``cancelled``), a
    crash or an error leaves the journal exactly as it was.

    Args:
        journal: an open, unlocked journal.
        parsed: what an importer's ``parse`` returned.
        progress: ``progress(done, total)``, preparing then sealing.
        cancelled: polled every few hundred entries; True raises Cancelled
            and nothing is imported.
    """
    seen = existing_fingerprints(journal.entries(include_trash=True))
    total = len(parsed.entries)
    new: list[Entry] = []
    skipped = 0

    def preparing(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, 2 * total)

    for _, item in progress_loop(parsed.entries, preparing, cancelled):
        assert isinstance(item, ParsedEntry)
        key = fingerprint(item.created, item.title, item.body)
        if key in seen:
            skipped += 1
            continue
        seen.add(key)
        created = aware(item.created)
        updated = aware(item.updated) if item.updated else created
        new.append(
            Entry(
                id=new_record_id(),
                created=created,
                updated=max(created, updated),
                title=one_line(item.title),
                body=item.body,
                tags=clean_tags(item.tags),
            )
        )

    def sealing(done: int, count: int) -> None:
        if progress is not None:
            progress(total + (done * total // count if count else total), 2 * total)

    if new:
        journal.add_many(new, progress=sealing, cancelled=cancelled)
    elif progress is not None:
        progress(2 * total, 2 * total)
    return ImportReport(len(new), skipped, parsed.problems)
