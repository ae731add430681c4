"""The encrypted store: a real SQLite file, real Argon2id and AES-GCM, nothing mocked."""

from __future__ import annotations

import base64
import os
import re
import secrets
import shutil
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import (
    DamagedRecords,
    DamagedVault,
    KdfParams,
    NoRecoveryCode,
    StorageFull,
    Vault,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryCode,
    crypto,
    store,
)
from journal_app.vault.records import Problem
from tests.conftest import (
    PASSPHRASE,
    ClosedJournal,
    edit_rows,
    find_canaries,
    raw_connect,
    record_row,
    sha256_of,
    siblings,
)

NEW_PASSPHRASE = "a different, longer passphrase"
RECOVERY_CODE_SHAPE = re.compile(r"[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}")


def opens_with(path: Path, passphrase: str) -> bool:
    with Vault.open(path) as vault:
        try:
            vault.unlock(passphrase)
        except WrongPassphrase:
            return False
        return True


def payloads(path: Path, passphrase: str = PASSPHRASE) -> dict[str, bytes]:
    with Vault.open(path) as vault:
        vault.unlock(passphrase)
        result = vault.read_all()
    assert result.damaged == []
    return {record.id: record.payload for record in result.records}


# ------------------------------------------------------------ creating


def test_created_vault_is_one_private_file_and_no_leftovers(vault, vault_path):
    vault.put("entry", b"x")
    vault.close()
    assert siblings(vault_path) == []
    if os.name == "posix":
        assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600


def test_create_refuses_to_overwrite_an_existing_file(vault_path, fast_kdf):
    vault_path.write_bytes(b"precious")
    with pytest.raises(VaultExists):
        Vault.create(vault_path, PASSPHRASE, fast_kdf)
    assert vault_path.read_bytes() == b"precious"
    assert siblings(vault_path) == []


@pytest.mark.parametrize(
    ("passphrase", "kdf"),
    [("", KdfParams.fresh(64, 1, 1)), (PASSPHRASE, KdfParams.fresh(4, 1, 1))],
    ids=["empty passphrase", "insane kdf params"],
)
def test_create_with_bad_arguments_makes_no_file(vault_path, passphrase, kdf):
    with pytest.raises(ValueError):
        Vault.create(vault_path, passphrase, kdf)
    assert not vault_path.exists()
    assert siblings(vault_path) == []


def test_open_vault_is_durable_single_writer_and_zeroes_freed_pages(vault):
    conn = vault._conn
    # A rollback journal, emptied after each transaction: the file alone is complete.
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA journal_size_limit").fetchone()[0] == 0
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA locking_mode").fetchone()[0] == "exclusive"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID


