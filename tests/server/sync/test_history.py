"""Nothing a device pushes is irreversible: every version kept, deletions by owners only,
mass deletions held for an administrator, restore and device undo."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy import Connection, select

from spie_server.admin.undo import undo_device
from spie_server.db import alembic_config, make_engine, session_scope
from spie_server.models import Base, Record, RecordVersion, utc_now
from spie_server.sealing import keys_for
from spie_server.settings import DEFAULT_DELETIONS_PER_HOUR
from spie_server.sync.held_deletions import decide_held, list_held
from spie_server.sync.history import restore_record, versions_of
from tests.server.helpers import MINIMAL_FIELDS, Admin, DeviceClient, change

Enrol = Callable[..., AbstractContextManager[DeviceClient]]


def person(index: int = 0) -> dict[str, Any]:
    """A whole person document, as the server stores it after a creation."""
    return {
        **MINIMAL_FIELDS["people"],
        "first_name": f"Ana{index}",
        "last_name": "Silva",
        "birth_date": "1994-03-02",
    }


@dataclass(frozen=True)
class Stored:
    deleted: bool
    doc: dict[str, Any]
    owner_structure: str | None
    device_id: uuid.UUID | None
    seq: int


def record(admin: Admin, territory: str, entity: str, entity_id: uuid.UUID) -> Stored:
    """The server's current record, its document opened as the server opens it."""
    with session_scope(admin.engine) as session:
        found = session.scalars(
            select(Record).where(Record.entity == entity, Record.entity_id == entity_id)
        ).one()
        doc = keys_for(session, found.territory_id).open_doc(
            entity, entity_id, found.version, found.doc
        )
        return Stored(found.deleted, doc, found.owner_structure, found.device_id, found.seq)


def versions(admin: Admin, entity_id: uuid.UUID) -> list[tuple[int, bool, dict[str, Any]]]:
    """Every kept version of a person, documents opened as the server opens them."""
    with session_scope(admin.engine) as session:
        territory = session.scalar(
            select(RecordVersion.territory_id).where(RecordVersion.entity_id == entity_id)
        )
        assert territory is not None
        history = versions_of(session, territory, "people", entity_id)
    return [(v.version, v.deleted, v.doc) for v in history]


def test_every_version_of_every_record_is_kept(device: DeviceClient, admin: Admin) -> None:
    pid = uuid.uuid4()
    device.push_ok([change("people", pid, fields=person())])
    device.push_ok([change("people", pid, base=1, fields={"commune": "Rodez"})])
    device.push_ok([change("people", pid, base=2, deleted=True)])
    kept = versions(admin, pid)
    assert [(v, d) for v, d, _ in kept] == [(1, False), (2, False), (3, True)]
    assert kept[1][2] == {**person(), "commune": "Rodez"}  # the deleted document is in history


def test_a_device_of_another_structure_cannot_delete_a_record(
    device: DeviceClient, enrol: Enrol, territory: str, admin: Admin
) -> None:
    pid = uuid.uuid4()
    # The person agreed to share with the territory: the other structure follows them.
    shared = {"person_id": str(pid), "scopes": ["record", "share_consortium"]}
    device.push_ok([change("people", pid, fields=person()), change("consents", fields=shared)])
    with enrol(territory, "Mission locale") as outsider:
        refused = outsider.push_ok([change("people", pid, base=1, deleted=True)])[0]
        assert refused["status"] == "rejected"
        assert refused["reason"]["code"] == "not_owner"
        # The refusal carries the server's record, so the device can put its copy back.
        assert refused["current"]["fields"] == person()
        assert refused["current"]["deleted"] is False
        # It may still edit it: only deletion is reserved to the owner.
        edited = outsider.push_ok([change("people", pid, base=1, fields={"commune": "Albi"})])
        assert edited[0]["status"] == "applied"
    stored = record(admin, territory, "people", pid)
    assert not stored.deleted and stored.doc["first_name"] == "Ana0"
    assert stored.owner_structure == "CD Test"
    with enrol(territory, "CD Test") as colleague:
        done = colleague.push_ok([change("people", pid, base=2, deleted=True)])[0]
    assert done["status"] == "applied"


