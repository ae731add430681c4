"""A thousand single flipped bits in a journal, and in a backup: every one ends with a
plain sentence and the exit code for damage, never a traceback."""

from __future__ import annotations

import io
import random
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from journal_app import cli
from journal_app.cli import main
from journal_app.journal import Journal
from journal_app.vault import KdfParams
from tests.conftest import PASSPHRASE

FLIPS = 1_000
# 0: read as it is (a flip in free space, or in a record: a warning names it);
# 3: a flip in the salt or the wrapped key looks like another passphrase;
# 4: damaged; 6: not a Tend journal (a flip in SQLite's or Tend's magic numbers).
ALLOWED = {0, 3, 4, 6}


def run(argv: list[str]) -> tuple[object, str]:
    """``tend ARGV`` in this process: its exit code, and all it printed.

    An exception other than SystemExit escapes, and fails the test.
    """
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(), out, err
    try:
        code: object = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, err.getvalue() + out.getvalue()


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("originals")
    journal_path = folder / "journal.tend"
    with Journal.create(journal_path, PASSPHRASE, KdfParams.fresh(64, 1, 1)) as journal:
        for i in range(12):
            journal.add(f"Entry {i}. " + "Some words. " * 60, title=f"Day {i}", tags=["t"])
        journal.save_draft(entry_id=None, title="", body="A draft.")
        journal.vault.backup_to(folder / "backup.tend")
    return {
        "journal": journal_path.read_bytes(),
        "backup": (folder / "backup.tend").read_bytes(),
    }


def commands(which: str, path: Path) -> list[list[str]]:
    if which == "journal":
        return [["list", "-n", "0", "--vault", str(path)], ["check", "--vault", str(path)]]
    restored = path.with_name("restored.tend")
    return [["check", "--backups", str(path)], ["restore", str(path), "--vault", str(restored)]]


@pytest.mark.slow
@pytest.mark.parametrize("which", ["journal", "backup"])
def test_no_flipped_bit_shows_a_traceback(
    which: str, originals: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("TEND_PASSPHRASE", PASSPHRASE)
    # The parser is the same for every run; building it once halves the test's time.
    monkeypatch.setattr(cli, "build_parser", cache(cli.build_parser))
    original = originals[which]
    rng = random.Random(f"tend-{which}")
    codes: Counter[object] = Counter()
    for flip in range(FLIPS):
        data = bytearray(original)
        where = rng.randrange(len(data))
        data[where] ^= 1 << rng.randrange(8)
        folder = tmp_path / str(flip)
        folder.mkdir()
        path = folder / f"{which}.tend"
        path.write_bytes(bytes(data))
        for argv in commands(which, path):
            code, said = run(argv)
            assert "Traceback" not in said, (where, argv, said)
            assert code in ALLOWED, (where, argv, code, said)
            assert code == 0 or said.strip(), (where, argv, "no word said")
            codes[code] += 1
    # The flips did reach the places that matter: damage was found, and refused.
    assert codes[4] > FLIPS // 10, codes
