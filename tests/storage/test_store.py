"""Opening the store: a clear, distinct error for each way it can fail, and no writes then."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from spie_desktop.domain.people import Person
from spie_desktop.storage.engine import make_engine
from spie_desktop.storage.errors import (
    StoreClosed,
    StoreCorrupt,
    StoreExists,
    StoreMissing,
    StoreTooNew,
    WrongStoreKey,
)
from spie_desktop.storage.keyslots import new_data_key
from spie_desktop.storage.models import Base
from spie_desktop.storage.schema import SCHEMA_HEAD, script_head
from spie_desktop.storage.store import Store


def files_digest(path: Path) -> dict[str, str]:
    """Hash of the store file and every side file next to it."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.parent.iterdir())
        if p.name.startswith(path.name)
    }


def add_person(store: Store, last_name: str) -> uuid.UUID:
    with store.unit_of_work(None) as uow:
        return uow.people.add(Person(first_name="Test", last_name=last_name)).id


def test_create_then_open_roundtrip(store_path: Path, data_key: bytes) -> None:
    store = Store.create(store_path, data_key)
    person_id = add_person(store, "Roundtrip")
    device_id = store.device_id
    store.close()
    assert not Path(f"{store_path}-wal").exists()  # the last close checkpointed the WAL
    reopened = Store.open(store_path, data_key)
    try:
        assert reopened.schema_revision == SCHEMA_HEAD
        assert reopened.device_id == device_id
        with reopened.unit_of_work(None) as uow:
            assert uow.people.get(person_id).last_name == "Roundtrip"
    finally:
        reopened.close()


def test_store_file_is_private_to_its_owner(store: Store) -> None:
    if os.name == "posix":
        assert store.path.stat().st_mode & 0o077 == 0


def test_create_refuses_an_existing_file(store: Store, data_key: bytes) -> None:
    before = files_digest(store.path)
    with pytest.raises(StoreExists):
        Store.create(store.path, data_key)
    assert files_digest(store.path) == before


def test_open_missing_file(data_dir: Path, data_key: bytes) -> None:
    with pytest.raises(StoreMissing) as caught:
        Store.open(data_dir / "store.db", data_key)
    assert "introuvable" in caught.value.message_fr
    assert list(data_dir.iterdir()) == []


def test_wrong_key_is_reported_and_nothing_is_written(store: Store, store_path: Path) -> None:
    add_person(store, "Wrongkey")
    store.close()
    before = files_digest(store_path)
    with pytest.raises(WrongStoreKey) as caught:
        Store.open(store_path, new_data_key())
    assert "clé" in caught.value.message_fr
    assert files_digest(store_path) == before


