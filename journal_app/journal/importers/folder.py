"""A folder of notes: every ``.md``, ``.markdown`` and ``.txt`` file becomes an entry.

Sub-folders are read too; hidden files and folders (names starting with ".")
and links are not. Only regular files are read: a named pipe, a socket or a
device with a note's name is left out and named in the import's problems (opening
a pipe would wait forever for a writer). For each file:

- **date**: front matter ``date:`` (``2024-03-05``, ``2024-03-05 10:30``, or a
  full ISO 8601 time), else a date in the file's name (``2024-03-05`` or
  ``20240305``, optionally followed by a time such as ``T0930`` or ``_09-30``),
  else the file's modification time. A day without a time is taken at noon,
  the time least likely to move to another day if the time zone changes.
- **title**: front matter ``title:``, else the first ``# `` heading (taken out of
  the text when it is the first line), else the file's name without its date.
- **tags**: front matter ``tags: [a, b]``, ``tags: a, b`` or a ``- a`` list.
- **text**: everything after the front matter, as written.

Front matter is the block at the very top between two ``---`` lines (YAML-like;
only the simple ``key: value`` forms above are read). Files must be UTF-8 (or
UTF-16 with a byte-order mark); others are read as Windows-1252 text, with a note.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date, datetime, time
from pathlib import Path

from journal_app.journal.files import CancelCheck, Progress, progress_loop
from journal_app.journal.importers.base import (
    ImportFormatError,
    ImportLimits,
    ParsedEntry,
    ParsedImport,
    check_entry_size,
    clean_text,
    human_size,
    limits_or_default,
    plausible,
)

FORMAT = "folder"
SUFFIXES = (".md", ".markdown", ".txt")
NOON = time(12, 0)
FRONT_MATTER_MAX_LINES = 200

_DASHED = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T _.-](\d{2})[-:.h]?(\d{2}))?(?!\d)", re.IGNORECASE
)
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:[T _.-](\d{2})[-:.h]?(\d{2}))?(?!\d)")
_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s?(.*)$")
_LIST_ITEM = re.compile(r"^\s+-\s+(.*)$|^-\s+(.*)$")


def parse(
    path: Path,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ParsedImport:
    """Read every note in the folder ``path``. Reads only.

    Raises:
        ImportFormatError: not a folder, no notes, too many or too large notes,
            a file that is not text.
    """
    folder = Path(path)
    limits = limits_or_default(limits)
    source = folder.name or str(folder)
    if not folder.is_dir():
        raise ImportFormatError(source, "is not a folder.")
    files, problems = _note_files(folder, source, limits)
    if not files:
        raise ImportFormatError(
            source, " ".join(["holds no .md, .markdown or .txt files that can be read.", *problems])
        )
    entries = []
    undated = 0
    unread = 0
    total_bytes = 0
    for _, file in progress_loop(files, progress, cancelled):
        assert isinstance(file, Path)
        name = file.relative_to(folder).as_posix()
        try:
            data = _read_note(file, name, limits)
        except _NotAFile as exc:
            problems.append(_left_out(name, exc.kind))
            continue
        total_bytes += len(data)
        if total_bytes > limits.max_file_bytes:
            raise ImportFormatError(
                source, f"holds more than {human_size(limits.max_file_bytes)} of notes."
            )
        text, guessed = _decode(data, name)
        unread += guessed
        entry, notes, dated = parse_note(text, file, name)
        problems.extend(notes)
        if entry is None:
            problems.append(f"{name} is empty and was left out.")
            continue
        undated += not dated
        check_entry_size(entry.title, entry.body, name, None, limits)
        entries.append(entry)
    if undated:
        noun = "note has" if undated == 1 else "notes have"
        problems.append(f"{undated} {noun} no date; the file's last change was used.")
    if unread:
        noun = "note was" if unread == 1 else "notes were"
        problems.append(f"{unread} {noun} not UTF-8 and read as Windows-1252 text.")
    return ParsedImport(source, FORMAT, tuple(entries), tuple(problems))


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((words for test, words in _SPECIAL_KINDS if test(mode)), "a special file")


class _NotAFile(Exception):
    """What is at a note's path, once opened, is not a regular file."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _left_out(name: str, kind: str) -> str:
    return f"{name} was left out: it is {kind}, not a file that can be read."


def _note_files(folder: Path, source: str, limits: ImportLimits) -> tuple[list[Path], list[str]]:
    """The regular files with a note's name, and a sentence for each other file left out.

    Looked at without following links and without opening anything, so a named
    pipe (whose opening would wait for a writer) is only ever named, never read.
    """
    found: list[Path] = []
    problems: list[str] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            file = Path(root) / name
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            try:
                mode = file.lstat().st_mode
            except OSError:
                continue  # gone since the folder was listed
            if stat.S_ISLNK(mode):
                continue
            if not stat.S_ISREG(mode):
                problems.append(_left_out(file.relative_to(folder).as_posix(), _kind(mode)))
                continue
            found.append(file)
            if len(found) > limits.max_entries:
                raise ImportFormatError(source, f"holds more than {limits.max_entries:,} notes.")
    return found, problems


# Opening never waits (a pipe swapped in after the listing opens at once, and is
# then seen for what it is), never follows a link, and reads bytes as they are.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
)


