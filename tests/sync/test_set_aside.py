"""One record a desktop cannot store never stops its sync.

The records are written straight into the server's database, bypassing its checks, as a
server without them stored what a fuzzer pushed: an ``audit_events`` record (an entity no
desktop synchronises), a person with only a first name, a person whose ``created_at`` is a
number. A desktop used to fail every sync with ``ValueError`` on the first, and to download
the whole ``people`` entity again at every sync because of the others. Now it stores the
rest, lists the three in its conflict inbox, and the next sync downloads nothing again.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from spie_desktop.services.parked import list_set_aside
from spie_desktop.sync.client import SyncClient
from spie_protocol.messages import PullPage, PullQuery
from spie_server.db import session_scope
from spie_server.models import Follower, Record, Territory
from spie_server.sealing import keys_for
from spie_server.sync.sequence import lock_and_draw
from tests.server.helpers import Admin, hlc
from tests.sync.conftest import Laptop


def _inject(admin: Admin, territory: str, entity: str, fields: dict[str, Any]) -> uuid.UUID:
    """Store a record as a server without schema checks would have (no validation; sealed
    at rest like every document)."""
    record_id = uuid.uuid4()
    with session_scope(admin.engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == territory))
        assert territory_id is not None
        (seq,) = lock_and_draw(session, territory_id, 1)
        session.add(
            Record(
                territory_id=territory_id,
                entity=entity,
                entity_id=record_id,
                version=1,
                doc=keys_for(session, territory_id).seal_doc(entity, record_id, 1, fields),
                deleted=False,
                hlc=hlc("fuzzer"),
                device_id=None,
                seq=seq,
                updated_at=datetime.now(UTC).replace(tzinfo=None),
                # Whose record and which structure wrote it, as push (or migration 0010)
                # sets them: the laptops' structure follows the person.
                person_id=record_id if entity == "people" else None,
                owner_structure="CD Aveyron",
            )
        )
        if entity == "people":
            session.add(
                Follower(territory_id=territory_id, person_id=record_id, structure="CD Aveyron")
            )
    return record_id


def _record_pulls(monkeypatch: pytest.MonkeyPatch) -> list[PullQuery]:
    """The query of every page of changes the desktop asks for."""
    calls: list[PullQuery] = []
    original = SyncClient.changes

    def changes(self: SyncClient, query: PullQuery) -> PullPage:
        calls.append(query)
        return original(self, query)

    monkeypatch.setattr(SyncClient, "changes", changes)
    return calls


def test_records_a_desktop_cannot_store_are_set_aside_and_the_sync_goes_on(
    make_laptop, sync_admin: Admin, sync_territory: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a: Laptop = make_laptop("a")
    for first in ("Lucie", "Yann", "Inès"):
        a.add_person(first, "Martin", commune="Rodez")
    assert a.sync().ok
    bad = {
        _inject(sync_admin, sync_territory, "audit_events", {"action": "viewed"}),
        _inject(sync_admin, sync_territory, "people", {"first_name": "Seule"}),
        _inject(
            sync_admin,
            sync_territory,
            "people",
            {"first_name": "Jo", "last_name": "Doe", "status": "active", "created_at": 12},
        ),
    }

    b: Laptop = make_laptop("b")
    first = b.sync()
    assert first.ok, first.error_en
    names = {p.first_name for p in b.people().list_summaries()}
    assert names >= {"Lucie", "Yann", "Inès"} and "Seule" not in names and "Jo" not in names
    listed = list_set_aside(b.session)
    assert {v.entity_id for v in listed} == bad
    assert {v.entity for v in listed} == {"audit_events", "people"}
    assert all(v.reason_fr for v in listed)
    assert any("mises de côté" in w for w in first.warnings_fr)
    assert not any(w.startswith("Vérification") for w in first.warnings_fr)

    pulls = _record_pulls(monkeypatch)
    second = b.sync()
    assert second.ok, second.error_en
    assert second.pulled == {}
    # Only the incremental pull from the checkpoint: no integrity repair download.
    assert pulls and all(p.exclude_own and p.since > 0 for p in pulls)
    assert not any(w.startswith("Vérification") for w in second.warnings_fr)

    a_report = a.sync()  # the other desktop, which held the good records already, goes on too
    assert a_report.ok, a_report.error_en
    assert {v.entity_id for v in list_set_aside(a.session)} == bad
