"""Record documents and blob chunks encrypted at rest, under a per-territory data key.

Each territory has a random 256-bit data key. The database holds it only wrapped (AES-256-GCM)
under a key derived by HKDF from the server secret (``server-secret.key`` in the data dir), so
a dump of the database alone reveals no document and no PDF. Every document and chunk is sealed
with AES-256-GCM under the territory's key, with a random nonce and associated data naming where
the ciphertext belongs (territory, entity, id and version; or territory, SHA-256 and offset): a
row copied over another record's row fails authentication instead of being served as the other
record. A sealed value starts with a format byte and the key id, so ``rotate-key`` can tell
which key sealed it.

Unwrapped keys are cached in process memory, keyed by the wrapped bytes read in the same
transaction, so a territory key replaced by ``rotate-key --territory`` is never used again.
The server finds its keyring through the database connection (``attach_keyring``), which keeps
push, pull and blob code free of key plumbing.
"""

from __future__ import annotations

import json
import os
import struct
import threading
import uuid
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, Engine, bindparam, event, select
from sqlalchemy.orm import Session

from spie_server.errors import ApiError
from spie_server.logs import log_event
from spie_server.models import Territory, table_of

FORMAT = 1
#: A sealed value: format byte, key id (big-endian u32), 12-byte nonce, ciphertext + 16-byte tag.
_HEADER = struct.Struct(">BI")
_NONCE = 12
_BODY = _HEADER.size + _NONCE
_MIN_SEALED = _BODY + 16
_WRAP_LABEL = b"spie-server/territory-key-wrap/v1"
_FINGERPRINT_LABEL = b"spie-server/secret-fingerprint/v1"
_FINGERPRINT = 8
_KEYRING_INFO = "spie_keyring"
_SESSION_KEYS = "spie_territory_keys"


class SealError(ApiError):
    """A sealed value that fails authentication: tampered, swapped between rows, or wrong key."""

    def __init__(self, what: str) -> None:
        super().__init__(
            500,
            "sealed_data_unreadable",
            f"a stored {what} failed its integrity check (altered or moved in the database); "
            "nothing was returned; the administrator must restore it from a backup",
        )


class WrongSecretError(RuntimeError):
    """The territory keys are wrapped by another server secret than the one in the data dir."""


# -- the server secret's wrapping key -------------------------------------------------------


def _hkdf(secret: bytes, label: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label).derive(secret)


def secret_fingerprint(secret: bytes) -> bytes:
    """A short one-way tag of the secret, stored with each wrapped key to name its wrapper."""
    return _hkdf(secret, _FINGERPRINT_LABEL, _FINGERPRINT)


def _wrap_ad(territory_id: int, key_id: int) -> bytes:
    return f"territory-key|{territory_id}|{key_id}".encode("ascii")


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_key(secret: bytes, territory_id: int, key_id: int, data_key: bytes) -> bytes:
    """fingerprint(8) + nonce(12) + AES-256-GCM(HKDF(secret), data key, AD = territory, id)."""
    nonce = os.urandom(_NONCE)
    aead = AESGCM(_hkdf(secret, _WRAP_LABEL, 32))
    sealed = aead.encrypt(nonce, data_key, _wrap_ad(territory_id, key_id))
    return secret_fingerprint(secret) + nonce + sealed


def unwrap_key(secret: bytes, territory_id: int, key_id: int, wrapped: bytes) -> bytes:
    if wrapped[:_FINGERPRINT] != secret_fingerprint(secret):
        raise WrongSecretError(
            f"territory {territory_id}'s data key is wrapped by another server secret than "
            "server-secret.key (restore the secret that goes with this database)"
        )
    nonce = wrapped[_FINGERPRINT : _FINGERPRINT + _NONCE]
    aead = AESGCM(_hkdf(secret, _WRAP_LABEL, 32))
    try:
        return aead.decrypt(nonce, wrapped[_FINGERPRINT + _NONCE :], _wrap_ad(territory_id, key_id))
    except InvalidTag:
        raise WrongSecretError(f"territory {territory_id}'s wrapped data key is corrupt") from None


# -- sealing with a territory key -------------------------------------------------------------


def _doc_ad(territory_id: int, entity: str, entity_id: uuid.UUID, version: int) -> bytes:
    # The numbers hold no "|" and the id is exactly 16 bytes: the fields cannot run together.
    return b"doc|%d|%b|%b|%d" % (territory_id, entity.encode(), entity_id.bytes, version)


def _chunk_ad(territory_id: int, sha256: str, offset: int) -> bytes:
    return f"chunk|{territory_id}|{sha256}|{offset}".encode("ascii")


