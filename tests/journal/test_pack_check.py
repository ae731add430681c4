"""The pack check a therapist runs before sending a pack: every problem, in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.journal.pack_check import check_pack, check_pack_file
from journal_app.journal.packs import PackError, parse_pack
from journal_app.journal.wording import check_prompt, check_text

HEADER = '[pack]\nname = "Between our sessions"\nauthor = "Dr Sam Rivera"\n\n'


def pack(*texts: str, header: str = HEADER) -> bytes:
    prompts = "".join(
        f'[[prompts]]\nid = "p{number}"\ntext = "{text}"\n\n'
        for number, text in enumerate(texts, 1)
    )
    return (header + prompts).encode("utf-8")


def sentences(raw: bytes, *, show_word: bool = True) -> list[str]:
    return [finding.sentence(show_word=show_word) for finding in check_pack(raw).findings]


def test_a_good_pack_has_no_findings_and_counts_its_prompts() -> None:
    check = check_pack(pack("What helped you this week?", "Who do you feel at ease with?"))
    assert check.ok and check.prompt_count == 2
    assert check.header is not None and check.header.name == "Between our sessions"


def test_every_problem_is_reported_with_its_prompt_number_not_just_the_first() -> None:
    raw = pack(
        "What helped you this week?",
        "When did you last cut yourself?",
        "On a scale of 1 to 10, how calm do you feel?",
        "Rate your mood today.",
    )
    said = sentences(raw)
    assert said[0] == (
        "Prompt 2: “cut” can name a method of self-injury or harm to the body; "
        "Tend keeps such wording out of prompts."
    )
    assert [s.split(":")[0] for s in said] == ["Prompt 2", "Prompt 3"] + ["Prompt 4"] * 3
    assert said[-1] == "Prompt 4: it asks no question; a prompt is an invitation, so it asks one."
    assert not any("prompts[" in s or "rule " in s for s in said), said


def test_the_word_is_kept_apart_so_the_person_never_sees_it() -> None:
    [finding] = check_pack(pack("When did you last cut yourself?")).findings
    assert finding.word == "cut" and finding.prompt == 1
    assert finding.where == "prompts[1].text"
    discreet = finding.sentence(show_word=False)
    assert "cut" not in discreet.lower().replace("its ", "")
    assert discreet.startswith("Prompt 1: it uses a word that can name a method")
    assert check_text(discreet) == [], "the sentence itself follows the rules"


def test_structural_problems_are_all_listed_too() -> None:
    raw = (
        b'[pack]\nname = "N"\n\n'
        b'[[prompts]]\nid = "a"\ntext = "What helped you this week?"\nheavy = "yes"\n\n'
        b'[[prompts]]\nid = "a"\ntext = "What else helped you?"\ntheme = "urges"\n'
    )
    said = sentences(raw)
    assert said == [
        "The pack: the field 'author' is missing.",
        "Prompt 1: 'heavy' must be true or false.",
        "Prompt 2: 'a' is already the id of prompt 1.",
        "Prompt 2: its theme must be one of: understanding, people, coping, values.",
    ]


def test_parse_pack_refuses_naming_the_first_problem_in_plain_words() -> None:
    with pytest.raises(PackError) as error:
        parse_pack(pack("What helped you this week?", "How many days has it been for you?"))
    assert str(error.value) == (
        "Prompt 2: “how many days” counts days; Tend keeps such wording out of prompts."
    )
    assert error.value.finding.word == "how many days"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("How are you after 3 days away from home?", "3 days"),
        ("How many days did it take you?", "how many days"),
        ("On a scale of one to ten, how are you?", "on a scale"),
        ("How are you, out of 10?", "out of 10"),
        ("How would you rate your week?", "rate"),
        ("How many people did you see this week?", "how many"),
        ("How strong were your cravings today?", "cravings"),
        ("What did you notice in your arm today?", "arm"),
        ("Where do your wrists feel tense for you?", "wrists"),
        ("What happens in your stomach when you feel low?", "stomach"),
        ("Why did you feel like that?", "why did you"),
        ("Has your medication helped you this week?", "medication"),
    ],
)
def test_prompts_are_held_to_more_than_a_list_of_words(text: str, word: str) -> None:
    assert word in [violation.word for violation in check_prompt(text)], check_prompt(text)


@pytest.mark.parametrize(
    "text",
    [
        "The rate of new entries is shown",
        "Arm yourself with a cup of tea",  # an interface would not say it, but may
        "How many entries to show",
        "3 days ago",
    ],
)
def test_the_prompt_only_groups_leave_interface_strings_alone(text: str) -> None:
    assert check_text(text) == []


# ------------------------------------------------------------ any language

CHINESE = """[pack]
name = "两次见面之间"
author = "李医生"

[[prompts]]
id = "calm"
text = "这周有什么让你感到一点点安心的事吗？"
theme = "coping"

[[prompts]]
id = "people"
text = "在你身边，谁让你觉得自在？"
theme = "people"

