"""The journal: entries, trash, drafts and search over an unlocked vault.

After unlock every entry is decrypted once into memory; listing, filtering and
searching then work there. Each change is sealed and committed before the call
returns, so what a caller reports as saved is on disk.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import chain, compress
from operator import itemgetter
from pathlib import Path
from threading import Lock
from typing import TypedDict

from journal_app.journal.attachments import Pictures
from journal_app.journal.comfort import ComfortStore
from journal_app.journal.entry import (
    DRAFT_KIND,
    ENTRY_KIND,
    UNSET,
    Draft,
    Entry,
    Unset,
    aware,
    clean_tags,
    now,
)
from journal_app.journal.entry_batch import collection_paused, read_entries
from journal_app.journal.library import PromptLibrary
from journal_app.journal.ordering import move_entry, newest_first_key
from journal_app.journal.personal import PersonalStore
from journal_app.journal.prompts import Prompt
from journal_app.journal.search import Narrowing, fold, fold_utf8, query_terms, scan, utf8_terms
from journal_app.journal.tally import EntryTally
from journal_app.vault import Cancelled, DamagedRecords, KdfParams, Vault
from journal_app.vault.records import Problem, RecordProblem
from journal_app.vault.store import new_record_id


class _EntryChanges(TypedDict, total=False):
    """The fields of an entry that an update changes."""

    title: str
    body: str
    tags: tuple[str, ...]
    created: datetime
    prompt_id: str | None
    prompt_text: str
    prompt_theme: str | None
    flagged: bool


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What unlocking found: how many entries opened and which records did not.

    ``problems`` says why each damaged record did not open (damaged, missing,
    an older copy, not expected); ``unverified`` why the journal's sealed list
    of records could not be read, if it could not.
    """

    entries: int
    drafts: int
    damaged: tuple[str, ...]
    problems: Mapping[str, RecordProblem] = field(default_factory=dict)
    unverified: str | None = None

    def damage_error(self) -> DamagedRecords:
        """The damaged records as one error, whose message names the reasons."""
        return DamagedRecords(list(self.damaged), self.problems)


def _searchable(entry: Entry) -> str:
    """Everything search looks at in one entry, folded, as UTF-8 (see ``fold_utf8``)."""
    return fold_utf8("\n".join((entry.title, entry.body, " ".join(entry.tags), entry.prompt_text)))


def _cached_fold(cache: dict[str, tuple[Entry, str]], entry: Entry) -> str:
    """The entry's searchable text, folded once and cached for this very entry.

    The cache is keyed by the entry object too, so a fold computed on another
    thread can never outlive an edit made meanwhile; and it is the cache the
    search began with, so a search still running when the journal locks leaves
    nothing in the new one.
    """
    cached = cache.get(entry.id)
    if cached is not None and cached[0] is entry:
        return cached[1]
    folded = _searchable(entry)
    cache[entry.id] = (entry, folded)
    return folded


