"""The entry list model and its delegate: month grouping, roles, resets, painting."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from journal_app.journal import Entry
from journal_app.ui.journal.entry_delegate import EntryDelegate
from journal_app.ui.journal.entry_list import EntryListView
from journal_app.ui.journal.entry_model import (
    UNTITLED,
    DateTextRole,
    EntryIdRole,
    EntryListModel,
    EntryRole,
    IsHeaderRole,
    TagsRole,
    TitleSpansRole,
    month_label,
)
from tests.ui._journal_fixtures import QT_LOG_IGNORE, make_entries, moment

pytestmark = QT_LOG_IGNORE


def entry(day: tuple[int, int, int], title: str = "", body: str = "", tags=()) -> Entry:
    when = moment(*day)
    return Entry(id=f"id-{day}", created=when, updated=when, title=title, body=body, tags=tags)


@pytest.fixture
def sample() -> list[Entry]:
    """Newest first, across three months and two years."""
    return [
        entry((2025, 3, 14), "River walk", "The light was soft.", ("walks", "outside")),
        entry((2025, 3, 2), "", "# Tea with Mum\nWe talked about the garden."),
        entry((2025, 2, 20), "What matters", "Making things.", ("values",)),
        entry((2024, 12, 31), "", ""),
    ]


@pytest.fixture
def model(qtbot, sample: list[Entry]) -> EntryListModel:
    made = EntryListModel()
    made.set_entries(sample)
    return made


def test_model_passes_qt_model_tester(qtmodeltester, model: EntryListModel) -> None:
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_model_tester_survives_resets_and_updates(
    qtmodeltester, model: EntryListModel, sample: list[Entry]
) -> None:
    qtmodeltester.check(model)
    model.set_entries(sample[:2])
    model.set_highlight("walk")
    model.set_entries([*sample[:2], *make_entries(5)])
    model.clear()
    model.set_entries(sample)
    model.put(dataclasses.replace(sample[0], created=sample[3].created - timedelta(days=40)))
    model.put(dataclasses.replace(sample[2], title="Still what matters"))
    model.drop(sample[1].id)
    model.drop(sample[3].id)


def test_rows_are_grouped_by_month_newest_first(model: EntryListModel) -> None:
    layout = [
        (
            "header" if model.data(model.index(row), IsHeaderRole) else "entry",
            model.data(model.index(row)),
        )
        for row in range(model.rowCount())
    ]
    assert layout == [
        ("header", month_label((2025, 3))),
        ("entry", "River walk"),
        ("entry", "Tea with Mum"),  # the first line, without its Markdown mark
        ("header", month_label((2025, 2))),
        ("entry", "What matters"),
        ("header", month_label((2024, 12))),
        ("entry", UNTITLED),
    ]
    assert model.entry_count() == 4


def test_headers_cannot_be_selected_entries_can(model: EntryListModel) -> None:
    header, first = model.index(0), model.index(1)
    assert model.flags(header) == Qt.ItemFlag.NoItemFlags
    assert model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    assert model.flags(first) & Qt.ItemFlag.ItemIsEnabled
    assert model.data(header, EntryIdRole) is None


def test_roles_carry_plain_entries(model: EntryListModel, sample: list[Entry]) -> None:
    index = model.index(1)
    assert model.data(index, EntryIdRole) == sample[0].id
    assert model.data(index, EntryRole) is sample[0]
    assert model.data(index, TagsRole) == ["walks", "outside"]
    date_text = model.data(index, DateTextRole)
    assert "14" in date_text and "·" in date_text
    assert model.row_of(sample[2].id) == 4
    assert model.row_of("nope") == -1
    assert model.entry_at(0) is None and model.entry_at(4) is sample[2]
    assert model.first_entry_row() == 1
    names = model.roleNames()
    assert names[int(EntryIdRole)] == b"entryId"


def test_title_spans_follow_the_search(model: EntryListModel) -> None:
    index = model.index(1)
    assert model.data(index, TitleSpansRole) == []
    model.set_highlight("WALK")
    assert model.data(index, TitleSpansRole) == [(6, 10)]
    assert model.highlight == "WALK"
    model.set_highlight("")
    assert model.data(index, TitleSpansRole) == []


def test_same_rows_update_in_place_without_a_reset(
    qtbot, model: EntryListModel, sample: list[Entry]
) -> None:
    changed = [*sample]
    changed[0] = Entry(
        id=sample[0].id,
        created=sample[0].created,
        updated=sample[0].updated,
        title="River walk, later",
    )
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        model.set_entries(changed)
    assert not resets
    assert model.data(model.index(1)) == "River walk, later"
    # A different set of rows is a reset.
    model.set_entries(changed[:2])
    assert resets
    assert model.rowCount() == 3


def test_neighbour_is_below_then_above(model: EntryListModel, sample: list[Entry]) -> None:
    assert model.neighbour_entry_id(sample[0].id) == sample[1].id
    assert model.neighbour_entry_id(sample[1].id) == sample[2].id  # across a header
    assert model.neighbour_entry_id(sample[3].id) == sample[2].id
    model.set_entries(sample[:1])
    assert model.neighbour_entry_id(sample[0].id) is None


def test_clear_forgets_everything(model: EntryListModel) -> None:
    model.set_highlight("walk")
    model.clear()
    assert model.rowCount() == 0
    assert model.entry_count() == 0
    assert model.highlight == ""
    assert model.data(model.index(0)) is None


def test_no_children_anywhere(model: EntryListModel) -> None:
    assert model.rowCount(model.index(1)) == 0
    assert model.data(QModelIndex()) is None


def test_delegate_rows_are_uniform_and_paint(qtbot, model: EntryListModel) -> None:
    view = EntryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(320, 500)
    view.show()
    qtbot.waitExposed(view)
    delegate = view.itemDelegate()
    assert isinstance(delegate, EntryDelegate)
    option = QStyleOptionViewItem()
    option.font = view.font()
    heights = {delegate.sizeHint(option, model.index(row)).height() for row in range(7)}
    assert len(heights) == 1 and heights.pop() >= 40
    assert view.uniformItemSizes()
    model.set_highlight("walk")
    view.setCurrentIndex(model.index(1))
    assert not view.grab().isNull()  # paints headers, selection, pills and highlights


def test_arrow_keys_step_over_month_headers(qtbot, model: EntryListModel) -> None:
    view = EntryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(320, 500)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    view.setCurrentIndex(model.index(1))
    seen = []
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        seen.append(view.currentIndex().row())
    assert seen == [2, 4, 6, 6]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 4
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 1


def test_ten_thousand_rows_are_a_single_reset(qtbot) -> None:
    model = EntryListModel()
    entries = make_entries(10_000, step=timedelta(hours=5))
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_entries(entries)
    months = len({(e.created.year, e.created.month) for e in entries})
    assert model.rowCount() == 10_000 + months
    assert resets == [True]


def test_page_keys_and_end_land_on_entries(qtbot, model: EntryListModel) -> None:
    view = EntryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(320, 120)  # about two rows: a page is short
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    view.setCurrentIndex(model.index(1))
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageDown, Qt.Key.Key_End, Qt.Key.Key_PageUp):
        qtbot.keyClick(view, key)
        assert not model.is_header(view.currentIndex().row()), key
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == model.rowCount() - 1


# ------------------------------------------------ one entry saved: put and drop


def layout(model: EntryListModel) -> list[object]:
    """Each row as a month (year, month) for a heading, or the entry itself."""
    rows = []
    for row in range(model.rowCount()):
        index = model.index(row)
        rows.append(index.data(EntryRole) or (index.data(Qt.ItemDataRole.DisplayRole)))
    return rows


def rebuilt(entries: list[Entry]) -> list[object]:
    fresh = EntryListModel()
    fresh.set_entries(sorted(entries, key=lambda e: (e.created, e.id), reverse=True))
    return layout(fresh)


_edits = st.lists(
    st.tuples(st.sampled_from(["put", "drop", "redate"]), st.integers(0, 30), st.integers(-70, 70)),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=_edits)
def test_put_and_drop_keep_rows_sorted_and_grouped(qtbot, edits) -> None:
    """After any run of saves, new entries, date changes and removals, the rows are
    exactly what building the list afresh gives, and the model never resets."""
    model = EntryListModel()
    shown = {e.id: e for e in make_entries(12, step=timedelta(days=9))}
    model.set_entries(sorted(shown.values(), key=lambda e: (e.created, e.id), reverse=True))
    resets: list[int] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    for number, (action, pick, days) in enumerate(edits):
        known = sorted(shown)
        if action == "drop" and known:
            gone = known[pick % len(known)]
            model.drop(gone)
            del shown[gone]
            continue
        if action == "redate" and known:
            old = shown[known[pick % len(known)]]
            saved = dataclasses.replace(old, created=old.created + timedelta(days=days))
        else:
            when = moment(2025, 3, 14) + timedelta(days=days, hours=number)
            saved = Entry(id=f"new-{number}", created=when, updated=when, title="", body="")
        model.put(saved)
        shown[saved.id] = saved
        assert layout(model) == rebuilt(list(shown.values()))
        assert all(model.row_of(e) == layout(model).index(shown[e]) for e in shown)
    assert layout(model) == rebuilt(list(shown.values()))
    assert not resets


def test_a_saved_entry_is_changed_in_place(qtbot, model: EntryListModel, sample) -> None:
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(
        lambda first, last, _roles=(): changed.append((first.row(), last.row()))
    )
    row = model.row_of(sample[1].id)
    model.put(dataclasses.replace(sample[1], title="Tea with Mum, again"))
    assert changed == [(row, row)]
    assert model.index(row).data() == "Tea with Mum, again"
