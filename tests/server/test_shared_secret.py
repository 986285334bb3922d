"""The server secret is bound to its database: an existing database learns the fingerprint of the
secret its keys are wrapped with, and a rotation cut before its end is finished even on a
server without territories (whose only trace of the new secret is the recorded fingerprint)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command

from spie_server.admin.rotation import finish_interrupted_rotation, rotate_secret
from spie_server.db import alembic_config, make_engine, session_scope, upgrade
from spie_server.sealing import WrongSecretError, secret_fingerprint
from spie_server.server_key import PENDING_FILE, load_or_create_secret
from spie_server.settings import sqlite_url
from spie_server.territory.shared_secret import bound_secret, recorded_fingerprint
from spie_server.territory.territories import add_territory


def test_a_database_from_before_learns_the_secret_its_keys_are_wrapped_with(
    tmp_path: Path,
) -> None:
    first, other = tmp_path / "host-a", tmp_path / "host-b"
    engine = make_engine(sqlite_url(tmp_path))
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0011_sharing_guard")
        secret = load_or_create_secret(first)
        with session_scope(engine) as session:
            add_territory(session, "12", "Aveyron", secret)
        load_or_create_secret(other)  # a second host that made up its own, as it could before
        upgrade(engine)
        with session_scope(engine) as session:
            assert recorded_fingerprint(session) == secret_fingerprint(secret)
        with pytest.raises(WrongSecretError):
            bound_secret(engine, other)
        assert bound_secret(engine, first) == secret
    finally:
        engine.dispose()


def test_a_rotation_cut_after_its_commit_is_finished_without_any_territory(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "host"
    engine = make_engine(sqlite_url(tmp_path))
    try:
        upgrade(engine)
        old = bound_secret(engine, data_dir)  # the first start recorded it
        with session_scope(engine) as session:
            rotate_secret(session, data_dir)  # committed; the process dies before the swap
        pending = (data_dir / PENDING_FILE).read_bytes().strip()
        with session_scope(engine) as session:
            assert finish_interrupted_rotation(session, data_dir)
        assert bound_secret(engine, data_dir) == pending != old
    finally:
        engine.dispose()
