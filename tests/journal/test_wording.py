"""The safe-messaging rules of CONTENT.md, run over every built-in prompt.

The same check runs over imported packs (tests/journal/test_packs.py) and over
every string the GUI shows (tests/ui/test_wording_of_the_ui.py, which stays at the top of tests/ui).
"""

from __future__ import annotations

import pytest

from journal_app.journal.prompts import builtin_catalogue
from journal_app.journal.wording import check_prompt, check_text, rules

PROMPTS = builtin_catalogue().prompts


@pytest.mark.parametrize("prompt", PROMPTS, ids=[p.id for p in PROMPTS])
def test_every_builtin_prompt_follows_the_rules(prompt) -> None:
    assert check_prompt(prompt.text) == []
    assert check_text(prompt.follow_up) == []


@pytest.mark.parametrize("theme", builtin_catalogue().themes, ids=lambda t: t.id)
def test_theme_names_and_descriptions_follow_the_rules(theme) -> None:
    assert check_text(theme.name) == []
    assert check_text(theme.description) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("You have been clean for a while", "clean"),
        ("Three days in a row!", "in a row"),
        ("It was a slip-up", "slip-up"),
        ("It was a slip up", "slip up"),
        ("Days since your last episode", "days since"),
        ("Your streak", "streak"),
        ("a self-harmer", "self-harmer"),
        ("Was it a good day?", "good day"),
        ("You should write more", "should"),
        ("Describe the scars", "scars"),
        ("She committed suicide", "committed suicide"),
        ("Note your urges", "urges"),
        ("That was a Relapse", "relapse"),
    ],
)
def test_forbidden_words_are_found_whatever_their_case(text: str, word: str) -> None:
    assert word in [violation.word for violation in check_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "What helps you feel calmer?",
        "Self-injury can play a complicated part in a life.",
        "Shortcut: Ctrl+K",
        "Cleaner wording",
        "Burnout is real",
        "Cu&t",
    ],
)
def test_ordinary_words_that_contain_a_forbidden_one_pass(text: str) -> None:
    assert check_text(text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("List three coping skills you used.", "a command"),
        ("Write about your week.", "asks a question"),
        ("What helped?", "length"),
        ("What is the weather like outside today?", "'you'"),
        ("How much progress have you made?", "progress"),
        ("x" * 400 + " you?", "length"),
    ],
)
def test_a_prompt_must_be_an_open_invitation_of_readable_length(text: str, rule: str) -> None:
    assert any(rule in violation.rule for violation in check_prompt(text)), check_prompt(text)


def test_the_word_lists_are_data_and_cover_rule_three() -> None:
    labels = rules().forbidden["labels"]
    for word in (
        "cutter",
        "self-harmer",
        "attention-seeking",
        "clean",
        "relapse",
        "slip-up",
        "failure",
        "committed suicide",
    ):
        assert word in labels