def test_records_keep_only_id_kind_version_nonce_and_ciphertext_in_the_clear(vault, vault_path):
    record_id = vault.put("entry", b"hello")
    assert re.fullmatch(r"[0-9a-f]{32}", record_id)
    vault.close()
    conn = raw_connect(vault_path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(tend_record)")]
    finally:
        conn.close()
    assert columns == ["id", "kind", "version", "nonce", "ciphertext"]


# ------------------------------------------------------------ round trip


def test_records_survive_close_and_reopen(vault, vault_path):
    first = vault.put("entry", b"first \x00 payload")
    second = vault.put("draft", "zweite – 第二".encode())
    vault.close()
    assert payloads(vault_path) == {first: b"first \x00 payload", second: "zweite – 第二".encode()}


def test_put_with_an_existing_id_replaces_the_record_with_a_fresh_nonce(vault, vault_path):
    record_id = vault.put("entry", b"old")
    nonce_before = vault._conn.execute(
        "SELECT nonce FROM tend_record WHERE id = ?", (record_id,)
    ).fetchone()[0]
    assert vault.put("entry", b"new", record_id) == record_id
    vault.close()
    assert payloads(vault_path) == {record_id: b"new"}
    assert record_row(vault_path, record_id)[2] != nonce_before


def test_put_many_stores_all_records_in_one_call(vault):
    ids = vault.put_many([("entry", b"a", None), ("entry", b"b", None), ("draft", b"c", None)])
    assert len(set(ids)) == 3
    assert vault.count() == 3
    assert vault.count("entry") == 2
    assert vault.put_many([]) == []


def test_read_gives_one_record_or_none(vault):
    record_id = vault.put("entry", b"one")
    record = vault.read(record_id)
    assert record is not None
    assert (record.id, record.kind, record.payload) == (record_id, "entry", b"one")
    assert vault.read("0" * 32) is None


def test_read_all_can_be_limited_to_one_kind(vault):
    vault.put("entry", b"e")
    vault.put("draft", b"d")
    assert [r.payload for r in vault.read_all("draft").records] == [b"d"]


def test_deleted_records_are_gone_after_reopen(vault, vault_path):
    keep = vault.put("entry", b"keep")
    doomed = vault.put("entry", b"doomed")
    assert vault.delete([doomed, "no-such-id"]) == 1
    assert vault.delete([]) == 0
    vault.close()
    assert payloads(vault_path) == {keep: b"keep"}


def test_locked_vault_refuses_to_read_or_write_until_unlocked_again(vault):
    record_id = vault.put("entry", b"x")
    vault.lock()
    assert not vault.is_unlocked
    for action in (
        lambda: vault.put("entry", b"y"),
        vault.read_all,
        lambda: vault.read(record_id),
        lambda: vault.delete([record_id]),
        vault.check,
        vault.new_recovery_code,
        vault.remove_recovery_code,
        lambda: vault.change_passphrase(NEW_PASSPHRASE, KdfParams.fresh(64, 1, 1)),
    ):
        with pytest.raises(VaultLocked):
            action()
    vault.unlock(PASSPHRASE)
    assert vault.read(record_id).payload == b"x"


def test_closing_twice_is_harmless_and_the_file_is_free_again(vault, vault_path):
    vault.close()
    vault.close()
    assert opens_with(vault_path, PASSPHRASE)


# ------------------------------------------------------------ passphrase


def test_wrong_passphrase_is_refused_and_changes_no_byte(closed_journal):
    path = closed_journal.path
    before = sha256_of(path)
    with Vault.open(path) as vault:
        with pytest.raises(WrongPassphrase) as excinfo:
            vault.unlock("not the passphrase")
        assert not vault.is_unlocked
    assert str(excinfo.value) == WrongPassphrase.message
    assert sha256_of(path) == before
    assert siblings(path) == []


def test_journal_open_with_wrong_passphrase_releases_the_file(closed_journal):
    with pytest.raises(WrongPassphrase):
        Journal.open(closed_journal.path, "not the passphrase")
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert len(journal) == 3


def test_passphrase_typed_in_another_unicode_form_still_opens(vault_path, fast_kdf):
    Vault.create(vault_path, "Noël à la crème", fast_kdf).close()
    assert opens_with(vault_path, "Noe\u0308l a\u0300 la cre\u0300me")


def test_changed_passphrase_replaces_the_old_one_and_keeps_every_record(closed_journal, fast_kdf):
    before = payloads(closed_journal.path)
    with Vault.open(closed_journal.path) as vault:
        vault.unlock(PASSPHRASE)
        vault.change_passphrase(NEW_PASSPHRASE, fast_kdf)
    assert not opens_with(closed_journal.path, PASSPHRASE)
    assert payloads(closed_journal.path, NEW_PASSPHRASE) == before


def test_changing_passphrase_without_params_raises_them_to_the_default(vault, vault_path):
    assert not vault.kdf_params.meets_default()
    vault.change_passphrase(NEW_PASSPHRASE)
    params = vault.kdf_params
    assert params.memory_kib >= crypto.DEFAULT_MEMORY_KIB
    assert params.iterations >= crypto.DEFAULT_ITERATIONS
    assert params.lanes >= crypto.DEFAULT_LANES
    vault.close()
    with Vault.open(vault_path) as reopened:
        assert reopened.kdf_params == params


def test_changing_passphrase_gives_a_fresh_salt(vault):
    old_salt = vault.kdf_params.salt
    vault.change_passphrase(NEW_PASSPHRASE, KdfParams.fresh(64, 1, 1))
    assert vault.kdf_params.salt != old_salt


@pytest.mark.parametrize(
    ("passphrase", "kdf"),
    [("", None), (NEW_PASSPHRASE, KdfParams.fresh(64, 0, 1))],
    ids=["empty passphrase", "insane kdf params"],
)
def test_refused_passphrase_change_leaves_the_old_passphrase_working(
    vault, vault_path, passphrase, kdf
):
    with pytest.raises(ValueError):
        vault.change_passphrase(passphrase, kdf)
    vault.close()
    assert opens_with(vault_path, PASSPHRASE)


@pytest.fixture
def moderate_kdf_vault(vault_path: Path) -> Path:
    """A closed vault whose params are above the cheapest, so they can be weakened."""
    Vault.create(vault_path, PASSPHRASE, KdfParams.fresh(256, 2, 2)).close()
    return vault_path


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("kdf_memory_kib", 64),
        ("kdf_iterations", 1),
        ("kdf_lanes", 1),
        ("kdf_salt", bytes(16)),
        ("vault_id", bytes(16)),
    ],
)
def test_header_edited_to_weaker_or_other_values_is_refused_not_obeyed(
    moderate_kdf_vault, column, value
):
    path = moderate_kdf_vault
    assert edit_rows(path, f"UPDATE tend_header SET {column} = ?", value) == 1
    before = sha256_of(path)
    with Vault.open(path) as vault, pytest.raises(WrongPassphrase):
        vault.unlock(PASSPHRASE)
    assert sha256_of(path) == before
    assert siblings(path) == []


