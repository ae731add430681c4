"""The journal service over a real vault: entries, trash, tags, drafts, locking."""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journal_app.journal import Journal, service
from journal_app.journal.entry import DRAFT_KIND, ENTRY_KIND, clean_tags
from journal_app.vault import DamagedRecords, KdfParams, VaultLocked, WrongPassphrase
from tests.conftest import PASSPHRASE, edit_rows, raw_connect
from tests.journal.test_entry import MOMENTS, TEXT, comparable

WHEN = datetime(2026, 3, 14, 15, 9, 26, tzinfo=timezone(timedelta(hours=-4)))


def reopen(journal: Journal) -> Journal:
    path = journal.vault.path
    journal.close()
    return Journal.open(path, PASSPHRASE)


def nonce_of(journal: Journal, record_id: str) -> bytes:
    """The record's nonce as it is in the file, read through the vault's own connection."""
    row = journal.vault._conn.execute(
        "SELECT nonce FROM tend_record WHERE id = ?", (record_id,)
    ).fetchone()
    assert row is not None
    return row[0]


def record_ids_in_file(path: Path) -> set[str]:
    conn = raw_connect(path)
    try:
        rows = conn.execute("SELECT id FROM tend_record WHERE kind IS NOT 'manifest'")
        return {row[0] for row in rows}
    finally:
        conn.close()


class Clock:
    """Stands in for the journal's idea of now, to order things without sleeping."""

    def __init__(self) -> None:
        self.moment = WHEN

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, step: timedelta) -> None:
        self.moment += step


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(service, "now", fake)
    return fake


# ------------------------------------------------------------ round trip


def test_entries_survive_close_and_reopen_with_every_field(journal):
    first = journal.add(
        "Body with\nlines and ümlauts 🌱",
        title="  A title  ",
        tags=["walk", " Garden ", "walk"],
        prompt_id="noticing-03",
        created=WHEN,
    )
    second = journal.add("Only a body.")
    assert first.title == "A title"
    assert first.tags == ("walk", "Garden")
    journal = reopen(journal)
    try:
        assert journal.get(first.id) == first
        assert journal.get(second.id) == second
        assert journal.get(first.id).created.utcoffset() == timedelta(hours=-4)
        assert journal.report.entries == 2
        assert journal.report.damaged == ()
    finally:
        journal.close()


def test_naive_date_is_taken_as_local_time_and_sorts_with_the_others(journal):
    journal.add("aware", created=WHEN)
    naive = journal.add("naive", created=datetime(2026, 3, 15, 8, 0))
    assert naive.created == datetime(2026, 3, 15, 8, 0).astimezone()
    assert [e.body for e in journal.entries()] == ["naive", "aware"]
    journal = reopen(journal)
    try:
        assert journal.get(naive.id) == naive
    finally:
        journal.close()


def test_entries_are_listed_newest_first_by_their_own_date(journal):
    for day in (3, 1, 2):
        journal.add(f"day {day}", created=WHEN + timedelta(days=day))
    assert [e.body for e in journal.entries()] == ["day 3", "day 2", "day 1"]


def test_unknown_entry_id_is_a_key_error(journal):
    with pytest.raises(KeyError):
        journal.get("0" * 32)


def test_each_entry_is_one_record_of_kind_entry(journal):
    entry = journal.add("x")
    record = journal.vault.read(entry.id)
    assert record is not None
    assert record.kind == ENTRY_KIND


# ------------------------------------------------------------ updating


def test_update_changes_only_what_is_given_and_survives_reopen(journal):
    entry = journal.add("old body", title="old title", tags=["a"], created=WHEN)
    changed = journal.update(entry.id, body="new body", tags=["b", "B", "c"])
    assert (changed.title, changed.body, changed.tags) == ("old title", "new body", ("b", "c"))
    assert changed.created == WHEN
    assert changed.updated >= entry.updated
    journal = reopen(journal)
    try:
        assert journal.get(entry.id) == changed
    finally:
        journal.close()


def test_update_of_the_date_moves_the_entry_in_the_list(journal):
    old = journal.add("old", created=WHEN)
    journal.add("new", created=WHEN + timedelta(days=1))
    journal.update(old.id, created=WHEN + timedelta(days=2))
    assert [e.body for e in journal.entries()] == ["old", "new"]


