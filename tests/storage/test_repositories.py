"""Repositories: domain objects in, the same domain objects out; versions; the outbox."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.events import AuditAction, FollowUpEvent, FollowUpKind
from spie_desktop.domain.interview import Interview, InterviewStatus
from spie_desktop.domain.organisation import Counsellor, Field, Structure, StructureKind
from spie_desktop.domain.people import ConsentRecord, ConsentScope, Person, PersonStatus
from spie_desktop.storage.errors import StaleRecord
from spie_desktop.storage.models import ConsentRow, PersonRow, table_of
from spie_desktop.storage.store import Store


def test_person_roundtrip_keeps_every_field(store: Store, actor: uuid.UUID) -> None:
    guyane = timezone(timedelta(hours=-3))
    person = Person(
        first_name="Hélène",
        last_name="Zébulon-Testname",
        birth_date=date(1979, 2, 28),
        commune="Saint-Laurent-du-Maroni",
        phone="0694 00 00 00",
        email="h.z@example.org",
        status=PersonStatus.DIAGNOSTIC,
        last_contact=date(2026, 11, 2),
        created_at=datetime(2026, 11, 2, 9, 30, tzinfo=guyane),
    )
    with store.unit_of_work(actor) as uow:
        uow.people.add(person)
    with store.unit_of_work(actor) as uow:
        loaded = uow.people.get(person.id)
    assert loaded == person
    assert loaded.created_at.tzinfo is UTC and loaded.created_at.hour == 12  # 9:30 UTC-3
    assert loaded.updated_by == actor and loaded.version == 1


def test_save_bumps_version_and_stamps_actor(store: Store, person: Person) -> None:
    other = uuid.uuid4()
    person.status = PersonStatus.ACCOMPANIED
    with store.unit_of_work(other) as uow:
        uow.people.save(person)
    assert person.version == 2 and person.updated_by == other
    with store.unit_of_work(None) as uow:
        stored = uow.people.get(person.id)
    assert stored.status is PersonStatus.ACCOMPANIED and stored.version == 2
    assert stored.updated_by == other


def test_saving_a_stale_copy_is_refused(store: Store, person: Person) -> None:
    with store.unit_of_work(None) as uow:
        window_a = uow.people.get(person.id)
        window_b = uow.people.get(person.id)
    window_a.phone = "0600000001"
    with store.unit_of_work(None) as uow:
        uow.people.save(window_a)
    window_b.phone = "0600000002"
    with pytest.raises(StaleRecord) as caught, store.unit_of_work(None) as uow:
        uow.people.save(window_b)
    assert caught.value.expected == 1 and caught.value.found == 2
    assert "modifiée entre-temps" in caught.value.message_fr
    with store.unit_of_work(None) as uow:
        assert uow.people.get(person.id).phone == "0600000001"


def test_saving_unchanged_writes_nothing(store: Store, person: Person) -> None:
    with store.unit_of_work(None) as uow:
        before = uow.outbox.count_pending()
        uow.people.save(person)
        assert uow.outbox.count_pending() == before
    assert person.version == 1


def test_get_unknown_raises_not_found(store: Store) -> None:
    with store.unit_of_work(None) as uow:
        with pytest.raises(NotFound):
            uow.people.get(uuid.uuid4())
        assert uow.people.find(uuid.uuid4()) is None


def test_add_journals_all_fields_and_save_only_the_changed_ones(
    store: Store, person: Person, actor: uuid.UUID
) -> None:
    person.commune = "Millau"
    with store.unit_of_work(actor) as uow:
        uow.people.save(person)
    with store.unit_of_work(None) as uow:
        added, saved = uow.outbox.pending()
    assert (added.entity, added.op, added.version, added.base_version) == (
        "people",
        "upsert",
        1,
        None,
    )
    assert added.fields["first_name"] == "Nadia" and added.fields["commune"] == "Rodez"
    assert "search_name" not in added.fields  # derived columns stay local
    assert (saved.entity_id, saved.version, saved.base_version) == (person.id, 2, 1)
    assert set(saved.fields) == {"commune", "updated_at", "updated_by"}
    assert saved.fields["commune"] == "Millau" and saved.fields["updated_by"] == str(actor)
    assert saved.device_seq > added.device_seq and saved.hlc > added.hlc


def test_a_failing_transaction_leaves_neither_change_nor_outbox(
    store: Store, person: Person
) -> None:
    with store.unit_of_work(None) as uow:
        before = uow.outbox.count_pending()
    person.commune = "Espalion"
    with pytest.raises(RuntimeError), store.unit_of_work(None) as uow:
        uow.people.save(person)
        uow.people.add(Person(first_name="Jamais", last_name="Enregistré"))
        raise RuntimeError("power cut")
    with store.unit_of_work(None) as uow:
        assert uow.people.get(person.id).commune == "Rodez"
        assert uow.people.count() == 1
        assert uow.outbox.count_pending() == before


def test_summaries_are_in_register_order_and_searchable(store: Store) -> None:
    names = [("Émile", "Zola"), ("Ana", "Ébrard"), ("Luc", "Dupont"), ("Zoé", "de la Tour")]
    with store.unit_of_work(None) as uow:
        for first, last in names:
            uow.people.add(Person(first_name=first, last_name=last, status=PersonStatus.NEW))
        uow.people.add(Person(first_name="Marc", last_name="Aubrac", status=PersonStatus.CLOSED))
    with store.unit_of_work(None, read_only=True) as uow:
        everyone = uow.people.iter_summaries()
        assert [s.last_name for s in everyone] == [
            "Aubrac",
            "de la Tour",
            "Dupont",
            "Ébrard",
            "Zola",
        ]
        assert [s.last_name for s in uow.people.iter_summaries("EBRA")] == ["Ébrard"]
        assert [s.first_name for s in uow.people.iter_summaries("zoe")] == ["Zoé"]
        assert uow.people.iter_summaries("100%") == []
        closed = uow.people.iter_summaries(status=PersonStatus.CLOSED)
        assert [s.last_name for s in closed] == ["Aubrac"]
        assert closed[0].status is PersonStatus.CLOSED and isinstance(closed[0].id, uuid.UUID)
        assert uow.people.count() == 5


def test_structures_and_counsellors_roundtrip(store: Store) -> None:
    structure = Structure(
        name="CD Aveyron", kind=StructureKind.CONSEIL_DEPARTEMENTAL, territory_code="12"
    )
    counsellor = Counsellor(display_name="Nadia B.", field=Field.SOCIAL, structure_id=structure.id)
    with store.unit_of_work(None) as uow:
        uow.structures.add(structure)
        uow.counsellors.add(counsellor)
    counsellor.active = False
    with store.unit_of_work(None) as uow:
        uow.counsellors.save(counsellor)
    with store.unit_of_work(None) as uow:
        assert uow.structures.list_all() == [structure]
        assert uow.counsellors.get(counsellor.id) == counsellor
        assert uow.counsellors.get(counsellor.id).version == 2


def test_consents_are_append_only_and_latest_wins(store: Store, person: Person) -> None:
    first = ConsentRecord(
        person_id=person.id,
        given_at=datetime(2026, 1, 5, 10, tzinfo=UTC),
        scopes=frozenset({ConsentScope.RECORD, ConsentScope.EVALUATION}),
    )
    second = ConsentRecord(
        person_id=person.id,
        given_at=datetime(2026, 3, 1, 10, tzinfo=UTC),
        scopes=frozenset({ConsentScope.RECORD}),
    )
    with store.unit_of_work(None) as uow:
        assert uow.consents.latest_for(person.id) is None
        uow.consents.add(second)
        uow.consents.add(first)
        with pytest.raises(TypeError):
            uow.consents.save(first)
    with store.unit_of_work(None) as uow:
        assert uow.consents.list_for(person.id) == [first, second]
        latest = uow.consents.latest_for(person.id)
        assert latest == second and not latest.allows(ConsentScope.EVALUATION)


def test_interviews_roundtrip_and_latest_open(store: Store, person: Person) -> None:
    older = Interview(
        person_id=person.id,
        definition_id="spie-diagnostic",
        definition_version=3,
        started_at=datetime(2026, 10, 1, 9, tzinfo=UTC),
        social_counsellor_id=uuid.uuid4(),
        place="Maison France services",
    )
    newer = Interview(
        person_id=person.id,
        definition_id="spie-diagnostic",
        definition_version=3,
        started_at=datetime(2026, 11, 1, 9, tzinfo=UTC),
    )
    with store.unit_of_work(None) as uow:
        uow.interviews.add(older)
        uow.interviews.add(newer)
        assert uow.interviews.latest_open_for_person(person.id) == newer
    newer.status = InterviewStatus.ABANDONED
    newer.current_step = "synthese"
    with store.unit_of_work(None) as uow:
        uow.interviews.save(newer)
    with store.unit_of_work(None) as uow:
        assert uow.interviews.list_for_person(person.id) == [older, newer]
        assert uow.interviews.latest_open_for_person(person.id) == older
        assert uow.interviews.get(newer.id).current_step == "synthese"


def test_follow_up_events_roundtrip(store: Store, person: Person) -> None:
    events = [
        FollowUpEvent(
            person_id=person.id,
            kind=FollowUpKind.CONTACT,
            note="Appel",
            occurred_at=datetime(2026, 11, 3, tzinfo=UTC),
            details={"channel": "phone"},
        ),
        FollowUpEvent(
            person_id=person.id,
            kind=FollowUpKind.STEP_START,
            action_id=uuid.uuid4(),
            occurred_at=datetime(2026, 11, 1, tzinfo=UTC),
        ),
    ]
    with store.unit_of_work(None) as uow:
        for event in events:
            uow.events.add(event)
    with store.unit_of_work(None) as uow:
        assert uow.events.list_for_person(person.id) == [events[1], events[0]]
        pending = uow.outbox.pending()
        assert [e.entity for e in pending][-2:] == ["follow_up_events"] * 2
        assert pending[-2].fields["details"] == {"channel": "phone"}  # it travels


def test_audit_is_recorded_with_the_actor_and_kept_out_of_the_outbox(
    store: Store, person: Person, actor: uuid.UUID
) -> None:
    with store.unit_of_work(actor) as uow:
        before = uow.outbox.count_pending()
        uow.audit.record(AuditAction.OPENED, "people", person.id)
        uow.audit.record(AuditAction.EXPORTED, "people", person.id)
        assert uow.outbox.count_pending() == before
    with store.unit_of_work(None) as uow:
        trail = uow.audit.list()
        assert [(e.action, e.actor_id, e.entity_id) for e in trail] == [
            (AuditAction.OPENED, actor, person.id),
            (AuditAction.EXPORTED, actor, person.id),
        ]
        assert [e.action for e in uow.audit.list(limit=1)] == [AuditAction.EXPORTED]


def test_outbox_pending_and_mark_sent(store: Store) -> None:
    with store.unit_of_work(None) as uow:
        for i in range(5):
            uow.people.add(Person(first_name="P", last_name=f"N{i}"))
    with store.unit_of_work(None) as uow:
        first_two = uow.outbox.pending(limit=2)
        assert [e.fields["last_name"] for e in first_two] == ["N0", "N1"]
        assert uow.outbox.mark_sent([e.op_id for e in first_two]) == 2
        assert uow.outbox.mark_sent([first_two[0].op_id]) == 0  # replay changes nothing
    with store.unit_of_work(None) as uow:
        assert uow.outbox.count_pending() == 3
        assert [e.fields["last_name"] for e in uow.outbox.pending()] == ["N2", "N3", "N4"]


def test_meta_values(store: Store) -> None:
    with store.unit_of_work(None) as uow:
        assert uow.meta.get("territory_code") is None
        uow.meta.set("territory_code", "973")
        uow.meta.set("territory_code", "12")
    with store.unit_of_work(None) as uow:
        assert uow.meta.get("territory_code") == "12"
        assert uow.meta.get("device_id") == str(store.device_id)


def test_deleting_a_person_cascades_to_their_records(store: Store, person: Person) -> None:
    with store.unit_of_work(None) as uow:
        uow.consents.add(
            ConsentRecord(person_id=person.id, scopes=frozenset({ConsentScope.RECORD}))
        )
    with store.unit_of_work(None) as uow:
        uow.session.execute(
            delete(table_of(PersonRow)).where(table_of(PersonRow).c.id == person.id)
        )
        count = uow.session.execute(select(func.count()).select_from(table_of(ConsentRow))).scalar()
    assert count == 0
