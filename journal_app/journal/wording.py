"""The safe-messaging rules of CONTENT.md, as a check that code and tests can run.

The word lists are data (``resources/content/wording.toml``). ``check_text`` finds
forbidden words in any string the app shows; ``check_prompt`` adds the rules for
prompts: an invitation to the person, open, of a readable length, and free of the
wording that only a prompt could misuse (counting days, scales, cravings, parts of
the body, blame, medication).

Prompt packs come in any language, so no rule needs an English word: a question
may end with any script's question mark, Chinese terms are found inside sentences
(Chinese has no spaces between words), and the "speaks as you" rule is applied
only where Tend can tell the language (English: "you"; Chinese: 你, 您 or 妳).

Each :class:`Violation` keeps the words that broke a rule apart from the reason,
so a message can name them for the therapist checking a pack and leave them out
for the person importing it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from journal_app.assets import read_text

KEEP_OUT = "Tend keeps such wording out of prompts."


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: its short name, the words that broke it, and why, in plain words.

    ``reason`` reads after the quoted words ("“cut” can name a method…") and after
    "It uses a word that", so :meth:`explain` can say it with or without them.
    """

    rule: str
    word: str
    reason: str = ""
    names_words: bool = True
    wordless: str = ""

    def __str__(self) -> str:
        return f"{self.rule}: '{self.word}'"

    def explain(self, *, show_word: bool = True) -> str:
        """The plain sentence; ``show_word=False`` never repeats the refused words."""
        if not self.names_words:
            return self.reason
        if show_word:
            return f"“{self.word}” {self.reason}; {KEEP_OUT}"
        return self.wordless or f"It uses a word that {self.reason}; {KEEP_OUT}"


@dataclass(frozen=True, slots=True)
class Group:
    """A group of words kept out, with the CONTENT.md rule it serves."""

    rule: str
    reason: str


GROUPS = {
    "labels": Group(
        "a label or pass/fail word (rule 3)", "is a label, or casts recovery as pass or fail"
    ),
    "methods": Group(
        "a method or injury word (rule 1)", "can name a method of self-injury or harm to the body"
    ),
    "counting": Group(
        "a counting or tracking word (rule 4)", "counts or tracks, as a tracker would"
    ),
    "moralising": Group("a moralising word (rule 2)", "can sound like a verdict or like pressure"),
    "prompt_only": Group("a progress word (rule 4)", "measures progress"),
    "days": Group("a count of days (rule 4)", "counts days"),
    "scales": Group("a scale or rating (rule 4)", "asks for a rating or a number"),
    "cravings": Group(
        "urges as something to measure (rules 4 and 10)",
        "makes a longing into something to measure",
    ),
    "body": Group(
        "a part of the body (rule 1)",
        "names a part of the body, which in a prompt can point to harm",
    ),
    "blame": Group("blame (rule 2)", "can sound like blame"),
    "medical": Group(
        "medical advice (rule 9)", "is about medication, which is for a doctor to talk about"
    ),
}
RULE_NAMES = {key: group.rule for key, group in GROUPS.items()}

# Every script's question mark: Latin and fullwidth, Arabic, Greek (U+037E), Armenian,
# Ethiopic, the inverted and reversed ones, and the double and mixed ones.
QUESTION_MARKS = frozenset(
    "?\uff1f\u061f\u037e;\u055e\u1367\u00bf\u2e2e\ufe56\u2047\u2048\u2049\u203d"
)
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA_OR_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af\u1100-\u11ff]")
WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]")
ENGLISH_YOU = re.compile(r"\b(you|your|yours|yourself|yourselves)\b", re.I)
CHINESE_YOU = re.compile(r"[你您妳]")


@dataclass(frozen=True, slots=True)
class Rules:
    forbidden: dict[str, tuple[str, ...]]
    prompt_only: tuple[str, ...]
    commanding_openings: tuple[str, ...]
    allowed_ui_strings: frozenset[str]
    prompt_min_chars: int
    prompt_max_chars: int
    inside_words: dict[str, tuple[str, ...]]
    prompt_patterns: dict[str, tuple[str, ...]]
    prompt_inside_words: dict[str, tuple[str, ...]]
    english_markers: frozenset[str]


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
        inside_words={key: tuple(words) for key, words in data["inside_words"].items()},
        prompt_patterns={key: tuple(items) for key, items in data["prompt_patterns"].items()},
        prompt_inside_words={
            key: tuple(words) for key, words in data["prompt_inside_words"].items()
        },
        english_markers=frozenset(data["english_markers"]),
    )


