"""Prompt packs: a therapist's own prompts, as a TOML file the person imports.

A pack is checked whole before anything is kept: valid UTF-8 TOML of a sane
size, the required fields with the right types, unique ids, known themes, and
the wording rules of CONTENT.md. A pack that fails says which line or field, and
nothing of it is imported. Accepted packs live inside the encrypted vault.

The format (documented with a full example in the README)::

    [pack]
    name = "Between our sessions"        # required
    author = "Dr Sam Rivera"             # required
    description = "For the weeks ahead"  # optional
    id = "rivera-between-sessions"       # optional; made from name and author

    [[prompts]]
    id = "kind-words"                    # required, unique in the pack
    text = "What kind words did you hear this week?"   # required
    theme = "people"                     # optional: understanding|people|coping|values
    follow_up = "Who said them?"         # optional
    heavy = false                        # optional: true shows a gentle note first
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, replace
from typing import Any

from journal_app.journal.prompts import THEME_ORDER, Prompt
from journal_app.journal.wording import Violation, check_prompt, check_text

PACK_KIND = "pack"
MAX_FILE_BYTES = 256 * 1024
MAX_PROMPTS = 300
MAX_TEXT = 300
MAX_FOLLOW_UP = 300
MAX_NAME = 100
MAX_DESCRIPTION = 500
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
PACK_FIELDS = {"id", "name", "author", "description"}
PROMPT_FIELDS = {"id", "text", "theme", "follow_up", "heavy"}


class PackError(ValueError):
    """A pack that cannot be imported, with where and what, for the person."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    name: str
    author: str
    description: str
    prompts: tuple[Prompt, ...]
    enabled: bool = True

    def to_payload(self) -> bytes:
        data = {
            "id": self.id,
            "name": self.name,
            "author": self.author,
            "description": self.description,
            "enabled": self.enabled,
            "prompts": [
                {
                    "id": prompt.id,
                    "text": prompt.text,
                    "theme": prompt.theme,
                    "follow_up": prompt.follow_up,
                    "heavy": prompt.heavy,
                }
                for prompt in self.prompts
            ],
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_payload(cls, payload: bytes) -> Pack:
        data = json.loads(payload)
        pack_id = str(data["id"])
        return cls(
            id=pack_id,
            name=str(data["name"]),
            author=str(data["author"]),
            description=str(data.get("description") or ""),
            enabled=bool(data.get("enabled", True)),
            prompts=tuple(
                Prompt(
                    id=scoped_id(pack_id, str(item["id"])),
                    text=str(item["text"]),
                    theme=item.get("theme"),
                    follow_up=str(item.get("follow_up") or ""),
                    heavy=bool(item.get("heavy", False)),
                    source=pack_id,
                )
                for item in data["prompts"]
            ),
        )

    def with_enabled(self, enabled: bool) -> Pack:
        return replace(self, enabled=enabled)


def scoped_id(pack_id: str, prompt_id: str) -> str:
    """Pack prompt ids are scoped by their pack, so they never meet built-in ids."""
    if prompt_id.startswith(f"pack:{pack_id}:"):
        return prompt_id
    return f"pack:{pack_id}:{prompt_id}"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60] or "pack"


def _text_field(table: dict[str, Any], key: str, where: str, limit: int, required: bool) -> str:
    if key not in table:
        if required:
            raise PackError(where, f"the field '{key}' is missing")
        return ""
    value = table[key]
    if not isinstance(value, str):
        raise PackError(f"{where}.{key}", "must be text in quotes")
    value = value.strip()
    if required and not value:
        raise PackError(f"{where}.{key}", "must not be empty")
    if len(value) > limit:
        raise PackError(f"{where}.{key}", f"is {len(value)} characters; the most is {limit}")
    if "\x00" in value:
        raise PackError(f"{where}.{key}", "contains a character that is not text")
    return value


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise PackError(
            "", f"the file is larger than a prompt pack can be ({MAX_FILE_BYTES // 1024} KB)"
        )
    if b"\x00" in raw:
        raise PackError("", "this file is not a text file, so it cannot be a prompt pack")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PackError(f"line {line}", "the file is not UTF-8 text") from None


