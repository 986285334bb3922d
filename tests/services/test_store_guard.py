"""A store file deleted under an open session is reported, never written into silently."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spie_desktop.config import store_path
from spie_desktop.domain.errors import ValidationError
from spie_desktop.services.people import PeopleService
from spie_desktop.services.status import LAST_SYNC_KEY, parse_moment, read_status
from spie_desktop.storage.session import Session
from spie_desktop.storage.store_guard import (
    STORE_LOST_FR,
    StoreFileGuard,
    StoreLost,
    is_store_problem,
)


def delete_store(data_dir: Path) -> None:
    store = store_path(data_dir)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{store}{suffix}").exists():
            os.unlink(f"{store}{suffix}")


def test_reads_and_writes_after_the_file_vanished_raise_store_lost(session: Session) -> None:
    people = PeopleService(session)
    people.create_person("Paul", "Martin", None)
    delete_store(session.data_dir)
    with pytest.raises(StoreLost) as caught:
        people.list_summaries()
    assert caught.value.message_fr == STORE_LOST_FR
    with pytest.raises(StoreLost):
        people.create_person("Léa", "Durand", None)
    session.close()  # still closes (the lock audit cannot be written)
    assert not session.is_open


def test_a_replaced_file_is_noticed_too(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"x")
    guard = StoreFileGuard(path)
    guard.check()
    path.rename(tmp_path / "moved.db")
    path.write_bytes(b"x")  # same name, another file
    with pytest.raises(StoreLost):
        guard.check()


def test_store_problems_are_told_apart_from_refusals() -> None:
    import sqlalchemy.exc

    assert is_store_problem(StoreLost())
    assert is_store_problem(sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("disk I/O")))
    assert is_store_problem(FileNotFoundError())
    assert not is_store_problem(ValidationError("Nom requis.", "name required"))


def test_status_counts_pending_changes_and_reads_the_last_sync(session: Session) -> None:
    before = read_status(session)
    assert before.last_sync_at is None
    PeopleService(session).create_person("Paul", "Martin", None)
    assert read_status(session).pending_changes > before.pending_changes
    with session.uow() as uow:
        uow.meta.set(LAST_SYNC_KEY, "2026-11-27T10:00:00")
    assert read_status(session).last_sync_at == datetime(2026, 11, 27, 10, tzinfo=UTC)
    assert parse_moment("pas une date") is None and parse_moment("") is None