def test_mass_deletion_beyond_the_hourly_threshold_is_held(
    device: DeviceClient, admin: Admin, territory: str
) -> None:
    limit = DEFAULT_DELETIONS_PER_HOUR
    ids = [uuid.uuid4() for _ in range(limit + 5)]
    device.push_ok([change("people", i, fields=person(n)) for n, i in enumerate(ids)])
    results = device.push_ok([change("people", i, base=1, deleted=True) for i in ids])
    assert [r["status"] for r in results] == ["applied"] * limit + ["rejected"] * 5
    assert {r["reason"]["code"] for r in results[limit:]} == {"deletion_held"}
    assert all(r["current"]["deleted"] is False for r in results[limit:])
    held_ids = ids[limit:]
    assert all(not record(admin, territory, "people", i).deleted for i in held_ids)
    # A later deletion in the same hour is held too.
    with session_scope(admin.engine) as session:
        held = list_held(session, territory)
    assert [h.entity_id for h in held] == held_ids
    assert {str(h.device_id) for h in held} == {device.device_id}

    with session_scope(admin.engine) as session:
        assert decide_held(session, [held[0].id], None, approve=False) == (1, 0)
        assert decide_held(session, [], device.device_id, approve=True) == (4, 4)
    assert not record(admin, territory, "people", held_ids[0]).deleted
    after = [record(admin, territory, "people", i) for i in held_ids[1:]]
    assert all(r.deleted and r.device_id is None for r in after)
    # Approved deletions come to every device, the asking one included.
    pulled = {c["entity_id"]: c for c in device.pull_all()}
    assert all(pulled[str(i)]["deleted"] for i in held_ids[1:])


def test_an_administrator_restores_a_deleted_record(
    device: DeviceClient, admin: Admin, territory: str
) -> None:
    pid = uuid.uuid4()
    device.push_ok([change("people", pid, fields=person())])
    device.push_ok([change("people", pid, base=1, fields={"commune": "Rodez"})])
    deleted = device.push_ok([change("people", pid, base=2, deleted=True)])[0]
    with session_scope(admin.engine) as session:
        done = restore_record(session, territory, "people", str(pid))
    assert (done.from_version, done.version) == (2, 4)
    stored = record(admin, territory, "people", pid)
    assert not stored.deleted and stored.doc == {**person(), "commune": "Rodez"}
    assert stored.seq > deleted["seq"]
    pulled = device.pull(since=deleted["seq"])["changes"]
    assert [(c["entity_id"], c["version"], c["deleted"]) for c in pulled] == [(str(pid), 4, False)]
    with session_scope(admin.engine) as session:  # an earlier version on request
        again = restore_record(session, territory, "people", str(pid), version=1)
    assert again.version == 5
    assert record(admin, territory, "people", pid).doc == person()


def test_undo_reverts_every_change_of_a_device(
    device: DeviceClient, enrol: Enrol, territory: str, admin: Admin
) -> None:
    kept, edited, later = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    device.push_ok([change("people", i, fields=person(n)) for n, i in enumerate((kept, edited))])
    device.push_ok([change("people", later, fields=person(9))])
    with enrol(territory) as thief:
        made, consent = uuid.uuid4(), uuid.uuid4()
        thief.push_ok(
            [
                change("people", kept, base=1, deleted=True),
                change("people", edited, base=1, fields={"last_name": "Volé"}),
                change("people", later, base=1, fields={"commune": "Albi"}),
                change("people", made, fields=person(5)),
                change("consents", consent, fields={"person_id": str(made)}),
            ]
        )
        last_seq = thief.pull_all()[-1]["seq"]
        # Someone builds on one of the thief's changes: that record is left as it is.
        device.push_ok([change("people", later, base=2, fields={"commune": "Millau"})])
        with session_scope(admin.engine) as session:
            report = undo_device(session, thief.device_id)
        assert (report.restored, report.deleted, report.kept_append_only) == (2, 1, 1)
        assert report.changed_since == 1 and not report.revoked
        restored = {c["entity_id"]: c for c in device.pull(since=last_seq)["changes"]}
    assert record(admin, territory, "people", kept).doc == person(0)
    assert record(admin, territory, "people", edited).doc == person(1)
    assert record(admin, territory, "people", made).deleted
    assert record(admin, territory, "people", later).doc["commune"] == "Millau"
    assert not record(admin, territory, "consents", consent).deleted
    assert set(restored) >= {str(kept), str(edited), str(made)}
    assert restored[str(kept)]["deleted"] is False and restored[str(kept)]["version"] == 3
    assert restored[str(kept)]["origin_device"] is None