def test_plain_sqlite_cannot_read_the_store(store: Store, store_path: Path) -> None:
    add_person(store, "Plainreader")
    store.close()
    conn = sqlite3.connect(store_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        conn.close()


def _grow(store: Store, n: int = 300) -> None:
    with store.unit_of_work(None) as uow:
        for i in range(n):
            uow.people.add(Person(first_name="Bulk", last_name=f"Person{i:04d}", commune="x" * 200))


@pytest.mark.parametrize(
    "cut",
    [lambda size: size // 2 + 100, lambda size: (size // 2) // 4096 * 4096, lambda size: 100],
    ids=["mid-page", "page-boundary", "header-only"],
)
def test_truncated_file_is_corrupt_not_a_wrong_key(
    store: Store, store_path: Path, data_key: bytes, cut: object
) -> None:
    _grow(store)
    store.close()
    size = store_path.stat().st_size
    assert size >= 8 * 4096
    with store_path.open("r+b") as f:
        f.truncate(cut(size))  # type: ignore[operator]
    before = files_digest(store_path)
    with pytest.raises(StoreCorrupt):
        Store.open(store_path, data_key)
    assert files_digest(store_path) == before


def test_a_flipped_byte_inside_the_file_is_corrupt(
    store: Store, store_path: Path, data_key: bytes
) -> None:
    _grow(store)
    store.close()
    raw = bytearray(store_path.read_bytes())
    raw[-100] ^= 0x40  # a data page: the schema still reads, the page check catches it
    store_path.write_bytes(bytes(raw))
    before = files_digest(store_path)
    with pytest.raises(StoreCorrupt) as caught:
        Store.open(store_path, data_key)
    assert "HMAC" in caught.value.detail
    assert files_digest(store_path) == before


def test_an_unencrypted_database_is_not_taken_for_a_store(data_dir: Path, data_key: bytes) -> None:
    path = data_dir / "store.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreCorrupt, match="unencrypted"):
        Store.open(path, data_key)


def test_a_store_from_a_newer_version_is_refused_and_untouched(
    store: Store, store_path: Path, data_key: bytes
) -> None:
    with store.unit_of_work(None) as uow:
        uow.session.execute(text("UPDATE alembic_version SET version_num = '0099_from_future'"))
    store.close()
    before = files_digest(store_path)
    with pytest.raises(StoreTooNew) as caught:
        Store.open(store_path, data_key)
    assert caught.value.revision == "0099_from_future"
    assert "version plus récente" in caught.value.message_fr
    assert files_digest(store_path) == before


def test_migrations_from_an_empty_store_reach_head(store_path: Path, data_key: bytes) -> None:
    engine = make_engine(store_path, data_key)  # an empty, keyed file: no tables at all
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar() == 0
    engine.dispose()
    store = Store.open(store_path, data_key)
    try:
        assert store.schema_revision == SCHEMA_HEAD == script_head()
        with store.unit_of_work(None, read_only=True) as uow:
            tables = set(
                uow.session.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'table'")
                ).scalars()
            )
        assert set(Base.metadata.tables) <= tables
    finally:
        store.close()


def test_migrated_schema_matches_the_models(store: Store) -> None:
    """The hand-frozen migration and the ORM models describe the same tables and columns."""
    with store.unit_of_work(None, read_only=True) as uow:
        for name, table in Base.metadata.tables.items():
            rows = uow.session.execute(text(f"PRAGMA table_info('{name}')")).all()
            assert {r[1] for r in rows} == set(table.columns.keys()), name


def test_pragmas_are_applied_on_every_connection(store: Store) -> None:
    with store.unit_of_work(None, read_only=True) as uow:
        get = lambda p: uow.session.execute(text(f"PRAGMA {p}")).scalar()  # noqa: E731
        assert get("journal_mode") == "wal"
        assert get("foreign_keys") == 1
        assert get("synchronous") == 2  # FULL
        assert get("temp_store") == 2  # MEMORY
        assert get("secure_delete") == 1
        assert get("cipher_version").startswith("4.")


def test_a_closed_store_refuses_work(store: Store) -> None:
    store.close()
    assert not store.is_open
    with pytest.raises(StoreClosed), store.unit_of_work(None):
        pass


def test_rekey_changes_the_key_and_keeps_the_data(store: Store, data_key: bytes) -> None:
    person_id = add_person(store, "Rekeyed")
    new_key = new_data_key()
    store.rekey(new_key)
    with store.unit_of_work(None) as uow:
        assert uow.people.get(person_id).last_name == "Rekeyed"
    store.close()
    with pytest.raises(WrongStoreKey):
        Store.open(store.path, data_key)
    reopened = Store.open(store.path, new_key)
    with reopened.unit_of_work(None) as uow:
        assert uow.people.get(person_id).last_name == "Rekeyed"
    reopened.close()


def test_integrity_errors_is_empty_for_a_sound_store(store: Store) -> None:
    _grow(store, 20)
    assert store.integrity_errors() == []


def test_the_clock_resumes_after_reopening(store: Store, data_key: bytes) -> None:
    add_person(store, "Clock")
    with store.unit_of_work(None, read_only=True) as uow:
        last = uow.outbox.pending()[-1].hlc
    store.close()
    reopened = Store.open(store.path, data_key)
    try:
        assert reopened.clock.now() > last
    finally:
        reopened.close()