@pytest.mark.parametrize(
    "edits",
    [
        {"kdf_memory_kib": 0},
        {"kdf_iterations": 10_000},
        {"kdf_salt": b"short"},
        {"format_version": 0},
        # What the old bounds accepted, and took minutes to derive:
        {"kdf_memory_kib": 4 * 1024 * 1024},
        {"kdf_iterations": 64},
        {"kdf_lanes": 64},
        # Each within its own bound, too much work together (1 GiB x 16 passes).
        {"kdf_memory_kib": 1024 * 1024, "kdf_iterations": 16},
        # Values of the wrong type, as a damaged file may hold.
        {"kdf_iterations": "three"},
        {"kdf_salt": "a salt stored as text"},
        {"wrapped_key": 42},
    ],
    ids=str,
)
def test_header_with_params_out_of_range_is_reported_damaged_before_any_kdf_runs(
    moderate_kdf_vault, monkeypatch, edits
):
    path = moderate_kdf_vault
    for column, value in edits.items():
        edit_rows(path, f"UPDATE tend_header SET {column} = ?", value)
    derived = []
    monkeypatch.setattr(crypto, "derive_passphrase_key", lambda *a: derived.append(a))
    before = sha256_of(path)
    with pytest.raises(DamagedVault):
        Vault.open(path)
    with pytest.raises(DamagedVault):
        Vault.verify_file(path, PASSPHRASE)
    assert derived == []
    assert sha256_of(path) == before
    assert siblings(path) == []


# ------------------------------------------------------------ recovery code


def test_recovery_code_is_six_groups_of_five_crockford_symbols(vault):
    assert not vault.has_recovery_code
    code = vault.new_recovery_code()
    assert RECOVERY_CODE_SHAPE.fullmatch(code), code
    assert vault.has_recovery_code


def recovery_code_with_a_zero(vault: Vault) -> str:
    """Codes are random; ask until one has a 0, to show O is read as 0."""
    for _ in range(200):
        code = vault.new_recovery_code()
        if "0" in code:
            return code
    raise AssertionError("no recovery code with a 0 in 200 tries")


@pytest.mark.parametrize(
    "retype",
    [
        lambda code: code,
        str.lower,
        lambda code: code.replace("-", ""),
        lambda code: code.replace("0", "O"),
        lambda code: " ".join(code.lower().split("-")),
    ],
    ids=["as shown", "lowercase", "without dashes", "O for 0", "spaces, lowercase"],
)
def test_recovery_code_unlocks_however_it_is_retyped(vault, vault_path, retype):
    record_id = vault.put("entry", b"kept")
    code = recovery_code_with_a_zero(vault)
    vault.close()
    with Vault.open(vault_path) as reopened:
        reopened.unlock_with_recovery_code(retype(code))
        assert reopened.read(record_id).payload == b"kept"


