"""The README's example prompt pack is the one in tests/data, and it imports cleanly."""

from __future__ import annotations

import re
from pathlib import Path

from journal_app.journal.packs import parse_pack
from journal_app.journal.prompts import STUDY_DOI_URL
from journal_app.journal.wording import check_prompt, check_text

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = ROOT / "tests" / "data" / "example_pack.toml"


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Prompt packs for therapists", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```toml\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "one complete example pack in the section"
    return blocks[0]


def test_the_readme_example_pack_parses_and_follows_the_wording_rules():
    pack = parse_pack(readme_example().encode("utf-8"))
    assert pack.name and pack.author and len(pack.prompts) >= 5
    assert {p.theme for p in pack.prompts} >= {"understanding", "people", "coping", "values", None}
    assert any(p.heavy for p in pack.prompts) and any(p.follow_up for p in pack.prompts)
    for prompt in pack.prompts:
        assert check_prompt(prompt.text) == [], prompt.text
        assert check_text(prompt.follow_up) == []


def test_the_readme_example_is_the_tested_example_file():
    assert readme_example() == EXAMPLE.read_text(encoding="utf-8")


def test_the_readme_credits_the_study_with_its_doi():
    text = README.read_text(encoding="utf-8")
    assert "Hudson, Hartley & Taylor" in text
    assert "10.1111/papt.12567" in text and STUDY_DOI_URL in text
