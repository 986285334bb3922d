"""The database engine an administrator's command works on: migrated, and able to open sealed
documents with the server secret of the data folder (see sealing.py). A command never makes a
secret up: on a host without one, those that need it say to copy it (shared_secret.py)."""

from __future__ import annotations

from sqlalchemy import Engine

from spie_server.db import make_engine, upgrade
from spie_server.sealing import Keyring, attach_keyring
from spie_server.server_key import load_secret
from spie_server.settings import Settings


def admin_engine(settings: Settings) -> Engine:
    engine = make_engine(settings.database_url)

    def secret() -> bytes:
        return load_secret(settings.data_dir)

    upgrade(engine, secret)
    attach_keyring(engine, Keyring(secret))
    return engine
