"""``spie-server rotate-key``: a new server secret, or a new data key for one territory.

A new server secret re-wraps what it protects — each territory's data key and CA private key —
in one transaction, with the fingerprint the database records (territory/shared_secret.py);
documents stay sealed under the same data keys, so nothing else is rewritten. Other hosts
serving the database refuse to start until they hold a copy of the new secret. The new secret
is first written to ``server-secret.key.new`` and replaces the old file only after the
database committed; a rotation cut in between is finished (or undone) by the next
``rotate-key``, which sees from the recorded and the keys' fingerprints which secret wraps
them.

A new territory data key re-seals every document, version and blob chunk of the territory in
one transaction, under the territory's sequence lock (pushes wait), and forgets the old key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from spie_server.models import BlobChunk, Record, RecordVersion, Territory
from spie_server.sealing import (
    TerritoryKey,
    WrongSecretError,
    new_data_key,
    secret_fingerprint,
    territory_key,
    unwrap_key,
    wrap_key,
)
from spie_server.server_key import (
    adopt_pending_secret,
    create_pending_secret,
    drop_pending_secret,
    load_secret,
    pending_secret,
)
from spie_server.sync.sequence import TERRITORY_LOCK_BASE
from spie_server.territory.shared_secret import record_rotated, recorded_fingerprint
from spie_server.territory.territories import get_territory


@dataclass(frozen=True)
class Resealed:
    records: int
    versions: int
    chunks: int


def finish_interrupted_rotation(session: Session, data_dir: Path) -> bool:
    """Settle a rotation cut before its end; return True if its new secret was adopted."""
    pending = pending_secret(data_dir)
    if pending is None:
        return False
    wrappers = {
        bytes(wrapped[:8])
        for wrapped in session.scalars(select(Territory.data_key))
        if wrapped is not None
    }
    recorded = recorded_fingerprint(session)
    if recorded is not None:  # committed with the re-wrapped keys, even when there are none
        wrappers.add(bytes(recorded))
    if wrappers and wrappers == {secret_fingerprint(pending)}:
        adopt_pending_secret(data_dir)
        return True
    drop_pending_secret(data_dir)
    return False


def rotate_secret(session: Session, data_dir: Path) -> int:
    """Re-wrap every territory's keys under a new server secret; return how many territories.

    The caller commits ``session`` and then calls ``adopt_pending_secret``.
    """
    old = load_secret(data_dir)
    new = create_pending_secret(data_dir)
    territories = list(session.scalars(select(Territory).order_by(Territory.id)))
    for territory in territories:
        if territory.data_key_id is None or territory.data_key is None:
            raise WrongSecretError(f"territory {territory.code} has no data key")
        data_key = unwrap_key(old, territory.id, territory.data_key_id, territory.data_key)
        territory.data_key = wrap_key(new, territory.id, territory.data_key_id, data_key)
        territory.ca_key_pem = _rewrap_ca_key(territory.ca_key_pem, old, new)
    record_rotated(session, secret_fingerprint(new))
    session.flush()
    return len(territories)


def _rewrap_ca_key(encrypted_pem: bytes, old: bytes, new: bytes) -> bytes:
    try:
        key = serialization.load_pem_private_key(encrypted_pem, password=old)
    except (ValueError, TypeError):
        raise WrongSecretError("a territory CA key does not open with server-secret.key") from None
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(new),
    )


def rotate_territory_key(session: Session, code: str, secret: bytes) -> Resealed:
    """Give territory ``code`` a new data key and re-seal all its data under it."""
    territory = get_territory(session, code)
    if session.get_bind().dialect.name == "postgresql":
        # The lock pushes take before writing: none writes under the old key meanwhile.
        session.execute(
            text("SELECT pg_advisory_xact_lock(:k)"), {"k": TERRITORY_LOCK_BASE + territory.id}
        )
    if territory.data_key_id is None or territory.data_key is None:
        raise WrongSecretError(f"territory {code} has no data key")
    old = territory_key(secret, territory.id, territory.data_key_id, territory.data_key)
    raw = new_data_key()
    new = TerritoryKey(territory.id, territory.data_key_id + 1, AESGCM(raw))
    counts = Resealed(
        _reseal_docs(session, Record, old, new),
        _reseal_docs(session, RecordVersion, old, new),
        _reseal_chunks(session, old, new),
    )
    territory.data_key_id = new.key_id
    territory.data_key = wrap_key(secret, territory.id, new.key_id, raw)
    session.flush()
    return counts


def _reseal_docs(
    session: Session,
    model: type[Record] | type[RecordVersion],
    old: TerritoryKey,
    new: TerritoryKey,
) -> int:
    rows = session.execute(
        select(model.entity, model.entity_id, model.version, model.doc).where(
            model.territory_id == old.territory_id
        )
    ).all()
    for entity, entity_id, version, sealed in rows:
        doc: dict[str, Any] = old.open_doc(entity, entity_id, version, sealed)
        session.execute(
            update(model)
            .where(
                model.territory_id == old.territory_id,
                model.entity == entity,
                model.entity_id == entity_id,
                model.version == version,
            )
            .values(doc=new.seal_doc(entity, entity_id, version, doc))
            .execution_options(synchronize_session=False)
        )
    return len(rows)


def _reseal_chunks(session: Session, old: TerritoryKey, new: TerritoryKey) -> int:
    rows = session.execute(
        select(BlobChunk.sha256, BlobChunk.offset, BlobChunk.data).where(
            BlobChunk.territory_id == old.territory_id
        )
    ).all()
    for sha256, offset, sealed in rows:
        data = old.open_chunk(sha256, offset, sealed)
        session.execute(
            update(BlobChunk)
            .where(
                BlobChunk.territory_id == old.territory_id,
                BlobChunk.sha256 == sha256,
                BlobChunk.offset == offset,
            )
            .values(data=new.seal_chunk(sha256, offset, data))
            .execution_options(synchronize_session=False)
        )
    return len(rows)
