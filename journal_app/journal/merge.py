"""Bringing in another Tend journal or backup: what this one lacks, nothing twice.

The case it is made for: one journal kept on two computers (a synced folder, a
memory stick), where both copies were written in. Merging the other copy adds
its entries, people, plan and prompt packs that this journal lacks, and skips
what it has, so doing it twice, or both ways, brings nothing in twice. A journal
that is not a copy of this one (another journal of the same person, an old
backup) merges the same way.

Two steps, like every import, so the person sees what will happen first::

    plan = plan_merge(journal, path, passphrase)   # reads only; the preview
    merged = apply_merge(journal, plan)            # one transaction

What counts as "already here":
- an entry with the same id and the same words (title, text, tags, date and
  prompt; whether it is marked or in the trash does not count), or with any id
  and the same minute, title and text (as every import compares);
- a person with the same id and the same details, or the same name and way to
  reach them;
- words of a plan section already in this journal's section;
- a prompt pack with the same id.
The pictures an entry brought in names come with it, under the same ids (a
picture never changes once stored, so the same id is the same picture).
An entry or person with the same id but other words was changed in both places:
the other copy's version is added beside this one's, under a new id, so no word
is lost and the person chooses. Nothing is ever removed or changed by a merge,
and a record this journal cannot read is never written over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from journal_app.journal.attachments import IMAGE_KIND, references
from journal_app.journal.entry import DRAFT_KIND, ENTRY_KIND, Entry
from journal_app.journal.files import CancelCheck, Progress
from journal_app.journal.importers.base import fingerprint
from journal_app.journal.packs import PACK_KIND, Pack
from journal_app.journal.personal import (
    PEOPLE_KIND,
    PLAN_KIND,
    Person,
    Plan,
    merge_plans,
    new_person_id,
    people_from_payload,
)
from journal_app.vault import Vault, VaultError
from journal_app.vault.records import ReadResult
from journal_app.vault.store import new_record_id


class SameJournal(VaultError):
    message = (
        "That is this journal's own file. Choose a copy of it from another computer, or a backup."
    )


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What merging another journal would add; nothing is written to make it."""

    source: Path
    copy_of_this: bool  # the other file is a copy of this very journal
    entries: tuple[Entry, ...]  # to add, with the ids they will have
    beside: int  # of those, versions of entries changed in both places
    trashed: int  # of those, entries that are in the other copy's trash
    already: int  # entries this journal has already
    people: tuple[Person, ...]  # the people to add
    people_already: int
    plan: Plan | None  # the plan with the other's words added, None if it gains none
    plan_sections: int  # how many sections gain words
    packs: tuple[Pack, ...]
    drafts_left: int  # unsaved drafts of the other copy, not brought in
    damaged: tuple[str, ...]  # the other copy's records that would not open
    unverified: str | None  # why the other copy's own manifest could not be read
    pictures: tuple[tuple[str, bytes], ...] = ()  # (id, sealed payload) the entries name

    @property
    def adds_anything(self) -> bool:
        return bool(self.entries or self.people or self.plan is not None or self.packs)


@dataclass(frozen=True, slots=True)
class MergeReport:
    entries: int
    people: int
    plan_sections: int
    packs: int


def _words(entry: Entry) -> tuple[object, ...]:
    """What makes two versions of one entry the same for a merge."""
    return (
        entry.title,
        entry.body,
        entry.tags,
        entry.created,
        entry.prompt_id,
        entry.prompt_text,
    )


class _JournalFile(Protocol):
    @property
    def path(self) -> Path: ...

    @property
    def vault_id(self) -> bytes: ...


class _PeopleAndPlan(Protocol):
    def people(self) -> list[Person]: ...

    def plan(self) -> Plan: ...


class _Packs(Protocol):
    def packs(self) -> list[Pack]: ...


class PlanningJournal(Protocol):
    """What :func:`plan_merge` reads of this journal: a Journal, or a copy of it."""

    @property
    def vault(self) -> _JournalFile: ...

    @property
    def damaged_ids(self) -> Collection[str]: ...

    @property
    def personal(self) -> _PeopleAndPlan: ...

    @property
    def prompts(self) -> _Packs: ...

    def entries(self, *, include_trash: bool = False) -> list[Entry]: ...


class _Reloads(Protocol):
    def load(self) -> None: ...


