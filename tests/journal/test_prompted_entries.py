"""An entry written with a prompt keeps the prompt, and can be found by its theme."""

from __future__ import annotations

from journal_app.journal import Journal
from journal_app.journal.packs import parse_pack
from tests.conftest import PASSPHRASE, find_canaries


def test_the_prompt_is_kept_inside_the_entry_and_reads_back(journal: Journal, vault_path) -> None:
    prompt = journal.prompts.next_prompt("people")
    assert prompt is not None and prompt.theme == "people"
    entry = journal.add("Coffee with my sister.", prompt=prompt)
    assert (entry.prompt_id, entry.prompt_text, entry.prompt_theme) == (
        prompt.id,
        prompt.text,
        "people",
    )
    journal.close()
    assert find_canaries([vault_path.parent], [prompt.text]) == []
    with Journal.open(vault_path, PASSPHRASE) as again:
        assert again.get(entry.id) == entry
        assert again.prompts.history[-1] == prompt.id


def test_entries_can_be_filtered_by_theme(journal: Journal) -> None:
    people = journal.add("Saw Ana.", prompt=journal.prompts.next_prompt("people"))
    values = journal.add("Started the pottery class.", prompt=journal.prompts.next_prompt("values"))
    free = journal.add("Just a note.")
    assert journal.search("", theme="people") == [people]
    assert journal.search("", theme="values") == [values]
    assert free in journal.search("")


def test_search_finds_words_of_the_prompt(journal: Journal) -> None:
    prompt = next(p for p in journal.prompts.catalogue().prompts if "weather" in p.text)
    entry = journal.add("Grey, then bright.", prompt=prompt)
    journal.add("Something else entirely.")
    assert journal.search("weather") == [entry]


def test_a_removed_pack_leaves_its_prompt_with_the_entry(journal: Journal, vault_path) -> None:
    pack = journal.prompts.import_pack(
        parse_pack(
            b'[pack]\nname = "N"\nauthor = "A"\n'
            b'[[prompts]]\nid = "p"\ntext = "What surprised you this week?"\n'
        )
    )
    entry = journal.add("The sunset.", prompt=pack.prompts[0])
    journal.prompts.remove_pack(pack.id)
    journal.close()
    with Journal.open(vault_path, PASSPHRASE) as again:
        assert again.get(entry.id).prompt_text == "What surprised you this week?"
        assert again.prompts.packs() == []


def test_lock_forgets_packs_and_history(journal: Journal) -> None:
    journal.prompts.next_prompt(None)
    journal.lock()
    assert journal.prompts.history == ()
    journal.unlock(PASSPHRASE)
    assert len(journal.prompts.history) == 1
