"""An honest, small estimate of how hard a passphrase would be to guess.

Plain Python, no Qt: the window shows its sentence as the person types, and the
same rules refuse an empty or very easy passphrase.

It is deliberately conservative rather than clever. It counts roughly how many
bits of guessing each character adds, and gives less for what attackers try
first: letters that read like words, repeated characters, runs such as ``abcd``
or ``1234``, rows of the keyboard, a repeated chunk, a year, and a short list of
the passphrases people choose most often (also with capitals, digits or symbols
tacked on, or letters swapped for look-alike digits). It cannot know every word
or every name, so it never claims more than "very strong".

The thresholds assume Tend's Argon2id settings, which make every guess slow;
they are still well above what an offline attacker could try in years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

MIN_LENGTH = 8  # the same floor as ``tend init`` on the command line

# Bits below which a passphrase is refused, and the steps above it.
FAIR_BITS = 28.0
STRONG_BITS = 44.0
VERY_STRONG_BITS = 64.0

# A dictionary word carries about this much, however long it is.
WORD_CAP_BITS = 13.0

_KEYBOARD_ROWS = (
    "`1234567890-=",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "qwertzuiopü",  # German
    "azertyuiop",  # French
    "qsdfghjklm",
    "wxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",  # columns
)

# The passphrases people choose most often (lists of leaked passwords agree on
# these), plus words that belong to this app and its purpose.
_COMMON_WORDS = """
    123456 123456789 12345678 12345 1234567 1234567890 password password1 qwerty
    qwerty123 qwertyuiop abc123 111111 000000 123123 654321 666666 121212 112233
    iloveyou iloveu loveyou princess sunshine football baseball basketball soccer
    hockey monkey dragon letmein welcome welcome1 admin administrator login master
    shadow superman batman trustno1 starwars whatever freedom secret passw0rd
    p@ssword p@ssw0rd changeme default hello hello123 charlie michael jennifer
    jessica ashley daniel thomas robert jordan hunter ranger buster pepper ginger
    tigger cookie flower summer winter autumn spring butterfly angel angels
    beautiful lovely family friends forever mylove babygirl qazwsx zxcvbnm asdfgh
    asdfghjkl 1q2w3e4r 1qaz2wsx q1w2e3r4 a1b2c3 aa123456 987654321 11111111
    00000000 88888888 12341234 password123 computer internet google facebook
    matrix mustang harley pokemon minecraft fortnite liverpool chelsea arsenal
    london paris berlin samsung apple orange banana chocolate cheese pizza coffee
    tend journal diary myjournal mydiary private privacy passphrase mypassword
    recovery healing healthy happy happiness hope hopeful strong strength safe
    calm peace peaceful mindful mindfulness selfcare
"""
COMMON = frozenset(_COMMON_WORDS.split())

_LEET_CHARS = "0134578@$"
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}
)


class Strength(IntEnum):
    EMPTY = 0
    TOO_EASY = 1
    FAIR = 2
    STRONG = 3
    VERY_STRONG = 4


LABELS = {
    Strength.EMPTY: "",
    Strength.TOO_EASY: "Easy to guess",
    Strength.FAIR: "Fair",
    Strength.STRONG: "Strong",
    Strength.VERY_STRONG: "Very strong",
}

_TIP = "A few unrelated words together are easy to remember and hard to guess."

MESSAGES = {
    "empty": "Choose a passphrase that only you know. " + _TIP,
    "common": ("Many people choose this one, so it would be among the first guessed. " + _TIP),
    "short": (f"This is a little short: please use at least {MIN_LENGTH} characters. " + _TIP),
    "pattern": (
        "This follows a pattern that is quick to guess, like repeated letters "
        "or neighbouring keys. " + _TIP
    ),
    "easy": "This would be quick to guess. Adding a word or two makes it much stronger.",
    "fair": (
        "This would take some effort to guess. It works; one more word would make it stronger."
    ),
    "strong": "This is a strong passphrase.",
    "very_strong": "This is a very strong passphrase.",
}


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the estimator thinks, in a level and in words for the person."""

    level: Strength
    message: str
    bits: float = 0.0

    @property
    def acceptable(self) -> bool:
        """Whether Tend will take it: anything from "fair" up."""
        return self.level >= Strength.FAIR

    @property
    def label(self) -> str:
        return LABELS[self.level]


def _char_bits(char: str, in_word: bool, word_start: bool) -> float:
    if char.islower() and char.isascii():
        return 2.5 if in_word else 4.7
    if char.isupper() and char.isascii():
        # A capital at the start of a word is what everyone does.
        return 3.5 if in_word and word_start else 5.7
    if char.isdigit() and char.isascii():
        return 3.3
    if char == " ":
        return 1.0
    if char.isascii():
        return 5.0  # symbols: about 33 of them
    # Letters of other scripts: more of them, but text in them is word-like too.
    return 5.0 if in_word else 6.0


def _is_sequence_step(a: str, b: str) -> bool:
    if abs(ord(a.lower()) - ord(b.lower())) == 1:
        return True
    pair = (a + b).lower()
    rpair = pair[::-1]
    return any(pair in row or rpair in row for row in _KEYBOARD_ROWS)