@pytest.mark.parametrize(
    "same",
    [
        {},
        {"title": "Title"},
        {"title": "  Title "},
        {"body": "Body"},
        {"tags": ["one", "two"]},
        {"tags": ["one", "ONE", " two "]},
        {"created": WHEN},
        {"created": WHEN.astimezone(UTC)},
        {"prompt_id": "p1"},
        {"title": "Title", "body": "Body", "tags": ["one", "two"], "created": WHEN},
    ],
)
def test_update_without_a_real_change_writes_nothing(journal, same):
    entry = journal.add("Body", title="Title", tags=["one", "two"], created=WHEN, prompt_id="p1")
    nonce = nonce_of(journal, entry.id)
    assert journal.update(entry.id, **same) is entry
    assert nonce_of(journal, entry.id) == nonce
    assert journal.get(entry.id).updated == entry.updated


def test_update_with_a_change_writes_a_freshly_sealed_record(journal):
    entry = journal.add("Body")
    nonce = nonce_of(journal, entry.id)
    journal.update(entry.id, body="Body!")
    assert nonce_of(journal, entry.id) != nonce


def test_prompt_can_be_cleared_by_update(journal):
    entry = journal.add("x", prompt_id="p1")
    assert journal.update(entry.id, prompt_id=None).prompt_id is None


# ------------------------------------------------------------ trash


def test_trashed_entry_leaves_the_list_and_comes_back_on_restore(journal):
    keep = journal.add("keep")
    gone = journal.add("gone")
    trashed = journal.move_to_trash(gone.id)
    assert trashed.in_trash
    assert [e.id for e in journal.entries()] == [keep.id]
    assert {e.id for e in journal.entries(include_trash=True)} == {keep.id, gone.id}
    assert [e.id for e in journal.trash()] == [gone.id]
    assert len(journal) == 1
    journal = reopen(journal)
    try:
        assert journal.get(gone.id).in_trash
        restored = journal.restore(gone.id)
        assert not restored.in_trash
        assert journal.trash() == []
        assert len(journal) == 2
    finally:
        journal.close()


def test_trashing_or_restoring_twice_writes_nothing_more(journal):
    entry = journal.add("x")
    trashed = journal.move_to_trash(entry.id)
    nonce = nonce_of(journal, entry.id)
    assert journal.move_to_trash(entry.id) is trashed
    assert nonce_of(journal, entry.id) == nonce
    restored = journal.restore(entry.id)
    assert journal.restore(entry.id) is restored


def test_trash_lists_the_most_recently_trashed_first(journal, clock):
    first = journal.add("first")
    second = journal.add("second")
    journal.move_to_trash(first.id)
    clock.advance(timedelta(hours=1))
    journal.move_to_trash(second.id)
    assert [e.id for e in journal.trash()] == [second.id, first.id]


def test_empty_trash_deletes_trashed_entries_for_good(journal, vault_path):
    keep = journal.add("keep")
    doomed = [journal.add(f"doomed {i}") for i in range(3)]
    for entry in doomed:
        journal.move_to_trash(entry.id)
    assert journal.empty_trash() == 3
    assert journal.trash() == []
    assert journal.empty_trash() == 0
    journal.close()
    assert record_ids_in_file(vault_path) == {keep.id}


