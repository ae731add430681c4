"""Every problem in a prompt pack, in plain words, before anyone imports it.

A therapist checks a pack before sending it (``tend pack check FILE``, or "Check
a pack…" in the Prompt packs window) and wants the whole list at once, each
problem with the prompt's number ("Prompt 3: …"), not one at a time. The same
walk backs the import: :func:`journal_app.journal.packs.parse_pack` refuses a
pack with any problem, naming the first.

Each :class:`Finding` keeps the refused words apart from its sentence: the
therapist is shown them, and the person importing a pack never has them repeated
back (:meth:`Finding.sentence` with ``show_word=False``).

Only a file that cannot be read at all (too large, not text, not TOML) stops the
walk at its first problem; everything after that is checked field by field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal_app.journal.prompts import THEME_ORDER, Prompt
from journal_app.journal.wording import Violation, check_prompt, check_text

MAX_FILE_BYTES = 256 * 1024
MAX_PROMPTS = 300
MAX_TEXT = 300
MAX_FOLLOW_UP = 300
MAX_NAME = 100
MAX_DESCRIPTION = 500
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
ID_RULE = "use letters, digits, '.', '_' or '-' (up to 64)"
PACK_FIELDS = {"id", "name", "author", "description"}
PROMPT_FIELDS = {"id", "text", "theme", "follow_up", "heavy"}
PACK_PLACES = {
    "pack": "The pack",
    "pack.name": "The pack's name",
    "pack.author": "The pack's author",
    "pack.description": "The pack's description",
    "pack.id": "The pack's id",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where (for programs and for people), what, and any refused words.

    ``where`` names the field as the file does (``prompts[3].text``); ``place`` says
    it as a person would ("Prompt 3"). ``discreet`` is ``problem`` without the
    refused words, or "" when the problem names none.
    """

    where: str
    place: str
    problem: str
    word: str = ""
    discreet: str = ""
    prompt: int | None = None

    def sentence(self, *, show_word: bool = True) -> str:
        """ "Prompt 3: …", or the problem alone when it is about the whole file."""
        problem = self.discreet if self.discreet and not show_word else self.problem
        problem = problem.rstrip(".")
        if not self.place:
            return f"{problem[:1].upper()}{problem[1:]}."
        if problem[1:2].islower():  # "Prompt 4: it asks…", as the structural ones read
            problem = f"{problem[:1].lower()}{problem[1:]}"
        return f"{self.place}: {problem}."

    def what(self, *, show_word: bool = True) -> str:
        """The problem alone, as a sentence, for a list that shows the place apart."""
        problem = self.discreet if self.discreet and not show_word else self.problem
        return f"{problem[:1].upper()}{problem[1:].rstrip('.')}."


class PackError(ValueError):
    """A pack that cannot be imported: its first problem, in the person's words."""

    def __init__(self, where: str, problem: str, finding: Finding | None = None) -> None:
        self.where = where
        self.problem = problem
        self.finding = finding or Finding(where, _place(where), problem)
        super().__init__(self.finding.sentence())

    @classmethod
    def from_finding(cls, finding: Finding) -> PackError:
        return cls(finding.where, finding.problem, finding)


@dataclass(frozen=True, slots=True)
class Header:
    """The ``[pack]`` table's values, once checked."""

    id: str
    name: str
    author: str
    description: str


@dataclass(frozen=True, slots=True)
class PackCheck:
    """What a check found: every problem, and the pack's values when there are none."""

    findings: tuple[Finding, ...]
    prompt_count: int = 0
    header: Header | None = None
    prompts: tuple[Prompt, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.findings


def _place(where: str) -> str:
    """``prompts[3].text`` -> "Prompt 3"; ``pack.name`` -> "The pack's name"."""
    match = re.match(r"prompts\[(\d+)\](\.follow_up)?", where)
    if match:
        number = match.group(1)
        return f"The follow-up of prompt {number}" if match.group(2) else f"Prompt {number}"
    return PACK_PLACES.get(where, "")


def _prompt_number(where: str) -> int | None:
    match = re.match(r"prompts\[(\d+)\]", where)
    return int(match.group(1)) if match else None


def scoped_id(pack_id: str, prompt_id: str) -> str:
    """Pack prompt ids are scoped by their pack, so they never meet built-in ids."""
    if prompt_id.startswith(f"pack:{pack_id}:"):
        return prompt_id
    return f"pack:{pack_id}:{prompt_id}"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60] or "pack"


