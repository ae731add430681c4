"""The ``tend`` commands that move entries across the journal's edge.

``export`` (the one unencrypted file Tend writes, and only when asked), ``backup``
and ``restore`` (encrypted, checked copies), ``import`` (from jrnl, Day One or a
folder of notes). Each says plainly what it wrote and where; notes about safety go
to standard error, so they never end up inside the output itself. Their options
are declared in :mod:`journal_app.cli_parser`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from journal_app import APP_NAME
from journal_app.cli_common import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    fail,
    vault_path,
    warn_damaged,
)
from journal_app.cli_merge import cmd_merge
from journal_app.cli_parser import MERGE_FORMAT
from journal_app.cli_secrets import open_journal, passphrase
from journal_app.journal import Entry
from journal_app.journal.backup import make_backup, prune_backups, restore_backup
from journal_app.journal.export import (
    entries_to_json_document,
    export_json,
    export_markdown,
    json_document_bytes,
    markdown_document_pieces,
)
from journal_app.journal.importers import ImportFormatError, run_import, summarize
from journal_app.journal.importers import parse as parse_import
from journal_app.journal.selection import Selection, select
from journal_app.vault import DamagedRecords, NotAVault, VaultExists

NOT_ENCRYPTED_NOTE = (
    "Note: {path} will not be encrypted. Anyone who can open that file can read it. "
    "Keep it somewhere safe, and delete it when you no longer need it."
)
NOT_ENCRYPTED_STDOUT_NOTE = (
    "Note: what Tend writes to standard output is not encrypted. Wherever it goes, anyone "
    "who can open it can read it. Keep it somewhere safe, and delete it when you no longer "
    "need it."
)
"""Said before every export, on standard error (never inside the export itself)."""


# ------------------------------------------------------------------ export


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} '{text}' is not a date like 2026-11-21.") from None


def _selection(args: argparse.Namespace) -> Selection:
    try:
        return Selection(
            date_from=_day(args.date_from, "--from"),
            date_to=_day(args.date_to, "--to"),
            tag=args.tag,
            theme=args.theme,
            flagged_only=args.flagged,
        )
    except ValueError as exc:
        raise UsageError(f"{exc} Nothing was exported.") from None


def _pdf_writer() -> Callable[[Sequence[Entry], Path], object]:
    """The desktop app's PDF printer (Qt), loaded only when a PDF is asked for."""
    try:
        from journal_app.ui.services.pdf import write_pdf
    except ImportError:
        fail(
            "PDF export needs the desktop app's components, which could not be loaded. "
            "Export with --format md instead, and print that file.",
            EXIT_ERROR,
        )
    return write_pdf


STANDARD_OUTPUT = "-"
"""``-o -``: write the export to standard output (``-o ./-`` is a file named ``-``)."""


def _export_target(args: argparse.Namespace) -> Path | None:
    """The file to write, or None for standard output; refused before the journal opens."""
    if args.output == STANDARD_OUTPUT:
        if args.format == "pdf":
            raise UsageError(
                "A PDF cannot be written to standard output. Give a file name, "
                "such as -o journal.pdf, or choose --format md or json."
            )
        return None
    output = Path(args.output).expanduser()
    if output.is_dir():
        raise UsageError(f"{output} is a folder; give the name of the file to write.")
    if output.exists() and not args.force:
        raise UsageError(
            f"{output} already exists. Choose another name, or add --force to replace it."
        )
    return output


def _write_to_standard_output(entries: Sequence[Entry], fmt: str) -> None:
    """The same bytes the file would hold (UTF-8 whatever the terminal's locale)."""
    if fmt == "json":
        data = json_document_bytes(entries_to_json_document(entries))
    else:
        data = "".join(markdown_document_pieces(entries)).encode("utf-8")
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        stream.write(data)
    sys.stdout.flush()