def test_wrong_recovery_code_is_refused_and_changes_no_byte(vault, vault_path):
    code = vault.new_recovery_code()
    vault.close()
    wrong = crypto.new_recovery_code()
    assert wrong != code
    before = sha256_of(vault_path)
    with Vault.open(vault_path) as reopened:
        for attempt in (wrong, "not a code at all", code[:-1], ""):
            with pytest.raises(WrongRecoveryCode):
                reopened.unlock_with_recovery_code(attempt)
        assert not reopened.is_unlocked
    assert sha256_of(vault_path) == before


def test_recovery_code_lets_a_forgotten_passphrase_be_replaced(vault, vault_path, fast_kdf):
    record_id = vault.put("entry", b"kept")
    code = vault.new_recovery_code()
    vault.close()
    with Vault.open(vault_path) as reopened:
        reopened.unlock_with_recovery_code(code)
        reopened.change_passphrase(NEW_PASSPHRASE, fast_kdf)
    assert not opens_with(vault_path, PASSPHRASE)
    assert payloads(vault_path, NEW_PASSPHRASE) == {record_id: b"kept"}
    with Vault.open(vault_path) as reopened:  # the code itself keeps working
        reopened.unlock_with_recovery_code(code)


def test_new_recovery_code_invalidates_the_old_one(vault, vault_path):
    old = vault.new_recovery_code()
    new = vault.new_recovery_code()
    vault.close()
    with Vault.open(vault_path) as reopened:
        with pytest.raises(WrongRecoveryCode):
            reopened.unlock_with_recovery_code(old)
        reopened.unlock_with_recovery_code(new)


def test_removed_recovery_code_no_longer_opens_the_vault(vault, vault_path):
    code = vault.new_recovery_code()
    vault.remove_recovery_code()
    assert not vault.has_recovery_code
    vault.close()
    with Vault.open(vault_path) as reopened:
        with pytest.raises(NoRecoveryCode):
            reopened.unlock_with_recovery_code(code)
        reopened.unlock(PASSPHRASE)


def test_vault_without_recovery_code_says_so(vault):
    with pytest.raises(NoRecoveryCode) as excinfo:
        vault.unlock_with_recovery_code(crypto.new_recovery_code())
    assert str(excinfo.value) == NoRecoveryCode.message


# ------------------------------------------------------------ damaged records


@pytest.fixture(scope="module")
def tamper_template(tmp_path_factory: pytest.TempPathFactory) -> ClosedJournal:
    """One closed journal of three entries, copied for every tampering test."""
    path = tmp_path_factory.mktemp("template") / "journal.tend"
    with Journal.create(path, PASSPHRASE, KdfParams.fresh(64, 1, 1)) as journal:
        entries = [
            journal.add("The first entry.", title="One"),
            journal.add("The second entry, a little longer than the first.", title="Two"),
            journal.add("The third entry.", title="Three"),
        ]
    return ClosedJournal(path, tuple(e.id for e in entries), {e.id: e.body for e in entries})


@pytest.fixture
def tampered(tamper_template: ClosedJournal, vault_path: Path) -> ClosedJournal:
    shutil.copyfile(tamper_template.path, vault_path)
    return ClosedJournal(vault_path, tamper_template.ids, tamper_template.bodies)


def flip_byte(path: Path, record_id: str, column: str, index: int) -> None:
    conn = raw_connect(path)
    try:
        (value,) = conn.execute(
            f"SELECT {column} FROM tend_record WHERE id = ?", (record_id,)
        ).fetchone()
        changed = bytearray(value)
        changed[index] ^= 0x01
        conn.execute(f"UPDATE tend_record SET {column} = ? WHERE id = ?", (changed, record_id))
    finally:
        conn.close()


