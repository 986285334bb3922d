"""Creating people: validation and likely duplicates (same or close name, same birth date)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.duplicates import edit_distance
from spie_desktop.services.people import IdentityChanged, LikelyDuplicates, PeopleService
from spie_desktop.storage.session import Session

BORN = date(1979, 3, 14)


def test_same_name_and_birth_date_is_a_likely_duplicate(session: Session) -> None:
    people = PeopleService(session)
    first = people.create_person("Sylvie", "Martin", BORN, commune="Rodez")
    with pytest.raises(LikelyDuplicates) as found:
        people.create_person("sylvie", "MARTIN", BORN)
    assert [c.id for c in found.value.candidates] == [first.id]
    assert "même date de naissance" in found.value.message_fr
    assert "Martin" not in found.value.message_en  # no personal data in logs


@pytest.mark.parametrize("spelling", ["Lefevre", "Lefebvre", "LEFÈVRE", "Le-Fèvre"])
def test_close_spellings_with_the_same_birth_date_are_caught(
    session: Session, spelling: str
) -> None:
    people = PeopleService(session)
    original = people.create_person("Hélène", "Lefèvre", BORN)
    with pytest.raises(LikelyDuplicates) as found:
        people.create_person("Helene", spelling, BORN)
    assert [c.id for c in found.value.candidates] == [original.id]


def test_namesake_with_another_birth_date_is_not_a_duplicate(session: Session) -> None:
    people = PeopleService(session)
    people.create_person("Hélène", "Lefèvre", BORN)
    people.create_person("Hélène", "Lefebvre", date(1981, 6, 2))
    assert people.find_likely_duplicates("Paul", "Lefèvre", BORN) == []
    assert people.find_likely_duplicates("Marc", "Durand", BORN) == []
    assert len(people.list_summaries()) == 2


def test_same_name_with_unknown_birth_date_is_flagged(session: Session) -> None:
    people = PeopleService(session)
    people.create_person("Kévin", "Pinas", None)
    assert len(people.find_likely_duplicates("Kevin", "Pinas", BORN)) == 1
    assert people.find_likely_duplicates("Kevin", "Pina", BORN) == []


def test_counsellors_may_create_a_namesake_on_purpose(session: Session) -> None:
    people = PeopleService(session)
    people.create_person("Sylvie", "Martin", BORN)
    people.create_person("Sylvie", "Martin", BORN, allow_duplicates=True)
    assert len(people.list_summaries()) == 2


def test_swapped_first_and_last_name_is_caught(session: Session) -> None:
    people = PeopleService(session)
    people.create_person("Moussa", "Diallo", BORN)
    assert len(people.find_likely_duplicates("Diallo", "Moussa", BORN)) == 1


def test_invalid_person_is_refused_and_nothing_is_written(session: Session) -> None:
    people = PeopleService(session)
    with pytest.raises(ValidationError):
        people.create_person("", "Martin", BORN)
    assert people.list_summaries() == []


def test_update_and_consent_are_audited_by_id_only(session: Session) -> None:
    people = PeopleService(session)
    person = people.create_person("Sylvie", "Martin", BORN)
    person.phone = "06 12 34 56 78"
    people.update(person)
    assert people.get(person.id).phone == "06 12 34 56 78"
    people.record_consent(person.id, {ConsentScope.RECORD})
    latest = people.latest_consent(person.id)
    assert latest is not None and latest.scopes == frozenset({ConsentScope.RECORD})
    with session.uow() as uow:
        entries = [(a.action, a.entity, a.entity_id) for a in uow.audit.list()]
    assert (AuditAction.CREATED, "person", person.id) in entries
    assert (AuditAction.CHANGED, "person", person.id) in entries


def test_edit_distance() -> None:
    assert edit_distance("lefevre", "lefebvre") == 1
    assert edit_distance("martin", "martin") == 0
    assert edit_distance("martin", "dupont") == 3  # capped at limit + 1
    assert edit_distance("abc", "abcdef") == 3


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("phone", "06 12", "Numéro de téléphone incomplet ou erroné"),
        ("email", "marie@", "Adresse électronique incomplète"),
    ],
)
def test_creation_refuses_incomplete_contact_details_in_french(
    session: Session, field: str, typed: str, message: str
) -> None:
    people = PeopleService(session)
    with pytest.raises(ValidationError) as caught:
        people.create_person("Marie", "Dupont", BORN, "Rodez", **{field: typed})
    assert caught.value.field == field and caught.value.message_fr.startswith(message)
    assert people.list_summaries() == []


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("0694 12 34 56", "06 94 12 34 56"),  # Guyane
        ("0594 29 12 34", "05 94 29 12 34"),
        ("0692 12 34 56", "06 92 12 34 56"),  # Réunion
        ("0262 21 00 00", "02 62 21 00 00"),
    ],
)
def test_creation_accepts_french_and_overseas_numbers(
    session: Session, phone: str, stored: str
) -> None:
    people = PeopleService(session)
    person = people.create_person(
        "Marie", "Dupont", BORN, "Cayenne", phone, "marie.dupont@example.fr"
    )
    saved = people.get(person.id)
    assert (saved.phone, saved.email) == (stored, "marie.dupont@example.fr")


def _outbox_people(session: Session) -> list[tuple[int | None, dict[str, object]]]:
    with session.uow(read_only=True) as uow:
        return [(e.base_version, e.fields) for e in uow.outbox.pending() if e.entity == "people"]


def test_identity_correction_is_checked_audited_and_journalled(session: Session) -> None:
    people = PeopleService(session)
    person = people.create_person("Marie", "Dupont", BORN, "Rodez", "06 12 34 56 78")
    with pytest.raises(ValidationError) as caught:
        people.update_identity(
            person.id, replace(person.identity, phone="06 12"), version=person.version
        )
    assert caught.value.field == "phone"
    assert people.get(person.id).phone == "06 12 34 56 78"  # nothing written
    before = len(_outbox_people(session))

    corrected = replace(
        person.identity,
        last_name="Dupont-Moreau",
        birth_date=date(1979, 4, 14),
        commune="Millau",
        phone="+33 7 01 02 03 04",
        email="marie.dupont@example.fr",
    )
    saved = people.update_identity(person.id, corrected, version=person.version)

    stored = people.get(person.id)
    assert stored.identity == replace(corrected, phone="07 01 02 03 04")
    assert stored.version == person.version + 1 == saved.version
    journal = _outbox_people(session)[before:]
    assert journal == [
        (
            person.version,
            {
                "last_name": "Dupont-Moreau",
                "birth_date": "1979-04-14",
                "commune": "Millau",
                "phone": "07 01 02 03 04",
                "email": "marie.dupont@example.fr",
                "updated_at": journal[0][1]["updated_at"],
                "updated_by": str(session.counsellor.id),
            },
        )
    ]
    with session.uow() as uow:
        changes = [a for a in uow.audit.list() if a.action is AuditAction.CHANGED]
    assert [(a.entity, a.entity_id, a.actor_id) for a in changes] == [
        ("person", person.id, session.counsellor.id)
    ]

    # the version read is stale now: a second window's correction is refused
    with pytest.raises(IdentityChanged):
        people.update_identity(person.id, corrected, version=person.version)
    # an unchanged identity writes nothing
    people.update_identity(person.id, stored.identity, version=stored.version)
    assert len(_outbox_people(session)) == before + 1


def test_alert_rules_default_then_as_saved_and_unreadable_ones_fall_back(
    session: Session,
) -> None:
    from spie_desktop.domain.alert_rules import AlertRules
    from spie_desktop.services.alert_rules import ALERT_RULES_KEY, current_rules, save_rules

    assert current_rules(session) == AlertRules()
    save_rules(session, AlertRules(no_contact_days=60))
    assert current_rules(session) == AlertRules(no_contact_days=60)
    with session.uow() as uow:
        uow.meta.set(ALERT_RULES_KEY, "{broken")
    assert current_rules(session) == AlertRules()


def test_the_stored_status_is_written_from_the_stage_of_the_path(session: Session) -> None:
    from spie_desktop.domain.events import FollowUpKind
    from spie_desktop.domain.people import PersonStatus
    from spie_desktop.services.people import store_computed_status
    from spie_desktop.services.timeline import TimelineService

    people = PeopleService(session)
    person = people.create_person("Rose", "Lambert", date(1991, 7, 8))
    stale = people.get(person.id)
    stale.status = PersonStatus.DIAGNOSTIC  # as the old code wrote it at an interview's start
    people.update(stale)
    TimelineService(session).add_event(person.id, FollowUpKind.EMPLOYMENT, date(2026, 5, 4))
    today = date(2026, 6, 1)
    with session.uow() as uow:
        found = uow.people.get(person.id)
        assert store_computed_status(uow, found, session.territory.timezone, today)
    assert people.get(person.id).status is PersonStatus.EMPLOYED
    with session.uow() as uow:  # already right: nothing written
        assert not store_computed_status(
            uow, uow.people.get(person.id), session.territory.timezone, today
        )