def test_empty_trash_never_deletes_a_damaged_record(vault_path, fast_kdf):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        damaged = journal.add("will be damaged")
        journal.move_to_trash(damaged.id)
        trashed = journal.add("trashed")
        journal.move_to_trash(trashed.id)
        keep = journal.add("keep")
    edit_rows(vault_path, "UPDATE tend_record SET nonce = zeroblob(12) WHERE id = ?", damaged.id)
    with Journal.open(vault_path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (damaged.id,)
        assert journal.empty_trash() == 1
    assert record_ids_in_file(vault_path) == {damaged.id, keep.id}


def test_damaged_entry_cannot_be_updated_or_trashed(vault_path, fast_kdf):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        entry = journal.add("x")
    edit_rows(vault_path, "UPDATE tend_record SET version = 9 WHERE id = ?", entry.id)
    with Journal.open(vault_path, PASSPHRASE) as journal:
        for action in (
            lambda: journal.update(entry.id, body="y"),
            lambda: journal.move_to_trash(entry.id),
            lambda: journal.restore(entry.id),
        ):
            with pytest.raises(DamagedRecords):
                action()
    conn = raw_connect(vault_path)
    try:
        query = "SELECT version FROM tend_record WHERE id = ?"
        assert conn.execute(query, (entry.id,)).fetchall() == [(9,)]
    finally:
        conn.close()


# ------------------------------------------------------------ tags


def test_tags_are_most_used_first_then_alphabetical_ignoring_case(journal):
    journal.add("1", tags=["Work", "home"])
    journal.add("2", tags=["work"])
    journal.add("3", tags=["garden", "Zebra"])
    journal.add("4", tags=["apple"])
    assert journal.tags() == ["Work", "apple", "garden", "home", "Zebra"]


def test_tags_only_in_the_trash_are_not_offered(journal):
    journal.add("kept", tags=["kept"])
    trashed = journal.add("trashed", tags=["old", "kept"])
    journal.move_to_trash(trashed.id)
    assert journal.tags() == ["kept"]


# ------------------------------------------------------------ drafts


def test_draft_survives_reopen_and_is_kept_as_a_draft_record(journal):
    draft = journal.save_draft(
        entry_id=None, title="Half", body="written", tags=["t"], created=WHEN, prompt_id="p"
    )
    assert journal.vault.read(draft.id).kind == DRAFT_KIND
    assert journal.entries() == []
    journal = reopen(journal)
    try:
        assert journal.drafts() == [draft]
        assert journal.report.drafts == 1
    finally:
        journal.close()


def test_saving_a_draft_again_under_its_id_replaces_it(journal):
    draft = journal.save_draft(entry_id=None, title="", body="a")
    again = journal.save_draft(entry_id=None, title="", body="ab", draft_id=draft.id)
    assert journal.drafts() == [again]
    assert journal.vault.count(DRAFT_KIND) == 1


def test_recovered_draft_of_a_new_entry_becomes_an_entry_and_goes_away(journal):
    draft = journal.save_draft(entry_id=None, title="T", body="B", tags=["x"], created=WHEN)
    entry = journal.recover_draft(draft.id)
    assert (entry.title, entry.body, entry.tags, entry.created) == ("T", "B", ("x",), WHEN)
    assert journal.drafts() == []
    journal = reopen(journal)
    try:
        assert journal.drafts() == []
        assert journal.get(entry.id) == entry
    finally:
        journal.close()


def test_recovered_draft_of_an_existing_entry_updates_that_entry(journal):
    entry = journal.add("saved text", title="T", created=WHEN)
    draft = journal.save_draft(entry_id=entry.id, title="T", body="saved text, then more")
    recovered = journal.recover_draft(draft.id)
    assert recovered.id == entry.id
    assert recovered.body == "saved text, then more"
    assert recovered.created == WHEN  # a draft without a date keeps the entry's
    assert len(journal) == 1


def test_recovered_draft_whose_entry_is_gone_becomes_a_new_entry(journal):
    draft = journal.save_draft(entry_id="9" * 32, title="", body="orphan")
    entry = journal.recover_draft(draft.id)
    assert entry.id != "9" * 32
    assert journal.get(entry.id).body == "orphan"


def test_discarded_draft_is_gone_after_reopen(journal, vault_path):
    draft = journal.save_draft(entry_id=None, title="", body="never mind")
    journal.discard_draft(draft.id)
    journal.discard_draft(draft.id)  # twice is harmless
    assert journal.drafts() == []
    journal.close()
    assert record_ids_in_file(vault_path) == set()


def test_drafts_are_listed_newest_first(journal, clock):
    journal.save_draft(entry_id=None, title="", body="older")
    clock.advance(timedelta(minutes=1))
    journal.save_draft(entry_id=None, title="", body="newer")
    assert [d.body for d in journal.drafts()] == ["newer", "older"]


# ------------------------------------------------------------ locking


def test_lock_forgets_every_plaintext_and_refuses_to_write(journal):
    entry = journal.add("secret", tags=["t"])
    journal.save_draft(entry_id=None, title="", body="draft")
    journal.lock()
    assert not journal.vault.is_unlocked
    assert journal.entries() == []
    assert journal.entries(include_trash=True) == []
    assert journal.trash() == []
    assert journal.drafts() == []
    assert journal.tags() == []
    assert journal.search("secret") == []
    assert len(journal) == 0
    assert journal._folded == {}
    with pytest.raises(VaultLocked):
        journal.add("more")
    with pytest.raises(VaultLocked):
        journal.save_draft(entry_id=None, title="", body="x")
    with pytest.raises(KeyError):
        journal.get(entry.id)
    report = journal.unlock(PASSPHRASE)
    assert (report.entries, report.drafts) == (1, 1)
    assert journal.get(entry.id) == entry


def test_unlock_with_a_wrong_passphrase_keeps_the_journal_locked(journal):
    journal.add("secret")
    journal.lock()
    with pytest.raises(WrongPassphrase):
        journal.unlock("wrong")
    assert not journal.vault.is_unlocked
    assert journal.entries() == []


def test_entries_as_json_are_a_list_of_plain_objects(journal):
    journal.add("b", title="t", tags=["x"], created=WHEN)
    data = json.loads(journal.to_json(journal.entries()))
    assert [(d["title"], d["body"], d["tags"], d["created"]) for d in data] == [
        ("t", "b", ["x"], WHEN.isoformat())
    ]


# ------------------------------------------------------------ any text at all


@pytest.fixture(scope="module")
def shared_journal_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One vault for every example of a property test (examples add, then check)."""
    folder = tmp_path_factory.mktemp("property")
    path = folder / "journal.tend"
    Journal.create(path, PASSPHRASE, KdfParams.fresh(64, 1, 1)).close()
    yield path
    shutil.rmtree(folder)


def assert_round_trip(path: Path, body: str, title: str, tags: list[str], created) -> None:
    with Journal.open(path, PASSPHRASE) as journal:
        entry = journal.add(body, title=title, tags=tags, created=created)
        assert entry.body == body
        assert entry.title == title.strip()
        assert entry.tags == clean_tags(tags)
        assert journal.get(entry.id) is entry
    with Journal.open(path, PASSPHRASE) as journal:
        assert journal.damaged_ids == ()
        back = journal.get(entry.id)
        assert comparable(back) == comparable(entry)
        # Keep the shared vault small for the next example.
        journal.move_to_trash(entry.id)
        journal.empty_trash()


@given(body=TEXT, title=TEXT, tags=st.lists(TEXT, max_size=6), created=st.none() | MOMENTS)
@settings(max_examples=60)
def test_any_text_survives_add_close_and_reopen_exactly(
    shared_journal_path, body, title, tags, created
):
    assert_round_trip(shared_journal_path, body, title, tags, created)


@st.composite
def big_text(draw: st.DrawFn) -> str:
    """Up to 5 MB of UTF-8, built cheaply by repeating a random chunk."""
    chunk = draw(TEXT.filter(bool).map(lambda text: text[:64]))
    # Spread over the orders of magnitude, not clustered near either end.
    target_bytes = int(2 ** draw(st.floats(min_value=0, max_value=math.log2(5 * 1024 * 1024))))
    return chunk * max(1, target_bytes // len(chunk.encode("utf-8")))


@given(body=big_text())
@example(body="a" * (5 * 1024 * 1024))
@example(body="日記🌱 a line\n" * (5 * 1024 * 1024 // 18))
@settings(
    max_examples=5,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_big_bodies_survive_add_close_and_reopen_exactly(shared_journal_path, body):
    assert len(body.encode("utf-8")) <= 5 * 1024 * 1024
    assert_round_trip(shared_journal_path, body, "big", ["big"], None)


def test_lone_surrogate_is_refused_before_anything_is_written(journal):
    with pytest.raises(UnicodeEncodeError):
        journal.add("half a pair \ud83d")
    with pytest.raises(UnicodeEncodeError):
        journal.save_draft(entry_id=None, title="\udc00", body="")
    assert journal.entries() == []
    assert journal.drafts() == []
    assert journal.vault.count() == 0


def test_warming_search_folds_every_entry_and_search_then_agrees(journal):
    entries = [journal.add(f"Entrée numéro {i}", tags=[f"t{i % 3}"]) for i in range(30)]
    assert journal.warm_search() == 30
    found = {entry.id for entry in journal.search("ENTREE numero 7")}
    assert found == {entries[i].id for i in (7, 17, 27)}


def test_an_edit_made_while_warming_is_never_hidden_by_a_stale_fold(journal):
    entry = journal.add("apples")
    journal.warm_search()
    journal.update(entry.id, body="pears")
    assert journal.search("apples") == []
    assert journal.search("pears") == [journal.get(entry.id)]


def test_warming_stops_when_asked_and_adds_nothing_after_lock(journal):
    for i in range(10):
        journal.add(f"entry {i}")
    assert journal.warm_search(cancelled=lambda: True) == 0
    calls = []

    def lock_midway():
        calls.append(1)
        if len(calls) == 3:
            journal.lock()
        return False

    journal.warm_search(cancelled=lock_midway)
    assert journal._folded == {}


def test_unlocking_reads_and_decrypts_the_vault_once(journal, monkeypatch):
    journal.add("An entry.")
    journal.personal.save_plan(journal.personal.plan())
    calls = []
    real = type(journal.vault).read_all

    def counting(vault, kind=None):
        calls.append(kind)
        return real(vault, kind)

    monkeypatch.setattr(type(journal.vault), "read_all", counting)
    journal.load()
    assert calls == [None]