def assert_only_damaged(journal_file: ClosedJournal, damaged_id: str) -> None:
    """The one record is reported damaged everywhere; every other still reads."""
    with Journal.open(journal_file.path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (damaged_id,)
        assert journal.report.damaged == (damaged_id,)
        others = [rid for rid in journal_file.ids if rid != damaged_id]
        assert {e.id: e.body for e in journal.entries()} == {
            rid: journal_file.bodies[rid] for rid in others
        }
        with pytest.raises(DamagedRecords) as excinfo:
            journal.get(damaged_id)
        assert excinfo.value.record_ids == [damaged_id]
        with pytest.raises(DamagedRecords):
            journal.vault.read(damaged_id)
        assert journal.vault.read_all().damaged == [damaged_id]
        assert journal.vault.check() == [damaged_id]


CIPHERTEXT_POSITIONS = {"first": 0, "middle": None, "last": -17}  # -16.. is the GCM tag

TAMPER_CASES = (
    [pytest.param("nonce", i, id=f"nonce byte {i}") for i in range(crypto.NONCE_BYTES)]
    + [
        pytest.param("ciphertext", where, id=f"{where} ciphertext byte")
        for where in CIPHERTEXT_POSITIONS
    ]
    + [pytest.param("ciphertext", -16 + i, id=f"tag byte {i}") for i in range(16)]
)


@pytest.mark.parametrize(("column", "where"), TAMPER_CASES)
def test_flipped_byte_in_a_record_damages_that_record_only(tampered, column, where):
    target = tampered.ids[1]
    _, _, _, ciphertext = record_row(tampered.path, target)
    if where in CIPHERTEXT_POSITIONS:
        where = CIPHERTEXT_POSITIONS[where]
        if where is None:
            where = (len(ciphertext) - 16) // 2
    flip_byte(tampered.path, target, column, where)
    assert_only_damaged(tampered, target)


def test_blob_copied_into_another_row_is_rejected(tampered):
    source, target = tampered.ids[0], tampered.ids[1]
    _, _, nonce, ciphertext = record_row(tampered.path, source)
    edit_rows(
        tampered.path,
        "UPDATE tend_record SET nonce = ?, ciphertext = ? WHERE id = ?",
        nonce,
        ciphertext,
        target,
    )
    assert_only_damaged(tampered, target)


@pytest.mark.parametrize(
    ("column", "value"),
    [("kind", "draft"), ("kind", "setting"), ("version", 1), ("version", 3), ("version", 0)],
)
def test_record_with_changed_kind_or_version_is_rejected(tampered, column, value):
    target = tampered.ids[2]
    edit_rows(tampered.path, f"UPDATE tend_record SET {column} = ? WHERE id = ?", value, target)
    with Journal.open(tampered.path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (target,)
        assert len(journal.entries()) == 2
        assert journal.vault.check() == [target]


def test_record_moved_to_another_id_is_rejected(tampered):
    old_id = tampered.ids[0]
    new_id = "f" * 32
    edit_rows(tampered.path, "UPDATE tend_record SET id = ? WHERE id = ?", new_id, old_id)
    with Journal.open(tampered.path, PASSPHRASE) as journal:
        # The moved copy does not open; the manifest names the one that went missing.
        assert set(journal.damaged_ids) == {new_id, old_id}
        assert journal.report.problems[new_id].problem == Problem.DAMAGED
        assert journal.report.problems[old_id].problem == Problem.MISSING
        assert {e.id for e in journal.entries()} == set(tampered.ids[1:])


def test_record_that_decrypts_but_is_not_an_entry_is_listed_as_damaged(vault, vault_path):
    bad = vault.put("entry", b"this is not json")
    vault.close()
    with Journal.open(vault_path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (bad,)
        assert journal.vault.check() == []  # the blob itself is intact


def test_structural_damage_inside_sqlite_is_reported_by_check(tampered):
    conn = raw_connect(tampered.path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'tend_record'"
        ).fetchone()[0]
    finally:
        conn.close()
    with tampered.path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 16)  # scribble over the b-tree page header
    # Opening and loading may already notice; if not, check() must.
    with pytest.raises(DamagedVault), Journal.open(tampered.path, PASSPHRASE) as journal:
        journal.vault.check()


# ------------------------------------------------------------ full disk


def test_full_disk_raises_storage_full_and_loses_nothing(journal, vault_path):
    kept = [journal.add(f"entry {i}", title=f"t{i}") for i in range(3)]
    conn = journal.vault._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageFull) as excinfo:
        journal.add(os.urandom(200_000).hex(), title="too big")
    assert str(excinfo.value) == StorageFull.message
    with pytest.raises(StorageFull):
        journal.update(kept[0].id, body=os.urandom(200_000).hex())
    assert {e.id for e in journal.entries()} == {e.id for e in kept}
    assert journal.get(kept[0].id).body == "entry 0"
    assert journal.search("too big") == []
    journal.close()
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        assert {e.id: e.body for e in reopened.entries()} == {e.id: e.body for e in kept}
        assert reopened.vault.check() == []


def test_after_space_is_freed_saving_works_again(journal, vault_path):
    conn = journal.vault._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageFull):
        journal.add("x" * 100_000)
    conn.execute("PRAGMA max_page_count = 1000000")
    entry = journal.add("x" * 100_000)
    journal.close()
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        assert reopened.get(entry.id).body == "x" * 100_000