def _whole_words(alternatives: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])", re.I)


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(word).replace(r"\ ", r"[\s-]+") for word in words), key=len)
    return _whole_words(list(reversed(alternatives)))


@lru_cache(maxsize=64)
def _regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    spaced = (pattern.replace(" ", r"[\s-]+") for pattern in patterns)
    return _whole_words([f"(?:{pattern})" for pattern in spaced])


@lru_cache(maxsize=64)
def _inside(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")")


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("&", "")


def _violation(group: str, word: str) -> Violation:
    return Violation(GROUPS[group].rule, word.lower(), GROUPS[group].reason)


Patterns = list[tuple[str, re.Pattern[str]]]


def _find(text: str, groups: Patterns) -> list[Violation]:
    plain = _normalise(text)
    return [
        _violation(group, match.group(1))
        for group, pattern in groups
        for match in pattern.finditer(plain)
    ]


def _everywhere() -> Patterns:
    """The groups no string may use: whole words, then the terms found inside sentences."""
    r = rules()
    found = [(group, _pattern(words)) for group, words in r.forbidden.items()]
    return found + [(group, _inside(words)) for group, words in r.inside_words.items()]


def check_text(text: str) -> list[Violation]:
    """Forbidden words in a string the app shows (label, message, help text)."""
    if text.strip() in rules().allowed_ui_strings:
        return []
    return _find(text, _everywhere())


def prompt_length(text: str) -> int:
    """Characters, a Chinese, Japanese or Korean one counting as two (it holds about a word)."""
    return len(text) + len(WIDE.findall(text))


def asks_a_question(text: str) -> bool:
    """Any script's question mark; Greek's (U+037E) is often typed as ";" in Greek text."""
    if any(mark in QUESTION_MARKS for mark in text):
        return not (";" in text and "?" not in text and not GREEK.search(text))
    return text.rstrip("。 ").endswith("か")  # Japanese asks with か, often without a mark


def speaks_as_you(text: str) -> bool | None:
    """Whether a prompt addresses the person; None where Tend cannot tell the language."""
    if HAN.search(text) and not KANA_OR_HANGUL.search(text):
        return bool(CHINESE_YOU.search(text))
    words = {word.lower() for word in re.findall(r"[A-Za-z']+", text)}
    if len(words & rules().english_markers) >= 2:
        return bool(ENGLISH_YOU.search(text))
    return None


def _form_rules(stripped: str) -> list[Violation]:
    """Rule 5: a prompt is an invitation of readable length, asking, speaking to the person."""
    r = rules()
    found = []
    length = prompt_length(stripped)
    if not r.prompt_min_chars <= length <= r.prompt_max_chars:
        found.append(
            Violation(
                f"length ({r.prompt_min_chars} to {r.prompt_max_chars} characters)",
                str(length),
                f"It is {length} characters long; a prompt has "
                f"{r.prompt_min_chars} to {r.prompt_max_chars}.",
                names_words=False,
            )
        )
    first = stripped.split(maxsplit=1)[0].lower().strip(",.:;!") if stripped else ""
    if first in r.commanding_openings or stripped.lower().startswith(("do not ", "don't ")):
        found.append(
            Violation(
                "a command, not an invitation (rule 5)",
                first,
                "at its start makes it a command, not an invitation",
                wordless="Its first word makes it a command, not an invitation; " + KEEP_OUT,
            )
        )
    if not asks_a_question(stripped):
        found.append(
            Violation(
                "an invitation asks a question (rule 5)",
                stripped[-20:],
                "It asks no question; a prompt is an invitation, so it asks one.",
                names_words=False,
            )
        )
    if speaks_as_you(stripped) is False:
        found.append(
            Violation(
                "speaks to the person as 'you' (rule 5)",
                stripped[:20],
                "It does not speak to the person as “you”; a prompt is addressed to them.",
                names_words=False,
            )
        )
    return found


def _prompt_groups() -> Patterns:
    r = rules()
    groups = [("prompt_only", _pattern(r.prompt_only))]
    groups += [(group, _regex(items)) for group, items in r.prompt_patterns.items()]
    return groups + [(group, _inside(words)) for group, words in r.prompt_inside_words.items()]


def check_prompt(text: str) -> list[Violation]:
    """Everything ``check_text`` finds, plus the rules for prompts."""
    found = _find(text, _everywhere() + _prompt_groups())
    return found + _form_rules(text.strip())
