"""Day One's JSON export: a loose ``Journal.json``, or the ``.zip`` Day One makes.

The public layout (Day One's "JSON" export)::

    {
      "metadata": {"version": "1.0"},
      "entries": [
        {"uuid": "…", "creationDate": "2024-01-01T10:00:00Z",
         "modifiedDate": "2024-01-01T10:05:00Z", "timeZone": "Europe/London",
         "text": "# A title\\n\\nThe text, in Markdown", "tags": ["walks"],
         "starred": false, "photos": [...], ...},
        ...
      ]
    }

The zip holds one such file per journal (``Journal.json`` for the default one) and
a ``photos/`` folder. Every ``.json`` file at the top of the zip is read, with the
zip's file count and what its journal files unpack to capped (the bytes actually
unpacked are counted, whatever sizes the zip declares), so that a zip bomb is
refused before it is unpacked. Photos, audio and other attachments are never
unpacked and not brought in (the person is told); the text keeps Day One's
references to them. The zip itself may be larger than the cap (photos).

An entry's first line ``# Title`` becomes its title (Day One's backslash escapes
removed there); the rest is its body, kept as written. The time is shown in the
entry's own ``timeZone`` where this computer knows it. A starred entry gets the
tag "starred".
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from journal_app.journal.files import CancelCheck, Progress, progress_loop
from journal_app.journal.importers.base import (
    STARRED_TAG,
    ImportFormatError,
    ImportLimits,
    ParsedEntry,
    ParsedImport,
    bool_field,
    check_entry_size,
    entry_list,
    human_size,
    limits_or_default,
    load_json_capped,
    plausible,
    read_capped,
    tags_field,
    text_field,
)

FORMAT = "dayone"
HINT = "Is it a Day One JSON export (Journal.json, or the .zip Day One makes)?"
ATTACHMENT_KEYS = ("photos", "videos", "audios", "pdfAttachments")
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")
# CommonMark: a backslash before any ASCII punctuation stands for that character.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def parse(
    path: Path,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ParsedImport:
    """Read a Day One export, a ``.json`` file or a ``.zip``. Reads only.

    Raises:
        ImportFormatError: malformed, too big, not a Day One export, a bad zip.
    """
    path = Path(path)
    limits = limits_or_default(limits)
    if path.is_file() and _looks_like_zip(path):
        # A zip with photos may be far larger than any journal file: only its
        # directory and its .json files are read, within the caps.
        return _parse_zip(path, path.name, limits, progress, cancelled)
    data = read_capped(path, limits)
    return parse_bytes(data, path.name, limits, progress, cancelled)


def _looks_like_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        return path.suffix.lower() == ".zip" or head[:2] == b"PK" or zipfile.is_zipfile(path)
    except OSError as exc:
        raise ImportFormatError(path.name, f"could not be read ({exc.strerror or exc}).") from None


def parse_zip_bytes(
    data: bytes,
    source: str,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ParsedImport:
    """Read a Day One ``.zip`` export already in memory; ``source`` names it."""
    return _parse_zip(io.BytesIO(data), source, limits_or_default(limits), progress, cancelled)


def _parse_zip(
    archive_file: Path | io.BytesIO,
    source: str,
    limits: ImportLimits,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> ParsedImport:
    entries: list[ParsedEntry] = []
    problems: list[str] = []
    unpacked = 0
    try:
        with zipfile.ZipFile(archive_file) as archive:
            members = archive.infolist()
            if len(members) > limits.max_zip_members:
                raise ImportFormatError(
                    source, f"lists more than {limits.max_zip_members:,} files."
                )
            journals = [member for member in members if _is_journal_member(member)]
            if not journals:
                raise ImportFormatError(source, f"holds no journal (.json) file. {HINT}")
            declared = sum(member.file_size for member in journals)
            if declared > limits.max_file_bytes:
                raise ImportFormatError(
                    source, f"unpacks to more than {human_size(limits.max_file_bytes)}."
                )
            for member in journals:
                name = f"{source}/{member.filename}"
                if member.flag_bits & 0x1:
                    raise ImportFormatError(name, "is protected by a password.")
                budget = limits.max_file_bytes - unpacked
                with archive.open(member) as handle:
                    # Never trust the sizes a zip declares: read at most the budget.
                    member_data = handle.read(budget + 1)
                unpacked += len(member_data)
                if unpacked > limits.max_file_bytes:
                    raise ImportFormatError(
                        source, f"unpacks to more than {human_size(limits.max_file_bytes)}."
                    )
                parsed = parse_bytes(member_data, name, limits, progress, cancelled)
                entries.extend(parsed.entries)
                problems.extend(parsed.problems)
                if len(entries) > limits.max_entries:
                    raise ImportFormatError(
                        source, f"holds more than {limits.max_entries:,} entries."
                    )
    except ImportFormatError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise ImportFormatError(source, f"is not a zip archive that can be read ({exc}).") from None
    except (RuntimeError, ValueError, OSError) as exc:
        raise ImportFormatError(source, f"could not be unpacked ({exc}).") from None
    return ParsedImport(source, FORMAT, tuple(entries), tuple(problems))


def _is_journal_member(member: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(member.filename).parts
    return (
        not member.is_dir()
        and len(parts) == 1
        and parts[0].lower().endswith(".json")
        and not parts[0].startswith((".", "__MACOSX"))
    )


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo | None:
    if not _ZONE_NAME.match(name) or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except Exception:  # an unknown zone, no time zone database, a folder's name...
        return None


def _instant(
    item: Mapping[str, object], name: str, source: str, index: int, *, required: bool
) -> datetime | None:
    text = text_field(item, name, source, index, required=required)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ImportFormatError(
            source, "is not a date like 2024-01-01T10:00:00Z.", index=index, field=name
        ) from None
    return plausible(moment, source, index, name)


def _unescape(title: str) -> str:
    return _MARKDOWN_ESCAPE.sub(r"\1", title)


def split_title(text: str) -> tuple[str, str]:
    """``"# Title\\n\\nBody"`` -> ``("Title", "Body")``; text without one stays body."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("# ") or stripped == "#":
            title = _unescape(stripped[1:].strip())
            body = "\n".join(lines[number + 1 :]).lstrip("\n")
            return title, body
        break
    return "", text


