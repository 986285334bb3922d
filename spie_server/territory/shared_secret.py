"""The server secret, the same in every process on every host, checked against the database.

Every process of a territory server — uvicorn workers, several ``spie-server run`` on several
hosts behind one reverse proxy, the administrator's commands — must open the territory CA keys
and data keys with the one secret that wraps them. The secret never enters the database (a
dump alone must not issue certificates nor open a record), so each host keeps a copy of
``server-secret.key`` in its data dir and the database keeps only the secret's fingerprint
(table ``server_secret``, one row). The first process on an empty database records the
fingerprint of its secret; every other process compares its own copy and refuses to go on
with a different one, and a host without a copy refuses instead of making up its own (which
would wrap new territories' keys, or fail to open the CA, for that host alone).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from spie_server.db import session_scope
from spie_server.models import ServerSecret, utc_now
from spie_server.sealing import WrongSecretError, secret_fingerprint
from spie_server.server_key import SECRET_FILE, SecretError, load_or_create_secret

ROW_ID = 1


def recorded_fingerprint(session: Session) -> bytes | None:
    return session.scalar(select(ServerSecret.fingerprint).where(ServerSecret.id == ROW_ID))


def bound_secret(engine: Engine, data_dir: Path) -> bytes:
    """The data dir's secret once the database agrees it is the one; created only when the
    database has recorded none (a new server)."""
    with session_scope(engine) as session:
        recorded = recorded_fingerprint(session)
    if recorded is None:
        secret = load_or_create_secret(data_dir)
        _record_first(engine, secret_fingerprint(secret))
        with session_scope(engine) as session:
            recorded = recorded_fingerprint(session)
    elif not (data_dir / SECRET_FILE).exists():
        raise SecretError(
            f"this database is already served with a server secret and {data_dir} has none: "
            f"copy {SECRET_FILE} from a host serving it (mode 0600) instead of making a new one"
        )
    secret = load_or_create_secret(data_dir)
    if recorded is None or bytes(recorded) != secret_fingerprint(secret):
        raise WrongSecretError(
            f"{data_dir / SECRET_FILE} is not the server secret this database is served with: "
            f"copy the one of a host serving it"
        )
    return secret


def _record_first(engine: Engine, fingerprint: bytes) -> None:
    """Record ``fingerprint`` unless another process recorded one first (then it wins)."""
    try:
        with session_scope(engine) as session:
            session.add(ServerSecret(id=ROW_ID, fingerprint=fingerprint, recorded_at=utc_now()))
    except IntegrityError:
        return


def record_rotated(session: Session, fingerprint: bytes) -> None:
    """A rotation's new secret wraps the keys from this transaction on (``rotate-key``)."""
    changed = session.execute(
        update(ServerSecret)
        .where(ServerSecret.id == ROW_ID)
        .values(fingerprint=fingerprint, recorded_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount == 0:  # type: ignore[attr-defined]
        session.add(ServerSecret(id=ROW_ID, fingerprint=fingerprint, recorded_at=utc_now()))