class _Unreadable(Exception):
    """The file cannot be read as TOML at all: nothing after this can be checked."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(problem)
        self.finding = Finding(where, "", problem)


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _Unreadable(
            "", f"the file is larger than a prompt pack can be ({MAX_FILE_BYTES // 1024} KB)"
        )
    if b"\x00" in raw:
        raise _Unreadable("", "this file is not a text file, so it cannot be a prompt pack")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _Unreadable(
            f"line {line}", f"the file is not UTF-8 text (line {line} is not)"
        ) from None


def _parse_toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        problem = re.sub(r"\s*\(at .*?\)$", "", message) or "not valid TOML"
        problem = f"{problem[0].lower()}{problem[1:]}".replace("illegal", "unexpected")
        where = f"line {match.group(1)}, column {match.group(2)}" if match else "the file"
        raise _Unreadable(where, f"at {where}, {problem} (this is not valid TOML)") from None


@dataclass
class _Walk:
    """One pass over a parsed pack, noting every problem instead of stopping."""

    findings: list[Finding] = field(default_factory=list)

    def note(self, where: str, problem: str) -> None:
        self.findings.append(Finding(where, _place(where), problem, prompt=_prompt_number(where)))

    def wording(self, where: str, found: list[Violation]) -> None:
        for item in found:
            discreet = item.explain(show_word=False) if item.names_words else ""
            self.findings.append(
                Finding(
                    where,
                    _place(where),
                    item.explain(),
                    item.word if item.names_words else "",
                    discreet,
                    _prompt_number(where),
                )
            )

    def text(self, table: dict[str, Any], key: str, where: str, limit: int, required: bool) -> str:
        """The field's text, or "" after noting why it cannot be used."""
        if key not in table:
            if required:
                self.note(where, f"the field '{key}' is missing")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.note(f"{where}.{key}", f"'{key}' must be text in quotes")
            return ""
        value = value.strip()
        if required and not value:
            self.note(f"{where}.{key}", f"'{key}' must not be empty")
        elif len(value) > limit:
            self.note(f"{where}.{key}", f"'{key}' is {len(value)} characters; the most is {limit}")
        elif "\x00" in value:
            self.note(f"{where}.{key}", f"'{key}' contains a character that is not text")
        else:
            return value
        return ""

    def header(self, data: dict[str, Any]) -> Header:
        table = data.get("pack")
        if not isinstance(table, dict):
            self.note("[pack]", "the [pack] table is missing (it holds the pack's name and author)")
            table = {}
        for unknown in sorted(set(table) - PACK_FIELDS):
            self.note("pack", f"'{unknown}' is an unknown field")
        name = self.text(table, "name", "pack", MAX_NAME, True)
        author = self.text(table, "author", "pack", MAX_NAME, True)
        description = self.text(table, "description", "pack", MAX_DESCRIPTION, False)
        pack_id = self.text(table, "id", "pack", 64, False) or _slug(f"{author}-{name}")
        if not ID_PATTERN.match(pack_id):
            self.note("pack.id", f"its id must {ID_RULE}")
        self.wording("pack.name", check_text(name))
        self.wording("pack.description", check_text(description))
        for extra in sorted(set(data) - {"pack", "prompts"}):
            self.note(f"[{extra}]", f"[{extra}] is not part of a prompt pack")
        return Header(pack_id, name, author, description)

    def items(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        items = data.get("prompts")
        if items is None or items == []:
            self.note("[[prompts]]", "the pack has no prompts")
            return []
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            self.note("prompts", "the prompts must be [[prompts]] tables")
            return []
        if len(items) > MAX_PROMPTS:
            self.note("prompts", f"it has {len(items)} prompts; the most is {MAX_PROMPTS}")
        return items

    def prompt(
        self, item: dict[str, Any], number: int, pack_id: str, seen: dict[str, int]
    ) -> Prompt:
        where = f"prompts[{number}]"
        for unknown in sorted(set(item) - PROMPT_FIELDS):
            self.note(where, f"'{unknown}' is an unknown field")
        prompt_id = self.text(item, "id", where, 64, True)
        if prompt_id and not ID_PATTERN.match(prompt_id):
            self.note(f"{where}.id", f"its id must {ID_RULE}")
        elif prompt_id in seen:
            self.note(f"{where}.id", f"'{prompt_id}' is already the id of prompt {seen[prompt_id]}")
        elif prompt_id:
            seen[prompt_id] = number
        text = self.text(item, "text", where, MAX_TEXT, True)
        follow_up = self.text(item, "follow_up", where, MAX_FOLLOW_UP, False)
        theme = item.get("theme")
        if theme is not None and theme not in THEME_ORDER:
            self.note(f"{where}.theme", f"its theme must be one of: {', '.join(THEME_ORDER)}")
            theme = None
        heavy = item.get("heavy", False)
        if not isinstance(heavy, bool):
            self.note(f"{where}.heavy", "'heavy' must be true or false")
            heavy = False
        if text:
            self.wording(f"{where}.text", check_prompt(text))
        self.wording(f"{where}.follow_up", check_text(follow_up))
        return Prompt(
            id=scoped_id(pack_id, prompt_id),
            text=text,
            theme=theme,
            follow_up=follow_up,
            heavy=heavy,
            source=pack_id,
        )


def check_pack(raw: bytes) -> PackCheck:
    """Every problem in a pack file's bytes; its values too when there is none."""
    try:
        data = _parse_toml(_decode(raw))
    except _Unreadable as unreadable:
        return PackCheck((unreadable.finding,))
    walk = _Walk()
    header = walk.header(data)
    items = walk.items(data)
    seen: dict[str, int] = {}
    prompts = tuple(
        walk.prompt(item, number, header.id, seen) for number, item in enumerate(items, 1)
    )
    if walk.findings:
        return PackCheck(tuple(walk.findings), len(items))
    return PackCheck((), len(items), header, prompts)


def _prompts(count: int) -> str:
    return "1 prompt" if count == 1 else f"{count} prompts"


def verdict(check: PackCheck, file_name: str) -> str:
    """The first line of a check's report, the same in the window and on the command line.

    A pack with no problem is "ready to send", not "safe": the check reads wording,
    not meaning, and says only that it sees no problem.
    """
    if check.ok and check.header is not None:
        return (
            f"“{check.header.name}” is ready to send: {_prompts(check.prompt_count)}, "
            "and none has a problem Tend can see."
        )
    count = len(check.findings)
    noun = "problem" if count == 1 else "problems"
    return f"“{file_name}” has {count} {noun} to correct before it is sent."


def read_pack_file(path: Path) -> bytes:
    """A pack file's bytes, never more than a pack may hold (so a huge file is refused
    quickly). PackError if it cannot be read."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise PackError("", f"the file could not be read ({reason.lower()})") from None


def check_pack_file(path: Path) -> PackCheck:
    """Every problem in a pack file, including one that cannot be read."""
    try:
        raw = read_pack_file(path)
    except PackError as error:
        return PackCheck((error.finding,))
    return check_pack(raw)