def parse_bytes(
    data: bytes,
    source: str,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ParsedImport:
    """Read one Day One journal file already in memory; ``source`` names it."""
    limits = limits_or_default(limits)
    document = load_json_capped(data, source, limits)
    items = entry_list(document, source, limits, HINT)
    metadata = document.get("metadata") if isinstance(document, dict) else None
    if metadata is not None and not isinstance(metadata, dict):
        raise ImportFormatError(source, f"has a 'metadata' that is not an object. {HINT}")
    entries = []
    problems = []
    with_attachments = 0
    for index, item in progress_loop(items, progress, cancelled):
        if not isinstance(item, dict):
            raise ImportFormatError(source, f"is not an entry. {HINT}", index=index)
        created = _instant(item, "creationDate", source, index, required=True)
        modified = _instant(item, "modifiedDate", source, index, required=False)
        assert created is not None
        zone_name = text_field(item, "timeZone", source, index)
        zone = _zone(zone_name) if zone_name else None
        if zone is not None:
            created = created.astimezone(zone)
        text = text_field(item, "text", source, index) or ""
        tags = list(tags_field(item, "tags", source, index))
        if bool_field(item, "starred", source, index):
            tags.append(STARRED_TAG)
        if any(isinstance(item.get(key), list) and item.get(key) for key in ATTACHMENT_KEYS):
            with_attachments += 1
        check_entry_size("", text, source, index, limits)
        title, body = split_title(text)
        if not title.strip() and not body.strip():
            problems.append(f"{source}: entry {index + 1} has no text and was left out.")
            continue
        entries.append(ParsedEntry(created, title, body.rstrip(), tuple(tags), modified))
    if with_attachments:
        noun = "entry has" if with_attachments == 1 else "entries have"
        problems.append(
            f"{source}: {with_attachments} {noun} photos or other attachments; "
            "only their text was brought in."
        )
    return ParsedImport(source, FORMAT, tuple(entries), tuple(problems))