class _PersonalRecords(_Reloads, Protocol):
    def records_with(
        self, more_people: Iterable[Person], plan: Plan | None, /
    ) -> list[tuple[str, bytes, str]]: ...


class MergingJournal(Protocol):
    """What :func:`apply_merge` writes to: a Journal, or a stand-in a worker may use."""

    @property
    def personal(self) -> _PersonalRecords: ...

    @property
    def prompts(self) -> _Reloads: ...

    def add_many(
        self,
        entries: Sequence[Entry],
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
        also: Iterable[tuple[str, bytes, str | None]] = (),
    ) -> list[Entry]: ...


def _person_key(person: Person) -> tuple[str, str]:
    return (" ".join(person.name.split()).casefold(), " ".join(person.reach.split()).casefold())


def _person_details(person: Person) -> tuple[str, ...]:
    return (person.name, person.relationship, person.reach, person.note)


def _read(
    result: ReadResult, kind: str, only: Collection[str] | None = None
) -> list[tuple[str, bytes]]:
    return [
        (r.id, r.payload)
        for r in result.records
        if r.kind == kind and (only is None or r.id in only)
    ]


def _entries_to_add(
    journal: PlanningJournal, theirs: Iterable[Entry]
) -> tuple[list[Entry], int, int]:
    mine = {entry.id: entry for entry in journal.entries(include_trash=True)}
    unreadable = set(journal.damaged_ids)
    seen = {fingerprint(e.created, e.title, e.body) for e in mine.values()}
    added: list[Entry] = []
    beside = already = 0
    for entry in sorted(theirs, key=lambda e: (e.created, e.id)):
        here = mine.get(entry.id)
        if here is not None and _words(here) == _words(entry):
            already += 1
            continue
        key = fingerprint(entry.created, entry.title, entry.body)
        if key in seen:
            already += 1
            continue
        seen.add(key)
        if here is not None or entry.id in unreadable:
            beside += 1
            entry = dataclasses.replace(entry, id=new_record_id())
        added.append(entry)
    return added, beside, already


def _pictures_named(
    journal: PlanningJournal, result: ReadResult, entries: Iterable[Entry]
) -> tuple[tuple[str, bytes], ...]:
    """The other copy's pictures that ``entries`` name, as records to write here.

    Never one whose id is an entry here or a record this journal cannot read:
    nothing of this journal is written over.
    """
    named = {rid for entry in entries for rid in references(entry.body)}
    if not named:
        return ()
    taken = {entry.id for entry in journal.entries(include_trash=True)}
    taken.update(journal.damaged_ids)
    return tuple(
        (rid, payload) for rid, payload in _read(result, IMAGE_KIND, named) if rid not in taken
    )


def _people_to_add(journal: PlanningJournal, theirs: Iterable[Person]) -> tuple[list[Person], int]:
    mine = {person.id: person for person in journal.personal.people()}
    keys = {_person_key(person) for person in mine.values()}
    added: list[Person] = []
    already = 0
    for person in theirs:
        here = mine.get(person.id)
        same = here is not None and _person_details(here) == _person_details(person)
        if same or _person_key(person) in keys or person.is_blank:
            already += 1
            continue
        keys.add(_person_key(person))
        if here is not None:
            person = dataclasses.replace(person, id=new_person_id())
        added.append(person)
    return added, already


