"""The person's prompts: built-in themes, their imported packs, and what was offered.

Packs and the history of offered prompts say something about the person (which
themes they write on, which therapist's prompts they use), so both live inside
the vault as sealed records, like entries.

Tend ships a few sample packs (``resources/packs/*.toml``). Turning one on imports
it into the vault like any other pack, so the journal itself records which ones
the person uses, sealed, and nothing about it is kept beside the journal.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache

from journal_app.assets import resource
from journal_app.journal.packs import PACK_KIND, Pack, parse_pack
from journal_app.journal.prompts import (
    Catalogue,
    Prompt,
    Theme,
    builtin_catalogue,
    choose_prompt,
    remember,
)
from journal_app.vault import ReadResult, Vault
from journal_app.vault.store import new_record_id

STATE_KIND = "state"
SAMPLE_FOLDER = "packs"


@lru_cache(maxsize=1)
def sample_packs() -> tuple[Pack, ...]:
    """The packs that come with Tend, in their files' order; each passes the pack check
    (a test holds them to it), so a broken one is a packaging mistake and raises."""
    files = sorted(
        (item for item in resource(SAMPLE_FOLDER).iterdir() if item.name.endswith(".toml")),
        key=lambda item: item.name,
    )
    return tuple(parse_pack(item.read_bytes()) for item in files)


class PackExists(ValueError):
    """A pack with the same id is already imported; the caller may replace it."""

    def __init__(self, existing: Pack) -> None:
        self.existing = existing
        super().__init__(
            f"A pack called “{existing.name}” by {existing.author} is already here. "
            "Replace it with this one?"
        )


@dataclass(frozen=True, slots=True)
class PromptState:
    """Small facts about prompts that are the person's own: what was offered when."""

    history: tuple[str, ...] = ()

    def to_payload(self) -> bytes:
        return json.dumps({"prompt_history": list(self.history)}).encode("utf-8")

    @classmethod
    def from_payload(cls, payload: bytes) -> PromptState:
        data = json.loads(payload)
        return cls(tuple(str(item) for item in data.get("prompt_history", ())))


class PromptLibrary:
    """Built-in prompts plus the vault's packs, and the fair choice between them."""

    def __init__(
        self, vault: Vault, rng: random.Random | None = None, *, load: bool = True
    ) -> None:
        self.vault = vault
        self._rng = rng or random.Random()
        self._packs: dict[str, tuple[str, Pack]] = {}  # pack id -> (record id, pack)
        self._state = PromptState()
        self._state_record: str | None = None
        self.damaged: list[str] = []
        if load:
            self.load()

    def load(self, everything: ReadResult | None = None) -> None:
        """Read packs and history; from ``everything`` if the caller already read it all."""
        packs: dict[str, tuple[str, Pack]] = {}
        damaged: list[str] = []
        result = self.vault.read_kind(PACK_KIND, everything)
        damaged.extend(result.damaged)
        for record in result.records:
            try:
                pack = Pack.from_payload(record.payload)
            except (ValueError, KeyError, TypeError):
                damaged.append(record.id)
                continue
            packs[pack.id] = (record.id, pack)
        state_result = self.vault.read_kind(STATE_KIND, everything)
        damaged.extend(state_result.damaged)
        self._state, self._state_record = PromptState(), None
        for record in state_result.records:
            try:
                self._state = PromptState.from_payload(record.payload)
                self._state_record = record.id
            except (ValueError, TypeError):
                damaged.append(record.id)
        self._packs = packs
        self.damaged = damaged

    def clear(self) -> None:
        """Forget packs and history on lock; they return with the next unlock."""
        self._packs = {}
        self._state = PromptState()
        self._state_record = None

    # ------------------------------------------------------------------ reading

    @property
    def themes(self) -> tuple[Theme, ...]:
        return builtin_catalogue().themes

    def packs(self) -> list[Pack]:
        return sorted((pack for _, pack in self._packs.values()), key=lambda p: p.name.casefold())

    def catalogue(self) -> Catalogue:
        """Built-in prompts and those of every enabled pack."""
        extra = [
            prompt for _, pack in self._packs.values() if pack.enabled for prompt in pack.prompts
        ]
        return builtin_catalogue().with_prompts(extra)

    def prompt(self, prompt_id: str) -> Prompt | None:
        """Any known prompt, including those of a pack that is turned off."""
        found = builtin_catalogue().prompt(prompt_id)
        if found is None:
            for _, pack in self._packs.values():
                found = next((p for p in pack.prompts if p.id == prompt_id), None)
                if found is not None:
                    break
        return found

    def theme(self, theme_id: str | None) -> Theme | None:
        return builtin_catalogue().theme(theme_id) if theme_id else None

    @property
    def history(self) -> tuple[str, ...]:
        return self._state.history

    # ----------------------------------------------------------------- choosing

    def next_prompt(self, theme_id: str | None) -> Prompt | None:
        """The next prompt for a theme (None: any), remembered as offered."""
        prompt = choose_prompt(self.catalogue(), theme_id, self._state.history, self._rng)
        if prompt is not None:
            self._save_state(PromptState(tuple(remember(self._state.history, prompt.id))))
        return prompt

    def _save_state(self, state: PromptState) -> None:
        record_id = self._state_record or new_record_id()
        self.vault.put(STATE_KIND, state.to_payload(), record_id)
        self._state, self._state_record = state, record_id

    # -------------------------------------------------------------------- packs

    def import_pack(self, pack: Pack, *, replace: bool = False) -> Pack:
        """Keep a checked pack in the vault; an existing one is replaced only if asked."""
        existing = self._packs.get(pack.id)
        if existing is not None and not replace:
            raise PackExists(existing[1])
        record_id = existing[0] if existing else new_record_id()
        self.vault.put(PACK_KIND, pack.to_payload(), record_id)
        self._packs[pack.id] = (record_id, pack)
        return pack

    def set_pack_enabled(self, pack_id: str, enabled: bool) -> Pack:
        record_id, pack = self._packs[pack_id]
        updated = pack.with_enabled(enabled)
        self.vault.put(PACK_KIND, updated.to_payload(), record_id)
        self._packs[pack_id] = (record_id, updated)
        return updated

    def remove_pack(self, pack_id: str) -> None:
        """Delete a pack for good. Entries written with its prompts keep their text."""
        record_id, _ = self._packs.pop(pack_id)
        self.vault.delete([record_id])
