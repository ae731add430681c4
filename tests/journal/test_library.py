"""Packs and prompt history live sealed in the vault and survive lock and reopen."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from journal_app.journal.library import PackExists, PromptLibrary
from journal_app.journal.packs import parse_pack
from journal_app.journal.prompts import builtin_catalogue
from journal_app.vault import KdfParams, Vault
from tests.conftest import PASSPHRASE, find_canaries

PACK = b"""
[pack]
name = "Between our sessions"
author = "Dr Sam Rivera"

[[prompts]]
id = "bring"
text = "What would you like to bring to our next conversation, zephyrine-quillwort?"
theme = "values"
"""


def reopen(path: Path) -> tuple[Vault, PromptLibrary]:
    vault = Vault.open(path)
    vault.unlock(PASSPHRASE)
    return vault, PromptLibrary(vault)


def test_an_imported_pack_is_kept_sealed_and_reads_back(vault: Vault, vault_path: Path) -> None:
    library = PromptLibrary(vault)
    pack = library.import_pack(parse_pack(PACK))
    assert pack.prompts[0] in library.catalogue().pool("values")
    vault.close()
    assert find_canaries([vault_path.parent], ["zephyrine-quillwort", "Between our sessions"]) == []
    again, library = reopen(vault_path)
    with again:
        assert library.packs() == [pack]


def test_the_same_pack_twice_asks_before_replacing(vault: Vault) -> None:
    library = PromptLibrary(vault)
    library.import_pack(parse_pack(PACK))
    with pytest.raises(PackExists, match="already here"):
        library.import_pack(parse_pack(PACK))
    library.import_pack(parse_pack(PACK), replace=True)
    assert len(library.packs()) == 1
    assert vault.count("pack") == 1


def test_a_pack_turned_off_offers_nothing_but_its_prompts_stay_known(vault: Vault) -> None:
    library = PromptLibrary(vault)
    pack = library.import_pack(parse_pack(PACK))
    library.set_pack_enabled(pack.id, False)
    assert pack.prompts[0] not in library.catalogue().prompts
    assert library.prompt(pack.prompts[0].id) == pack.prompts[0]


def test_removing_a_pack_deletes_its_record(vault: Vault, vault_path: Path) -> None:
    library = PromptLibrary(vault)
    pack = library.import_pack(parse_pack(PACK))
    library.remove_pack(pack.id)
    assert library.packs() == []
    vault.close()
    again, library = reopen(vault_path)
    with again:
        assert library.packs() == []
        assert again.count("pack") == 0


def test_prompt_history_survives_reopen_so_a_theme_is_seen_whole_before_repeats(
    vault_path: Path, fast_kdf: KdfParams
) -> None:
    pool = {p.id for p in builtin_catalogue().pool("people")}
    offered: list[str] = []
    vault = Vault.create(vault_path, PASSPHRASE, fast_kdf)
    for _ in range(len(pool)):
        with vault:
            library = PromptLibrary(vault, random.Random(len(offered)))
            prompt = library.next_prompt("people")
            assert prompt is not None
            offered.append(prompt.id)
        vault = Vault.open(vault_path)
        vault.unlock(PASSPHRASE)
    vault.close()
    assert sorted(offered) == sorted(pool)


def test_clear_forgets_packs_and_history(vault: Vault) -> None:
    library = PromptLibrary(vault)
    library.import_pack(parse_pack(PACK))
    library.next_prompt(None)
    library.clear()
    assert library.packs() == []
    assert library.history == ()
