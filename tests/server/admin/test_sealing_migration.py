"""Migration 0005 seals the documents and chunks a server stored before sealing existed."""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from spie_server.db import alembic_config, make_engine, upgrade
from spie_server.models import BlobChunk, Record, RecordVersion, Territory, utc_now
from spie_server.sealing import territory_key
from spie_server.territory.ca import create_ca
from tests.server.dump import database_dump, readable_in

SECRET = secrets.token_hex(32).encode("ascii")
DOC = {"first_name": "Zorglubine", "last_name": "Quillebeufaz"}
PDF = b"%PDF-1.7\n% plan de Tartempionne\n" + b"x" * 300
PERSON = uuid.uuid4()


@pytest.fixture
def old_database(backend: str, database_url_factory: Callable[[str], str]) -> Iterator[str]:
    """A database at revision 0001 holding a territory, a person, its version and a chunk."""
    url = database_url_factory(backend)
    engine = make_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    _fill_as_before_sealing(engine)
    engine.dispose()
    yield url


def _fill_as_before_sealing(engine: Engine) -> None:
    ca = create_ca("OLD", "Ancien", SECRET)
    now = utc_now()
    common = {"territory_id": 1, "entity": "people", "entity_id": PERSON, "version": 1}
    row = {**common, "doc": DOC, "deleted": False, "hlc": "1-0-a", "device_id": None, "seq": 1}
    with engine.begin() as connection:
        connection.execute(
            _old("territories", "id", "code", "name", "created_at", "ca_cert_pem", "ca_key_pem"),
            [
                {
                    "id": 1,
                    "code": "OLD",
                    "name": "Ancien",
                    "created_at": now,
                    "ca_cert_pem": ca.cert_pem,
                    "ca_key_pem": ca.encrypted_key_pem,
                }
            ],
        )
        connection.execute(_old("records", *row, "updated_at"), [{**row, "updated_at": now}])
        connection.execute(_old("record_versions", *row, "stored_at"), [{**row, "stored_at": now}])
        chunk = {"territory_id": 1, "sha256": "ab" * 32, "offset": 0, "data": PDF}
        connection.execute(_old("blob_chunks", *chunk), [chunk])


def _old(name: str, *columns: str) -> sa.Insert:
    types: dict[str, sa.types.TypeEngine[object]] = {
        "doc": sa.JSON(),
        "entity_id": sa.Uuid(),
        "device_id": sa.Uuid(),
        "data": sa.LargeBinary(),
        "ca_key_pem": sa.LargeBinary(),
        "created_at": sa.DateTime(),
        "updated_at": sa.DateTime(),
        "stored_at": sa.DateTime(),
    }
    return sa.table(name, *(sa.column(c, types.get(c)) for c in columns)).insert()


def test_the_upgrade_seals_existing_rows_and_the_downgrade_opens_them(old_database: str) -> None:
    engine = make_engine(old_database)
    try:
        upgrade(engine, lambda: SECRET)
        dump = database_dump(old_database)
        assert not readable_in(dump, b"Zorglubine")
        assert not readable_in(dump, b"Tartempionne")
        with engine.connect() as connection:
            territory = connection.execute(
                sa.select(Territory.data_key_id, Territory.data_key)
            ).one()
            key = territory_key(SECRET, 1, territory.data_key_id, territory.data_key)
            for model in (Record, RecordVersion):
                sealed = connection.execute(sa.select(model.doc)).scalar_one()
                assert key.open_doc("people", PERSON, 1, sealed) == DOC
            chunk = connection.execute(sa.select(BlobChunk.data)).scalar_one()
            assert key.open_chunk("ab" * 32, 0, chunk) == PDF

        with engine.begin() as connection:
            command.downgrade(alembic_config(connection, lambda: SECRET), "0001")
        with engine.connect() as connection:
            docs = connection.execute(sa.text("SELECT doc FROM records")).scalar_one()
            assert (docs if isinstance(docs, dict) else json.loads(docs)) == DOC
            data = connection.execute(sa.text("SELECT data FROM blob_chunks")).scalar_one()
            assert bytes(data) == PDF
    finally:
        engine.dispose()


def test_an_upgrade_without_the_secret_stops_before_changing_anything(old_database: str) -> None:
    engine = make_engine(old_database)
    try:
        with pytest.raises(RuntimeError, match="server secret"):
            upgrade(engine)
        assert readable_in(database_dump(old_database), b"Zorglubine")
    finally:
        engine.dispose()
