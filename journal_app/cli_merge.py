"""``tend import --from tend OTHER.tend``: merge another Tend journal or backup.

For one journal kept on two computers: the other copy's entries, people, plan
and prompt packs that this journal lacks are added, in one transaction; what it
has already is skipped (see :mod:`journal_app.journal.merge`). The other file is
only read. Its passphrase is most often this journal's own, so that is tried
first; else it comes from ``--other-passphrase-file``, ``TEND_OTHER_PASSPHRASE``
or a hidden prompt, like every secret.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from journal_app import APP_NAME
from journal_app.cli_common import EXIT_OK, UsageError, warn_damaged
from journal_app.cli_secrets import open_journal, passphrase, secret
from journal_app.journal import Journal
from journal_app.journal.merge import MergePlan, apply_merge, describe, plan_merge
from journal_app.vault import NotAVault, WrongPassphrase

OTHER_PASSPHRASE_ENV = "TEND_OTHER_PASSPHRASE"


def _plan(journal: Journal, other: Path, args: argparse.Namespace, own: str) -> MergePlan:
    """The merge plan, unlocking the other file with its own passphrase or this one's."""
    if args.other_passphrase_file is not None or OTHER_PASSPHRASE_ENV in os.environ:
        text = secret(OTHER_PASSPHRASE_ENV, args.other_passphrase_file, "")
        return plan_merge(journal, other, text)
    try:
        return plan_merge(journal, other, own)
    except WrongPassphrase:
        if not sys.stdin.isatty():
            raise UsageError(
                f"{other.name} does not open with this journal's passphrase. Give its own "
                f"with --other-passphrase-file or {OTHER_PASSPHRASE_ENV}. Nothing was imported."
            ) from None
    return plan_merge(
        journal, other, secret(OTHER_PASSPHRASE_ENV, None, f"Passphrase of {other.name}")
    )


def cmd_merge(args: argparse.Namespace) -> int:
    other = Path(args.path).expanduser()
    if not other.is_file():
        raise NotAVault(f"There is no Tend journal at {other}.")
    own = passphrase(args)
    with open_journal(args, own) as journal:
        plan = _plan(journal, other, args, own)
        for line in describe(plan):
            print(line)
        if args.dry_run:
            print("Nothing was written.")
        elif plan.adds_anything:
            report = apply_merge(journal, plan)
            noun = "entry" if report.entries == 1 else "entries"
            print(f"Brought in {report.entries} {noun} from {other.name}.")
        warn_damaged(journal)
    if not args.dry_run and plan.adds_anything and plan.copy_of_this:
        print(
            f"{APP_NAME}: {other.name} was left as it was. Once you no longer write in it, "
            "keep only this journal, so that both copies do not grow apart again.",
            file=sys.stderr,
        )
    return EXIT_OK