def plan_merge(
    journal: PlanningJournal,
    path: Path,
    passphrase: str,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    only: Collection[str] | None = None,
) -> MergePlan:
    """Read another journal file (only reading it) and work out what it would add.

    With ``only``, just the records of the other file with those ids are taken
    (a copy kept when a sync tool replaced the file: what was written there in
    that session; see journal/sync.py).

    Raises:
        SameJournal: ``path`` is this journal's own file.
        WrongPassphrase, NotAVault, DamagedVault, NewerVersion, VaultInUse,
        Cancelled: as for opening any journal.
    """
    path = Path(path)
    if path.resolve() == journal.vault.path.resolve():
        raise SameJournal()
    vault_id, result = Vault.read_file(path, passphrase, progress=progress, cancelled=cancelled)
    damaged = list(result.damaged)
    their_entries: list[Entry] = []
    for record_id, payload in _read(result, ENTRY_KIND, only):
        try:
            their_entries.append(Entry.from_payload(record_id, payload))
        except (ValueError, KeyError, TypeError, AssertionError):
            damaged.append(record_id)
    their_people: list[Person] = []
    their_plans: list[Plan] = []
    their_packs: dict[str, Pack] = {}
    for kind, parse in ((PEOPLE_KIND, people_from_payload), (PLAN_KIND, Plan.from_payload)):
        for record_id, payload in _read(result, kind, only):
            try:
                found = parse(payload)
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged.append(record_id)
                continue
            if isinstance(found, Plan):
                their_plans.append(found)
            else:
                their_people.extend(found)
    for record_id, payload in _read(result, PACK_KIND, only):
        try:
            pack = Pack.from_payload(payload)
        except (ValueError, KeyError, TypeError):
            damaged.append(record_id)
            continue
        their_packs.setdefault(pack.id, pack)

    entries, beside, already = _entries_to_add(journal, their_entries)
    people, people_already = _people_to_add(journal, their_people)
    mine = journal.personal.plan()
    merged = merge_plans([mine, *their_plans])
    gained = sum(1 for sid, text in merged.sections.items() if text != mine.text(sid))
    have_packs = {pack.id for pack in journal.prompts.packs()}
    return MergePlan(
        source=path,
        copy_of_this=vault_id == journal.vault.vault_id,
        entries=tuple(entries),
        beside=beside,
        trashed=sum(1 for entry in entries if entry.trashed_at is not None),
        already=already,
        people=tuple(people),
        people_already=people_already,
        plan=merged if gained else None,
        plan_sections=gained,
        packs=tuple(pack for pack_id, pack in their_packs.items() if pack_id not in have_packs),
        drafts_left=sum(1 for record in result.records if record.kind == DRAFT_KIND),
        damaged=tuple(damaged),
        unverified=result.unverified,
        pictures=_pictures_named(journal, result, entries),
    )


def apply_merge(
    journal: MergingJournal,
    plan: MergePlan,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> MergeReport:
    """Write everything ``plan`` adds in ONE transaction: all of it, or nothing.

    ``progress`` and ``cancelled`` work as for every import: stopping writes nothing.
    """
    items = list(journal.personal.records_with(plan.people, plan.plan))
    items += [(PACK_KIND, pack.to_payload(), new_record_id()) for pack in plan.packs]
    items += [(IMAGE_KIND, payload, picture_id) for picture_id, payload in plan.pictures]
    journal.add_many(list(plan.entries), progress=progress, cancelled=cancelled, also=items)
    if items:
        journal.personal.load()
        journal.prompts.load()
    return MergeReport(len(plan.entries), len(plan.people), plan.plan_sections, len(plan.packs))


def describe(plan: MergePlan) -> list[str]:
    """The preview, one calm sentence a line, as the CLI and the window show it."""
    if not plan.adds_anything:
        lines = ["Nothing to bring in: this journal already has everything in that one."]
    else:
        lines = []
        count = len(plan.entries)
        if count:
            noun = "entry" if count == 1 else "entries"
            trash = f" ({plan.trashed} of them in its trash)" if plan.trashed else ""
            lines.append(f"{count} {noun} to bring in{trash}.")
        if plan.beside:
            were = "entry was" if plan.beside == 1 else "entries were"
            lines.append(
                f"{plan.beside} {were} changed in both places: the other copy's version "
                "will be added beside yours, so no words are lost."
            )
        if plan.people:
            noun = "person" if len(plan.people) == 1 else "people"
            lines.append(f"{len(plan.people)} {noun} to add to My people.")
        if plan.plan_sections:
            noun = "section" if plan.plan_sections == 1 else "sections"
            lines.append(f"{plan.plan_sections} {noun} of My plan will gain words from it.")
        if plan.packs:
            noun = "pack" if len(plan.packs) == 1 else "packs"
            lines.append(f"{len(plan.packs)} prompt {noun} to add.")
    if plan.already:
        noun = "entry is" if plan.already == 1 else "entries are"
        lines.append(f"{plan.already} {noun} already in this journal and will be skipped.")
    if plan.drafts_left:
        noun = "draft" if plan.drafts_left == 1 else "drafts"
        lines.append(
            f"{plan.drafts_left} unsaved {noun} in that copy will not be brought in; "
            "open that copy in Tend to keep them."
        )
    if plan.damaged:
        lines.append(
            f"{len(plan.damaged)} of its records could not be read, so they are not brought in."
        )
    if plan.unverified is not None:
        lines.append(
            f"Tend could not check that nothing is missing from that copy: {plan.unverified}."
        )
    return lines
