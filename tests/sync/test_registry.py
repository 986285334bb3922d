"""Sync reads every entity's policy from the registry: an entity registered in this test only
— a row class, one spec, its table created as a migration would — is pulled (parked while
its owner is missing), merged with a local edit into a conflict, journalled and formed into a
push batch, counted in the digests and labelled in the inbox, with no other change anywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from spie_desktop.domain.people import Person
from spie_desktop.storage import purge
from spie_desktop.storage.entities import ENTITY_SPECS, EntitySpec, label_fr
from spie_desktop.storage.keyslots import new_data_key
from spie_desktop.storage.models import PersonRow, RecordRow, table_of
from spie_desktop.storage.repositories.sync_inbox import PARENT
from spie_desktop.storage.store import Store
from spie_desktop.sync import pull, push
from spie_desktop.sync.apply import ApplyCounts, Outcome, Remote, apply_remote

NOTES = "notes"  # the test's own entity: no module of the application knows it


class _TestBase(DeclarativeBase):
    metadata = MetaData()


class NoteRow(RecordRow, _TestBase):
    __tablename__ = NOTES
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(table_of(PersonRow).c.id, ondelete="CASCADE")
    )
    text: Mapped[str] = mapped_column(String(200))


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setitem(
        ENTITY_SPECS, NOTES, EntitySpec(NOTES, NoteRow, "Note de test", owner="person_id")
    )
    created = Store.create(tmp_path / "store.db", new_data_key())
    with created.unit_of_work(None) as uow:  # the migration of this entity
        _TestBase.metadata.create_all(uow.session.connection())
    yield created
    created.close()


def _remote(note_id: uuid.UUID, person_id: uuid.UUID, version: int, text: str) -> Remote:
    fields = {
        "person_id": str(person_id),
        "text": text,
        "updated_at": "2026-12-01T10:00:00+00:00",
        "updated_by": None,
    }
    return Remote(NOTES, note_id, version, fields, f"0000001{version}:0000:dev", False, None)


def test_a_registered_entity_is_pulled_merged_and_pushed_with_no_other_change(
    store: Store,
) -> None:
    note_id, person_id = uuid.uuid4(), uuid.uuid4()
    counts = ApplyCounts()

    with store.unit_of_work(None) as uow:  # its owner is not here yet: parked, not lost
        stored = pull.store_page(uow, [_remote(note_id, person_id, 1, "premier")], {}, counts)
        assert stored == {}
        parked = uow.inbox.parked_records()
        assert [(p.entity, p.reason) for p in parked] == [(NOTES, PARENT)]

    with store.unit_of_work(None) as uow:  # the owner arrives: the note is stored after it
        uow.people.add(Person(id=person_id, first_name="Nadia", last_name="Benali"))
        stored = pull.retry_parked(uow, {}, counts)
        assert stored == {NOTES: 1}
        assert uow.documents.local_doc(NOTES, note_id)["text"] == "premier"  # type: ignore[index]
        assert uow.merge_base.base(NOTES, note_id) is not None
        assert NOTES in uow.merge_base.digests()

    with store.unit_of_work(None) as uow:  # a local edit, then the server's newer version
        uow.documents.edit_field(NOTES, note_id, "text", "ici")
        outcome = apply_remote(uow, _remote(note_id, person_id, 2, "là-bas"), counts=counts)
        assert outcome is Outcome.MERGED
        conflicts = uow.inbox.conflicts()
        assert [(c.entity, c.field, c.local_value) for c in conflicts] == [(NOTES, "text", "ici")]
        assert label_fr(conflicts[0].entity) == "Note de test"

    with store.unit_of_work(None) as uow:  # the counsellor takes their value back: pushed
        uow.documents.edit_field(NOTES, note_id, "text", "ici")
        batch = push.form_batch(uow, 100, 1_000_000)
        assert batch is not None
        changes = [c for c in batch.changes if c.entity == NOTES]
        assert len(changes) == 1
        assert changes[0].base_version == 2 and changes[0].fields["text"] == "ici"
        assert batch.blobs == []


def test_a_registered_entity_is_forgotten_with_its_person(store: Store) -> None:
    """Purging a person walks the registry: the test's entity, unknown to the application,
    goes with its owner — its row, its merge base and its outbox entries."""
    note_id, person_id = uuid.uuid4(), uuid.uuid4()
    with store.unit_of_work(None) as uow:
        uow.people.add(Person(id=person_id, first_name="Nadia", last_name="Benali"))
        pull.store_page(uow, [_remote(note_id, person_id, 1, "premier")], {}, ApplyCounts())
        uow.documents.edit_field(NOTES, note_id, "text", "ici")
    with store.unit_of_work(None) as uow:
        records = purge.collect(uow, [person_id])
        assert records.of(NOTES) == {note_id}
        purge.erase(uow, records)
    with store.unit_of_work(None) as uow:
        assert uow.documents.local_doc(NOTES, note_id) is None
        assert uow.merge_base.base(NOTES, note_id) is None
        assert uow.outbox.pending_ids_for(NOTES, note_id) == []
