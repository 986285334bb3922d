"""Signing identities in the store: one current per counsellor, old ones kept but disarmed;
and a store made before they existed (revision 0001) gains their table when opened."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import text

from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.domain.people import Person
from spie_desktop.domain.signing_key import SigningKey
from spie_desktop.storage.engine import make_engine
from spie_desktop.storage.schema import SCHEMA_HEAD, alembic_config
from spie_desktop.storage.store import Store


def _counsellor(store: Store) -> Counsellor:
    counsellor = Counsellor(display_name="Nadia B.", field=Field.SOCIAL)
    with store.unit_of_work(counsellor.id) as uow:
        uow.counsellors.add(counsellor)
    return counsellor


def test_a_new_identity_replaces_the_current_one_and_disarms_it(store: Store) -> None:
    nadia = _counsellor(store)
    first = SigningKey(counsellor_id=nadia.id, wrapped_key=b"blob-1", certificate_pem="CERT-1")
    second = SigningKey(counsellor_id=nadia.id, wrapped_key=b"blob-2", certificate_pem="CERT-2")
    with store.unit_of_work(nadia.id) as uow:
        uow.signing_keys.add(first)
        assert uow.signing_keys.current_for(nadia.id) == first
        uow.signing_keys.add(second)
    with store.unit_of_work(nadia.id, read_only=True) as uow:
        current = uow.signing_keys.current_for(nadia.id)
        history = uow.signing_keys.list_for(nadia.id)
        outbox = uow.outbox.count_pending()
    assert current is not None and current.id == second.id
    assert [k.id for k in history] == [first.id, second.id]
    old = history[0]
    assert old.replaced_at is not None and not old.is_current
    assert old.wrapped_key == b""  # it can never sign again...
    assert old.certificate_pem == "CERT-1"  # ...but what it signed stays verifiable
    assert outbox == 1  # the counsellor row only: keys never travel


def test_rewrap_changes_only_the_current_key(store: Store) -> None:
    nadia = _counsellor(store)
    key = SigningKey(counsellor_id=nadia.id, wrapped_key=b"under-old", certificate_pem="C")
    with store.unit_of_work(nadia.id) as uow:
        uow.signing_keys.add(key)
        uow.signing_keys.rewrap(key.id, b"under-new")
    with store.unit_of_work(nadia.id, read_only=True) as uow:
        current = uow.signing_keys.current_for(nadia.id)
        assert uow.signing_keys.current_for(uuid.uuid4()) is None
    assert current is not None and current.wrapped_key == b"under-new"


def test_a_store_at_revision_0001_is_upgraded_when_opened(
    store_path: Path, data_key: bytes
) -> None:
    from alembic import command

    engine = make_engine(store_path, data_key)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001_initial")
        conn.execute(
            text("INSERT INTO meta (key, value) VALUES ('device_id', :v)"),
            {"v": str(uuid.uuid4())},
        )
    old = Store(store_path, engine, data_key)  # as the previous release left it
    assert old.schema_revision == "0001_initial"
    person = Person(first_name="Hélène", last_name="Lefèvre")
    with old.unit_of_work(None) as uow:
        # The row as the 0001 table holds it: today's repository writes later columns too.
        uow.session.execute(
            text(
                "INSERT INTO people (id, version, updated_at, hlc, first_name, last_name,"
                " search_name, commune, phone, email, status, created_at) VALUES (:id, 1,"
                " :now, '', :first, :last, :search, '', '', '', 'new', :now)"
            ),
            {
                "id": str(person.id),
                "now": person.created_at.replace(tzinfo=None).isoformat(sep=" "),
                "first": person.first_name,
                "last": person.last_name,
                "search": "helene lefevre",
            },
        )
        tables = {
            str(row[0]) for row in uow.session.execute(text("SELECT name FROM sqlite_master"))
        }
    assert "signing_keys" not in tables
    old.close()

    upgraded = Store.open(store_path, data_key)
    try:
        assert upgraded.schema_revision == SCHEMA_HEAD  # 0002_signing_keys and later
        nadia = _counsellor(upgraded)
        with upgraded.unit_of_work(None) as uow:
            assert uow.people.get(person.id).last_name == "Lefèvre"
            assert uow.signing_keys.current_for(nadia.id) is None  # made at first signing
            key = SigningKey(counsellor_id=nadia.id, wrapped_key=b"k", certificate_pem="C")
            uow.signing_keys.add(key)
    finally:
        upgraded.close()
