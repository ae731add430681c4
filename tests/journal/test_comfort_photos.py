"""Photos in the comfort box, over a real journal and real crypto: sealed in the
vault, back after unlock, gone with their item unless an entry or draft names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.attachments import IMAGE_KIND, PictureRefused, reference
from journal_app.journal.comfort import ComfortItem
from journal_app.vault import KdfParams
from tests.conftest import PASSPHRASE
from tests.journal.test_attachments import png, reopen


def add_photo(journal: Journal, data: bytes) -> ComfortItem:
    item = journal.comfort.add_photo(data)
    journal.comfort.save(journal.comfort.box().with_item(item))
    return item


def test_a_photo_survives_lock_and_unlock(journal: Journal):
    data = png()
    item = add_photo(journal, data)
    journal.lock()
    journal.unlock(PASSPHRASE)
    journal = reopen(journal)
    try:
        (again,) = journal.comfort.box().items
        assert again == item and again.is_known and not again.is_blank
        assert journal.comfort.photo(again) == data
    finally:
        journal.close()


def test_the_photo_is_in_the_folder_only_sealed(vault_path: Path, fast_kdf: KdfParams):
    data = png()
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        add_photo(journal, data)
    pixels = data[40:200]
    for path in vault_path.parent.iterdir():
        assert pixels not in path.read_bytes(), path.name


def test_a_photo_taken_out_goes_with_its_picture(journal: Journal):
    item = add_photo(journal, png())
    journal.comfort.save(journal.comfort.box().without(item.id))
    assert journal.vault.count(IMAGE_KIND) == 0
    assert journal.comfort.box().items == ()


def test_a_picture_an_entry_or_draft_names_stays(journal: Journal):
    in_entry, in_draft = add_photo(journal, png()), add_photo(journal, png())
    entry = journal.add(f"A day at the sea. {reference(str(in_entry.image_id))}")
    journal.move_to_trash(entry.id)  # still in the trash: it may come back
    journal.save_draft(entry_id=None, title="", body=reference(str(in_draft.image_id)))
    journal.comfort.save(journal.comfort.box().without(in_entry.id).without(in_draft.id))
    assert journal.vault.count(IMAGE_KIND) == 2


def test_emptying_the_trash_never_sweeps_a_box_photo(journal: Journal):
    data = png()
    add_photo(journal, data)
    journal = reopen(journal)  # nothing "recent" left to protect it
    try:
        journal.empty_trash()
        (item,) = journal.comfort.box().items
        assert journal.comfort.photo(item) == data
    finally:
        journal.close()


def test_what_is_not_a_picture_is_refused_plainly(journal: Journal):
    with pytest.raises(PictureRefused, match="PNG, JPEG, GIF or WebP"):
        journal.comfort.add_photo(b"just some words")
    assert journal.vault.count(IMAGE_KIND) == 0
