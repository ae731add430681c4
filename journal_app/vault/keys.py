"""The vault header: how a passphrase or recovery code becomes the data key.

The header is in the clear (the key-derivation settings must be read before any
key exists), so everything in it that decides how the key is found is bound to
the wrapped key as associated data: a header edited to weaker settings is
refused, not obeyed. Settings beyond what Tend could have written are refused
before any work is done, so a header edited to enormous ones cannot make an
open hang.
"""

from __future__ import annotations

from journal_app.vault import crypto
from journal_app.vault.crypto import DecryptionFailed, KdfParams
from journal_app.vault.errors import DamagedVault, NewerVersion, NotAVault, WrongPassphrase
from journal_app.vault.schema import FORMAT_VERSION, MAGIC, Header


def key_aad(vault_id: bytes, params: KdfParams) -> bytes:
    """What the wrapped data key is bound to: this vault and its KDF settings.

    The format version is deliberately not bound here: a migration raises it
    after an unlock by recovery code, when only the data key (not the passphrase's
    key) is in hand. Records bind their own version instead.
    """
    return crypto.pack_fields(b"tend-key", vault_id, params.bound())


def recovery_aad(vault_id: bytes, salt: bytes) -> bytes:
    return crypto.pack_fields(b"tend-recovery", vault_id, salt)


def header_fields(header: Header) -> tuple[object, ...]:
    """Everything in a header that decides how a passphrase opens the vault."""
    return (
        header.magic,
        header.format_version,
        bytes(header.vault_id),
        header.kdf_memory_kib,
        header.kdf_iterations,
        header.kdf_lanes,
        bytes(header.kdf_salt),
        bytes(header.wrap_nonce),
        bytes(header.wrapped_key),
        header.recovery_salt and bytes(header.recovery_salt),
        header.recovery_nonce and bytes(header.recovery_nonce),
        header.recovery_wrapped_key and bytes(header.recovery_wrapped_key),
    )


def params_from(header: Header) -> KdfParams:
    return KdfParams(
        salt=bytes(header.kdf_salt),
        memory_kib=header.kdf_memory_kib,
        iterations=header.kdf_iterations,
        lanes=header.kdf_lanes,
    )


_BYTES_FIELDS = ("vault_id", "kdf_salt", "wrap_nonce", "wrapped_key")
_OPTIONAL_BYTES_FIELDS = ("recovery_salt", "recovery_nonce", "recovery_wrapped_key")
_INT_FIELDS = ("format_version", "kdf_memory_kib", "kdf_iterations", "kdf_lanes")


def checked_header(header: Header | None) -> Header:
    """Refuse a header that is missing, foreign, newer, of the wrong types or out of range."""
    if header is None or header.magic != MAGIC:
        raise NotAVault()
    if any(type(getattr(header, name)) is not int for name in _INT_FIELDS):
        raise DamagedVault()
    if header.format_version > FORMAT_VERSION:
        raise NewerVersion()
    if any(not isinstance(getattr(header, name), bytes) for name in _BYTES_FIELDS) or any(
        not isinstance(getattr(header, name), bytes | None) for name in _OPTIONAL_BYTES_FIELDS
    ):
        raise DamagedVault()
    if header.format_version < 1 or not params_from(header).is_sane():
        raise DamagedVault()
    if len(header.vault_id) != 16:
        raise DamagedVault()
    return header


def unwrap_with_passphrase(header: Header, passphrase: str) -> bytearray:
    """The data key, unwrapped with the passphrase (the slow step: Argon2id)."""
    params = params_from(header)
    kek = crypto.derive_passphrase_key(passphrase, params)
    try:
        data_key = crypto.open_sealed(
            kek,
            header.wrap_nonce,
            header.wrapped_key,
            key_aad(bytes(header.vault_id), params),
        )
    except DecryptionFailed:
        raise WrongPassphrase() from None
    finally:
        crypto.wipe(kek)
    return bytearray(data_key)
