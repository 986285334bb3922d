"""The store-size breakdown names the tables a store's bytes are made of, indexes counted
with their table, over a plain copy of the encrypted file."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from bench.store_breakdown import bytes_by_table, largest
from spie_desktop.domain.interview import Interview
from spie_desktop.domain.people import Person
from spie_desktop.storage.keyslots import new_data_key
from spie_desktop.storage.store import PAGE_SIZE, Store


def test_the_answers_and_their_indexes_are_counted_together(tmp_path: Path) -> None:
    key = new_data_key()
    path = tmp_path / "store.db"
    with Store.create(path, key) as store:
        actor = uuid.uuid4()
        with store.unit_of_work(actor) as uow:
            person = uow.people.add(Person(first_name="Ana", last_name="Silva"))
            interview = uow.interviews.add(
                Interview(person_id=person.id, definition_id="banc", definition_version=1)
            )
            for i in range(400):
                uow.answers.upsert(interview.id, f"theme.q{i}", "réponse " * 10, actor)
        store.checkpoint()
        totals = bytes_by_table(path, key)
    if totals is None:
        reason = "this Python's SQLite has no dbstat"
        if os.environ.get("SPIE_REQUIRE_ALL_TESTS") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    # The answers with their two indexes, and the outbox that journals each of them.
    assert set(list(totals)[:2]) == {"answers", "outbox"}
    assert totals["answers"] >= 3 * PAGE_SIZE
    assert "sqlite_autoindex_answers_1" not in totals
    assert sum(totals.values()) <= path.stat().st_size
    assert largest(totals, 1, 2).count(" B") == 2
