"""The passphrase estimator: honest levels and kind words, no Qt."""

from __future__ import annotations

import pytest

from journal_app.journal.passphrase import MESSAGES, Strength, assess, estimate_bits, is_common

REFUSED = [
    "",
    "abc",
    "password",
    "Password1!",
    "P@ssw0rd",
    "qwertyuiop",
    "aaaaaaaaaaaa",
    "abcdefghijkl",
    "12345678901",
    "abcabcabcabc",
    "sunshine1987",
    "river lamp",
    "Journal2026",
]
ACCEPTED = [
    ("river lamp quietly", Strength.FAIR),
    ("Tr0ub4dor&3", Strength.FAIR),
    ("correct horse battery staple", Strength.STRONG),
    ("k9#Vq2!mZp4w", Strength.STRONG),
    ("correct horse battery staple orange lamp", Strength.VERY_STRONG),
]


@pytest.mark.parametrize("passphrase", REFUSED)
def test_empty_and_easy_ones_are_refused(passphrase):
    result = assess(passphrase)
    assert not result.acceptable
    assert result.level <= Strength.TOO_EASY
    assert result.message


@pytest.mark.parametrize(("passphrase", "level"), ACCEPTED)
def test_levels(passphrase, level):
    result = assess(passphrase)
    assert result.acceptable
    assert result.level is level


def test_more_words_never_weaken_it():
    words = ["quiet", "river", "lamp", "orange", "window", "kettle"]
    bits = [estimate_bits(" ".join(words[:n])) for n in range(1, len(words) + 1)]
    assert bits == sorted(bits)


def test_common_with_decorations_is_still_common():
    for variant in ("Sunshine!", "sunshine123", "SUNSHINE", "5un5h1ne", "dragon2024"):
        assert is_common(variant), variant


def test_the_words_are_kind():
    forbidden = ("bad", "weak", "terrible", "stupid", "wrong", "fail", "good")
    for message in MESSAGES.values():
        lowered = message.lower()
        assert not any(word in lowered.split() for word in forbidden), message
    assert assess("password").label == "Easy to guess"
