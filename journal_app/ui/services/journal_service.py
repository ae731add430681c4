"""The one object through which the GUI reaches the journal.

Widgets hold this service, never a Journal, a Vault, a session or a key. Slow
steps (creating a vault, unlocking, changing the passphrase) run on a worker
thread and report back through signals; quick ones (saving an entry) are plain
calls that raise :class:`VaultError` with a message meant for the person.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import Enum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from journal_app.journal import Draft, Entry
from journal_app.journal.entry import UNSET, Unset
from journal_app.journal.prompts import Prompt, Theme, builtin_catalogue
from journal_app.journal.search import Narrowing
from journal_app.journal.selection import Selection, select
from journal_app.journal.tally import EntryTally
from journal_app.ui.common import heap
from journal_app.ui.common.debounce import call_later
from journal_app.ui.services.file_watch import FileWatch, notices_change
from journal_app.ui.services.kept_copies import KeptCopies
from journal_app.ui.services.task_runner import TaskRunner
from journal_app.ui.services.transfer_service import TransferService
from journal_app.vault import KdfParams, VaultError, VaultLocked

if TYPE_CHECKING:
    # The journal and the store need SQLAlchemy: imported when a vault is opened,
    # not when the window starts.
    from journal_app.journal import Journal, LoadReport
    from journal_app.journal.comfort import ComfortStore
    from journal_app.journal.packs import Pack
    from journal_app.journal.personal import Person, Plan
    from journal_app.journal.sync import KeptResult
    from journal_app.vault import Vault


WARM_SEARCH_AFTER_MS = 400


class VaultState(Enum):
    ABSENT = "absent"  # no vault file yet: first run
    CLOSED = "closed"  # a file exists but is not open (or could not be opened)
    LOCKED = "locked"  # open and ours, key not in memory
    UNLOCKED = "unlocked"


class JournalService(QObject):
    """Owns the open vault and its journal for the life of the window.

    Export, print, backup, restore and import are ``service.transfer``, a
    :class:`TransferService` (transfer_service.py). Every slow step runs through one
    :class:`TaskRunner` (task_runner.py), so ``busy`` covers them all; noticing that
    another program changed the file is a :class:`FileWatch` (file_watch.py), and
    what a replaced file held is kept by :class:`KeptCopies` (kept_copies.py).
    """

    state_changed = Signal(object)  # VaultState
    busy_changed = Signal(bool)
    created = Signal(str)  # the recovery code to show once, or "" if none was made
    create_failed = Signal(object)  # VaultError or other exception
    unlocked = Signal(object)  # LoadReport
    unlock_failed = Signal(object)  # VaultError
    passphrase_changed = Signal()
    passphrase_change_failed = Signal(object)
    entries_changed = Signal()  # many entries at once: an import, a merge, empty trash
    entry_saved = Signal(object, bool)  # Entry, is_new: one entry saved, trashed or restored
    personal_changed = Signal()  # my people or my plan was saved
    packs_changed = Signal()  # a prompt pack was imported, turned on or off, or removed
    file_changed = Signal()  # another program changed the file: once, until opened again
    save_refused = Signal()  # a save was refused because of that (each time)
    vault_path_changed = Signal(object)  # Path: set_vault_path pointed at another file

    def __init__(
        self, vault_path: Path, *, kdf: KdfParams | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._path = Path(vault_path)
        self._kdf = kdf  # None: the strong default; tests pass a fast one
        self._vault: Vault | None = None
        self._journal: Journal | None = None
        self._state = VaultState.ABSENT if not self._path.exists() else VaultState.CLOSED
        self._kept = KeptCopies()
        self._prepare: Callable[[Journal], object] | None = None
        self._prepared: object = None  # what _prepare made of the journal just unlocked
        self._watch = FileWatch(lambda: self._vault, self._may_look_at_file, self)
        self._watch.file_changed.connect(self.file_changed)
        self._watch.save_refused.connect(self.save_refused)
        self._runner = TaskRunner(self)
        self._runner.busy_changed.connect(self.busy_changed)
        self._runner.failed.connect(self._watch.note_failure)
        self.transfer = TransferService(lambda: self._journal, self._runner, self)
        self.transfer.entries_changed.connect(self.entries_changed)
        self.transfer.personal_changed.connect(self.personal_changed)
        self.transfer.packs_changed.connect(self.packs_changed)
        self.entry_saved.connect(self._drop_prepared)
        self.entries_changed.connect(self._drop_prepared)

    # ------------------------------------------------------------------ state

    @property
    def vault_path(self) -> Path:
        return self._path

    @property
    def state(self) -> VaultState:
        return self._state

    @property
    def is_unlocked(self) -> bool:
        return self._state is VaultState.UNLOCKED

    @property
    def busy(self) -> bool:
        return self._runner.busy

    @property
    def report(self) -> LoadReport | None:
        return self._journal.report if self._journal is not None else None

    def _set_state(self, state: VaultState) -> None:
        if state is not self._state:
            self._state = state
            self._watch.watch(state is VaultState.UNLOCKED)
            self.state_changed.emit(state)

    def set_vault_path(self, path: Path) -> None:
        """Point at another vault file; the current one is locked and closed first."""
        self.close()
        self._path = Path(path)
        self._set_state(VaultState.ABSENT if not self._path.exists() else VaultState.CLOSED)
        self.vault_path_changed.emit(self._path)

    # ---------------------------------------------------------------- opening

    def open_vault(self) -> None:
        """Open the file and take its lock, without unlocking. Raises VaultError."""
        if self._vault is not None:
            return
        from journal_app.vault import Vault

        self._vault = Vault.open(self._path)
        self._set_state(VaultState.LOCKED)

    def create(self, passphrase: str, *, with_recovery_code: bool = True) -> None:
        """Create the vault in the background; emits ``created`` or ``create_failed``."""
        from journal_app.journal import Journal

        path, kdf = self._path, self._kdf

        def work() -> tuple[Journal, str]:
            journal = Journal.create(path, passphrase, kdf)
            code = journal.vault.new_recovery_code() if with_recovery_code else ""
            return journal, code

        self._runner.run(work, self._on_created, self.create_failed)

    def unlock(self, passphrase: str) -> None:
        """Derive the key and decrypt every entry in the background."""
        self._start_unlock(lambda vault: vault.unlock(passphrase), passphrase)

    def unlock_with_recovery_code(self, code: str) -> None:
        """Unlock with the recovery code; the caller then asks for a new passphrase."""
        self._start_unlock(lambda vault: vault.unlock_with_recovery_code(code))

    def _start_unlock(
        self, unlock_step: Callable[[Vault], None], passphrase: str | None = None
    ) -> None:
        from journal_app.journal import Journal

        try:
            self._reopen_if_replaced()
            self.open_vault()
        except VaultError as exc:
            self.unlock_failed.emit(exc)
            return
        vault = self._vault
        assert vault is not None
        prepare = self._prepare

        def work() -> tuple[Journal, object]:
            # No collection while 100,000 entries come in: each would walk all of them
            # with every thread waiting (the window froze 400 ms at a time); they are
            # moved out of the collector's way (heap.settle) once all are in.
            collecting = gc.isenabled()
            gc.disable()
            try:
                unlock_step(vault)
                journal = Journal(vault)
                self._kept.bring_in(journal, passphrase)
                journal.entries(include_trash=True)  # sorted here, not on the window's thread
                import_module("journal_app.vault.writing")  # the first save's imports too
                prepared = self._prepared_from(prepare, journal)
                heap.settle()
            finally:
                if collecting:
                    gc.enable()
            return journal, prepared

        self._runner.run(work, self._on_unlocked, self.unlock_failed)

    def change_passphrase(self, new_passphrase: str, *, current: str | None = None) -> None:
        """Re-wrap the key under a new passphrase in the background.

        With ``current``, that passphrase is checked first (by deriving its key
        again, on the worker too); if it does not open the journal,
        ``passphrase_change_failed`` carries WrongPassphrase and nothing changes.
        """
        vault = self._require().vault
        kdf = self._kdf

        def work() -> None:
            if current is not None:
                vault.verify_passphrase(current)
            vault.change_passphrase(new_passphrase, kdf)

        self._runner.run(
            work, lambda _: self.passphrase_changed.emit(), self.passphrase_change_failed
        )

    @notices_change
    def new_recovery_code(self) -> str:
        return self._require().vault.new_recovery_code()

    def has_recovery_code(self) -> bool:
        return self._require().vault.has_recovery_code

    @Slot(object)
    def _on_created(self, result: tuple[Journal, str]) -> None:
        journal, code = result
        self._journal = journal
        self._vault = journal.vault
        heap.settle()
        self._set_state(VaultState.UNLOCKED)
        self.created.emit(code)
        self.unlocked.emit(journal.report)

    def prepare_on_unlock(self, prepare: Callable[[Journal], object]) -> None:
        """Have ``prepare`` run on the unlock worker once the journal is loaded (the
        entry list's rows, say, which at 100,000 entries would freeze the window);
        its result is :meth:`take_prepared`'s until an entry is saved or the journal
        locks. It must only read the journal."""
        self._prepare = prepare

    @staticmethod
    def _prepared_from(prepare: Callable[[Journal], object] | None, journal: Journal) -> object:
        """What ``prepare`` makes of the journal; None if it fails, so that the window
        does that work itself (it only spares the window's thread; unlocking goes on)."""
        if prepare is None:
            return None
        try:
            return prepare(journal)
        except Exception:
            return None

    def take_prepared(self) -> object:
        """What ``prepare_on_unlock``'s function made, once; None if nothing is kept."""
        prepared, self._prepared = self._prepared, None
        return prepared

    def _drop_prepared(self, *_signal_args: object) -> None:
        self._prepared = None

    @Slot(object)
    def _on_unlocked(self, loaded: tuple[Journal, object]) -> None:
        journal, self._prepared = loaded
        self._journal = journal
        heap.settle()  # the loaded entries: out of the way of full collections
        self._set_state(VaultState.UNLOCKED)
        self.unlocked.emit(journal.report)
        call_later(self, WARM_SEARCH_AFTER_MS, lambda: self._warm_search(journal))

    def _warm_search(self, journal: Journal) -> None:
        """Fold every entry for search on a pool thread, so the first search is quick.

        It begins a moment after unlock: the list of 100,000 entries is laid out and
        painted first, which took three times as long with the fold running beside
        it. It stops as soon as this journal is no longer the open one (locked or
        closed), and does not begin if it already is not.
        """
        if self._journal is journal:
            QThreadPool.globalInstance().start(
                lambda: journal.warm_search(lambda: self._journal is not journal)
            )

    def lock(self) -> None:
        """Drop the key and every decrypted entry; the file stays open and ours.

        Long tasks (export, backup, import) are asked to stop first.
        """
        self._runner.cancel_all()
        self._prepared = None
        if self._journal is not None:
            self._journal.lock()
            self._journal = None
            heap.release()  # so the decrypted entries are freed, not kept frozen
        elif self._vault is not None:
            self._vault.lock()
        if self._vault is not None:
            self._set_state(VaultState.LOCKED)

    def close(self) -> None:
        """Lock and release the file, so another window or program may open it."""
        self.lock()
        if self._vault is not None:
            self._kept.let_go(self._vault)
            self._vault = None
        self._watch.forget()
        self._set_state(VaultState.ABSENT if not self._path.exists() else VaultState.CLOSED)

    # ------------------------------------------------------ the file changed

    @property
    def file_changed_underneath(self) -> bool:
        """True from the first notice until the journal is closed or opened again."""
        return self._watch.noticed

    def check_file(self) -> bool:
        """Look (one ``stat``) whether another program changed the file; True if so."""
        return self._watch.check()

    def note_refused(self) -> None:
        """A save was refused because the file changed underneath."""
        self._watch.note_refused()

    def take_kept_results(self) -> tuple[list[KeptResult], Exception | None]:
        """What became of kept copies at the last unlock, and a copy that could not be
        kept; each is given once."""
        return self._kept.take_results()

    def _may_look_at_file(self) -> bool:
        """Only while unlocked, and not while Tend's own work may be writing."""
        return self.is_unlocked and not self.busy

    def _reopen_if_replaced(self) -> None:
        """Before unlocking: a file changed while locked is opened again, so the
        person unlocks the copy that arrived (nothing of the old one is in memory)."""
        vault = self._vault
        if vault is not None and not vault.is_unlocked and vault.changed_on_disk():
            self._kept.let_go(vault)
            self._vault = None
            self._watch.forget()

    # ---------------------------------------------------------------- entries

    def _require(self) -> Journal:
        if self._journal is None:
            raise VaultLocked()
        return self._journal

    def entries(self, *, include_trash: bool = False) -> list[Entry]:
        return self._require().entries(include_trash=include_trash)

    def trash_entries(self) -> list[Entry]:
        return self._require().trash()

    def has_trash(self) -> bool:
        """Whether anything is in the trash, without walking every entry to find out."""
        journal = self._require()
        return len(journal.entries(include_trash=True)) > len(journal)

    def get(self, entry_id: str) -> Entry:
        return self._require().get(entry_id)

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
        """As ``Journal.search``; safe on a worker thread, as that says."""
        return self._require().search(
            query,
            tag=tag,
            theme=theme,
            include_trash=include_trash,
            narrowing=narrowing,
            cancelled=cancelled,
        )

    def tags(self) -> list[str]:
        return self._require().tags()

    @notices_change
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
        entry = self._require().add(
            body, title=title, tags=tags, prompt_id=prompt_id, created=created, prompt=prompt
        )
        self.entry_saved.emit(entry, True)
        return entry

    @notices_change
    def update(
        self,
        entry_id: str,
        *,
        title: str | None = None,
        body: str | None = None,
        tags: Iterable[str] | None = None,
        created: datetime | None = None,
        prompt: Prompt | Unset | None = UNSET,
    ) -> Entry:
        """Save changes; ``prompt`` (a Prompt, or None to take it away) only if given."""
        journal = self._require()
        before = journal.get(entry_id)
        entry = journal.update(
            entry_id, title=title, body=body, tags=tags, created=created, prompt=prompt
        )
        if entry is not before:
            self.entry_saved.emit(entry, False)
        return entry

    @notices_change
    def move_to_trash(self, entry_id: str) -> Entry:
        entry = self._require().move_to_trash(entry_id)
        self.entry_saved.emit(entry, False)
        return entry

    @notices_change
    def restore(self, entry_id: str) -> Entry:
        entry = self._require().restore(entry_id)
        self.entry_saved.emit(entry, False)
        return entry

    @notices_change
    def empty_trash(self) -> int:
        count = self._require().empty_trash()
        self.entries_changed.emit()
        return count

    @notices_change
    def set_flagged(self, entry_id: str, flagged: bool) -> Entry:
        """Mark (or unmark) an entry to bring to the next session. Raises VaultError."""
        journal = self._require()
        before = journal.get(entry_id)
        entry = journal.set_flagged(entry_id, flagged)
        if entry is not before:
            self.entry_saved.emit(entry, False)
        return entry

    def flagged_count(self) -> int:
        return self._require().tally.flagged

    def tally(self) -> EntryTally:
        """Tags in use, prompted and marked entries outside the trash (kept, not counted)."""
        return self._require().tally

    def select_entries(self, selection: Selection) -> list[Entry]:
        """The entries of a selection, oldest first (quick: it works in memory)."""
        return select(self._require().entries(include_trash=True), selection)

    def drafts(self) -> list[Draft]:
        return self._require().drafts()

    @notices_change
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
        return self._require().save_draft(
            entry_id=entry_id,
            title=title,
            body=body,
            tags=tags,
            created=created,
            prompt_id=prompt_id,
            draft_id=draft_id,
        )

    @notices_change
    def discard_draft(self, draft_id: str) -> None:
        self._require().discard_draft(draft_id)

    @notices_change
    def recover_draft(self, draft_id: str) -> Entry:
        journal = self._require()
        before = {entry.id for entry in journal.entries(include_trash=True)}
        entry = journal.recover_draft(draft_id)
        self.entry_saved.emit(entry, entry.id not in before)
        return entry

    # ---------------------------------------------------------------- prompts

    def prompt_themes(self) -> tuple[Theme, ...]:
        """The four themes, in order. They are built in, so known even while locked."""
        return builtin_catalogue().themes

    def theme_name(self, theme_id: str | None) -> str:
        """A theme's name for people ("People around me"), or "" if none."""
        theme = builtin_catalogue().theme(theme_id) if theme_id else None
        return theme.name if theme is not None else ""

    @notices_change
    def next_prompt(self, theme_id: str | None) -> Prompt | None:
        """The next prompt of a theme (None: any), remembered, sealed, as offered."""
        return self._require().prompts.next_prompt(theme_id)

    def prompt(self, prompt_id: str) -> Prompt | None:
        """Any prompt Tend still knows by its id (built in, or from a pack)."""
        return self._require().prompts.prompt(prompt_id)

    def prompt_packs(self) -> list[Pack]:
        return self._require().prompts.packs()

    @staticmethod
    def read_pack(path: Path) -> Pack:
        """Read and check a pack file. PackError names the line or field that is wrong.

        Never reads more than a pack may hold, so a huge file is refused quickly.
        """
        from journal_app.journal.packs import MAX_FILE_BYTES, PackError, parse_pack

        try:
            with Path(path).open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise PackError("", f"the file could not be read ({reason.lower()})") from None
        return parse_pack(raw)

    @notices_change
    def import_pack(self, pack: Pack, *, replace: bool = False) -> Pack:
        """Keep a checked pack in the vault; raises PackExists unless ``replace``."""
        kept = self._require().prompts.import_pack(pack, replace=replace)
        self.packs_changed.emit()
        return kept

    @notices_change
    def set_pack_enabled(self, pack_id: str, enabled: bool) -> Pack:
        pack = self._require().prompts.set_pack_enabled(pack_id, enabled)
        self.packs_changed.emit()
        return pack

    @notices_change
    def remove_pack(self, pack_id: str) -> None:
        """Delete a pack; entries written with its prompts keep the prompt's words."""
        self._require().prompts.remove_pack(pack_id)
        self.packs_changed.emit()

    # ------------------------------------------------- my people and my plan

    def people(self) -> list[Person]:
        return self._require().personal.people()

    @notices_change
    def save_person(self, person: Person) -> Person:
        saved = self._require().personal.save_person(person)
        self.personal_changed.emit()
        return saved

    @notices_change
    def remove_person(self, person_id: str) -> None:
        self._require().personal.remove_person(person_id)
        self.personal_changed.emit()

    def plan(self) -> Plan:
        return self._require().personal.plan()

    def comfort(self) -> ComfortStore:
        """The comfort box and its photos; a refused save goes to :meth:`note_refused`."""
        return self._require().comfort

    @notices_change
    def save_plan(self, plan: Plan) -> Plan:
        journal = self._require()
        before = journal.personal.plan()
        saved = journal.personal.save_plan(plan)
        if saved != before:
            self.personal_changed.emit()
        return saved
