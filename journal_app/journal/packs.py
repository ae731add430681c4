"""Prompt packs: a therapist's own prompts, as a TOML file the person imports.

A pack is checked whole before anything is kept (:mod:`journal_app.journal.pack_check`):
valid UTF-8 TOML of a sane size, the required fields with the right types, unique
ids, known themes, and the wording rules of CONTENT.md. A pack that fails names
its first problem in plain words ("Prompt 3: …"), and nothing of it is imported.
Accepted packs live inside the encrypted vault.

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
from dataclasses import dataclass, replace

from journal_app.journal.pack_check import (
    MAX_FILE_BYTES,
    MAX_PROMPTS,
    PackError,
    check_pack,
    scoped_id,
)
from journal_app.journal.prompts import Prompt

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PROMPTS",
    "PACK_KIND",
    "Pack",
    "PackError",
    "parse_pack",
    "scoped_id",
]

PACK_KIND = "pack"


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


def parse_pack(raw: bytes) -> Pack:
    """Check and read a pack file's bytes; raise PackError naming its first problem."""
    check = check_pack(raw)
    if check.findings or check.header is None:
        raise PackError.from_finding(check.findings[0])
    header = check.header
    return Pack(header.id, header.name, header.author, header.description, check.prompts)
