"""The built-in prompts: the four themes, enough prompts in each, and a fair choice."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from journal_app.journal.prompts import (
    HISTORY_LIMIT,
    Catalogue,
    Prompt,
    PromptDataError,
    Theme,
    builtin_catalogue,
    choose_prompt,
    parse_theme_file,
    remember,
)

THEMES = {
    "understanding": "Understanding myself",
    "people": "People around me",
    "coping": "Ways through hard moments",
    "values": "What matters to me",
}


def test_the_four_recovery_themes_come_in_order_with_their_names() -> None:
    catalogue = builtin_catalogue()
    assert [(t.id, t.name) for t in catalogue.themes] == list(THEMES.items())
    assert all(theme.description.endswith(".") for theme in catalogue.themes)


@pytest.mark.parametrize("theme_id", THEMES)
def test_each_theme_has_at_least_fifteen_prompts(theme_id: str) -> None:
    assert len(builtin_catalogue().pool(theme_id)) >= 15


@pytest.mark.parametrize(
    ("theme_id", "facets"),
    [
        (
            "understanding",
            {"noticing feelings", "kindness toward oneself", "what self-injury gave and cost"},
        ),
        ("people", {"who feels safe", "asking for support", "offering support", "loneliness"}),
        (
            "coping",
            {"what has helped", "soothing", "distraction", "movement", "creativity", "delaying"},
        ),
        ("values", {"what matters", "choices", "strengths", "hopes", "small steps"}),
    ],
)
def test_each_theme_covers_the_facets_content_md_lists(theme_id: str, facets: set[str]) -> None:
    assert facets <= {prompt.facet for prompt in builtin_catalogue().pool(theme_id)}


def test_prompt_ids_are_unique_and_every_prompt_has_its_theme() -> None:
    prompts = builtin_catalogue().prompts
    assert len({p.id for p in prompts}) == len(prompts)
    assert {p.theme for p in prompts} == set(THEMES)


def test_reflecting_on_what_self_injury_gave_and_cost_is_marked_heavy() -> None:
    facet = [p for p in builtin_catalogue().prompts if p.facet == "what self-injury gave and cost"]
    assert facet and all(prompt.heavy for prompt in facet)


def test_a_prompt_that_names_self_injury_is_always_marked_heavy() -> None:
    for prompt in builtin_catalogue().prompts:
        if "self-injury" in prompt.text.lower():
            assert prompt.heavy, prompt.id


def _pool(n: int) -> Catalogue:
    theme = Theme("t", "T", "A theme.")
    return Catalogue((theme,), tuple(Prompt(f"p{i}", f"Prompt {i}?", "t") for i in range(n)))


def test_every_prompt_of_a_theme_is_offered_before_any_repeats() -> None:
    catalogue = _pool(7)
    history: list[str] = []
    rng = random.Random(1)
    for _ in range(3):
        cycle = []
        for _ in range(7):
            prompt = choose_prompt(catalogue, "t", history, rng)
            assert prompt is not None
            cycle.append(prompt.id)
            history = remember(history, prompt.id)
        assert sorted(cycle) == sorted(f"p{i}" for i in range(7))


def test_a_new_cycle_does_not_start_with_the_prompt_just_shown() -> None:
    catalogue = _pool(6)
    for seed in range(40):
        rng = random.Random(seed)
        history: list[str] = []
        for _ in range(6):
            prompt = choose_prompt(catalogue, "t", history, rng)
            assert prompt is not None
            history = remember(history, prompt.id)
        following = choose_prompt(catalogue, "t", history, rng)
        assert following is not None
        assert following.id not in history[-3:]


def test_any_theme_draws_from_every_theme() -> None:
    catalogue = builtin_catalogue()
    history: list[str] = []
    themes = Counter()
    rng = random.Random(3)
    for _ in range(len(catalogue.prompts)):
        prompt = choose_prompt(catalogue, None, history, rng)
        assert prompt is not None
        themes[prompt.theme] += 1
        history = remember(history, prompt.id)
    assert set(themes) == set(THEMES)
    assert len(set(history)) == len(catalogue.prompts)


def test_history_is_bounded() -> None:
    history: list[str] = []
    for i in range(HISTORY_LIMIT + 50):
        history = remember(history, f"p{i}")
    assert len(history) == HISTORY_LIMIT
    assert history[-1] == f"p{HISTORY_LIMIT + 49}"


def test_an_empty_theme_offers_nothing() -> None:
    assert choose_prompt(_pool(3), "unknown", []) is None


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[theme]\nid = 'x'\nname = 'X'\n", "'description'"),
        ("[[prompts]]\nid = 'a'\n", "[theme]"),
        (
            "[theme]\nid='x'\nname='X'\ndescription='D.'\n[[prompts]]\nid='a'\nfacet='f'\n",
            "prompts[0]: 'text'",
        ),
        (
            "[theme]\nid='x'\nname='X'\ndescription='D.'\n"
            "[[prompts]]\nid='a'\nfacet='f'\ntext='What?'\nheavy='yes'\n",
            "'heavy'",
        ),
        ("[theme\n", "line 1"),
    ],
)
def test_a_malformed_theme_file_names_what_is_wrong(text: str, where: str) -> None:
    with pytest.raises(PromptDataError, match=None) as error:
        parse_theme_file(text, "broken.toml")
    assert "broken.toml" in str(error.value)
    assert where in str(error.value)


IMPERATIVES = {"describe", "write", "list", "tell", "name", "think", "let", "share", "explain"}


def test_no_prompt_ends_as_a_command() -> None:
    """An invitation may open with "Think back…", but it never closes on an order."""
    for prompt in builtin_catalogue().prompts:
        for text in (prompt.text, prompt.follow_up):
            marked = text.replace("?", "?|").replace(".", ".|")
            sentences = [s for s in marked.split("|") if s.strip()]
            if sentences:
                first_word = sentences[-1].split()[0].strip(",:").lower()
                assert first_word not in IMPERATIVES, (prompt.id, text)


@pytest.mark.parametrize(
    "old",
    [
        "How has your understanding of yourself grown since the hardest times?",
        "If self-injury was once a way of meeting a need",
        "Describe it in your own words.",
        "Write about them.",
        "Think of someone who believed in you.",
        "the people close to you",
        "Let yourself write it",
        "your friendships",
    ],
)
def test_wordings_that_assume_recovery_or_a_supporter_are_gone(old: str) -> None:
    assert not [p.id for p in builtin_catalogue().prompts if old in p.text]


def test_the_voice_one_is_hard_on_oneself_with_is_marked_heavy() -> None:
    (prompt,) = [p for p in builtin_catalogue().prompts if p.id == "understanding-kinder-voice"]
    assert prompt.heavy


@pytest.mark.parametrize(
    ("prompt_id", "theme", "facet"),
    [
        ("understanding-harder-weeks", "understanding", "kindness toward oneself"),
        ("coping-pain-days", "coping", "living with pain"),
        ("people-pain-understood", "people", "living with pain"),
        ("values-who-i-am", "values", "who I am"),
        ("values-known-first", "values", "who I am"),
        ("people-next-session", "people", "asking for support"),
    ],
)
def test_the_new_prompts_are_there_in_their_theme(prompt_id: str, theme: str, facet: str) -> None:
    (prompt,) = [p for p in builtin_catalogue().prompts if p.id == prompt_id]
    assert (prompt.theme, prompt.facet) == (theme, facet)


def test_prompts_about_pain_point_to_a_doctor_and_never_to_medicine() -> None:
    pain = [p for p in builtin_catalogue().prompts if p.facet == "living with pain"]
    assert len(pain) >= 2
    words = " ".join(f"{p.text} {p.follow_up}" for p in pain).lower()
    assert "doctor" in words
    for medicine in ("medic", "pill", "tablet", "dose", "painkiller", "prescri"):
        assert medicine not in words
