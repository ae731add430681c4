"""Key derivation, sealing and recovery codes: real primitives, nothing mocked."""

from __future__ import annotations

import re
import unicodedata

import pytest

from journal_app.vault import KdfParams, Vault, crypto
from journal_app.vault.crypto import DecryptionFailed, Sealer

RECOVERY_CODE_SHAPE = re.compile(r"[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}")


# ------------------------------------------------------------- KDF defaults


def test_default_kdf_params_meet_rfc_9106_second_recommendation():
    params = KdfParams.fresh()
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= 3
    assert params.lanes >= 4
    assert len(params.salt) >= 16
    assert params.is_sane()
    assert params.meets_default()


def test_vault_created_without_kdf_params_uses_the_strong_defaults(vault_path, passphrase):
    with Vault.create(vault_path, passphrase) as vault:
        params = vault.kdf_params
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= 3
    assert params.lanes >= 4
    # Read back from the file itself, not from what create() was given.
    with Vault.open(vault_path) as reopened:
        assert reopened.kdf_params == params


def test_every_fresh_kdf_params_has_its_own_salt():
    assert KdfParams.fresh().salt != KdfParams.fresh().salt


@pytest.mark.parametrize(
    ("memory_kib", "iterations", "lanes"),
    [
        (7, 1, 1),  # below 8 KiB per lane
        (64, 0, 1),
        (64, 1, 0),
        (crypto.MAX_MEMORY_KIB + 1, 1, 1),
        (64 * 1024, crypto.MAX_ITERATIONS + 1, 4),
        (64 * 1024, 3, crypto.MAX_LANES + 1),
        (crypto.MAX_MEMORY_KIB, 2, 4),  # each bound kept, too much work together
    ],
)
def test_kdf_params_out_of_range_are_not_sane(memory_kib, iterations, lanes):
    assert not KdfParams.fresh(memory_kib, iterations, lanes).is_sane()


def test_the_default_and_a_future_stronger_default_are_within_the_bounds():
    assert KdfParams.fresh().is_sane()
    assert KdfParams.fresh(2 * 1024 * 1024, 1, 4).is_sane()  # RFC 9106's first choice


def test_kdf_params_with_a_short_salt_are_not_sane():
    assert not KdfParams(b"short", 64, 1, 1).is_sane()


def test_weak_kdf_params_do_not_meet_the_default(fast_kdf):
    assert fast_kdf.is_sane()
    assert not fast_kdf.meets_default()


def test_kdf_bound_bytes_differ_when_any_parameter_differs(fast_kdf):
    base = fast_kdf.bound()
    variants = [
        KdfParams(fast_kdf.salt, fast_kdf.memory_kib + 1, 1, 1),
        KdfParams(fast_kdf.salt, 64, 2, 1),
        KdfParams(fast_kdf.salt, 64, 1, 2),
        KdfParams(bytes(16), 64, 1, 1),
    ]
    assert all(variant.bound() != base for variant in variants)


# ------------------------------------------------------------ key derivation


def test_same_passphrase_and_params_derive_the_same_key(fast_kdf):
    assert crypto.derive_passphrase_key("pass", fast_kdf) == crypto.derive_passphrase_key(
        "pass", fast_kdf
    )


def test_another_salt_derives_another_key(fast_kdf):
    other = KdfParams.fresh(64, 1, 1)
    assert crypto.derive_passphrase_key("pass", fast_kdf) != crypto.derive_passphrase_key(
        "pass", other
    )


def test_derived_key_is_a_wipeable_256_bit_bytearray(fast_kdf):
    key = crypto.derive_passphrase_key("pass", fast_kdf)
    assert isinstance(key, bytearray)
    assert len(key) == 32
    crypto.wipe(key)
    assert key == bytearray(32)


def test_wipe_accepts_none():
    crypto.wipe(None)


