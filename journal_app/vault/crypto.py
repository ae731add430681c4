"""Key derivation, key wrapping and record sealing, all from ``cryptography``.

Nothing here is hand-rolled: Argon2id turns the passphrase into a key-encryption
key, HKDF turns a (high-entropy) recovery code into one, and AES-256-GCM seals
both the wrapped data key and every record. Associated data is built from
length-prefixed fields so that no two different contexts can collide.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16

# RFC 9106, section 4, second recommended option: 64 MiB, 3 passes, 4 lanes.
DEFAULT_MEMORY_KIB = 64 * 1024
DEFAULT_ITERATIONS = 3
DEFAULT_LANES = 4

# Bounds on what a vault header may ask for: what Tend writes (the default, or
# what ``tend init`` was asked for), with room for a stronger default later (RFC
# 9106's first recommendation is 2 GiB and 1 pass). Anything beyond is refused
# before any work is done: a damaged or hostile header must not make every open
# take minutes, or exhaust memory. The work bound (memory times passes) keeps
# the slowest accepted header to a few seconds on an ordinary laptop.
MAX_MEMORY_KIB = 2 * 1024 * 1024
MAX_ITERATIONS = 16
MAX_LANES = 16
MAX_WORK_KIB = 2 * 1024 * 1024  # memory x passes: 2 GiB once, 256 MiB 8 times...

RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
RECOVERY_GROUPS = 6
RECOVERY_GROUP_LEN = 5  # 30 symbols x 5 bits = 150 bits of entropy


class DecryptionFailed(Exception):
    """A sealed value did not authenticate: wrong key, tampered or misplaced."""


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id settings, kept in the vault header so they can be raised later."""

    salt: bytes
    memory_kib: int = DEFAULT_MEMORY_KIB
    iterations: int = DEFAULT_ITERATIONS
    lanes: int = DEFAULT_LANES

    @classmethod
    def fresh(
        cls,
        memory_kib: int = DEFAULT_MEMORY_KIB,
        iterations: int = DEFAULT_ITERATIONS,
        lanes: int = DEFAULT_LANES,
    ) -> KdfParams:
        return cls(os.urandom(SALT_BYTES), memory_kib, iterations, lanes)

    def is_sane(self) -> bool:
        return (
            len(self.salt) >= SALT_BYTES
            and 1 <= self.lanes <= MAX_LANES
            and 1 <= self.iterations <= MAX_ITERATIONS
            and 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB
            and self.memory_kib * self.iterations <= MAX_WORK_KIB
        )

    def meets_default(self) -> bool:
        return (
            self.memory_kib >= DEFAULT_MEMORY_KIB
            and self.iterations >= DEFAULT_ITERATIONS
            and self.lanes >= DEFAULT_LANES
        )

    def bound(self) -> bytes:
        """The parameters as bytes, authenticated with the wrapped data key."""
        return pack_fields(
            b"argon2id",
            struct.pack(">III", self.memory_kib, self.iterations, self.lanes),
            self.salt,
        )


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC so that the same passphrase typed on another system derives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_passphrase_key(passphrase: str, params: KdfParams) -> bytearray:
    kdf = Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return bytearray(kdf.derive(normalize_passphrase(passphrase)))


def derive_recovery_key(code: str, salt: bytes) -> bytearray:
    """A recovery code carries 150 random bits, so HKDF is enough to stretch it."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"tend recovery")
    return bytearray(hkdf.derive(canonical_recovery_code(code).encode("ascii")))


def new_data_key() -> bytearray:
    return bytearray(os.urandom(KEY_BYTES))


def new_recovery_code() -> str:
    # Imported here: every command that opens a journal loads this module before it
    # starts deriving the key, and only a new recovery code needs ``secrets``.
    import secrets

    symbols = "".join(
        secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN)
    )
    return "-".join(
        symbols[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(symbols), RECOVERY_GROUP_LEN)
    )


def canonical_recovery_code(code: str) -> str:
    """Forgive what people do when typing a code: case, spaces, dashes, O for 0."""
    cleaned = code.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    return "".join(ch for ch in cleaned if not ch.isspace())


def is_recovery_code_shaped(code: str) -> bool:
    cleaned = canonical_recovery_code(code)
    return len(cleaned) == RECOVERY_GROUPS * RECOVERY_GROUP_LEN and all(
        ch in RECOVERY_ALPHABET for ch in cleaned
    )


def pack_fields(*fields: bytes) -> bytes:
    """Length-prefix each field so that concatenations are unambiguous."""
    return b"".join(struct.pack(">I", len(field)) + field for field in fields)


def seal(key: bytes | bytearray, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(bytes(key)).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes | bytearray, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(bytes(key)).decrypt(nonce, ciphertext, aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionFailed from exc


class Sealer:
    """Holds one data key for a burst of work so the cipher is set up only once."""

    def __init__(self, key: bytearray) -> None:
        self._aead = AESGCM(bytes(key))
        # The bare decrypt, raising InvalidTag, for loops over thousands of records.
        self.decrypt = self._aead.decrypt

    def seal(self, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
        nonce = os.urandom(NONCE_BYTES)
        return nonce, self._aead.encrypt(nonce, plaintext, aad)

    def open(self, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
        try:
            return self._aead.decrypt(nonce, ciphertext, aad)
        except (InvalidTag, ValueError) as exc:
            raise DecryptionFailed from exc


def wipe(buffer: bytearray | None) -> None:
    """Overwrite a key in place; Python may hold other copies, but not this one."""
    if buffer is not None:
        for i in range(len(buffer)):
            buffer[i] = 0
