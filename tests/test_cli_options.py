"""``--vault`` and ``--passphrase-file`` mean the same before or after the command.

Issue 9, defect 1: ``tend --vault B.tend add "..."`` wrote into the *default*
journal, because each command's copy of the shared options overwrote the value
given before the command with its own empty default. Each case below runs every
command against a named journal whose passphrase is only in a file, while a
default journal exists (its passphrase is nowhere the command could find it) and
``TEND_PASSPHRASE`` holds a passphrase that opens neither. So the command succeeds
only if it read the file AND used the named journal: ignoring ``--vault`` meets
the default journal (wrong passphrase, or "already exists" for init and
restore), ignoring ``--passphrase-file`` tries the environment's passphrase.
Each case then checks the command's effect on the named journal, and that the
default journal's bytes did not change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from journal_app import paths
from journal_app.journal import Journal
from journal_app.journal.backup import make_backup
from journal_app.vault import KdfParams, Vault
from tests.cli_support import Result
from tests.conftest import sha256_of

DEFAULT_PASSPHRASE = "correct horse battery staple"
ENVIRONMENT_PASSPHRASE = "a passphrase that opens neither journal"
NAMED_PASSPHRASE = "otters drift past the willow bend"
NEW_PASSPHRASE = "a new and longer passphrase"
FAST = ["--kdf-memory-mib", "1", "--kdf-iterations", "1", "--kdf-lanes", "1"]


@dataclass
class Place:
    """The two journals and the files around them."""

    root: Path
    default: Path
    named: Path
    passphrase_file: Path
    ids: dict[str, str]

    def entries(self, path: Path | None = None, passphrase: str = NAMED_PASSPHRASE) -> list:
        with Journal.open(path or self.named, passphrase) as journal:
            return journal.entries()


@pytest.fixture
def place(tmp_path, monkeypatch, fast_kdf: KdfParams) -> Place:
    """A default journal, and a named one opened only by the passphrase in a file."""
    default = paths.default_vault_path()
    default.parent.mkdir(parents=True, exist_ok=True)
    with Journal.create(default, DEFAULT_PASSPHRASE, fast_kdf) as journal:
        journal.add("Only in the default journal.", tags=["default"])
    named = tmp_path / "elsewhere" / "B.tend"
    named.parent.mkdir()
    with Journal.create(named, NAMED_PASSPHRASE, fast_kdf) as journal:
        otters = journal.add("Otters by the bridge.", title="Otters", tags=["named"])
        herons = journal.add("Herons on the weir.", title="Herons")
        journal.set_flagged(otters.id, True)
        ids = {"otters": otters.id, "herons": herons.id}
    secret = tmp_path / "secret.txt"
    secret.write_text(NAMED_PASSPHRASE + "\n", encoding="utf-8")
    monkeypatch.setenv("TEND_PASSPHRASE", ENVIRONMENT_PASSPHRASE)
    monkeypatch.setenv("TEND_NEW_PASSPHRASE", NEW_PASSPHRASE)
    return Place(tmp_path, default, named, secret, ids)


@dataclass(frozen=True)
class Case:
    """One command: its own arguments, the journal it works on, and what it must do."""

    command: str
    args: Callable[[Place], list[str]]
    check: Callable[[Place, Result], None]
    target: Callable[[Place], Path] = lambda place: place.named


def _init_check(place: Place, result: Result) -> None:
    assert place.entries(place.root / "new.tend") == []


def _add_check(place: Place, result: Result) -> None:
    assert "A line for the named journal." in [entry.body for entry in place.entries()]


def _list_check(place: Place, result: Result) -> None:
    assert sorted(item["title"] for item in json.loads(result.out)) == ["Herons", "Otters"]


def _search_check(place: Place, result: Result) -> None:
    assert [item["title"] for item in json.loads(result.out)] == ["Otters"]


def _check_check(place: Place, result: Result) -> None:
    assert "records read correctly" in result.out


def _passwd_check(place: Place, result: Result) -> None:
    assert len(place.entries(passphrase=NEW_PASSPHRASE)) == 2


def _recovery_check(place: Place, result: Result) -> None:
    code = result.out.split("\n\n")[1].strip()
    with Vault.open(place.named) as vault:
        vault.unlock_with_recovery_code(code)


def _export_check(place: Place, result: Result) -> None:
    text = (place.root / "out.md").read_text(encoding="utf-8")
    assert "Otters by the bridge." in text and "default" not in text


def _backup_check(place: Place, result: Result) -> None:
    assert len(place.entries(place.root / "copy.tend")) == 2


def _restore_check(place: Place, result: Result) -> None:
    titles = sorted(entry.title for entry in place.entries(place.root / "restored.tend"))
    assert titles == ["Herons", "Otters"]


def _import_check(place: Place, result: Result) -> None:
    assert "Came in from a folder." in [entry.body for entry in place.entries()]


def _flag_check(place: Place, result: Result) -> None:
    assert {entry.title: entry.flagged for entry in place.entries()} == {
        "Otters": True,
        "Herons": True,
    }


def _unflag_check(place: Place, result: Result) -> None:
    assert not any(entry.flagged for entry in place.entries())


def _notes(place: Place) -> list[str]:
    folder = place.root / "notes"
    folder.mkdir()
    (folder / "2025-05-05 folder.md").write_text("Came in from a folder.", encoding="utf-8")
    return ["--from", "folder", str(folder)]


def _backup_to_restore(place: Place) -> list[str]:
    backup = place.root / "made.tend"
    with Journal.open(place.named, NAMED_PASSPHRASE) as journal:
        make_backup(journal.vault, backup)
    return [str(backup)]


def _pack_check(place: Place, result: Result) -> None:
    assert "is ready to send" in result.out


EXAMPLE_PACK = Path(__file__).resolve().parent / "data" / "example_pack.toml"

CASES = [
    Case("init", lambda p: FAST, _init_check, lambda p: p.root / "new.tend"),
    Case("add", lambda p: ["A line for the named journal."], _add_check),
    Case("list", lambda p: ["--json"], _list_check),
    Case("search", lambda p: ["otters", "--json"], _search_check),
    Case("check", lambda p: [], _check_check),
    Case("passwd", lambda p: [], _passwd_check),
    Case("recovery-code", lambda p: [], _recovery_check),
    Case("export", lambda p: ["-o", str(p.root / "out.md")], _export_check),
    Case("backup", lambda p: ["-o", str(p.root / "copy.tend")], _backup_check),
    Case("restore", _backup_to_restore, _restore_check, lambda p: p.root / "restored.tend"),
    Case("import", _notes, _import_check),
    Case("flag", lambda p: [p.ids["herons"]], _flag_check),
    Case("unflag", lambda p: [p.ids["otters"]], _unflag_check),
    Case("pack", lambda p: ["check", str(EXAMPLE_PACK)], _pack_check),
]


def test_every_command_is_covered(tend):
    """A command added later gets a case here, or this fails."""
    listed = re.findall(r"^    (\S+)", tend("--help").out, re.MULTILINE)
    assert sorted(listed) == sorted(case.command for case in CASES)


PLACEMENTS = {
    "both before": lambda command, own, shared: [*shared, command, *own],
    "both after": lambda command, own, shared: [command, *own, *shared],
    "vault before, file after": lambda command, own, shared: [
        *shared[:2],
        command,
        *own,
        *shared[2:],
    ],
    "file before, vault after": lambda command, own, shared: [
        *shared[2:],
        command,
        *own,
        *shared[:2],
    ],
}


@pytest.mark.parametrize("placement", list(PLACEMENTS))
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.command)
def test_shared_options_work_before_or_after_every_command(tend, place, case, placement):
    default_before = sha256_of(place.default)
    own = case.args(place)
    shared = ["--vault", str(case.target(place)), "--passphrase-file", str(place.passphrase_file)]
    result = tend(*PLACEMENTS[placement](case.command, own, shared))
    assert result.code == 0, result.err
    case.check(place, result)
    assert sha256_of(place.default) == default_before
    assert len(place.entries(place.default, DEFAULT_PASSPHRASE)) == 1


@pytest.mark.parametrize("option", ["--vault", "--passphrase-file"])
def test_an_option_given_twice_with_different_values_is_refused(tend, place, option):
    other = place.root / "other"
    values = {"--vault": str(place.named), "--passphrase-file": str(place.passphrase_file)}
    shared = [item for name, value in values.items() if name != option for item in (name, value)]
    before = sha256_of(place.named)
    result = tend(option, str(other), *shared, "add", "Which journal?", option, values[option])
    assert result.code == 2
    assert "usage: tend" in result.err
    assert f"{option} was given before and after the command" in result.err
    assert str(other) in result.err and values[option] in result.err
    assert sha256_of(place.named) == before
    assert not other.exists()


def test_the_same_value_before_and_after_is_fine(tend, place):
    vault = str(place.named)
    result = tend("--vault", vault, "list", "--json", "--vault", vault,
                  "--passphrase-file", str(place.passphrase_file))  # fmt: skip
    assert result.code == 0, result.err
    assert len(json.loads(result.out)) == 2


def test_help_says_where_the_shared_options_go(tend):
    result = tend("--help")
    assert result.code == 0
    assert "--vault PATH" in result.out and "--passphrase-file FILE" in result.out
    assert "before or after the command" in result.out
    command_help = tend("add", "--help")
    assert command_help.code == 0
    assert "--vault PATH" in command_help.out and "--passphrase-file FILE" in command_help.out
