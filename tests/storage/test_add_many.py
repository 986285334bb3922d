"""Many records added at once (a list import) are stored, journalled and audited exactly as
the same records added one by one."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from spie_desktop.domain.events import AuditAction, FollowUpEvent, FollowUpKind
from spie_desktop.domain.people import Person
from spie_desktop.storage.store import Store


def _people() -> list[Person]:
    return [
        Person(
            first_name="Léa",
            last_name="Durand",
            birth_date=date(1990, 1, 2),
            phone="06 12 34 56 78",
        ),
        Person(first_name="Tom", last_name="N'Guyen", commune="Rodez"),
    ]


def _same(person: Person) -> dict[str, Any]:
    """What two equal people added at different moments share: all but id and times."""
    return {k: v for k, v in asdict(person).items() if k not in {"id", "updated_at", "created_at"}}


def _comparable(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k not in {"updated_at", "created_at"}}


def test_add_many_stores_and_journals_like_add(store: Store, actor: uuid.UUID) -> None:
    one_by_one, at_once = _people(), _people()
    with store.unit_of_work(actor) as uow:
        for person in one_by_one:
            uow.people.add(person)
        uow.people.add_many(at_once)
    with store.unit_of_work(actor) as uow:
        entries = {e.entity_id: e for e in uow.outbox.pending()}
        for single, many in zip(one_by_one, at_once, strict=True):
            assert _same(uow.people.get(single.id)) == _same(uow.people.get(many.id))
            a, b = entries[single.id], entries[many.id]
            assert (a.entity, a.op, a.version, a.base_version) == (
                b.entity,
                b.op,
                b.version,
                b.base_version,
            )
            assert _comparable(a.fields) == _comparable(b.fields)
            assert b.fields["updated_by"] == str(actor)
        assert len({e.hlc for e in entries.values()}) == 4  # each its own stamp


def test_add_many_of_events_keeps_their_details(store: Store, actor: uuid.UUID) -> None:
    with store.unit_of_work(actor) as uow:
        person = uow.people.add(Person(first_name="Léa", last_name="Durand"))
        event = FollowUpEvent(
            person_id=person.id,
            kind=FollowUpKind.ORIENTATION,
            occurred_at=datetime(2026, 9, 2, 10, tzinfo=UTC),
            details={"oriented_by": "France Travail", "reason": "RSA"},
        )
        uow.events.add_many([event])
        uow.audit.record_many(AuditAction.CREATED, "follow_up_event", [event.id])
    with store.unit_of_work(actor) as uow:
        [stored] = uow.events.list_of_kind(FollowUpKind.ORIENTATION)
        [entry] = [e for e in uow.outbox.pending() if e.entity_id == event.id]
        [audited] = [e for e in uow.audit.list() if e.entity_id == event.id]
    assert stored.details == {"oriented_by": "France Travail", "reason": "RSA"}
    assert stored.occurred_at == event.occurred_at
    assert entry.fields["details"] == stored.details and entry.entity == "follow_up_events"
    assert (audited.action, audited.actor_id, audited.entity) == (
        AuditAction.CREATED,
        actor,
        "follow_up_event",
    )
