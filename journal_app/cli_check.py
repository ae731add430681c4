"""``tend check``: is every record there, as Tend saved it, and is the file sound?

Each finding is said apart, in its own words, so that a person is never told the
journal "cannot be read" when every entry opens: a record that does not open
(damaged), one the sealed manifest lists but the file lacks (missing), an older
sealed copy of one put back, one put back after deletion (not expected), a
manifest that could not itself be read, and damage SQLite's own check finds in
the file's pages. ``--json`` gives the same findings to programs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from journal_app import APP_NAME
from journal_app.cli_common import (
    EXIT_DAMAGED,
    EXIT_ERROR,
    EXIT_IN_USE,
    EXIT_NOT_A_VAULT,
    EXIT_OK,
    EXIT_WRONG_PASSPHRASE,
    exit_code_for,
)
from journal_app.cli_secrets import open_journal, passphrase
from journal_app.journal.backup import BackupCheck, check_backups
from journal_app.vault import DamagedRecords, ManifestUnverified, NotAVault
from journal_app.vault.records import Problem, RecordProblem

# What each kind of record is, in the person's words.
KIND_NAMES = {
    "entry": "entry",
    "draft": "draft",
    "people": "My people",
    "plan": "My plan",
    "pack": "prompt pack",
    "state": "prompt history",
    "image": "picture",
}
PROBLEM_WORDS = {
    Problem.DAMAGED: "damaged: it does not open",
    Problem.MISSING: "missing from the file",
    Problem.OLDER: "an older copy was put back in its place",
    Problem.UNEXPECTED: "not saved in this journal: perhaps an old copy put back",
}
_STRUCTURE = (
    "SQLite's own check of the file found damage in its structure, although {what}. "
    "Make a backup now ('tend backup'), then restore it into a new journal "
    "('tend restore'); the backup is checked record by record as it is made."
)
_PRIORITY = (EXIT_DAMAGED, EXIT_WRONG_PASSPHRASE, EXIT_NOT_A_VAULT, EXIT_IN_USE, EXIT_ERROR)


def problem_lines(problems: Mapping[str, RecordProblem]) -> list[str]:
    """One line per record: what it is, its id, and what is wrong with it."""
    lines = []
    for record_id, found in sorted(problems.items(), key=lambda item: (item[1].problem, item[0])):
        kind = KIND_NAMES.get(found.kind, "record")
        lines.append(f"  {kind} {record_id}: {PROBLEM_WORDS[found.problem]}")
    return lines


def _findings_json(
    records: int,
    problems: Mapping[str, RecordProblem],
    unverified: str | None,
    structure: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "ok": not problems and unverified is None and not structure,
        "records": records,
        "problems": [
            {"id": rid, "kind": p.kind or None, "problem": p.problem.name.lower()}
            for rid, p in sorted(problems.items())
        ],
        "manifest": "unverified" if unverified is not None else "ok",
        "manifest_problem": unverified,
        "structure": list(structure),
    }


def _say_findings(
    records: int,
    problems: Mapping[str, RecordProblem],
    unverified: str | None,
    structure: tuple[str, ...] = (),
    prefix: str = "",
) -> None:
    if problems:
        print(prefix + str(DamagedRecords(list(problems), problems)))
        for line in problem_lines(problems):
            print(line)
        if any(p.problem != Problem.DAMAGED for p in problems.values()):
            print(
                "A backup made before the change, restored into a new journal "
                "('tend restore'), has them as they were."
            )
    if unverified is not None:
        print(prefix + str(ManifestUnverified(unverified)))
    if structure:
        what = "every record reads" if not problems else "the other records read"
        print(prefix + _STRUCTURE.format(what=what))
    if not (problems or unverified or structure):
        noun = "record" if records == 1 else "records"
        print(f"{prefix}All {records} {noun} read correctly, and none is missing.")


def cmd_check(args: argparse.Namespace) -> int:
    if args.backups:
        return _check_backups(Path(args.backups).expanduser(), args)
    with open_journal(args) as journal:
        report = journal.vault.examine()
    if args.json:
        findings = _findings_json(
            report.records, report.problems, report.unverified, report.structure
        )
        json.dump(findings, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _say_findings(report.records, report.problems, report.unverified, report.structure)
    return EXIT_OK if report.ok else EXIT_DAMAGED


def _check_backups(target: Path, args: argparse.Namespace) -> int:
    if not target.exists():
        raise NotAVault(f"There is nothing at {target}.")
    results: list[BackupCheck] = check_backups(target, passphrase(args))
    if not results:
        print(f"{APP_NAME}: there are no backups (*.tend files) in {target}.", file=sys.stderr)
        return EXIT_NOT_A_VAULT
    codes = set()
    rows = []
    for result in results:
        if result.error is not None:
            codes.add(exit_code_for(result.error))
            rows.append({"file": str(result.path), "ok": False, "error": str(result.error)})
            if not args.json:
                print(f"{result.path.name}: {result.error}")
            continue
        report = result.report
        assert report is not None
        if report.problems or report.unverified is not None:
            codes.add(EXIT_DAMAGED)
        findings = _findings_json(
            report.records - len(report.damaged), report.problems, report.unverified
        )
        rows.append({"file": str(result.path), "error": None, **findings})
        if not args.json:
            _say_findings(
                report.records - len(report.damaged),
                report.problems,
                report.unverified,
                prefix=f"{result.path.name}: ",
            )
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return next((code for code in _PRIORITY if code in codes), EXIT_OK)
