"""The comfort box: sealed in one record of its own kind, gone on lock, never lost."""

from __future__ import annotations

import json
from pathlib import Path

from journal_app.journal.comfort import (
    COMFORT_KIND,
    ComfortBox,
    ComfortItem,
    ComfortStore,
    merge_boxes,
)
from journal_app.vault import Vault
from tests.conftest import PASSPHRASE, find_canaries

CANARY_WORDS = "Canarywords: you have got through every day so far"
CANARY_MESSAGE = "Canarymessage from Maya"
CANARY_LINE = "Canaryline: this will pass like weather"


def test_the_box_is_one_sealed_record_and_comes_back(vault: Vault):
    store = ComfortStore(vault)
    assert store.box().is_empty
    words = ComfortItem.new("words", "You are doing better than you think.")
    song = ComfortItem.new("song", "Here Comes the Sun", link="https://example.org/sun")
    box = store.save(store.box().with_item(words).with_item(song).with_pass_line("  Breathe.  "))
    assert vault.count(COMFORT_KIND) == 1  # not even the number of things shows
    assert box.pass_line == "Breathe."

    store.save(box.with_item(ComfortItem(words.id, "words", "Kept in place.")))
    again = ComfortStore(vault)
    assert [i.text for i in again.box().items] == ["Kept in place.", "Here Comes the Sun"]
    assert again.box().items[1].link == "https://example.org/sun"
    assert again.box().pass_line == "Breathe."
    again.save(again.box().without(song.id))
    assert [i.id for i in ComfortStore(vault).box().items] == [words.id]


def test_an_unchanged_box_is_not_written_again(vault: Vault, monkeypatch):
    store = ComfortStore(vault)
    store.save(ComfortBox().with_pass_line("One breath at a time."))
    writes: list[str] = []
    real_put = vault.put
    monkeypatch.setattr(
        vault, "put", lambda kind, *a, **k: writes.append(kind) or real_put(kind, *a, **k)
    )
    store.save(ComfortBox().with_pass_line("One breath at a time."))
    assert writes == []


def test_lock_forgets_and_unlock_brings_back(vault_path: Path, fast_kdf):
    vault = Vault.create(vault_path, PASSPHRASE, fast_kdf)
    try:
        store = ComfortStore(vault)
        store.save(ComfortBox().with_item(ComfortItem.new("words", CANARY_WORDS)))
        store.clear()
        vault.lock()
        assert store.box().is_empty
        vault.unlock(PASSPHRASE)
        store.load(vault.read_all())
        assert [i.text for i in store.box().items] == [CANARY_WORDS]
    finally:
        vault.close()


def test_their_things_never_reach_the_disk_in_plaintext(vault_path: Path, fast_kdf, watched_tmpdir):
    vault = Vault.create(vault_path, PASSPHRASE, fast_kdf)
    try:
        store = ComfortStore(vault)
        message = ComfortItem.new("message", CANARY_MESSAGE, source="Maya")
        box = store.save(ComfortBox((message,), CANARY_LINE))
        store.save(box.with_item(ComfortItem.new("words", CANARY_WORDS)))
    finally:
        vault.close()
    hits = find_canaries(
        [vault_path.parent, watched_tmpdir], [CANARY_WORDS, CANARY_MESSAGE, CANARY_LINE]
    )
    assert hits == []


def test_a_thing_from_a_newer_tend_is_kept_as_written(vault: Vault):
    """A kind this Tend does not know is shown and saved back untouched."""
    photo = {"id": "p1", "kind": "drawing", "text": "The beach", "drawing_id": "abc123"}
    payload = {"format": 1, "items": [photo], "pass_line": ""}
    vault.put(COMFORT_KIND, json.dumps(payload).encode())
    store = ComfortStore(vault)
    (item,) = store.box().items
    assert not item.is_known and not item.is_blank
    store.save(store.box().with_item(ComfortItem.new("words", "Hello")))
    saved = json.loads(vault.read_all(COMFORT_KIND).records[0].payload)
    assert saved["items"][0] == photo


def test_a_damaged_record_is_listed_and_never_overwritten(vault: Vault):
    bad = vault.put(COMFORT_KIND, b"not json at all")
    store = ComfortStore(vault)
    assert store.damaged == [bad] and store.box().is_empty
    store.save(ComfortBox().with_pass_line("Still here."))
    assert vault.read(bad) is not None  # the damaged record is left as it was
    assert vault.count(COMFORT_KIND) == 2


def test_two_records_merge_into_one_losing_nothing(vault: Vault):
    first = ComfortBox((ComfortItem.new("words", "One"),), "")
    second = ComfortBox((ComfortItem.new("words", "Two"), first.items[0]), "The line")
    vault.put(COMFORT_KIND, first.to_payload())
    vault.put(COMFORT_KIND, second.to_payload())
    store = ComfortStore(vault)
    assert [i.text for i in store.box().items] == ["One", "Two"]
    assert store.box().pass_line == "The line"
    store.save(store.box().with_pass_line("Mine"))
    assert vault.count(COMFORT_KIND) == 1
    assert merge_boxes([]) == ComfortBox()


def test_nothing_about_use_is_kept(vault: Vault):
    """No dates, counts or times of use: only the person's own things."""
    store = ComfortStore(vault)
    store.save(ComfortBox((ComfortItem.new("song", "Song"),), "Line"))
    data = json.loads(vault.read_all(COMFORT_KIND).records[0].payload)
    assert set(data) == {"format", "items", "pass_line"}
    assert set(data["items"][0]) == {"id", "kind", "text"}