def test_the_migration_gives_existing_records_an_owner_and_a_history(
    backend: str, database_url_factory: Callable[[str], str]
) -> None:
    engine = make_engine(database_url_factory(backend))
    creator, writer = uuid.uuid4(), uuid.uuid4()
    plan, pid = uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 12, 1, 12, 0)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            _insert(
                connection,
                "territories",
                id=1,
                code="T1",
                name="T",
                created_at=now,
                ca_cert_pem="-",
                ca_key_pem=b"-",
            )
            for device_id, structure in ((creator, "CD Sud"), (writer, "CD Nord")):
                _insert(
                    connection,
                    "devices",
                    id=device_id,
                    territory_id=1,
                    structure=structure,
                    token_hash=device_id.hex,
                    enrolled_at=now,
                )
            common = {"territory_id": 1, "deleted": False, "hlc": "h", "device_id": writer}
            _insert(
                connection,
                "records",
                entity="plans",
                entity_id=plan,
                version=2,
                doc={},
                seq=2,
                updated_at=now,
                **common,
            )
            _insert(
                connection,
                "records",
                entity="people",
                entity_id=pid,
                version=3,
                doc={"first_name": "Ana"},
                seq=3,
                updated_at=now,
                **common,
            )
            _insert(
                connection,
                "record_versions",
                entity="plans",
                entity_id=plan,
                version=1,
                doc={},
                seq=1,
                stored_at=now,
                **{**common, "device_id": creator},
            )
            _insert(
                connection,
                "record_versions",
                entity="plans",
                entity_id=plan,
                version=2,
                doc={},
                seq=2,
                stored_at=now,
                **common,
            )
        with engine.begin() as connection:  # this migration alone: the next ones seal documents
            command.upgrade(alembic_config(connection), "0002")
        with session_scope(engine) as session:
            owners = dict(session.execute(select(Record.entity, Record.owner_structure)).all())
            # Documents are still JSON at 0002 (migration 0005 seals them).
            versions = sa.table(
                "record_versions",
                sa.column("entity", sa.String()),
                sa.column("version", sa.Integer()),
                sa.column("doc", sa.JSON()),
            )
            history = session.execute(
                select(versions.c.entity, versions.c.version, versions.c.doc).order_by(
                    versions.c.entity, versions.c.version
                )
            ).all()
        assert owners == {"plans": "CD Sud", "people": "CD Nord"}
        assert [tuple(r) for r in history] == [
            ("people", 3, {"first_name": "Ana"}),
            ("plans", 1, {}),
            ("plans", 2, {}),
        ]
    finally:
        engine.dispose()


def _insert(connection: Connection, table_name: str, **values: Any) -> None:
    """A row as the schema of migration 0001 held it (documents were JSON then)."""
    table = Base.metadata.tables[table_name]
    columns = [
        sa.column(c.name, sa.JSON() if c.name == "doc" else c.type)
        for c in table.columns
        if c.name in values
    ]
    connection.execute(sa.table(table_name, *columns).insert().values(**values))


def test_undo_since_a_time_leaves_earlier_changes(
    device: DeviceClient, enrol: Enrol, territory: str, admin: Admin
) -> None:
    early, late = uuid.uuid4(), uuid.uuid4()
    device.push_ok([change("people", i, fields=person(n)) for n, i in enumerate((early, late))])
    with enrol(territory) as thief:
        thief.push_ok([change("people", early, base=1, deleted=True)])
        mark = utc_now()
        thief.push_ok([change("people", late, base=1, deleted=True)])
        with session_scope(admin.engine) as session:
            report = undo_device(session, thief.device_id, since=mark)
    assert (report.restored, report.deleted) == (1, 0)
    assert record(admin, territory, "people", early).deleted
    assert record(admin, territory, "people", late).doc == person(1)
