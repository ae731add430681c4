"""The safe-messaging rules of CONTENT.md, as a check that code and tests can run.

The word lists are data (``resources/content/wording.toml``). ``check_text`` finds
forbidden words in any string the app shows; ``check_prompt`` adds the rules for
prompts: an invitation in the second person, open, of a readable length.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from journal_app.assets import read_text


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    word: str

    def __str__(self) -> str:
        return f"{self.rule}: '{self.word}'"


@dataclass(frozen=True, slots=True)
class Rules:
    forbidden: dict[str, tuple[str, ...]]
    prompt_only: tuple[str, ...]
    commanding_openings: tuple[str, ...]
    allowed_ui_strings: frozenset[str]
    prompt_min_chars: int
    prompt_max_chars: int


RULE_NAMES = {
    "labels": "a label or pass/fail word (rule 3)",
    "methods": "a method or injury word (rule 1)",
    "counting": "a counting or tracking word (rule 4)",
    "moralising": "a moralising word (rule 2)",
    "prompt_only": "a progress word (rule 4)",
}


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = tomllib.loads(read_text("content", "wording.toml"))
    return Rules(
        forbidden={
            key: tuple(data[key]) for key in ("labels", "methods", "counting", "moralising")
        },
        prompt_only=tuple(data["prompt_only"]),
        commanding_openings=tuple(data["commanding_openings"]),
        allowed_ui_strings=frozenset(data["allowed_ui_strings"]),
        prompt_min_chars=int(data["prompt_min_chars"]),
        prompt_max_chars=int(data["prompt_max_chars"]),
    )


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(word).replace(r"\ ", r"[\s-]+") for word in words), key=len)
    return re.compile(r"(?<![\w-])(" + "|".join(reversed(alternatives)) + r")(?![\w-])", re.I)


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("&", "")


def _find(text: str, groups: dict[str, tuple[str, ...]]) -> list[Violation]:
    found = []
    for rule, words in groups.items():
        for match in _pattern(words).finditer(_normalise(text)):
            found.append(Violation(RULE_NAMES[rule], match.group(1).lower()))
    return found


def check_text(text: str) -> list[Violation]:
    """Forbidden words in a string the app shows (label, message, help text)."""
    if text.strip() in rules().allowed_ui_strings:
        return []
    return _find(text, rules().forbidden)


def check_prompt(text: str) -> list[Violation]:
    """Everything ``check_text`` finds, plus the rules for prompts."""
    r = rules()
    found = _find(text, {**r.forbidden, "prompt_only": r.prompt_only})
    stripped = text.strip()
    if not r.prompt_min_chars <= len(stripped) <= r.prompt_max_chars:
        found.append(
            Violation(
                f"length ({r.prompt_min_chars} to {r.prompt_max_chars} characters)",
                str(len(stripped)),
            )
        )
    first = stripped.split(maxsplit=1)[0].lower().strip(",.:;!") if stripped else ""
    if first in r.commanding_openings or stripped.lower().startswith(("do not ", "don't ")):
        found.append(Violation("a command, not an invitation (rule 5)", first))
    if "?" not in stripped:
        found.append(Violation("an invitation asks a question (rule 5)", stripped[-20:]))
    if not re.search(r"\b(you|your|yours|yourself)\b", stripped, re.I):
        found.append(Violation("speaks to the person as 'you' (rule 5)", stripped[:20]))
    return found