def cmd_export(args: argparse.Namespace) -> int:
    """Write the chosen entries to a file, or to standard output with ``-o -``.

    With ``-o -`` everything but the export itself (the note that it is not
    encrypted, the count) goes to standard error, so a pipe receives only the export.
    """
    output = _export_target(args)
    selection = _selection(args)
    write_pdf = _pdf_writer() if args.format == "pdf" else None
    where = "standard output" if output is None else str(output)
    report = sys.stderr if output is None else sys.stdout
    with open_journal(args) as journal:
        entries = select(journal.entries(), selection)
        warn_damaged(journal)
        if not entries:
            print("No entries match, so no file was written.", file=sys.stderr)
            return EXIT_ERROR
        note = NOT_ENCRYPTED_STDOUT_NOTE if output is None else NOT_ENCRYPTED_NOTE
        print(f"{APP_NAME}: " + note.format(path=where), file=sys.stderr)
        if output is None:
            _write_to_standard_output(entries, args.format)
        elif write_pdf is not None:
            write_pdf(entries, output)
        elif args.format == "json":
            export_json(entries, output)
        else:
            export_markdown(entries, output, pictures=journal.pictures.read)
    noun = "entry" if len(entries) == 1 else "entries"
    print(f"Exported {len(entries)} {noun} to {where}.", file=report)
    return EXIT_OK


# ------------------------------------------------------------------ backups


def cmd_backup(args: argparse.Namespace) -> int:
    destination = Path(args.output).expanduser()
    if args.keep is not None and not destination.is_dir():
        raise UsageError("--keep works with a folder: give -o a folder for the backups.")
    with open_journal(args) as journal:
        result = make_backup(journal.vault, destination)
        if args.keep is not None:
            prune_backups(destination, args.keep, journal.vault.vault_id)
    print(
        f"Backed up {result.report.records} records to {result.path}, and checked the copy. "
        "It is encrypted: this journal's passphrase opens it."
    )
    if result.report.damaged:
        print(
            f"{APP_NAME}: {DamagedRecords(list(result.report.damaged))} "
            "They were copied as they are.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    backup = Path(args.backup).expanduser()
    target = vault_path(args)
    if not backup.is_file():
        raise NotAVault(f"There is no backup at {backup}.")
    if target.exists():
        raise VaultExists(
            f"{target} already exists; Tend never restores over a journal. "
            "Choose a new file with --vault NEW."
        )
    report = restore_backup(backup, target, passphrase(args), allow_damaged=args.allow_damaged)
    print(f"Restored {report.records} records into {target}. The backup's passphrase opens it.")
    if report.damaged:
        print(f"{APP_NAME}: {DamagedRecords(list(report.damaged))}", file=sys.stderr)
    return EXIT_OK


# ------------------------------------------------------------------ import


def cmd_import(args: argparse.Namespace) -> int:
    if args.source_format == MERGE_FORMAT:
        return cmd_merge(args)
    try:
        parsed = parse_import(Path(args.path).expanduser(), args.source_format)
    except ImportFormatError as exc:
        fail(f"{exc} Nothing was imported.", EXIT_ERROR)
    with open_journal(args) as journal:
        if args.dry_run:
            shown = summarize(parsed, journal.entries(include_trash=True))
            duplicates = shown.duplicates or 0
            print(
                f"Would import {shown.count - duplicates} entries; skip {duplicates} already "
                "in your journal. Nothing was written."
            )
        else:
            report = run_import(journal, parsed)
            noun = "entry" if report.imported == 1 else "entries"
            print(
                f"Imported {report.imported} {noun}; skipped {report.skipped_duplicates} "
                "already in your journal."
            )
        for problem in parsed.problems:
            print(f"  {problem}", file=sys.stderr)
        warn_damaged(journal)
    if not args.dry_run:
        print(
            f"{APP_NAME}: the file you imported from is not encrypted. Once your entries look "
            "right in Tend, you may want to delete it.",
            file=sys.stderr,
        )
    return EXIT_OK
