"""Pictures in entries, over a real vault and real crypto: sealed, read on demand, removed."""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path

import pytest

from journal_app.journal import Journal, attachments
from journal_app.journal.attachments import IMAGE_KIND, PictureRefused, reference, references, sniff
from journal_app.journal.export import export_markdown
from journal_app.journal.merge import apply_merge, plan_merge
from journal_app.vault import DamagedRecords, KdfParams
from journal_app.vault.records import Problem
from tests.conftest import PASSPHRASE, edit_rows


def png(seed: bytes = b"") -> bytes:
    """A real PNG whose pixels are random bytes: a pattern found nowhere else."""
    width = 64
    rows = b"".join(b"\0" + os.urandom(width * 3) for _ in range(16)) + seed

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, 16, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 0))
        + chunk(b"IEND", b"")
    )


def reopen(journal: Journal) -> Journal:
    path = journal.vault.path
    journal.close()
    return Journal.open(path, PASSPHRASE)


def test_the_types_are_known_by_their_first_bytes():
    assert sniff(png()) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff(b"GIF89a...") == "image/gif"
    assert sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert sniff(b"RIFF\0\0\0\0WAVEfmt ") is None
    assert sniff(b"<svg xmlns=...>") is None


def test_references_are_found_in_order_each_once():
    a, b = "a" * 32, "b" * 32
    text = f"Before {reference(b)} middle ![a cat]({attachments.SCHEME}{a}) {reference(b)}"
    assert references(text) == [b, a]
    assert references("no pictures here") == []


def test_a_picture_survives_save_lock_and_unlock(journal: Journal):
    data = png()
    picture = journal.pictures.add(data)
    entry = journal.add(f"A walk.\n\n{reference(picture.id)}\n")
    journal.lock()
    journal.unlock(PASSPHRASE)
    journal = reopen(journal)
    try:
        assert references(journal.get(entry.id).body) == [picture.id]
        again = journal.pictures.read(picture.id)
        assert again is not None and again.data == data and again.mime == "image/png"
        assert journal.report.damaged == ()
    finally:
        journal.close()


def test_the_picture_is_in_the_file_only_sealed(vault_path: Path, fast_kdf: KdfParams):
    data = png()
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        picture = journal.pictures.add(data)
        journal.add(reference(picture.id))
    pixels = data[40:200]
    for path in vault_path.parent.iterdir():
        assert pixels not in path.read_bytes(), path.name


def test_unlocking_leaves_pictures_sealed_yet_vouched_for(journal: Journal):
    picture = journal.pictures.add(png())
    journal.add(reference(picture.id))
    journal = reopen(journal)
    try:
        result = journal.vault.read_all()
        assert all(record.kind != IMAGE_KIND for record in result.records)
        assert result.problems == {}
        assert journal.vault.examine().ok
        assert journal.vault.examine().records == 2
    finally:
        journal.close()


def test_a_missing_picture_is_named_at_unlock(vault_path: Path, fast_kdf: KdfParams):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        picture = journal.pictures.add(png())
        journal.add(reference(picture.id))
    edit_rows(vault_path, "DELETE FROM tend_record WHERE id = ?", picture.id)
    with Journal.open(vault_path, PASSPHRASE) as journal:
        assert journal.report.damaged == (picture.id,)
        assert journal.report.problems[picture.id].problem is Problem.MISSING


def test_a_damaged_picture_is_named_by_check_and_when_opened(vault_path: Path, fast_kdf: KdfParams):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        picture = journal.pictures.add(png())
        entry = journal.add(reference(picture.id))
    edit_rows(
        vault_path,
        "UPDATE tend_record SET ciphertext = zeroblob(length(ciphertext)) WHERE id = ?",
        picture.id,
    )
    with Journal.open(vault_path, PASSPHRASE) as journal:
        assert journal.get(entry.id).body == reference(picture.id)
        report = journal.vault.examine()
        assert list(report.problems) == [picture.id]
        assert report.problems[picture.id].problem is Problem.DAMAGED
        assert report.problems[picture.id].kind == IMAGE_KIND
        with pytest.raises(DamagedRecords):
            journal.pictures.read(picture.id)


