"""Creating people: validation and likely duplicates (same or close name, same birth date)."""

from __future__ import annotations

from datetime import date

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.duplicates import edit_distance
from spie_desktop.services.people import LikelyDuplicates, PeopleService
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