def _read_note(file: Path, name: str, limits: ImportLimits) -> bytes:
    """The note's bytes.

    The type is checked on the opened descriptor, so a note replaced by a pipe or
    a device between listing and reading is still never read from.

    Raises:
        _NotAFile: what is there now is not a regular file (its kind in words).
        ImportFormatError: too large, or it could not be read.
    """
    try:
        descriptor = os.open(file, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise _NotAFile(_kind(status.st_mode))
            if status.st_size > limits.max_entry_bytes:
                raise ImportFormatError(
                    name,
                    f"is larger than {human_size(limits.max_entry_bytes)}, too large for a note.",
                )
            data = handle.read(limits.max_entry_bytes + 1)
    except OSError as exc:
        raise ImportFormatError(name, f"could not be read ({exc.strerror or exc}).") from None
    if len(data) > limits.max_entry_bytes:
        raise ImportFormatError(
            name, f"is larger than {human_size(limits.max_entry_bytes)}, too large for a note."
        )
    return data


def _decode(data: bytes, name: str) -> tuple[str, bool]:
    """The note's text, and whether its encoding had to be guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return clean_text(data.decode("utf-16")), False
        except UnicodeDecodeError:
            raise ImportFormatError(name, "is not a text file that can be read.") from None
    try:
        text = data.decode("utf-8-sig")
        guessed = False
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportFormatError(name, "is not a text file that can be read.") from None
        guessed = True
    if "\x00" in text:
        raise ImportFormatError(name, "is not a text file that can be read.")
    return clean_text(text), guessed


def split_front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """The simple ``key: value`` pairs of a leading ``---`` block, and the rest."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    end = None
    for number in range(1, min(len(lines), FRONT_MATTER_MAX_LINES)):
        if lines[number].rstrip() in ("---", "..."):
            end = number
            break
    if end is None:
        return {}, text
    values: dict[str, str | list[str]] = {}
    key: str | None = None
    for line in lines[1:end]:
        line = line.rstrip("\r")
        item = _LIST_ITEM.match(line)
        if item and key is not None:
            current = values.get(key)
            entry = _unquote(item.group(1) or item.group(2) or "")
            values[key] = [*current, entry] if isinstance(current, list) else [entry]
            continue
        match = _KEY.match(line)
        if match:
            key = match.group(1).lower()
            value = match.group(2).strip()
            values[key] = _unquote(value) if value else []
    return values, "\n".join(lines[end + 1 :])


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _tags(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1]
        value = text.split(",")
    return tuple(tag for tag in (_unquote(part).lstrip("#") for part in value) if tag)


def parse_front_matter_date(value: str) -> datetime | None:
    """``2024-03-05`` (noon), ``2024-03-05 10:30``, ISO 8601; None if not a date."""
    text = value.strip().replace("/", "-")
    if not text:
        return None
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), NOON)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def date_from_name(stem: str) -> tuple[datetime, tuple[int, int]] | None:
    """A date (and time) in a file name, and where in the name it was."""
    for pattern in (_DASHED, _COMPACT):
        for match in pattern.finditer(stem):
            year, month, day, hour, minute = match.groups()
            try:
                day_ = date(int(year), int(month), int(day))
            except ValueError:
                continue
            if not 1900 <= day_.year <= 2200:
                continue
            at = NOON
            if hour is not None and minute is not None:
                try:
                    at = time(int(hour), int(minute))
                except ValueError:
                    at = NOON
            return datetime.combine(day_, at), match.span()
    return None


def _title_from_body(body: str) -> tuple[str, str]:
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("# "):
        title = lines[first].strip()[2:].strip()
        return title, "\n".join(lines[first + 1 :]).lstrip("\n")
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip(), body
    return "", body


def parse_note(text: str, file: Path, name: str) -> tuple[ParsedEntry | None, list[str], bool]:
    """One note -> (its entry or None if empty, notes for the person, whether it was dated)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, rest = split_front_matter(text)
    problems: list[str] = []
    created: datetime | None = None
    raw_date = meta.get("date")
    if isinstance(raw_date, str) and raw_date:
        created = parse_front_matter_date(raw_date)
        if created is None:
            problems.append(f"{name}: the date '{raw_date[:40]}' was not understood.")
    named = date_from_name(file.stem)
    if created is None and named is not None:
        created = named[0]
    dated = created is not None
    if created is None:
        try:
            created = datetime.fromtimestamp(file.stat().st_mtime).replace(second=0, microsecond=0)
        except (OSError, OverflowError, ValueError):
            created = datetime.now().replace(second=0, microsecond=0)
    created = plausible(created, name, None, "date")
    title = meta.get("title") if isinstance(meta.get("title"), str) else ""
    body = rest.lstrip("\n").rstrip()
    if not title:
        title, body = _title_from_body(body)
        body = body.rstrip()
    if not body.strip() and not str(title).strip():
        return None, problems, dated
    if not title:
        stem = file.stem
        if named is not None:
            start, end = named[1]
            stem = stem[:start] + " " + stem[end:]
        title = " ".join(stem.replace("_", " ").split()).strip(" -.")
    tags = _tags(meta.get("tags", meta.get("tag")))
    return ParsedEntry(created, str(title).strip(), body, tags), problems, dated