def test_tend_check_names_a_damaged_picture(
    vault_path: Path, fast_kdf: KdfParams, tend, with_passphrase
):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        picture = journal.pictures.add(png())
        journal.add(reference(picture.id))
    edit_rows(
        vault_path,
        "UPDATE tend_record SET ciphertext = zeroblob(length(ciphertext)) WHERE id = ?",
        picture.id,
    )
    found = json.loads(tend("check", "--json", "--vault", str(vault_path)).out)
    assert found["ok"] is False
    assert found["problems"] == [{"id": picture.id, "kind": IMAGE_KIND, "problem": "damaged"}]
    said = tend("check", "--vault", str(vault_path))
    assert f"  picture {picture.id}: damaged: it does not open" in said.out


def test_pictures_go_with_their_entry_for_good(journal: Journal):
    own = journal.pictures.add(png())
    shared = journal.pictures.add(png())
    doomed = journal.add(f"{reference(own.id)} {reference(shared.id)}")
    other = journal.add(f"Also here: {reference(shared.id)}")
    journal.move_to_trash(doomed.id)
    assert journal.empty_trash() == 1
    assert journal.vault.read(own.id) is None
    assert journal.pictures.read(shared.id) is not None
    assert journal.vault.count(IMAGE_KIND) == 1
    journal.move_to_trash(other.id)
    journal.empty_trash()
    assert journal.vault.count(IMAGE_KIND) == 0


def test_a_picture_edited_out_goes_at_a_later_emptying_unless_a_draft_names_it(
    journal: Journal,
):
    kept_by_draft = journal.pictures.add(png())
    edited_out = journal.pictures.add(png())
    entry = journal.add(f"{reference(kept_by_draft.id)} {reference(edited_out.id)}")
    journal.update(entry.id, body="Words only now.")
    journal.save_draft(entry_id=entry.id, title="", body=reference(kept_by_draft.id))
    journal.empty_trash()
    # Taken out this session: the editor's undo could still bring it back.
    assert journal.vault.count(IMAGE_KIND) == 2
    journal = reopen(journal)
    try:
        journal.empty_trash()
        assert journal.vault.read(edited_out.id) is None
        assert journal.pictures.read(kept_by_draft.id) is not None
    finally:
        journal.close()


def test_a_picture_just_added_is_not_swept_before_it_is_saved(journal: Journal):
    picture = journal.pictures.add(png())
    journal.empty_trash()
    assert journal.pictures.read(picture.id) is not None


def test_an_entry_named_as_a_picture_is_never_removed_with_one(journal: Journal):
    kept = journal.add("Kept.")
    doomed = journal.add(f"{attachments.reference(kept.id)}")
    journal.move_to_trash(doomed.id)
    journal.empty_trash()
    assert reopen(journal).get(kept.id).body == "Kept."


def test_what_is_not_a_picture_is_refused_plainly(journal: Journal):
    with pytest.raises(PictureRefused, match="PNG, JPEG, GIF or WebP"):
        journal.pictures.add(b"%PDF-1.7 not a picture")
    assert journal.vault.count(IMAGE_KIND) == 0


def test_a_picture_over_the_cap_is_refused_naming_its_size(journal: Journal):
    big = png() + bytes(attachments.MAX_PICTURE_BYTES)
    with pytest.raises(PictureRefused, match=r"This picture is 10\.\d MB\. .* up to 10 MB\."):
        journal.pictures.add(big)
    assert journal.vault.count(IMAGE_KIND) == 0


def test_an_entry_over_its_cap_is_refused_naming_the_size(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
):
    first = journal.pictures.add(png())
    monkeypatch.setattr(attachments, "MAX_ENTRY_BYTES", len(png()) + 1000)
    with pytest.raises(PictureRefused, match=r"entry's pictures would come to .* MB"):
        journal.pictures.add(png(), reference(first.id))
    assert journal.pictures.add(png()).mime == "image/png"  # another entry has room