def _parse_toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        problem = re.sub(r"\s*\(at .*?\)$", "", message) or "not valid TOML"
        where = f"line {match.group(1)}, column {match.group(2)}" if match else "the file"
        raise PackError(
            where, f"{problem[0].lower()}{problem[1:]} (this is not valid TOML)"
        ) from None


def _wording(where: str, found: list[Violation]) -> None:
    if found:
        words = "; ".join(str(item) for item in found)
        raise PackError(where, f"uses wording Tend keeps out of prompts ({words})")


def parse_pack(raw: bytes) -> Pack:
    """Check and read a pack file's bytes; raise PackError naming the line or field."""
    data = _parse_toml(_decode(raw))
    header = data.get("pack")
    if not isinstance(header, dict):
        raise PackError("[pack]", "the table is missing (it holds the pack's name and author)")
    unknown = set(header) - PACK_FIELDS
    if unknown:
        raise PackError("[pack]", f"unknown field '{sorted(unknown)[0]}'")
    name = _text_field(header, "name", "pack", MAX_NAME, True)
    author = _text_field(header, "author", "pack", MAX_NAME, True)
    description = _text_field(header, "description", "pack", MAX_DESCRIPTION, False)
    pack_id = _text_field(header, "id", "pack", 64, False) or _slug(f"{author}-{name}")
    if not ID_PATTERN.match(pack_id):
        raise PackError("pack.id", "use letters, digits, '.', '_' or '-' (up to 64)")
    _wording("pack.name", check_text(name))
    _wording("pack.description", check_text(description))

    items = data.get("prompts")
    if items is None:
        raise PackError("[[prompts]]", "the pack has no prompts")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise PackError("prompts", "must be [[prompts]] tables")
    if not items:
        raise PackError("[[prompts]]", "the pack has no prompts")
    if len(items) > MAX_PROMPTS:
        raise PackError("prompts", f"has {len(items)} prompts; the most is {MAX_PROMPTS}")
    extra = set(data) - {"pack", "prompts"}
    if extra:
        raise PackError(f"[{sorted(extra)[0]}]", "is not part of a prompt pack")

    prompts: list[Prompt] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        where = f"prompts[{index + 1}]"
        unknown = set(item) - PROMPT_FIELDS
        if unknown:
            raise PackError(where, f"unknown field '{sorted(unknown)[0]}'")
        prompt_id = _text_field(item, "id", where, 64, True)
        if not ID_PATTERN.match(prompt_id):
            raise PackError(f"{where}.id", "use letters, digits, '.', '_' or '-' (up to 64)")
        if prompt_id in seen:
            raise PackError(
                f"{where}.id", f"'{prompt_id}' is already the id of prompts[{seen[prompt_id]}]"
            )
        seen[prompt_id] = index + 1
        text = _text_field(item, "text", where, MAX_TEXT, True)
        follow_up = _text_field(item, "follow_up", where, MAX_FOLLOW_UP, False)
        theme = item.get("theme")
        if theme is not None and theme not in THEME_ORDER:
            raise PackError(f"{where}.theme", f"must be one of: {', '.join(THEME_ORDER)}")
        heavy = item.get("heavy", False)
        if not isinstance(heavy, bool):
            raise PackError(f"{where}.heavy", "must be true or false")
        _wording(f"{where}.text", check_prompt(text))
        _wording(f"{where}.follow_up", check_text(follow_up))
        prompts.append(
            Prompt(
                id=scoped_id(pack_id, prompt_id),
                text=text,
                theme=theme,
                follow_up=follow_up,
                heavy=heavy,
                source=pack_id,
            )
        )
    return Pack(pack_id, name, author, description, tuple(prompts))
