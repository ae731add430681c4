"""The peer: jrnl, the command-line journal, with its journal encrypted, on the same entries.

jrnl is installed from PyPI into its own virtualenv, bench/.peer-venv (made with
``python -m venv``, then ``pip install jrnl keyrings.alt``), so it shares nothing
with Tend's. Its configuration and data live under bench/results/peer/ through
XDG_CONFIG_HOME and XDG_DATA_HOME, and its password sits in keyrings.alt's
plaintext keyring (PYTHON_KEYRING_BACKEND), so jrnl runs without prompting.

The journal is made as jrnl's plain text ("[2026-01-02 09:30:00 AM] Title" then
the body; tags as "@tag"), from the same synthetic entries as Tend's vault, then
encrypted by jrnl itself: ``jrnl --encrypt``, with the new password typed twice and
"yes, keep it in the keyring" on standard input (no terminal is attached, so
jrnl's password prompt reads standard input). The configured time format is
``%Y-%m-%d %I:%M:%S %p``, the same text as jrnl's default ``%F %r`` but one that
Python's strptime can read: with the default, jrnl parses every entry's date with
dateutil and is slower, which would flatter Tend.

Tend's side is a vault of the same entries made with Tend's default key
derivation (64 MiB, 3 passes, 4 lanes): here whole commands are timed, KDF and
all. Both programs run with a bytecode cache, as installed programs do: this
environment may set PYTHONDONTWRITEBYTECODE, under which Tend (an editable
install, never compiled by pip) would compile its own modules at every run, about
0.17 s of each command, while jrnl's were compiled when pip installed it. So both
get a cache of their own under bench/results/pycache (as bench/gui.py's children
do), filled by the warm-up pair.

Both sides work on fresh copies of their pristine journal at each run of the
benchmark; each "add" run adds an entry to its copy.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.measure import ChildRun, median, run_child
from bench.synthetic import GENERATOR_VERSION, SEED, Generator
from bench.vaults import PASSPHRASE, RESULTS, ensure_vault, remove_vault, scratch_copy

PEER_VENV = Path(__file__).resolve().parent / ".peer-venv"
JRNL_PASSWORD = "bench: jrnl correct horse"
TIME_FORMAT = "%Y-%m-%d %I:%M:%S %p"
SEARCH_WORD = "Marguerite"
# How jrnl prints an entry's first line with the time format above.
_JRNL_ENTRY_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [AP]M ", re.MULTILINE)
ADD_TEXT = "A short note from the benchmark. The heron was back on the river this morning."


class PeerUnavailable(Exception):
    """jrnl could not be installed or set up; the comparison is skipped."""


@dataclass(frozen=True, slots=True)
class PeerCommand:
    label: str
    tend_wall_s: float
    jrnl_wall_s: float
    tend_rss_kib: float
    jrnl_rss_kib: float
    tend_argv: str
    jrnl_argv: str


@dataclass
class PeerResult:
    count: int
    jrnl_version: str
    runs: int
    commands: list[PeerCommand]
    search_hits_tend: int
    search_hits_jrnl: int


def _jrnl_bin() -> Path:
    return PEER_VENV / "bin" / "jrnl"


def _venv_pip() -> list[str]:
    return [str(PEER_VENV / "bin" / "python"), "-m", "pip"]


def ensure_jrnl(log: Callable[[str], None]) -> str:
    """Install jrnl in its own venv if needed; return its version."""
    if not _jrnl_bin().exists():
        log("installing jrnl into bench/.peer-venv (once)...")
        steps = [
            [sys.executable, "-m", "venv", "--clear", str(PEER_VENV)],
            [*_venv_pip(), "install", "-q", "jrnl", "keyrings.alt"],
        ]
        for step in steps:
            try:
                done = subprocess.run(step, capture_output=True, text=True, check=False)
            except OSError as exc:
                raise PeerUnavailable(f"'{' '.join(step[-3:])}' could not run: {exc}") from exc
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
                raise PeerUnavailable(f"'{' '.join(step[-3:])}' failed: {' / '.join(tail)}")
    try:
        done = subprocess.run(
            [str(_jrnl_bin()), "--version"], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise PeerUnavailable(f"'jrnl --version' could not run: {exc}") from exc
    words = done.stdout.split()
    if done.returncode != 0 or len(words) < 2:
        raise PeerUnavailable(f"'jrnl --version' failed: {done.stderr.strip()}")
    return words[1].lstrip("v")


class JrnlSetup:
    """jrnl's config, keyring and journal for one journal size, under bench/results/peer/."""

    def __init__(self, count: int, version: str) -> None:
        self.count = count
        self.version = version
        self.root = RESULTS / "peer" / f"jrnl{version}-g{GENERATOR_VERSION}-s{SEED}-{count}"
        self.config_home = self.root / "config"
        self.data_home = self.root / "data"
        self.journal = self.root / "journal.txt"
        self.pristine = self.root / "journal.pristine"
        self.done = self.root / "ok"

    def env(self) -> dict[str, str]:
        """The environment of both programs' runs: jrnl's folders, and a bytecode
        cache for each (see the module's docstring)."""
        from bench.measure import child_env

        env = child_env(
            {
                "PYTHONPYCACHEPREFIX": str(RESULTS / "pycache"),
                "XDG_CONFIG_HOME": str(self.config_home),
                "XDG_DATA_HOME": str(self.data_home),
                "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                "EDITOR": "",
                "VISUAL": "",
                "NO_COLOR": "1",
            }
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def run(self, *args: str, stdin: str | None = None) -> ChildRun:
        return run_child([str(_jrnl_bin()), *args], env=self.env(), stdin=stdin)

    def _write_config(self) -> None:
        # YAML, as jrnl writes it (a JSON file would be taken for jrnl 1's config).
        config = f"""\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {json.dumps(str(self.journal))}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '{TIME_FORMAT}'
version: '{self.version}'
"""
        folder = self.config_home / "jrnl"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "jrnl.yaml").write_text(config)

    def _write_plain_journal(self) -> None:
        with self.journal.open("w", encoding="utf-8") as out:
            for item in Generator().entries(self.count):
                when = item.created.strftime(TIME_FORMAT)
                tags = " ".join(f"@{tag}" for tag in item.tags)
                head = item.title or item.body.split("\n", 1)[0]
                rest = item.body if item.title else item.body.partition("\n")[2].lstrip("\n")
                text = f"[{when}] {head}\n{rest}" + (f"\n{tags}" if tags else "")
                out.write(text.rstrip("\n") + "\n\n")

    def ensure(self, log: Callable[[str], None]) -> None:
        """Build and encrypt the journal once; later runs reuse the pristine copy."""
        if self.done.exists() and self.pristine.exists():
            return
        log(f"making jrnl's encrypted journal ({self.count:,} entries, with 'jrnl --encrypt')...")
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self._write_config()
        self._write_plain_journal()
        answers = f"{JRNL_PASSWORD}\n{JRNL_PASSWORD}\ny\n"
        encrypt = self.run("--encrypt", stdin=answers)
        if encrypt.returncode != 0:
            raise PeerUnavailable(f"'jrnl --encrypt' failed: {encrypt.stderr.strip()[-300:]}")
        head = self.journal.read_bytes()[:6]
        if head != b"JRNLv3":
            raise PeerUnavailable(f"jrnl's journal does not look encrypted (starts {head!r})")
        keyrings = list(self.data_home.rglob("*.cfg"))
        if not keyrings:
            raise PeerUnavailable("jrnl did not store its password in the plaintext keyring")
        check = self.run("-n", "1")
        last = list(Generator().entries(self.count))[-1]
        expected = (last.title or last.body.split("\n", 1)[0])[:20]
        if check.returncode != 0 or expected not in check.stdout:
            raise PeerUnavailable(
                f"jrnl could not read back its encrypted journal: {check.stderr.strip()[-300:]}"
            )
        shutil.copyfile(self.journal, self.pristine)
        self.done.write_text(f"{self.count}\n")

    def fresh_copy(self) -> None:
        shutil.copyfile(self.pristine, self.journal)


