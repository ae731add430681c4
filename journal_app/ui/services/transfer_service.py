"""The journal service's long work: export, print, backup, restore, import, merge.

:class:`TransferService` is owned by :class:`journal_app.ui.services.journal_service.JournalService`
and reached as ``service.transfer``. Every slow method starts a
:class:`journal_app.ui.common.tasks.Task` on the service's
:class:`journal_app.ui.services.task_runner.TaskRunner` and returns it at once; the
window follows its ``progress`` and gets plain dataclasses back through ``succeeded``.
Widgets never see the Journal or the Vault.

The PDF and print typesetting runs on the GUI thread in short slices
(:meth:`TaskRunner.start_sliced`), and only the writing of the finished bytes goes
to the worker.

Thread safety: the work gets plain, frozen snapshots (the entries to export, the
entries already in the journal for an import's duplicate check) and the Vault,
which serialises its own use with a lock. Only the GUI thread ever changes the
journal's in-memory entries: an import's worker seals and stores the new entries,
and the service adds them to memory when the result arrives. Locking first asks
every task to stop, so no plaintext is produced after the lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from journal_app.journal import Entry
from journal_app.journal.export import ExportResult, export_json, export_markdown
from journal_app.journal.files import atomic_write_pieces, check_cancel
from journal_app.ui.common import heap
from journal_app.ui.common.slices import Steps
from journal_app.ui.common.tasks import Task
from journal_app.ui.services.task_runner import TaskRunner
from journal_app.vault import VaultLocked

if TYPE_CHECKING:
    # Backup, import and the journal need the store (SQLAlchemy): imported where
    # used, so that the window starts without them.
    from journal_app.journal import Journal
    from journal_app.journal.backup import BackupFile, BackupPolicy, BackupResult
    from journal_app.journal.importers import ImportPreview, ImportReport, ParsedImport
    from journal_app.journal.merge import MergePlan, MergeReport
    from journal_app.ui.services.pdf import PrintDocument
    from journal_app.vault import CopyReport

EXPORT_FORMATS = ("pdf", "md", "json")
REMEMBER_AT_ONCE = 500  # imported entries taken into memory in one step


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """A source read in memory, and what importing it would do (shown first)."""

    parsed: ParsedImport
    preview: ImportPreview


@dataclass(frozen=True, slots=True)
class ImportDone:
    """What an import did, and the entries it added (already stored, sealed)."""

    report: ImportReport
    added: tuple[Entry, ...]


class _ImportTarget:
    """What ``run_import`` needs of a journal, for a worker thread: a snapshot of the
    entries already there, and a store that seals without touching memory."""

    def __init__(self, journal: Journal, existing: list[Entry]) -> None:
        self._journal = journal
        self._existing = existing
        self.added: list[Entry] = []

    def entries(self, *, include_trash: bool = False) -> list[Entry]:
        if include_trash:
            return self._existing
        return [entry for entry in self._existing if entry.trashed_at is None]

    def add_many(
        self,
        entries: Sequence[Entry],
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Entry]:
        self._journal.add_many(entries, progress=progress, cancelled=cancelled, remember=False)
        self.added = list(entries)
        return self.added


class TransferService(QObject):
    """Export, print, backup, restore, import and merge, for :class:`JournalService`.

    ``journal`` gives the open journal (None while locked); ``runner`` is the
    service's, so the window is busy while a transfer runs and a lock stops it.

    Signals (the service passes them on as its own):
        entries_changed(): an import or a merge added entries to memory.
        personal_changed(): a merge brought in my people or my plan.
        packs_changed(): a merge brought in prompt packs.
    """

    entries_changed = Signal()
    personal_changed = Signal()
    packs_changed = Signal()

    def __init__(
        self,
        journal: Callable[[], Journal | None],
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._runner = runner

    @property
    def tasks(self) -> list[Task]:
        """The long tasks still under way."""
        return self._runner.tasks

    def cancel_tasks(self) -> None:
        """Ask every long task to stop (before locking or closing)."""
        self._runner.cancel_all()

    def _require(self) -> Journal:
        journal = self._journal()
        if journal is None:
            raise VaultLocked()
        return journal

    # ------------------------------------------------------ export and print

    def export_entries(
        self, entries: Sequence[Entry], fmt: str, path: Path, *, note: str = ""
    ) -> Task:
        """Write ``entries`` (a snapshot) as ``fmt`` ("pdf", "md", "json") to ``path``,
        after the person's ``note`` for the next session, if any (PDF and Markdown).

        The task's result is an :class:`ExportResult`; nothing is written if it is
        cancelled or fails. The caller has told the person the file is not encrypted.
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        self._require()
        chosen = list(entries)
        target = Path(path)

        if fmt == "pdf":
            return self._export_pdf(chosen, target, note)

        def work(task: Task) -> ExportResult:
            if fmt == "json":
                return export_json(
                    chosen, target, progress=task.report, cancelled=task.is_cancelled
                )
            return export_markdown(
                chosen, target, note=note, progress=task.report, cancelled=task.is_cancelled
            )

        return self._runner.start("export", work)

    def _export_pdf(self, entries: list[Entry], target: Path, note: str) -> Task:
        """Typeset and paint on the GUI thread in slices; the worker writes the bytes.

        The same steps and the same file as :func:`journal_app.ui.services.pdf.write_pdf`.
        """
        from journal_app.ui.services.pdf import ensure_gui_application, pdf_steps, written_pieces

        ensure_gui_application()
        task = self._runner.new_task("export")
        steps = pdf_steps(entries, note=note, progress=task.report, cancelled=task.is_cancelled)

        def write(task: Task, data: bytearray) -> ExportResult:
            check_cancel(task.is_cancelled)
            size = atomic_write_pieces(target, written_pieces(data, task.report))
            return ExportResult(target, len(entries), size)

        return self._runner.start_sliced(task, steps, write)

    def print_document(self, entries: Sequence[Entry], *, note: str = "") -> Task:
        """Typeset ``entries`` (after the person's ``note``, if any) for printing, on the
        GUI thread in slices; the result is a PrintDocument."""
        from journal_app.ui.services.pdf import document_steps, ensure_gui_application

        self._require()
        ensure_gui_application()
        task = self._runner.new_task("print")
        steps = document_steps(
            list(entries), note=note, progress=task.report, cancelled=task.is_cancelled
        )

        def arrived(task: Task, document: PrintDocument) -> PrintDocument:
            if self._journal() is None:  # locked meanwhile: drop it
                document.clear()
                raise VaultLocked()
            return document

        return self._runner.start_sliced(task, steps, on_success=arrived)

    # ------------------------------------------------------------- backups

    def backup_to(self, destination: Path, now: datetime | None = None) -> Task:
        """Make a verified, encrypted backup at ``destination`` (a new file, or a folder).

        The result is a :class:`BackupResult` (where it went, what the check found).
        """
        from journal_app.journal.backup import make_backup

        vault = self._require().vault
        target = Path(destination)

        def work(task: Task) -> BackupResult:
            return make_backup(
                vault, target, now=now, progress=task.report, cancelled=task.is_cancelled
            )

        return self._runner.start("backup", work)

    def run_due_backup(self, policy: BackupPolicy, now: datetime | None = None) -> Task:
        """The automatic backup, if one is due; the result is its path, or None."""
        from journal_app.journal.backup import run_due_backup

        vault = self._require().vault

        def work(task: Task) -> Path | None:
            return run_due_backup(
                vault, policy, now, progress=task.report, cancelled=task.is_cancelled
            )

        return self._runner.start("auto-backup", work)

    def backups_in(self, folder: Path) -> list[BackupFile]:
        """Automatic backups of this journal in ``folder``, oldest first."""
        from journal_app.journal.backup import list_backups

        return list_backups(Path(folder), self._require().vault.vault_id)

    def restore_backup(
        self, backup: Path, new_vault: Path, passphrase: str, *, allow_damaged: bool = False
    ) -> Task:
        """Restore ``backup`` into the NEW file ``new_vault`` (never over a journal).

        Works whether or not a journal is open. The result is a CopyReport.
        """
        from journal_app.journal.backup import restore_backup

        source, target = Path(backup), Path(new_vault)

        def work(task: Task) -> CopyReport:
            return restore_backup(
                source,
                target,
                passphrase,
                allow_damaged=allow_damaged,
                progress=task.report,
                cancelled=task.is_cancelled,
            )

        return self._runner.start("restore", work)

    # -------------------------------------------------------------- import

    def preview_import(self, path: Path, fmt: str) -> Task:
        """Read a source in memory and say what importing it would do (an ImportPlan).

        Nothing is written. The plan holds the source's entries until it is imported
        or dropped.
        """
        from journal_app.journal.importers import parse, summarize

        existing = self._require().entries(include_trash=True)
        source = Path(path)

        def work(task: Task) -> ImportPlan:
            parsed = parse(source, fmt, progress=task.report, cancelled=task.is_cancelled)
            return ImportPlan(parsed, summarize(parsed, existing))

        return self._runner.start("import-preview", work)

    def import_entries(self, parsed: ParsedImport) -> Task:
        """Add what is new in ``parsed`` to the journal, all at once (an ImportDone)."""
        from journal_app.journal.importers import run_import

        journal = self._require()
        target = _ImportTarget(journal, journal.entries(include_trash=True))

        def work(task: Task) -> ImportDone:
            report = run_import(
                target,
                parsed,
                progress=task.report,
                cancelled=task.is_cancelled,
            )
            return ImportDone(report, tuple(target.added))

        def settle(task: Task, done: ImportDone) -> Steps[ImportDone]:
            # Stored already; now into memory, here on the GUI thread, a few hundred
            # at a time (10,000 at once held the window for over 100 ms). If the
            # journal locks meanwhile, the next unlock reads them from the file.
            for start in range(0, len(done.added), REMEMBER_AT_ONCE):
                if self._journal() is not journal:
                    return done
                journal.remember(done.added[start : start + REMEMBER_AT_ONCE])
                yield None
            if self._journal() is journal:
                heap.settle()  # the imported entries too
                self.entries_changed.emit()
            return done

        return self._runner.start("import", work, settle=settle)

    # ----------------------------------------------- another Tend journal

    def preview_merge(self, path: Path, passphrase: str) -> Task:
        """Read another Tend journal or backup (only reading it) and work out what it
        would add: the task's result is a MergePlan. Nothing is written.

        Fails with WrongPassphrase, NotAVault, DamagedVault, NewerVersion,
        VaultInUse, SameJournal (this journal's own file) or Cancelled.
        """
        from journal_app.journal.merge import plan_merge
        from journal_app.ui.services.merge_work import MergeSnapshot

        snapshot = MergeSnapshot(self._require())
        source = Path(path)

        def work(task: Task) -> MergePlan:
            return plan_merge(
                snapshot,
                source,
                passphrase,
                progress=task.report,
                cancelled=task.is_cancelled,
            )

        return self._runner.start("merge-preview", work)

    def merge(self, plan: MergePlan) -> Task:
        """Add what ``plan`` brings in, in one transaction (the result: a MergeReport).

        Cancelled writes nothing. The journal list, my people and plan and the packs
        hear of it through their signals.
        """
        from journal_app.journal.merge import apply_merge
        from journal_app.ui.services.merge_work import MergeTarget

        journal = self._require()
        target = MergeTarget(journal, plan)

        def work(task: Task) -> MergeReport:
            return apply_merge(
                target,
                plan,
                progress=task.report,
                cancelled=task.is_cancelled,
            )

        def arrived(task: Task, report: MergeReport) -> MergeReport:
            if self._journal() is not journal:  # locked meanwhile: the next unlock reads it
                return report
            entries, personal, packs = target.settle(report)
            heap.settle()
            for changed, signal in (
                (entries, self.entries_changed),
                (personal, self.personal_changed),
                (packs, self.packs_changed),
            ):
                if changed:
                    signal.emit()
            return report

        return self._runner.start("merge", work, arrived)


__all__ = ["EXPORT_FORMATS", "ImportDone", "ImportPlan", "TransferService"]
