"""Tend is a journal, not a monitor: there is nowhere to record urges or self-harm.

No column of the vault's schema and no field of the values the journal keeps
(entries, drafts, prompts, packs, my people, my plan) is named for urges,
self-harm, episodes, relapses, streaks, counts, scores, risk, mood ratings or
"days since". No control on any screen (its name, label, tooltip or
placeholder) asks about them, and no spin box or slider counts such a thing.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from journal_app.journal.entry import Draft, Entry
from journal_app.journal.library import PromptState
from journal_app.journal.packs import Pack
from journal_app.journal.personal import (
    Person,
    Plan,
    PlanSection,
    Relationship,
    load_template,
)
from journal_app.journal.prompts import Prompt, Theme
from journal_app.vault.schema import Base

# A field or column name, split into words (snake_case or camelCase).
TRACKING_NAME = re.compile(
    r"(^|_)(urges?|harm\w*|self_?harm\w*|injur\w*|episodes?|relapse\w*|streaks?|counts?|"
    r"counter|tally|scores?|risk\w*|rating|severity|days_since|clean_days)(_|$)|"
    r"mood_rating|days_since"
)
# Words that would make a control ask about urges or self-harm, or count them.
TRACKING_WORDS = re.compile(
    r"\burges?\b|self[- ]?harm|self[- ]?injur|\binjur|\bepisodes?\b|\brelaps|\bstreaks?\b|"
    r"\bcount(s|er|ing)?\b|\btally\b|\bscores?\b|\brisk\b|mood rating|rate your|days since|"
    r"how many times|\bclean\b|\bcutting\b",
    re.I,
)
# The offscreen platform's notes about what only a real desktop does.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

VALUES = (Entry, Draft, Prompt, Theme, Pack, PromptState, Person, Plan, PlanSection, Relationship)


def words(name: str) -> str:
    """``urgeCount`` and ``urge_count`` alike become ``urge_count``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower().replace("-", "_")


@pytest.mark.parametrize(
    "name",
    [
        "urge",
        "urge_count",
        "selfHarmEpisodes",
        "streak_days",
        "risk_level",
        "mood_rating",
        "days_since",
        "relapsed_on",
    ],
)
def test_the_name_rule_would_catch_a_tracking_field(name: str) -> None:
    assert TRACKING_NAME.search(words(name))


def test_no_column_of_the_vault_could_hold_such_a_record() -> None:
    columns = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.tables.values()
        for column in table.columns
    ]
    assert len(columns) >= 10, "the schema was really read"
    found = [name for name in columns if TRACKING_NAME.search(words(name.split(".", 1)[1]))]
    assert found == []
    assert all(not TRACKING_NAME.search(words(t)) for t in Base.metadata.tables)


def test_no_value_the_journal_keeps_has_such_a_field() -> None:
    found = [
        f"{kind.__name__}.{field.name}"
        for kind in VALUES
        for field in dataclasses.fields(kind)
        if TRACKING_NAME.search(words(field.name))
    ]
    assert found == []
    # My plan's parts are data too: none of them is a counter or a log.
    for section in load_template().sections:
        assert not TRACKING_NAME.search(words(section.id)), section.id
        assert not TRACKING_WORDS.search(section.title), section.title


def test_no_control_on_any_screen_asks_about_urges_or_self_harm(
    qtbot, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QWidget

    from tests.ui.screens import input_widgets, labels_of, visit_every_screen

    problems: list[str] = []
    counters: list[str] = []
    screens = 0
    controls = 0
    for screen, root in visit_every_screen(qtbot, tmp_path, monkeypatch):
        screens += 1
        for widget in [root, *root.findChildren(QWidget)]:
            if TRACKING_NAME.search(words(widget.objectName())):
                problems.append(f"{screen}: object name {widget.objectName()!r}")
        for widget in input_widgets(root):
            controls += 1
            for text in labels_of(widget, root):
                if TRACKING_WORDS.search(text) or TRACKING_NAME.search(words(text)):
                    problems.append(f"{screen}: {type(widget).__name__} labelled {text!r}")
            if isinstance(widget, QAbstractSpinBox | QAbstractSlider) and not isinstance(
                widget.parent(), QAbstractSpinBox
            ):
                counters.append(" / ".join(labels_of(widget, root)))
    assert screens >= 25 and controls > 200, "every screen was really looked at"
    assert problems == []
    # The spin boxes and sliders that exist count nothing about the person.
    assert all(not TRACKING_WORDS.search(text) for text in counters), counters
