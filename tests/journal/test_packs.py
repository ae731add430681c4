"""Prompt packs: a good pack is read whole; a bad one is refused, saying where."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.journal.packs import MAX_FILE_BYTES, Pack, PackError, parse_pack
from journal_app.journal.wording import check_prompt

GOOD = """\
[pack]
name = "Between our sessions"
author = "Dr Sam Rivera"
description = "A few prompts for the weeks between our meetings."

[[prompts]]
id = "kind-words"
text = "What kind words did you hear this week, from others or from yourself?"
theme = "understanding"
follow_up = "How did they land?"

[[prompts]]
id = "someone-safe"
text = "Who did you feel at ease with recently?"
theme = "people"

[[prompts]]
id = "untagged"
text = "What would you like to bring to our next session?"
heavy = true
"""


def test_a_good_pack_is_read_with_its_name_author_and_prompts() -> None:
    pack = parse_pack(GOOD.encode())
    assert (pack.name, pack.author) == ("Between our sessions", "Dr Sam Rivera")
    assert pack.id == "dr-sam-rivera-between-our-sessions"
    assert [p.theme for p in pack.prompts] == ["understanding", "people", None]
    assert pack.prompts[2].heavy is True
    assert pack.prompts[0].follow_up == "How did they land?"
    assert all(p.source == pack.id for p in pack.prompts)


def test_pack_prompt_ids_never_collide_with_builtin_ones() -> None:
    pack = parse_pack(GOOD.encode())
    assert all(p.id.startswith(f"pack:{pack.id}:") for p in pack.prompts)


def test_a_pack_survives_its_payload_round_trip() -> None:
    pack = parse_pack(GOOD.encode()).with_enabled(False)
    assert Pack.from_payload(pack.to_payload()) == pack


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_pack(b"\xef\xbb\xbf" + GOOD.encode()).name == "Between our sessions"


def _broken(old: str, new: str) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new, 1).encode()


@pytest.mark.parametrize(
    ("raw", "where", "problem"),
    [
        (b"[pack\nname = 'x'", "line 1", "not valid TOML"),
        (_broken('author = "Dr Sam Rivera"\n', ""), "pack", "'author' is missing"),
        (_broken('id = "someone-safe"', 'id = "kind-words"'), "prompts[2].id", "already the id"),
        (_broken('theme = "people"', "theme = 7"), "prompts[2].theme", "must be one of"),
        (_broken('theme = "people"', 'theme = "urges"'), "prompts[2].theme", "must be one of"),
        (_broken("heavy = true", 'heavy = "yes"'), "prompts[3].heavy", "true or false"),
        (_broken('name = "Between our sessions"', "name = 12"), "pack.name", "text in quotes"),
        (
            _broken('text = "Who did you feel', 'tekst = "Who did you feel'),
            "prompts[2]",
            "unknown field",
        ),
        (
            _broken("Who did you feel at ease with recently?", "Who " + "very " * 80 + "much?"),
            "prompts[2].text",
            "the most is 300",
        ),
        (
            _broken("Who did you feel at ease with recently?", "How many days clean are you?"),
            "prompts[2].text",
            "wording",
        ),
        (
            _broken("Who did you feel at ease with recently?", "List the people you saw."),
            "prompts[2].text",
            "wording",
        ),
        (b'[pack]\nname = "A"\nauthor = "B"\n', "[[prompts]]", "no prompts"),
        (b'[[prompts]]\nid = "a"\ntext = "What helps you?"\n', "[pack]", "missing"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "not a text file"),
        (b'[pack]\nname = "\xff\xfe"\n', "line 2", "not UTF-8"),
        (GOOD.encode() + b"#" * MAX_FILE_BYTES, "", "larger than"),
    ],
)
def test_a_malformed_pack_is_refused_naming_the_line_or_field(
    raw: bytes, where: str, problem: str
) -> None:
    with pytest.raises(PackError) as error:
        parse_pack(raw)
    assert error.value.where.startswith(where) if where else error.value.where == ""
    assert problem in error.value.problem


@settings(max_examples=200)
@given(st.binary(max_size=2048))
def test_any_bytes_give_a_pack_or_a_clear_refusal(raw: bytes) -> None:
    try:
        pack = parse_pack(raw)
    except PackError as error:
        assert str(error)
    else:
        assert pack.prompts


@settings(max_examples=100)
@given(st.text(max_size=400))
def test_any_prompt_text_is_accepted_only_if_it_follows_the_rules(text: str) -> None:
    raw = (
        f'[pack]\nname = "N"\nauthor = "A"\n[[prompts]]\nid = "p"\ntext = {_toml_string(text)}\n'
    ).encode("utf-8", "surrogatepass")
    try:
        pack = parse_pack(raw)
    except PackError:
        return
    assert check_prompt(pack.prompts[0].text) == []


def _toml_string(text: str) -> str:
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\' else f"\\U{ord(ch):08x}"
        for ch in text
        if not 0xD800 <= ord(ch) <= 0xDFFF
    )
    return f'"{escaped}"'