def test_passphrase_typed_decomposed_derives_the_same_key_as_composed(fast_kdf):
    composed = unicodedata.normalize("NFC", "Crème brûlée à Noël")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert crypto.derive_passphrase_key(composed, fast_kdf) == crypto.derive_passphrase_key(
        decomposed, fast_kdf
    )


# ------------------------------------------------------------------ sealing


def test_sealed_value_opens_with_the_same_key_and_associated_data():
    key = crypto.new_data_key()
    nonce, ciphertext = crypto.seal(key, b"secret", b"aad")
    assert len(nonce) == crypto.NONCE_BYTES
    assert b"secret" not in ciphertext
    assert crypto.open_sealed(key, nonce, ciphertext, b"aad") == b"secret"


def test_sealing_twice_uses_a_fresh_nonce_each_time():
    sealer = Sealer(crypto.new_data_key())
    nonces = {sealer.seal(b"same", b"aad")[0] for _ in range(50)}
    assert len(nonces) == 50


@pytest.mark.parametrize("what", ["key", "aad", "nonce", "ciphertext"])
def test_sealed_value_refuses_to_open_when_anything_differs(what):
    key = crypto.new_data_key()
    nonce, ciphertext = crypto.seal(key, b"secret", b"aad")
    args = {"key": key, "nonce": nonce, "ciphertext": ciphertext, "aad": b"aad"}
    if what == "key":
        args["key"] = crypto.new_data_key()
    elif what == "aad":
        args["aad"] = b"aae"
    else:
        value = bytearray(args[what])
        value[0] ^= 1
        args[what] = bytes(value)
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(args["key"], args["nonce"], args["ciphertext"], args["aad"])
    with pytest.raises(DecryptionFailed):
        Sealer(args["key"]).open(args["nonce"], args["ciphertext"], args["aad"])


def test_a_nonce_of_the_wrong_length_is_a_decryption_failure_not_a_crash():
    key = crypto.new_data_key()
    _, ciphertext = crypto.seal(key, b"secret", b"aad")
    with pytest.raises(DecryptionFailed):
        crypto.open_sealed(key, b"", ciphertext, b"aad")


def test_packed_fields_cannot_collide_by_shifting_bytes_between_fields():
    assert crypto.pack_fields(b"ab", b"c") != crypto.pack_fields(b"a", b"bc")
    assert crypto.pack_fields(b"abc") != crypto.pack_fields(b"ab", b"c")


# ------------------------------------------------------------ recovery codes


def test_recovery_code_is_six_groups_of_five_crockford_symbols():
    for _ in range(20):
        code = crypto.new_recovery_code()
        assert RECOVERY_CODE_SHAPE.fullmatch(code), code
        assert crypto.is_recovery_code_shaped(code)


def test_recovery_codes_are_not_repeated():
    assert len({crypto.new_recovery_code() for _ in range(100)}) == 100


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("abcde-fghjk", "ABCDEFGHJK"),
        ("  ab cd\te ", "ABCDE"),
        ("O0-o0", "0000"),
        ("iIlL1", "11111"),
    ],
)
def test_recovery_code_forgives_case_spaces_dashes_and_lookalikes(typed, canonical):
    assert crypto.canonical_recovery_code(typed) == canonical


@pytest.mark.parametrize(
    "typed",
    ["", "ABCDE", "ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-ABCDEF", "UUUUU-UUUUU-UUUUU-UUUUU-UUUUU-UUUUU"],
)
def test_text_that_is_not_a_recovery_code_is_recognised_as_such(typed):
    assert not crypto.is_recovery_code_shaped(typed)


def test_recovery_key_depends_on_code_and_salt():
    code = crypto.new_recovery_code()
    salt = bytes(16)
    key = crypto.derive_recovery_key(code, salt)
    assert key == crypto.derive_recovery_key(code.lower().replace("-", ""), salt)
    assert key != crypto.derive_recovery_key(code, bytes(15) + b"\x01")
    assert key != crypto.derive_recovery_key(crypto.new_recovery_code(), salt)