def _smallest_period(text: str) -> int:
    """The length of the shortest chunk that repeats to make ``text``."""
    n = len(text)
    for size in range(1, n // 2 + 1):
        if n % size == 0 and text[:size] * (n // size) == text:
            return size
    return n


def _word_marks(text: str) -> tuple[list[bool], list[bool]]:
    """Which characters read as part of a word, and which start one.

    Letters in a run of four or more read like words; a look-alike digit or
    symbol between letters ("tr0ub4dor") is still part of the word.
    """
    n = len(text)

    def letterish(k: int) -> bool:
        if text[k].isalpha():
            return True
        return (
            text[k] in _LEET_CHARS
            and 0 < k < n - 1
            and text[k - 1].isalpha()
            and (text[k + 1].isalpha() or text[k + 1] in _LEET_CHARS)
        )

    in_word = [False] * n
    word_start = [False] * n
    i = 0
    while i < n:
        if letterish(i):
            j = i
            while j < n and letterish(j):
                j += 1
            if j - i >= 4:
                for k in range(i, j):
                    in_word[k] = True
                word_start[i] = True
            i = j
        else:
            i += 1
    return in_word, word_start


def _character_bits(text: str) -> tuple[float, int]:
    """Bits character by character, and how many characters only repeat or step a run."""
    in_word, word_start = _word_marks(text)

    def char_bits(k: int) -> float:
        if in_word[k] and not text[k].isalpha():
            return 3.5  # a look-alike: a letter plus about one bit
        return _char_bits(text[k], in_word[k], word_start[k])

    bits = 0.0
    patterned = 0
    run = 1  # length of the current run of repeats or sequence steps
    for index, char in enumerate(text):
        if index == 0:
            bits += char_bits(index)
            continue
        prev = text[index - 1]
        if char == prev or _is_sequence_step(prev, char):
            run += 1
            patterned += 1
            bits += 1.0 if run <= 3 else 0.5
        else:
            run = 1
            bits += char_bits(index)
    return bits, patterned


def _has_year(text: str) -> bool:
    """Whether a year (19xx or 20xx) is in it: one of about two hundred likely ones."""
    for start in range(len(text) - 3):
        chunk = text[start : start + 4]
        if chunk.isdigit() and chunk[:2] in ("19", "20"):
            return True
    return False


def _word_bits(text: str) -> float | None:
    """Bits when read as two or more words (None for fewer).

    Words are capped: a dictionary word is one of tens of thousands, not a random string.
    """
    words = [word for word in text.replace("-", " ").replace("_", " ").split(" ") if word]
    if len(words) < 2:
        return None
    word_bits = 0.0
    for word in words:
        letters_bits = sum(_char_bits(c, len(word) >= 4, k == 0) for k, c in enumerate(word))
        if word.isalpha():
            word_bits += min(letters_bits, WORD_CAP_BITS)
        elif word.lower().translate(_LEET).isalpha():
            word_bits += min(letters_bits, WORD_CAP_BITS + 1.0)  # look-alikes add little
        else:
            word_bits += letters_bits
    return word_bits + (len(words) - 1)  # the separators


def _raw_bits(text: str) -> tuple[float, bool]:
    """Bits for ``text``, and whether most of it was a predictable pattern."""
    if not text:
        return 0.0, False
    period = _smallest_period(text)
    if period < len(text):
        bits, _ = _raw_bits(text[:period])
        return bits + math.log2(len(text) // period), True
    bits, patterned = _character_bits(text)
    if _has_year(text):
        bits -= 4 * 3.3 - 7.6
    word_bits = _word_bits(text)
    if word_bits is not None:
        bits = min(bits, word_bits)
    return max(bits, 0.0), patterned * 2 >= len(text)


_DECORATION = "0123456789!@#$%^&*()_-+=.?,;:~ "


def _cores(text: str) -> set[str]:
    """The passphrase as attackers try it: trimmed of digits and symbols, look-alikes undone."""
    lowered = text.lower().strip().replace(" ", "")
    trimmed = lowered.strip(_DECORATION) or lowered
    return {
        lowered,
        trimmed,
        trimmed.translate(_LEET),
        lowered.translate(_LEET),
        lowered.translate(_LEET).strip(_DECORATION),
    }


def is_common(passphrase: str) -> bool:
    """Whether it is one of the most chosen passphrases, perhaps with a little decoration."""
    return any(core in COMMON or core.rstrip("s") in COMMON for core in _cores(passphrase))


def estimate_bits(passphrase: str) -> float:
    bits, _ = _raw_bits(passphrase)
    return bits


def assess(passphrase: str) -> Assessment:
    """Judge a passphrase; ``acceptable`` says whether Tend will take it."""
    if not passphrase:
        return Assessment(Strength.EMPTY, MESSAGES["empty"])
    bits, patterned = _raw_bits(passphrase)
    if is_common(passphrase):
        return Assessment(Strength.TOO_EASY, MESSAGES["common"], min(bits, 10.0))
    if len(passphrase) < MIN_LENGTH:
        return Assessment(Strength.TOO_EASY, MESSAGES["short"], bits)
    if bits < FAIR_BITS:
        return Assessment(Strength.TOO_EASY, MESSAGES["pattern" if patterned else "easy"], bits)
    if bits < STRONG_BITS:
        return Assessment(Strength.FAIR, MESSAGES["fair"], bits)
    if bits < VERY_STRONG_BITS:
        return Assessment(Strength.STRONG, MESSAGES["strong"], bits)
    return Assessment(Strength.VERY_STRONG, MESSAGES["very_strong"], bits)