class Journal:
    """Entries in memory over an open, unlocked :class:`Vault`."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._entries: dict[str, Entry] = {}
        self._drafts: dict[str, Draft] = {}
        self._folded: dict[str, tuple[Entry, str]] = {}
        self._sorted: list[Entry] | None = None
        # Saves so far, and the lock under which a save moves an entry within
        # ``_sorted`` and a sort made on another thread is kept (see ``entries``).
        self._changes = 0
        self._order_lock = Lock()
        self._tally = EntryTally()
        self._damaged: tuple[str, ...] = ()
        self.prompts = PromptLibrary(vault, load=False)
        self.personal = PersonalStore(vault, load=False)
        self.pictures = Pictures(vault)
        self.comfort = ComfortStore(
            vault, load=False, pictures=self.pictures, others=self._picture_texts
        )
        self.report = self.load()

    # ------------------------------------------------------------- lifecycle

    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams | None = None) -> Journal:
        return cls(Vault.create(path, passphrase, kdf))

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Journal:
        """Open and unlock; the vault is closed again if unlocking fails."""
        vault = Vault.open(path)
        try:
            vault.unlock(passphrase)
            return cls(vault)
        except BaseException:
            vault.close()
            raise

    def load(self) -> LoadReport:
        """Decrypt everything once. Records that fail are listed, never dropped."""
        with collection_paused():
            return self._load()

    def _load(self) -> LoadReport:
        result = self.vault.read_all()
        drafts: dict[str, Draft] = {}
        damaged = list(result.damaged)
        records = result.records
        is_entry = list(map(ENTRY_KIND.__eq__, map(itemgetter(1), records)))
        read, unreadable = read_entries(
            list(compress(map(itemgetter(0), records), is_entry)),
            list(compress(map(itemgetter(2), records), is_entry)),
        )
        entries = {entry.id: entry for entry in read}
        damaged.extend(unreadable)
        for record in records:
            if record.kind == DRAFT_KIND:
                try:
                    drafts[record.id] = Draft.from_payload(record.id, record.payload)
                except (ValueError, KeyError, TypeError, AssertionError):
                    damaged.append(record.id)
        self._entries = entries
        self._drafts = drafts
        self._folded = {}
        self._forget_order()
        self._tally = EntryTally(entries.values())
        self.prompts.load(result)
        damaged.extend(self.prompts.damaged)
        self.personal.load(result)
        damaged.extend(d for d in self.personal.damaged if d not in damaged)
        self.comfort.load(result)
        damaged.extend(d for d in self.comfort.damaged if d not in damaged)
        self._damaged = tuple(damaged)
        problems = {
            rid: result.problems.get(rid, RecordProblem(Problem.DAMAGED)) for rid in self._damaged
        }
        return LoadReport(len(entries), len(drafts), self._damaged, problems, result.unverified)

    @property
    def damaged_ids(self) -> tuple[str, ...]:
        return self._damaged

    def lock(self) -> None:
        """Forget every plaintext and drop the key; the file stays ours."""
        self._entries = {}
        self._drafts = {}
        self._folded = {}
        self._forget_order()
        self._tally = EntryTally()
        self.prompts.clear()
        self.personal.clear()
        self.comfort.clear()
        self.vault.lock()

    def unlock(self, passphrase: str) -> LoadReport:
        self.vault.unlock(passphrase)
        self.report = self.load()
        return self.report

    def close(self) -> None:
        self.lock()
        self.vault.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --------------------------------------------------------------- reading

    def entries(self, *, include_trash: bool = False) -> list[Entry]:
        """Newest first by the entry's own date, as a list of the caller's own.

        Safe on a worker thread (the window searches on one) while saves go on:
        the order is sorted from a copy of the entries and kept for next time
        only if no save came meanwhile. A save moves its entry within a kept
        order, so a sort that began before the save and was kept after it would
        leave the saved entry out of every list from then on.
        """
        ordered = self._sorted
        if ordered is None:
            changes = self._changes
            ordered = sorted(list(self._entries.values()), key=newest_first_key, reverse=True)
            with self._order_lock:
                if self._sorted is None and self._changes == changes:
                    self._sorted = ordered
        ordered = list(ordered)  # one step for the interpreter: a save cannot cut into it
        if include_trash:
            return ordered
        return [entry for entry in ordered if entry.trashed_at is None]

    def _forget_order(self) -> None:
        """The entries changed beyond moving one: sort them again when next asked."""
        with self._order_lock:
            self._changes += 1
            self._sorted = None

    def trash(self) -> list[Entry]:
        """Entries in the trash, most recently trashed first."""
        trashed = [entry for entry in self._entries.values() if entry.trashed_at is not None]
        return sorted(trashed, key=lambda e: e.trashed_at or e.created, reverse=True)

    def get(self, entry_id: str) -> Entry:
        try:
            return self._entries[entry_id]
        except KeyError:
            if entry_id in self._damaged:
                raise DamagedRecords([entry_id]) from None
            raise

    def __len__(self) -> int:
        return self._tally.live

    def tags(self) -> list[str]:
        """Every tag in use outside the trash, most used first, for completion."""
        return self._tally.tags()

    @property
    def tally(self) -> EntryTally:
        """Tag counts, prompted and marked entries outside the trash, kept up to date."""
        return self._tally

    def search(
        self,
        query: str,
        *,
        tag: str | None = None,
        theme: str | None = None,
        include_trash: bool = False,
        narrowing: Narrowing | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Entry]:
        """Entries whose title, body, tags or prompt contain every word of the query.

        ``theme`` keeps the entries written with a prompt of that theme. With
        ``narrowing``, a query that refines one searched before looks only at what
        that one found (see ``journal_app.journal.search``). Safe on a worker
        thread: it reads a copy of the list, folds only into the cache it started
        with (locking starts a new one), and raises :class:`Cancelled` between
        chunks once ``cancelled()`` says so.
        """
        terms = query_terms(query)
        wanted_tag = fold(tag) if tag else None
        if not terms and wanted_tag is None and theme is None:
            return self.entries(include_trash=include_trash)
        scope = self.entries(include_trash=True)
        if not include_trash or wanted_tag is not None or theme is not None:
            scope = [
                entry
                for entry in scope
                if (include_trash or entry.trashed_at is None)
                and (wanted_tag is None or wanted_tag in (fold(t) for t in entry.tags))
                and (theme is None or entry.prompt_theme == theme)
            ]
        if not terms:
            return scope
        haystack = partial(_cached_fold, self._folded)
        if narrowing is None:
            return scan(scope, haystack, utf8_terms(terms), cancelled)
        return narrowing.search(scope, haystack, utf8_terms(terms), cancelled)

    def warm_search(self, cancelled: Callable[[], bool] | None = None) -> int:
        """Fold every entry ahead of the first search; meant for a worker thread.

        It writes only into the cache it started with, so once the journal is
        locked (which starts a new cache) no folded text is added after.
        """
        cache = self._folded
        done = 0
        for entry in list(self._entries.values()):
            if cache is not self._folded or (cancelled is not None and cancelled()):
                break
            cached = cache.get(entry.id)
            if cached is None or cached[0] is not entry:
                cache[entry.id] = (entry, _searchable(entry))
            done += 1
        return done

    # --------------------------------------------------------------- writing

    def _store(self, entry: Entry) -> Entry:
        self.vault.put(ENTRY_KIND, entry.to_payload(), entry.id)
        self._keep(entry)
        return entry

    def _keep(self, entry: Entry) -> None:
        """Hold a stored entry in memory; counts and order follow by the difference."""
        with self._order_lock:
            old = self._entries.get(entry.id)
            self._entries[entry.id] = entry
            self._changes += 1
            if self._sorted is not None:
                move_entry(self._sorted, old, entry)
        self._folded.pop(entry.id, None)
        self._tally.replace(old, entry)

    def add(
        self,
        body: str,
        *,
        title: str = "",
        tags: Iterable[str] = (),
        prompt_id: str | None = None,
        created: datetime | None = None,
        prompt: Prompt | None = None,
    ) -> Entry:
        """Save a new entry; with ``prompt``, its text and theme are kept with it."""
        moment = now()
        entry = Entry(
            id=new_record_id(),
            created=aware(created) if created else moment,
            updated=moment,
            title=title.strip(),
            body=body,
            tags=clean_tags(tags),
            prompt_id=prompt.id if prompt else prompt_id,
            prompt_text=prompt.text if prompt else "",
            prompt_theme=prompt.theme if prompt else None,
        )
        return self._store(entry)

    def update(
        self,
        entry_id: str,
        *,
        title: str | None = None,
        body: str | None = None,
        tags: Iterable[str] | None = None,
        created: datetime | None = None,
        prompt_id: str | Unset | None = UNSET,
        flagged: bool | None = None,
        prompt: Prompt | Unset | None = UNSET,
    ) -> Entry:
        """Change what is given; an unchanged entry is not written again.

        A change of ``flagged`` alone does not count as an edit (``updated`` stays).
        ``prompt`` (a Prompt, or None to take the prompt away) sets the prompt's id,
        text and theme together, as ``add`` does.
        """
        old = self.get(entry_id)
        changes: _EntryChanges = {}
        if title is not None and title.strip() != old.title:
            changes["title"] = title.strip()
        if body is not None and body != old.body:
            changes["body"] = body
            self.pictures.edited(old.body, body)
        if tags is not None and clean_tags(tags) != old.tags:
            changes["tags"] = clean_tags(tags)
        if created is not None and aware(created) != old.created:
            changes["created"] = aware(created)
        if prompt_id is not UNSET and prompt_id != old.prompt_id:
            changes["prompt_id"] = prompt_id
        if prompt is not UNSET:
            new_id, text, theme = (
                (prompt.id, prompt.text, prompt.theme) if prompt else (None, "", None)
            )
            if new_id != old.prompt_id:
                changes["prompt_id"] = new_id
            if text != old.prompt_text:
                changes["prompt_text"] = text
            if theme != old.prompt_theme:
                changes["prompt_theme"] = theme
        if not changes:
            return old if flagged is None else self.set_flagged(entry_id, flagged)
        if flagged is not None:
            changes["flagged"] = bool(flagged)
        return self._store(dataclasses.replace(old, updated=now(), **changes))

    def move_to_trash(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        if entry.trashed_at is not None:
            return entry
        return self._store(dataclasses.replace(entry, trashed_at=now()))

    def restore(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        if entry.trashed_at is None:
            return entry
        return self._store(dataclasses.replace(entry, trashed_at=None))

    def set_flagged(self, entry_id: str, flagged: bool) -> Entry:
        """Mark (or unmark) an entry to bring to the next session with a therapist.

        The flag is the person's own marker, not an edit: ``updated`` is kept.
        """
        entry = self.get(entry_id)
        if entry.flagged == bool(flagged):
            return entry
        return self._store(dataclasses.replace(entry, flagged=bool(flagged)))

    def flagged_entries(self) -> list[Entry]:
        """Entries marked "bring to my next session", outside the trash, newest first."""
        return [entry for entry in self.entries() if entry.flagged]

    def add_many(
        self,
        entries: Sequence[Entry],
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        remember: bool = True,
        also: Iterable[tuple[str, bytes, str | None]] = (),
    ) -> list[Entry]:
        """Store new entries (an import) in one transaction: all of them or none.

        ``progress(done, total)`` is called while they are sealed; if ``cancelled()``
        turns True meanwhile, :class:`Cancelled` is raised before anything is written.
        With ``remember=False`` only the vault is written (safe on a worker thread);
        the caller then hands the entries to :meth:`remember` on its own thread.
        ``also`` are more records (kind, payload, id) for the same transaction.
        """
        total = len(entries)

        def sealed_items() -> Iterable[tuple[str, bytes, str | None]]:
            for done, entry in enumerate(entries):
                if done % 256 == 0:
                    if cancelled is not None and cancelled():
                        raise Cancelled()
                    if progress is not None:
                        progress(done, total)
                yield ENTRY_KIND, entry.to_payload(), entry.id
            yield from also

        self.vault.put_many(sealed_items())
        if progress is not None:
            progress(total, total)
        if remember:
            self.remember(entries)
        return list(entries)

    def remember(self, entries: Iterable[Entry]) -> None:
        """Take entries already stored in the vault (``add_many(remember=False)``) into memory."""
        for entry in entries:
            old = self._entries.get(entry.id)
            self._entries[entry.id] = entry
            self._folded.pop(entry.id, None)
            self._tally.replace(old, entry)
        self._forget_order()

    def empty_trash(self) -> int:
        """Delete every trashed entry for good, with its pictures, in one transaction.

        Damaged records are never touched; while any record is damaged (it may
        name a picture), only the pictures of the entries deleted go.
        """
        doomed = [entry.id for entry in self._entries.values() if entry.trashed_at is not None]
        kept = chain(
            (e.body for e in self._entries.values() if e.trashed_at is None),
            (draft.body for draft in self._drafts.values()),
            self.comfort.box().picture_references(),
        )
        doomed_texts = (self._entries[entry_id].body for entry_id in doomed)
        pictures = self.pictures.unwanted(doomed_texts, kept, sweep=not self._damaged)
        self.vault.delete([*doomed, *pictures])
        for entry_id in doomed:
            self._entries.pop(entry_id, None)
            self._folded.pop(entry_id, None)
        self._forget_order()
        return len(doomed)

    def _picture_texts(self) -> Iterator[str]:
        """Every entry's and draft's text, trashed ones too: what may name a picture."""
        yield from (entry.body for entry in self._entries.values())
        yield from (draft.body for draft in self._drafts.values())

    # ---------------------------------------------------------------- drafts

    def drafts(self) -> list[Draft]:
        return sorted(self._drafts.values(), key=lambda d: d.saved_at, reverse=True)

    def save_draft(
        self,
        *,
        entry_id: str | None,
        title: str,
        body: str,
        tags: Iterable[str] = (),
        created: datetime | None = None,
        prompt_id: str | None = None,
        draft_id: str | None = None,
    ) -> Draft:
        """Keep editor text safe between autosaves; one draft per editing session."""
        draft = Draft(
            id=draft_id or new_record_id(),
            entry_id=entry_id,
            saved_at=now(),
            created=aware(created) if created else None,
            title=title,
            body=body,
            tags=clean_tags(tags),
            prompt_id=prompt_id,
        )
        self.vault.put(DRAFT_KIND, draft.to_payload(), draft.id)
        self._drafts[draft.id] = draft
        return draft

    def discard_draft(self, draft_id: str) -> None:
        if self._drafts.pop(draft_id, None) is not None:
            self.vault.delete([draft_id])

    def recover_draft(self, draft_id: str) -> Entry:
        """Turn a recovered draft into an entry (new or updated) and discard it."""
        draft = self._drafts[draft_id]
        if draft.entry_id and draft.entry_id in self._entries:
            # A prompt changed (or put away) in the editor comes with its words too.
            known = self.prompts.prompt(draft.prompt_id) if draft.prompt_id else None
            changed = draft.prompt_id != self._entries[draft.entry_id].prompt_id
            prompt_id: str | Unset | None = draft.prompt_id
            prompt: Prompt | Unset | None = UNSET
            if changed and (known is not None or draft.prompt_id is None):
                prompt_id, prompt = UNSET, known
            entry = self.update(
                draft.entry_id,
                title=draft.title,
                body=draft.body,
                tags=draft.tags,
                created=draft.created,
                prompt_id=prompt_id,
                prompt=prompt,
            )
        else:
            entry = self.add(
                draft.body,
                title=draft.title,
                tags=draft.tags,
                prompt_id=draft.prompt_id,
                created=draft.created,
                # The prompt's words and theme, while Tend still knows the prompt.
                prompt=self.prompts.prompt(draft.prompt_id) if draft.prompt_id else None,
            )
        self.discard_draft(draft_id)
        return entry

    # --------------------------------------------------------------- helpers

    def to_json(self, entries: Iterable[Entry]) -> str:
        return json.dumps([entry.to_json() for entry in entries], ensure_ascii=False, indent=2)
