"""One journal on two computers: merging the other copy adds what this one lacks,
once, all or nothing, and never loses or overwrites a word."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.merge import SameJournal, apply_merge, describe, plan_merge
from journal_app.journal.personal import Person
from journal_app.vault import Cancelled, KdfParams, WrongPassphrase
from tests.conftest import PASSPHRASE, edit_rows, sha256_of

DATA = Path(__file__).parent.parent / "data"


def at(day: int) -> datetime:
    return datetime(2026, 11, day, 9, 0, tzinfo=UTC)


@pytest.fixture
def two_computers(vault_path: Path, fast_kdf: KdfParams, tmp_path: Path) -> tuple[Path, Path]:
    """A desktop journal and the laptop's copy of it, both written in since the copy."""
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as desktop:
        shared = desktop.add("Written before the copy.", title="Shared", created=at(1))
        desktop.add("Edited in both places later.", title="Both", created=at(2))
        desktop.personal.save_person(Person.new(name="Sam", reach="0123 456"))
        desktop.personal.save_plan_text("signs", "Sleeping badly.")
    laptop_path = tmp_path / "laptop" / "journal.tend"
    laptop_path.parent.mkdir()
    shutil.copyfile(vault_path, laptop_path)
    with Journal.open(vault_path, PASSPHRASE) as desktop:
        desktop.add("Only on the desktop.", title="Desk", created=at(3))
        both = next(e for e in desktop.entries() if e.title == "Both")
        desktop.update(both.id, body="The desktop's version.")
    with Journal.open(laptop_path, PASSPHRASE) as laptop:
        laptop.add("Only on the laptop.", title="Lap", created=at(4))
        trashed = laptop.add("Trashed on the laptop.", title="Bin", created=at(5))
        laptop.move_to_trash(trashed.id)
        both = next(e for e in laptop.entries() if e.title == "Both")
        laptop.update(both.id, body="The laptop's version.")
        laptop.set_flagged(shared.id, True)  # a mark, not a change of words
        laptop.personal.save_person(Person.new(name="Ana", reach="ana@example.org"))
        laptop.personal.save_person(Person.new(name="sam", reach="0123 456"))  # Sam again
        laptop.personal.save_plan_text("signs", "Sleeping badly.\n\nNot eating.")
        laptop.save_draft(entry_id=None, title="", body="Half a thought.")
    return vault_path, laptop_path


def bodies(journal: Journal) -> list[str]:
    return sorted(e.body for e in journal.entries(include_trash=True))


def test_merging_the_other_copy_adds_what_this_one_lacks(two_computers):
    desktop_path, laptop_path = two_computers
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        plan = plan_merge(desktop, laptop_path, PASSPHRASE)
        assert plan.copy_of_this
        assert sorted(e.title for e in plan.entries) == ["Bin", "Both", "Lap"]
        assert (plan.beside, plan.trashed, plan.already) == (1, 1, 1)
        assert [p.name for p in plan.people] == ["Ana"]
        assert plan.plan_sections == 1 and plan.drafts_left == 1
        lines = describe(plan)
        assert lines[0] == "3 entries to bring in (1 of them in its trash)."
        assert "added beside yours" in lines[1]
        assert any("1 unsaved draft" in line for line in lines)
        report = apply_merge(desktop, plan)
        assert (report.entries, report.people, report.plan_sections) == (3, 1, 1)
        assert bodies(desktop) == sorted(
            [
                "Written before the copy.",
                "The desktop's version.",
                "The laptop's version.",
                "Only on the desktop.",
                "Only on the laptop.",
                "Trashed on the laptop.",
            ]
        )
        assert [e.title for e in desktop.trash()] == ["Bin"]
        assert [p.name for p in desktop.personal.people()] == ["Sam", "Ana"]
        assert desktop.personal.plan().text("signs") == "Sleeping badly.\n\nNot eating."
    with Journal.open(desktop_path, PASSPHRASE) as reopened:  # on disk, not only in memory
        assert len(reopened.entries(include_trash=True)) == 6
        assert [p.name for p in reopened.personal.people()] == ["Sam", "Ana"]
        assert reopened.vault.examine().ok


