"""Fixtures for storage tests: real SQLCipher files in each test's own data dir."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from spie_desktop.domain.people import Person
from spie_desktop.storage.keyslots import new_data_key
from spie_desktop.storage.store import Store


class FakeClock:
    """Seconds since the epoch, moved by hand."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_key() -> bytes:
    return new_data_key()


@pytest.fixture
def store_path(data_dir: Path) -> Path:
    return data_dir / "store.db"


@pytest.fixture
def store(store_path: Path, data_key: bytes) -> Iterator[Store]:
    created = Store.create(store_path, data_key)
    yield created
    created.close()


@pytest.fixture
def actor() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def person(store: Store, actor: uuid.UUID) -> Person:
    with store.unit_of_work(actor) as uow:
        return uow.people.add(Person(first_name="Nadia", last_name="Benali", commune="Rodez"))