class TerritoryKey:
    """One territory's data key, ready to seal and open (a pull opens every document)."""

    __slots__ = ("territory_id", "key_id", "aead", "_prefix")

    def __init__(self, territory_id: int, key_id: int, aead: AESGCM) -> None:
        self.territory_id = territory_id
        self.key_id = key_id
        self.aead = aead
        self._prefix = _HEADER.pack(FORMAT, key_id)

    def seal(self, plain: bytes, ad: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return self._prefix + nonce + self.aead.encrypt(nonce, plain, ad)

    def open(self, sealed: bytes, ad: bytes, what: str) -> bytes:
        if not sealed.startswith(self._prefix) or len(sealed) < _MIN_SEALED:
            raise self._refuse(what)
        view = memoryview(sealed)
        try:
            return self.aead.decrypt(view[_HEADER.size : _BODY], view[_BODY:], ad)
        except InvalidTag:
            raise self._refuse(what) from None

    def _refuse(self, what: str) -> SealError:
        log_event("sealed_data_unreadable", territory_id=self.territory_id, what=what)
        return SealError(what)

    def seal_doc(
        self, entity: str, entity_id: uuid.UUID, version: int, doc: dict[str, Any]
    ) -> bytes:
        plain = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
        return self.seal(plain, _doc_ad(self.territory_id, entity, entity_id, version))

    def open_doc(
        self, entity: str, entity_id: uuid.UUID, version: int, sealed: bytes
    ) -> dict[str, Any]:
        plain = self.open(sealed, _doc_ad(self.territory_id, entity, entity_id, version), "record")
        doc: dict[str, Any] = json.loads(plain.decode())  # str: skips detecting the encoding
        return doc

    def seal_chunk(self, sha256: str, offset: int, data: bytes) -> bytes:
        return self.seal(data, _chunk_ad(self.territory_id, sha256, offset))

    def open_chunk(self, sha256: str, offset: int, sealed: bytes) -> bytes:
        return self.open(sealed, _chunk_ad(self.territory_id, sha256, offset), "file chunk")


def territory_key(secret: bytes, territory_id: int, key_id: int, wrapped: bytes) -> TerritoryKey:
    return TerritoryKey(
        territory_id, key_id, AESGCM(unwrap_key(secret, territory_id, key_id, wrapped))
    )


def seal_doc_rows(key: TerritoryKey, rows: list[dict[str, Any]]) -> None:
    """Replace each insert/update row's ``doc`` (a dict) by its sealed bytes, in place."""
    for row in rows:
        row["doc"] = key.seal_doc(row["entity"], row["entity_id"], row["version"], row["doc"])


# -- the server's keyring ---------------------------------------------------------------------

_territories = table_of(Territory)
#: Built once: Core and a bound parameter, so its compiled form is cached (it runs per request).
_KEY_QUERY = select(_territories.c.data_key_id, _territories.c.data_key).where(
    _territories.c.id == bindparam("territory_id")
)


class Keyring:
    """The server secret (read lazily) and the territory keys it unwrapped, cached."""

    def __init__(self, secret: Callable[[], bytes]) -> None:
        self._secret = secret
        self._lock = threading.Lock()
        self._keys: dict[tuple[int, int, bytes], TerritoryKey] = {}

    def for_territory(self, session: Session, territory_id: int) -> TerritoryKey:
        row = session.connection().execute(_KEY_QUERY, {"territory_id": territory_id}).one()
        if row.data_key_id is None or row.data_key is None:
            raise RuntimeError(f"territory {territory_id} has no data key")
        return self.unwrapped(territory_id, row.data_key_id, row.data_key)

    def unwrapped(self, territory_id: int, key_id: int, wrapped: bytes) -> TerritoryKey:
        """The key ``wrapped`` holds (unwrapped once per process, then from memory)."""
        cache_key = (territory_id, key_id, wrapped)
        key = self._keys.get(cache_key)
        if key is None:
            key = territory_key(self._secret(), territory_id, key_id, wrapped)
            with self._lock:
                self._keys[cache_key] = key
        return key


def attach_keyring(engine: Engine, keyring: Keyring) -> None:
    """Make ``keys_for`` find ``keyring`` from any session on ``engine``."""

    @event.listens_for(engine, "checkout")
    def _on_checkout(_dbapi: Any, record: Any, _proxy: Any) -> None:
        record.info[_KEYRING_INFO] = keyring


def attach_connection_keyring(connection: Connection, secret: Callable[[], bytes]) -> None:
    """Make ``keys_for`` work on sessions bound to this one connection (a migration's)."""
    connection.info[_KEYRING_INFO] = Keyring(secret)


def remember_key(
    session: Session, territory_id: int, key_id: int | None, wrapped: bytes | None
) -> None:
    """Give ``keys_for`` the territory's wrapped key that another query of this transaction
    read (authentication reads it with the device): one round trip less per request. A
    territory without a key is left to ``keys_for``, which refuses it."""
    keyring = session.connection().info.get(_KEYRING_INFO)
    if key_id is None or wrapped is None or not isinstance(keyring, Keyring):
        return
    known: dict[int, TerritoryKey] = session.info.setdefault(_SESSION_KEYS, {})
    known[territory_id] = keyring.unwrapped(territory_id, key_id, wrapped)


def keys_for(session: Session, territory_id: int) -> TerritoryKey:
    """The data key of ``territory_id``, through the keyring attached to the session's engine.

    Looked up once per session (sessions last one transaction here), however many times push
    or pull ask for it.
    """
    known: dict[int, TerritoryKey] = session.info.setdefault(_SESSION_KEYS, {})
    key = known.get(territory_id)
    if key is None:
        keyring = session.connection().info.get(_KEYRING_INFO)
        if not isinstance(keyring, Keyring):
            raise RuntimeError("no keyring attached to this engine (see sealing.attach_keyring)")
        key = known[territory_id] = keyring.for_territory(session, territory_id)
    return key