def test_merging_again_or_back_brings_nothing_in_twice(two_computers):
    desktop_path, laptop_path = two_computers
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        apply_merge(desktop, plan_merge(desktop, laptop_path, PASSPHRASE))
        again = plan_merge(desktop, laptop_path, PASSPHRASE)
        assert not again.adds_anything
        assert describe(again)[0].startswith("Nothing to bring in")
    with Journal.open(laptop_path, PASSPHRASE) as laptop:
        back = plan_merge(laptop, desktop_path, PASSPHRASE)
        assert sorted(e.title for e in back.entries) == ["Both", "Desk"]
        apply_merge(laptop, back)
        laptop_bodies = bodies(laptop)
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        assert bodies(desktop) == laptop_bodies


def test_the_other_file_is_only_read(two_computers):
    desktop_path, laptop_path = two_computers
    before = sha256_of(laptop_path)
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        apply_merge(desktop, plan_merge(desktop, laptop_path, PASSPHRASE))
    assert sha256_of(laptop_path) == before
    assert sorted(p.name for p in laptop_path.parent.iterdir()) == ["journal.tend"]


def test_a_wrong_passphrase_for_the_other_copy_changes_nothing(two_computers):
    desktop_path, laptop_path = two_computers
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        with pytest.raises(WrongPassphrase):
            plan_merge(desktop, laptop_path, "not the passphrase")
        assert len(desktop.entries()) == 3


def test_stopping_a_merge_writes_nothing(two_computers):
    desktop_path, laptop_path = two_computers
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        plan = plan_merge(desktop, laptop_path, PASSPHRASE)
        with pytest.raises(Cancelled):
            apply_merge(desktop, plan, cancelled=lambda: True)
        assert len(desktop.entries(include_trash=True)) == 3
    with Journal.open(desktop_path, PASSPHRASE) as reopened:
        assert len(reopened.entries(include_trash=True)) == 3
        assert [p.name for p in reopened.personal.people()] == ["Sam"]


def test_its_own_file_is_refused(journal: Journal, vault_path: Path):
    with pytest.raises(SameJournal):
        plan_merge(journal, vault_path, PASSPHRASE)


def test_an_entry_this_journal_cannot_read_is_never_written_over(two_computers):
    desktop_path, laptop_path = two_computers
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        shared = next(e for e in desktop.entries() if e.title == "Shared")
    edit_rows(desktop_path, "UPDATE tend_record SET nonce = zeroblob(12) WHERE id = ?", shared.id)
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        assert desktop.damaged_ids == (shared.id,)
        plan = plan_merge(desktop, laptop_path, PASSPHRASE)
        copy = next(e for e in plan.entries if e.title == "Shared")
        assert copy.id != shared.id  # brought in beside the damaged record, not over it
        apply_merge(desktop, plan)
    with Journal.open(desktop_path, PASSPHRASE) as desktop:
        assert desktop.damaged_ids == (shared.id,)
        assert any(e.title == "Shared" for e in desktop.entries())


def test_another_journal_and_an_old_format_merge_too(journal: Journal, tmp_path: Path):
    old = tmp_path / "old.tend"
    shutil.copyfile(DATA / "format1.tend", old)
    journal.add("The first entry, written by Tend 0.1.", title="Morning", created=at(1))
    plan = plan_merge(journal, old, "format one passphrase")
    assert not plan.copy_of_this
    assert sorted(e.title for e in plan.entries) == ["Evening", "Morning", "Old"]
    apply_merge(journal, plan)
    assert [p.name for p in journal.personal.people()] == ["Sam"]
    assert sha256_of(old) == sha256_of(DATA / "format1.tend")  # an old copy is only read
