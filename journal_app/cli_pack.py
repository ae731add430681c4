"""``tend pack check FILE``: every problem in a prompt pack, before a therapist sends it.

Needs no journal and no passphrase: it reads the file and the wording rules and
nothing else, so it loads neither the store nor the cryptography. Each problem
is one line in plain words with the prompt's number ("Prompt 3: …"), naming the
words that broke a rule, since the person checking is the pack's author.

Exit codes: 0 when the pack is fine (it says so, with the number of prompts);
:data:`EXIT_PACK_PROBLEMS` when it has problems, so a script can tell a pack to
correct from a file that could not be read (1) or a usage mistake (2).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from journal_app.cli_common import EXIT_ERROR, EXIT_OK, fail
from journal_app.journal.pack_check import PackCheck, PackError, check_pack, read_pack_file, verdict

EXIT_PACK_PROBLEMS = 7
"""The pack has at least one problem, listed on standard output."""


def check_json(path: Path, check: PackCheck) -> dict[str, Any]:
    """The findings for programs: each with its prompt's number, field and words apart."""
    return {
        "file": str(path),
        "ok": check.ok,
        "prompts": check.prompt_count,
        "name": check.header.name if check.header else None,
        "problems": [
            {
                "prompt": finding.prompt,
                "field": finding.where,
                "problem": finding.sentence(),
                "words": finding.word or None,
            }
            for finding in check.findings
        ],
    }


def say_check(path: Path, check: PackCheck) -> list[str]:
    """The lines a person reads: the verdict first, then one line per problem."""
    return [verdict(check, path.name)] + [f"  {finding.sentence()}" for finding in check.findings]


def cmd_pack_check(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        raw = read_pack_file(path)
    except PackError as error:
        fail(f"“{path}”: {error.problem}.", EXIT_ERROR)
    check = check_pack(raw)
    if args.json:
        json.dump(check_json(path, check), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in say_check(path, check):
            print(line)
    return EXIT_OK if check.ok else EXIT_PACK_PROBLEMS
