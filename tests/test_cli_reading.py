"""``tend list`` and ``tend search`` only read, so they never load SQLAlchemy.

Importing it cost about half a second of every read command: twice jrnl's whole
run at 1,000 entries. The store reads with ``sqlite3`` and loads SQLAlchemy on
its first write (``journal_app/vault/writing.py``); this holds the line from the
command line down, in a fresh interpreter, with the output checked too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import KdfParams
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["list", "-n", "1"], "Evening"),
        (["search", "heron"], "Morning"),
        (["list", "--tag", "walk", "--json"], "Morning"),
    ],
)
def test_reading_commands_never_load_sqlalchemy(
    vault_path: Path, fast_kdf: KdfParams, argv: list[str], shown: str
) -> None:
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        morning = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
        journal.add("Heron on the river", title="Morning", tags=("walk",), created=morning)
        journal.add("Lamps on the bridge", title="Evening", created=morning.replace(hour=20))
    script = textwrap.dedent(
        """
        import json, os, sys
        from journal_app.cli import main
        os.environ["TEND_PASSPHRASE"] = sys.argv[3]
        code = main([*json.loads(sys.argv[1]), "--vault", sys.argv[2]])
        print("sqlalchemy" in sys.modules, code, file=sys.stderr)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(argv), str(vault_path), PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert shown in done.stdout
    assert done.stderr.split() == ["False", "0"]