# ------------------------------------------------------------ nothing in the clear


def unique_canaries() -> dict[str, str]:
    """Distinctive phrases, one per field, so a leak says where it came from."""
    tag = secrets.token_hex(4)
    return {
        field: f"Kanarienvogel-{field}-{tag}-Ünïcødé-金丝雀-quokka"
        for field in ("title", "body", "tag", "edit", "draft-title", "draft-body")
    }


def test_canary_scanner_finds_a_phrase_in_each_encoding(tmp_path):
    canary = "Kanarienvogel-scanner-Ünïcødé-金丝雀-quokka"
    folder = tmp_path / "scan"
    folder.mkdir()
    forms = {
        "a": canary.encode("utf-8"),
        "b": canary.encode("utf-16-le"),
        "c": canary.encode("utf-16-be"),
        "d": base64.b64encode(b"xy" + canary.encode()),
        "e": base64.b64encode(b"x" + canary.encode()),
        "f": base64.b64encode(canary.encode()),
    }
    for name, content in forms.items():
        (folder / name).write_bytes(b"padding" + content + b"padding")
    hits = find_canaries([folder], [canary])
    assert {hit.rsplit("/", 1)[-1] for hit in hits} == set(forms)
    assert find_canaries([folder], ["Kanarienvogel-absent-Ünïcødé-金丝雀-quokka"]) == []


def test_content_never_reaches_any_file_in_the_clear(vault_path, fast_kdf, watched_tmpdir):
    canaries = unique_canaries()
    folders = [vault_path.parent, watched_tmpdir]
    secret_date = datetime(1987, 6, 5, 4, 3, 2, tzinfo=timezone(timedelta(hours=5)))
    leaks_to_look_for = [*canaries.values(), secret_date.isoformat()]

    def assert_no_leak(moment: str) -> None:
        hits = find_canaries(folders, leaks_to_look_for)
        assert hits == [], f"after {moment}: {hits}"

    journal = Journal.create(vault_path, PASSPHRASE, fast_kdf)
    try:
        entry = journal.add(
            canaries["body"] + "\n" + "filler text " * 500,
            title=canaries["title"],
            tags=[canaries["tag"], "plain"],
            created=secret_date,
        )
        for _ in range(20):  # enough writes that SQLite has pages to reuse and frames to keep
            journal.add("other entry " * 100)
        # SQLite keeps its rollback journal open beside the file (emptied) while in use.
        assert Path(f"{vault_path}-journal").exists()
        assert_no_leak("add, vault open")
        journal.update(entry.id, body=canaries["edit"])
        assert_no_leak("update, vault open")
        draft = journal.save_draft(
            entry_id=None, title=canaries["draft-title"], body=canaries["draft-body"]
        )
        assert_no_leak("save_draft, vault open")
        journal.discard_draft(draft.id)
        assert_no_leak("discard_draft, vault open")
        journal.move_to_trash(entry.id)
        assert_no_leak("move_to_trash, vault open")
        journal.empty_trash()
        assert_no_leak("empty_trash, vault open")
        journal.save_draft(entry_id=None, title=canaries["draft-title"], body="kept draft")
        assert_no_leak("save_draft, vault open")
    finally:
        journal.close()
    assert_no_leak("close")
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        assert [d.title for d in reopened.drafts()] == [canaries["draft-title"]]
        assert_no_leak("reopen")


def test_verify_passphrase_checks_without_changing_anything(vault, vault_path):
    record_id = vault.put("entry", b"kept")
    before = vault.kdf_params
    vault.verify_passphrase(PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        vault.verify_passphrase("not it at all")
    assert vault.is_unlocked
    assert vault.read(record_id).payload == b"kept"
    assert vault.kdf_params == before