def test_a_merge_brings_the_pictures_its_entries_name(
    vault_path: Path, fast_kdf: KdfParams, tmp_path: Path
):
    data = png()
    other_path = tmp_path / "laptop.tend"
    with Journal.create(other_path, PASSPHRASE, fast_kdf) as laptop:
        picture = laptop.pictures.add(data)
        laptop.pictures.add(png())  # named by no entry: stays behind
        laptop.add(f"On the laptop. {reference(picture.id)}")
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as desktop:
        plan = plan_merge(desktop, other_path, PASSPHRASE)
        assert [rid for rid, _ in plan.pictures] == [picture.id]
        apply_merge(desktop, plan)
        assert not plan_merge(desktop, other_path, PASSPHRASE).adds_anything
    with Journal.open(vault_path, PASSPHRASE) as desktop:
        assert desktop.report.damaged == ()
        brought = desktop.pictures.read(picture.id)
        assert brought is not None and brought.data == data
        assert desktop.vault.count(IMAGE_KIND) == 1


def test_a_backup_carries_the_pictures_sealed(journal: Journal, tmp_path: Path):
    data = png()
    picture = journal.pictures.add(data)
    journal.add(reference(picture.id))
    copy = tmp_path / "copy.tend"
    journal.vault.backup_to(copy)
    assert data[40:200] not in copy.read_bytes()
    with Journal.open(copy, PASSPHRASE) as restored:
        again = restored.pictures.read(picture.id)
        assert again is not None and again.data == data


def test_a_journal_with_a_damaged_picture_can_still_be_backed_up(
    vault_path: Path, fast_kdf: KdfParams, tmp_path: Path
):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        picture = journal.pictures.add(png())
        journal.add(reference(picture.id))
    edit_rows(
        vault_path,
        "UPDATE tend_record SET ciphertext = zeroblob(length(ciphertext)) WHERE id = ?",
        picture.id,
    )
    with Journal.open(vault_path, PASSPHRASE) as journal:
        report = journal.vault.backup_to(tmp_path / "copy.tend")
    assert report.damaged == (picture.id,)


def test_a_markdown_export_writes_the_pictures_beside_it_and_links_them(
    journal: Journal, tmp_path: Path
):
    first, second = png(), png()
    one = journal.pictures.add(first)
    two = journal.pictures.add(second)
    journal.add(f"A walk.\n\n{reference(one.id, 'the lake')}\n\nAnd {reference(two.id)}")
    journal.add(f"Again: {reference(one.id)}")
    out = tmp_path / "My journal.md"
    export_markdown(journal.entries(), out, pictures=journal.pictures.read)
    folder = tmp_path / "My journal pictures"
    assert (folder / "picture-1.png").read_bytes() in (first, second)
    assert sorted(p.read_bytes() for p in folder.iterdir()) == sorted([first, second])
    text = out.read_text()
    assert "tend-image:" not in text
    assert text.count("](My%20journal%20pictures/picture-") == 3
    assert "![the lake](My%20journal%20pictures/picture-" in text


def test_without_pictures_the_export_keeps_the_references(journal: Journal, tmp_path: Path):
    picture = journal.pictures.add(png())
    journal.add(reference(picture.id))
    out = tmp_path / "Journal.md"
    export_markdown(journal.entries(), out)
    assert reference(picture.id) in out.read_text()
    assert not (tmp_path / "Journal pictures").exists()


def test_tend_export_writes_the_pictures_too(
    vault_path: Path, fast_kdf: KdfParams, tend, with_passphrase, tmp_path: Path
):
    data = png()
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        picture = journal.pictures.add(data)
        journal.add(reference(picture.id))
    out = tmp_path / "out" / "Journal.md"
    out.parent.mkdir()
    assert tend("export", "-o", str(out), "--vault", str(vault_path)).code == 0
    assert (out.parent / "Journal pictures" / "picture-1.png").read_bytes() == data
    assert "](Journal%20pictures/picture-1.png)" in out.read_text()