def _shown(program: str, args: list[str]) -> str:
    return " ".join([program, *("TEXT" if arg == ADD_TEXT else arg for arg in args)])


def _tend_bin() -> str:
    candidate = Path(sys.executable).with_name("tend")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("tend")
    if not found:
        raise PeerUnavailable("the 'tend' command is not installed in this environment")
    return found


def compare(
    count: int, runs: int, log: Callable[[str], None], *, warmup: bool = True
) -> PeerResult:
    version = ensure_jrnl(log)
    setup = JrnlSetup(count, version)
    setup.ensure(log)
    setup.fresh_copy()
    pristine_vault = ensure_vault(count, strong_kdf=True, log=log)
    vault = scratch_copy(pristine_vault, f".scratch-peer-{count}.tend")
    tend = _tend_bin()
    tend_env = setup.env()
    tend_env["TEND_PASSPHRASE"] = PASSPHRASE
    tend_env["TEND_DATA_DIR"] = str(setup.root / "tend-data")
    tend_env["TEND_CONFIG_DIR"] = str(setup.root / "tend-config")

    pairs = [
        ("list the last 10", ["list", "-n", "10"], ["-n", "10"]),
        (f"search '{SEARCH_WORD}'", ["search", SEARCH_WORD], ["-contains", SEARCH_WORD]),
        ("add one entry", ["add", ADD_TEXT], [ADD_TEXT]),
    ]
    commands = []
    hits = (0, 0)
    try:
        for label, tend_args, jrnl_args in pairs:
            log(f"  peer: {label} x{runs} each")
            tend_argv = [tend, *tend_args[:1], "--vault", str(vault), *tend_args[1:]]
            samples: dict[str, list[ChildRun]] = {"tend": [], "jrnl": []}
            first = 0 if warmup else 1
            for index in range(first, runs + 1):  # pair 0 warms caches and is dropped
                tend_run = run_child(tend_argv, env=tend_env)
                jrnl_run = setup.run(*jrnl_args)
                for name, run in (("tend", tend_run), ("jrnl", jrnl_run)):
                    if run.returncode != 0:
                        raise PeerUnavailable(
                            f"{name} {label} failed ({run.returncode}): {run.stderr.strip()[-300:]}"
                        )
                    if index:
                        samples[name].append(run)
            if jrnl_args[0] == "-contains":
                hits = (
                    len(samples["tend"][0].stdout.splitlines()),
                    len(_JRNL_ENTRY_LINE.findall(samples["jrnl"][0].stdout)),
                )
            commands.append(
                PeerCommand(
                    label=label,
                    tend_wall_s=median([r.wall_s for r in samples["tend"]]),
                    jrnl_wall_s=median([r.wall_s for r in samples["jrnl"]]),
                    tend_rss_kib=median([r.peak_rss_kib for r in samples["tend"]]),
                    jrnl_rss_kib=median([r.peak_rss_kib for r in samples["jrnl"]]),
                    tend_argv=_shown("tend", tend_args),
                    jrnl_argv=_shown("jrnl", jrnl_args),
                )
            )
    except OSError as exc:
        raise PeerUnavailable(str(exc)) from exc
    finally:
        remove_vault(vault)
    return PeerResult(count, version, runs, commands, hits[0], hits[1])
