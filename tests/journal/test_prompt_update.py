"""A saved entry's prompt can be changed or taken away, and a draft keeps its prompt."""

from __future__ import annotations

from journal_app.journal import Journal
from journal_app.journal.prompts import builtin_catalogue
from tests.conftest import PASSPHRASE

CATALOGUE = builtin_catalogue()


def test_update_takes_the_prompt_away_whole(journal: Journal, vault_path) -> None:
    prompt = CATALOGUE.pool("people")[0]
    entry = journal.add("Saw Ana.", prompt=prompt)
    cleared = journal.update(entry.id, prompt=None)
    assert (cleared.prompt_id, cleared.prompt_text, cleared.prompt_theme) == (None, "", None)
    assert cleared.body == "Saw Ana."
    assert journal.search("", theme="people") == []
    journal.close()
    with Journal.open(vault_path, PASSPHRASE) as again:
        assert again.get(entry.id).prompt_text == ""


def test_update_sets_a_new_prompt_whole(journal: Journal) -> None:
    entry = journal.add("Pottery.", prompt=CATALOGUE.pool("people")[0])
    other = CATALOGUE.pool("values")[2]
    changed = journal.update(entry.id, prompt=other)
    assert (changed.prompt_id, changed.prompt_text, changed.prompt_theme) == (
        other.id,
        other.text,
        "values",
    )
    assert journal.search("", theme="values") == [changed]


def test_update_with_the_same_prompt_writes_nothing(journal: Journal) -> None:
    prompt = CATALOGUE.pool("coping")[0]
    entry = journal.add("A walk.", prompt=prompt)
    assert journal.update(entry.id, prompt=prompt) is entry
    free = journal.add("Free.")
    assert journal.update(free.id, prompt=None) is free


def test_a_recovered_draft_of_a_new_entry_keeps_the_prompt_words(journal: Journal) -> None:
    prompt = CATALOGUE.pool("understanding")[0]
    draft = journal.save_draft(entry_id=None, title="", body="Tired.", prompt_id=prompt.id)
    entry = journal.recover_draft(draft.id)
    assert (entry.prompt_id, entry.prompt_text, entry.prompt_theme) == (
        prompt.id,
        prompt.text,
        "understanding",
    )


def test_a_draft_whose_prompt_is_unknown_keeps_just_its_id(journal: Journal) -> None:
    draft = journal.save_draft(entry_id=None, title="", body="x", prompt_id="pack:gone:p")
    entry = journal.recover_draft(draft.id)
    assert (entry.prompt_id, entry.prompt_text) == ("pack:gone:p", "")


def test_a_recovered_draft_of_an_entry_brings_a_changed_prompt_whole(journal: Journal) -> None:
    first = CATALOGUE.pool("people")[0]
    entry = journal.add("Saw Ana.", prompt=first)
    other = CATALOGUE.pool("people")[1]
    draft = journal.save_draft(entry_id=entry.id, title="", body="Saw Ana.", prompt_id=other.id)
    again = journal.recover_draft(draft.id)
    assert (again.prompt_id, again.prompt_text) == (other.id, other.text)
    gone = journal.save_draft(entry_id=entry.id, title="", body="Saw Ana.", prompt_id=None)
    freed = journal.recover_draft(gone.id)
    assert (freed.prompt_id, freed.prompt_text, freed.prompt_theme) == (None, "", None)


def test_a_recovered_draft_with_the_same_prompt_keeps_it(journal: Journal) -> None:
    prompt = CATALOGUE.pool("values")[0]
    entry = journal.add("Pottery.", prompt=prompt)
    draft = journal.save_draft(entry_id=entry.id, title="", body="Pottery!", prompt_id=prompt.id)
    again = journal.recover_draft(draft.id)
    assert (again.body, again.prompt_text) == ("Pottery!", prompt.text)
