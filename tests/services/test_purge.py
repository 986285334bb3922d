"""Erasing a person's file (RGPD art. 17) forgets everything of them on this device: after it,
neither the store's dump, nor any decrypted page of its file (free pages included), nor any
other file of the data directory holds their name, birth date, answers or ids. Someone else's
file is untouched, and one tombstone holding the person's id only waits to be pushed."""

from __future__ import annotations

import logging
import uuid
from datetime import date

import pytest

from spie_desktop.config import store_path
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.logging_setup import setup_logging
from spie_desktop.services.people import PeopleService, PersonNotFound
from spie_desktop.services.purge import erase_person
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.entities import PURGES
from spie_desktop.storage.session import Session

from .forgetting import names, sql_dump, traces
from .plan_fixtures import make_room

ANSWER = "Quetzalcoatl garde ses trois chèvres à Bozouls"
NOTE = "Rendez-vous Zéphyrine au guichet"


def _full_file(session: Session) -> tuple[uuid.UUID, list[str]]:
    """Mme Lefèvre with everything a file can hold: consent, interview and answers, a signed
    plan and its PDF, events, a conflict, a record set aside, merge bases and audit lines."""
    room = make_room(session)
    room.sign(room.ready_draft())
    person_id = room.person_id
    TimelineService(session).add_event(person_id, FollowUpKind.CONTACT, date.today(), note=NOTE)
    with session.uow() as uow:
        uow.answers.upsert(room.interview_id, "theme.libre", ANSWER, session.counsellor.id)
        uow.merge_base.set_base("people", person_id, 1, {"first_name": "Hélène"}, False)
        uow.inbox.add_conflict("people", person_id, "phone", "0611223344", "0699887766", 2)
        parked_id = uuid.uuid4()
        uow.inbox.park(
            "answers",
            parked_id,
            {
                "entity": "answers",
                "entity_id": str(parked_id),
                "version": 1,
                "fields": {"interview_id": str(room.interview_id), "value": "Garabandal"},
                "hlc": "x",
                "deleted": False,
            },
            "parent",
        )
    return person_id, [
        str(person_id),
        str(room.interview_id),
        "Hélène",
        "Lefèvre",
        "lefevre",
        "1979-04-12",
        ANSWER,
        NOTE,
        "0611223344",
        "Garabandal",
    ]


def test_erasing_a_file_leaves_nothing_of_the_person_anywhere(session: Session) -> None:
    setup_logging(session.data_dir)
    logging.getLogger("spie_desktop.test").info("opened person %s", "marker")
    person_id, needles = _full_file(session)
    logging.getLogger("spie_desktop.services").info("file of person %s opened", person_id)
    other = PeopleService(session).create_person("Bérénice", "Durandal", date(1988, 1, 2))
    assert set(traces(session.data_dir, session.data_key, needles)) == set(needles)

    erased = erase_person(session, person_id, "demande écrite reçue le 3 décembre")

    assert erased.records > 10
    # The tombstone names the person's id (a random UUID, no identity): nothing else does.
    assert traces(session.data_dir, session.data_key, needles[1:]) == {}
    holding = [line for line in dump_lines(session) if names(line, person_id)]
    assert len(holding) == 2 and all(PURGES in line for line in holding)
    still = traces(session.data_dir, session.data_key, [str(person_id)])[str(person_id)]
    assert sorted(still) == ["dump", "pages"]  # not in the logs, nor in the WAL
    assert "Durandal" in traces(session.data_dir, session.data_key, ["Durandal"])
    with session.uow(read_only=True) as uow:
        assert uow.people.find(other.id) is not None
        assert uow.people.find(person_id) is None
        pending = uow.outbox.pending()
        purged = [e for e in uow.audit.list() if e.action is AuditAction.FILE_PURGED]
    tombstones = [e for e in pending if e.entity == PURGES]
    assert len(tombstones) == 1
    fields = tombstones[0].fields
    assert fields["person_id"] == str(person_id) and fields["reason"] == "erasure"
    assert set(fields) == {"person_id", "reason", "purged_on", "updated_at", "updated_by"}
    assert [(e.entity, e.entity_id) for e in purged] == [("", None)]


def test_every_connection_overwrites_what_it_deletes(session: Session) -> None:
    engine = session.store._engine
    assert engine is not None
    held = [engine.raw_connection() for _ in range(4)]  # the pool's and its overflow's
    try:
        for conn in held:
            assert conn.driver_connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        for conn in held:
            conn.close()


def test_an_erasure_needs_a_reason_and_a_person(session: Session) -> None:
    person = PeopleService(session).create_person("Ana", "Silva", date(1990, 5, 6))
    with pytest.raises(ValidationError):
        erase_person(session, person.id, "   ")
    with pytest.raises(PersonNotFound):
        erase_person(session, uuid.uuid4(), "demande")
    with session.uow(read_only=True) as uow:
        assert uow.people.find(person.id) is not None


def dump_lines(session: Session) -> list[str]:
    return sql_dump(store_path(session.data_dir), session.data_key).splitlines()