[[prompts]]
id = "kind"
text = "如果你愿意，今天可以对自己说一句什么温柔的话？"
"""


def test_a_chinese_pack_that_follows_the_rules_is_accepted() -> None:
    check = check_pack(CHINESE.encode())
    assert check.ok, [f.sentence() for f in check.findings]
    assert len(parse_pack(CHINESE.encode()).prompts) == 3


@pytest.mark.parametrize(
    ("old", "new", "word"),
    [
        ("这周有什么让你感到", "你上次自残是什么时候？这周有什么让你感到", "自残"),
        ("在你身边，谁让你觉得自在？", "你應該多和別人說話，你覺得呢？", "你應該"),
        ("这周有什么让你感到", "你戒了几天了？这周有什么让你感到", "戒了几天"),
        ("在你身边，谁让你觉得自在？", "上次復發之後，誰陪在你身邊？", "復發"),
    ],
)
def test_chinese_terms_to_avoid_are_found_inside_sentences(old: str, new: str, word: str) -> None:
    raw = CHINESE.replace(old, new, 1).encode()
    findings = check_pack(raw).findings
    assert word in [finding.word for finding in findings]
    with pytest.raises(PackError):
        parse_pack(raw)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("你这周多少天睡得好？", "多少天"),
        ("从一到十，你会给今天打分吗？", "打分"),
        ("你的手臂今天感觉怎么样？", "手臂"),
    ],
)
def test_the_prompt_only_groups_have_chinese_words_too(text: str, word: str) -> None:
    assert word in [violation.word for violation in check_prompt(text)]
    assert check_text(text) == [], "only prompts are held to them"


def test_everyday_chinese_words_that_hold_them_pass() -> None:
    assert check_prompt("这几天，有什么让你觉得温暖？为什么？") == []


def test_chinese_prompts_speak_as_you_with_ni_or_nin() -> None:
    findings = check_prompt("这周有什么让人感到一点点安心的事吗？")
    assert any("'you'" in violation.rule for violation in findings)
    assert check_prompt("这周有什么让您感到一点点安心的事吗？") == []
    assert check_prompt("這週有什麼讓妳感到一點點安心的事嗎？") == []


@pytest.mark.parametrize(
    "text",
    [
        "¿Qué te ayudó, aunque sea un poco, esta semana?",
        "¿Con quién te sientes en calma?",
        "ما الذي ساعدك هذا الأسبوع، ولو قليلاً؟",
        "من هو الشخص الذي تشعر معه بالراحة؟",
        "Τι σε βοήθησε αυτή την εβδομάδα, έστω και λίγο\u037e",
        "Τι σε βοήθησε αυτή την εβδομάδα, έστω και λίγο;",
        "Ի՞նչն է քեզ օգնել այս շաբաթ",
        "今週、少しでも助けになったことは何ですか。",
    ],
)
def test_a_question_may_end_with_any_scripts_question_mark(text: str) -> None:
    assert check_prompt(text) == [], check_prompt(text)


def test_a_spanish_and_an_arabic_pack_are_accepted_and_checked() -> None:
    spanish = pack("¿Qué te ayudó, aunque sea un poco, esta semana?")
    arabic = pack("ما الذي ساعدك هذا الأسبوع، ولو قليلاً؟")
    assert check_pack(spanish).ok and check_pack(arabic).ok
    telling = pack("Escribe sobre tu semana.")
    assert [f.sentence() for f in check_pack(telling).findings] == [
        "Prompt 1: it asks no question; a prompt is an invitation, so it asks one."
    ]


def test_a_semicolon_is_not_a_question_in_english() -> None:
    found = check_prompt("Think of your week; you did well")
    assert any("asks a question" in violation.rule for violation in found)


def test_a_chinese_prompt_is_measured_by_what_it_holds_not_its_characters() -> None:
    assert check_prompt("你今天感觉怎么样？") == []  # nine characters, about eight words


# -------------------------------------------------------------- files


def test_a_file_that_cannot_be_read_is_one_finding(tmp_path: Path) -> None:
    folder = tmp_path / "pack.toml"
    folder.mkdir()
    [finding] = check_pack_file(folder).findings
    assert "could not be read" in finding.sentence()
    (tmp_path / "bad.toml").write_bytes(b'[pack\nname = "x"')
    [finding] = check_pack_file(tmp_path / "bad.toml").findings
    assert finding.sentence().startswith("At line 1, column 6")
    assert finding.sentence().endswith("(this is not valid TOML).")


def test_the_sample_packs_that_ship_with_tend_pass_the_check() -> None:
    from journal_app.assets import resource

    files = [item for item in resource("packs").iterdir() if item.name.endswith(".toml")]
    assert len(files) == 3
    for item in files:
        check = check_pack(item.read_bytes())
        assert check.ok, (item.name, [finding.sentence() for finding in check.findings])
        assert 6 <= check.prompt_count <= 10


def test_every_reason_the_person_may_read_follows_the_rules_itself() -> None:
    from journal_app.journal.wording import GROUPS, Violation

    for key, group in GROUPS.items():
        sentence = Violation(group.rule, "word", group.reason).explain(show_word=False)
        assert check_text(sentence) == [], (key, sentence)
    for violation in check_prompt("Rate it"):
        assert check_text(violation.explain(show_word=False)) == [], violation
