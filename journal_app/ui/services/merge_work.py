"""What a merge's worker may touch of the open journal, and nothing more.

:func:`journal_app.journal.merge.plan_merge` and
:func:`journal_app.journal.merge.apply_merge` take what their protocols,
PlanningJournal and MergingJournal, ask of a journal (a Journal is both). On the
worker they get stand-ins instead, made on the GUI thread, in the same way an
import gets ``_ImportTarget`` (see transfer_service.py):

- :class:`MergeSnapshot` for the preview: a frozen copy of what ``plan_merge``
  compares against (the entries, the people, the plan, the packs, the file), so
  the worker never reads lists that the GUI thread may be changing;
- :class:`MergeTarget` for the merge itself: the people and plan records to
  write are prepared here, the worker seals and stores everything in one
  transaction without touching memory, and :meth:`MergeTarget.settle` then takes
  it into memory on the GUI thread.

Only the GUI thread ever changes the journal's entries, people, plan and packs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal_app.journal import Entry, Journal
    from journal_app.journal.merge import MergePlan, MergeReport
    from journal_app.journal.packs import Pack
    from journal_app.journal.personal import Person, Plan


@dataclass(frozen=True, slots=True)
class _FileFacts:
    path: Path
    vault_id: bytes


class _Personal:
    def __init__(self, people: list[Person], plan: Plan) -> None:
        self._people = people
        self._plan = plan

    def people(self) -> list[Person]:
        return list(self._people)

    def plan(self) -> Plan:
        return self._plan


class _Prompts:
    def __init__(self, packs: list[Pack]) -> None:
        self._packs = packs

    def packs(self) -> list[Pack]:
        return list(self._packs)


class MergeSnapshot:
    """This journal as ``plan_merge`` reads it, copied on the GUI thread."""

    def __init__(self, journal: Journal) -> None:
        self.vault = _FileFacts(journal.vault.path, journal.vault.vault_id)
        self._entries = journal.entries(include_trash=True)
        self.damaged_ids = tuple(journal.damaged_ids)
        self.personal = _Personal(journal.personal.people(), journal.personal.plan())
        self.prompts = _Prompts(journal.prompts.packs())

    def entries(self, *, include_trash: bool = False) -> list[Entry]:
        if include_trash:
            return list(self._entries)
        return [entry for entry in self._entries if entry.trashed_at is None]


class _Later:
    """People and plan (or packs) for the worker: records prepared beforehand, and a
    reload noted for the GUI thread instead of done."""

    def __init__(self, records: list[tuple[str, bytes, str]]) -> None:
        self._records = records
        self.reload = False

    def records_with(self, _people: Iterable[Person], _plan: Plan | None) -> list:
        return list(self._records)

    def load(self) -> None:
        self.reload = True


class MergeTarget:
    """This journal as ``apply_merge`` writes it, from a worker thread."""

    def __init__(self, journal: Journal, plan: MergePlan) -> None:
        self._journal = journal
        self._plan = plan
        self.personal = _Later(journal.personal.records_with(plan.people, plan.plan))
        self.prompts = _Later([])

    def add_many(
        self,
        entries: Sequence[Entry],
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        also: Iterable[tuple[str, bytes, str | None]] = (),
    ) -> list[Entry]:
        return self._journal.add_many(
            entries, progress=progress, cancelled=cancelled, remember=False, also=also
        )

    def settle(self, report: MergeReport) -> tuple[bool, bool, bool]:
        """On the GUI thread, once written and while this journal is still open: into
        memory. Returns whether the entries, the people or plan, and the packs changed.
        """
        journal = self._journal
        journal.remember(self._plan.entries)
        if self.personal.reload:
            journal.personal.load()
        if self.prompts.reload:
            journal.prompts.load()
        return (
            report.entries > 0,
            report.people > 0 or report.plan_sections > 0,
            report.packs > 0,
        )


__all__ = ["MergeSnapshot", "MergeTarget"]
