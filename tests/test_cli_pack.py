"""``tend pack check FILE``: every problem in a prompt pack, in plain words, and an exit code."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from journal_app.cli_pack import EXIT_PACK_PROBLEMS, cmd_pack_check

EXAMPLE = Path(__file__).resolve().parent / "data" / "example_pack.toml"
DRAFT = """[pack]
name = "Draft"
author = "Sam"

[[prompts]]
id = "one"
text = "What helped you this week?"

[[prompts]]
id = "two"
text = "How many days has it been?"

[[prompts]]
id = "three"
text = "Rate your mood today."
"""


def check(path: Path, capsys: pytest.CaptureFixture[str], *, as_json: bool = False):
    code = cmd_pack_check(argparse.Namespace(file=str(path), json=as_json))
    return code, capsys.readouterr().out


def test_a_good_pack_is_ready_to_send_and_exits_zero(capsys) -> None:
    code, out = check(EXAMPLE, capsys)
    assert code == 0
    assert out == (
        "“Between our sessions” is ready to send: 6 prompts, and none has a problem Tend can see.\n"
    )


def test_every_problem_is_one_line_with_the_prompts_number(tmp_path, capsys) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(DRAFT, encoding="utf-8")
    code, out = check(path, capsys)
    assert code == EXIT_PACK_PROBLEMS != 0
    lines = out.splitlines()
    assert lines[0] == "“draft.toml” has 6 problems to correct before it is sent."
    assert lines[1] == (
        "  Prompt 2: “how many days” counts days; Tend keeps such wording out of prompts."
    )
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["Prompt 2"] * 3 + ["Prompt 3"] * 3
    assert not any("prompts[" in line or "rule " in line for line in lines), out


def test_json_gives_each_problem_with_its_words_apart(tmp_path, capsys) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(DRAFT, encoding="utf-8")
    code, out = check(path, capsys, as_json=True)
    data = json.loads(out)
    assert code == EXIT_PACK_PROBLEMS
    assert data["ok"] is False and data["prompts"] == 3 and data["name"] is None
    first = data["problems"][0]
    assert first == {
        "prompt": 2,
        "field": "prompts[2].text",
        "problem": "Prompt 2: “how many days” counts days; Tend keeps such wording out of prompts.",
        "words": "how many days",
    }


def test_a_file_that_cannot_be_read_is_an_error_not_a_pack_to_correct(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        check(tmp_path / "nowhere.toml", capsys)
    assert stopped.value.code == 1
    said = capsys.readouterr()
    assert said.out == ""
    assert "could not be read (no such file or directory)" in said.err


def test_tend_pack_check_on_the_command_line(tend, tmp_path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(DRAFT, encoding="utf-8")
    result = tend("pack", "check", str(path))
    assert result.code == EXIT_PACK_PROBLEMS == 7
    assert result.out.startswith("“draft.toml” has 6 problems")
    good = tend("pack", "check", "--json", str(EXAMPLE))
    assert good.code == 0 and json.loads(good.out)["ok"] is True
    assert tend("pack").code == 2, "pack needs an action"
    assert "list every problem in a prompt pack file" in tend("pack", "--help").out


def test_checking_a_pack_loads_no_journal_store_and_no_cryptography() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from journal_app.cli import main; "
        f"main(['pack', 'check', {str(EXAMPLE)!r}]); "
        "print(sorted(m for m in ('sqlalchemy', 'cryptography', 'PySide6') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
