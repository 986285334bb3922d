"""What the evaluation tests share: a person whose identity is easy to look for, and the
scan of every column of the evaluations' rows for it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import text

from spie_desktop.domain.people import ConsentScope, Person
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session

BIRTH = date(1987, 4, 23)
COMMUNE = "Villefranche-de-Rouergue"


def identified_person(session: Session, first: str = "Yolande", last: str = "Castanier") -> Person:
    """A person who agreed to keep their file and to be asked how the support went."""
    people = PeopleService(session)
    person = people.create_person(
        first, last, BIRTH, COMMUNE, "0611223344", "y.castanier@example.org"
    )
    people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.EVALUATION})
    return person


def identity_needles(session: Session, person: Person) -> list[str]:
    """Every way the person or the counsellor could be named in a stored or sent value."""
    counsellor = session.counsellor
    return [
        str(person.id),
        person.id.hex,
        person.first_name,
        person.last_name,
        BIRTH.isoformat(),
        f"{BIRTH:%d/%m/%Y}",
        COMMUNE,
        "0611223344",
        "y.castanier@example.org",
        str(counsellor.id),
        counsellor.id.hex,
        counsellor.display_name,
    ]


def evaluation_rows(session: Session) -> list[dict[str, Any]]:
    """Every column of every evaluations row, as stored (raw SQL, no mapping)."""
    with session.uow(read_only=True) as uow:
        result = uow.session.execute(text("SELECT * FROM evaluations"))
        return [dict(row._mapping) for row in result]


def naming(values: list[dict[str, Any]], needles: list[str]) -> list[tuple[str, str]]:
    """(column, needle) for each value holding a needle (case-insensitive); an id stored as
    its 16 bytes is read as its text."""
    found = []
    for row in values:
        for column, value in row.items():
            if isinstance(value, bytes) and len(value) == 16:
                value = uuid.UUID(bytes=value)
            shown = str(value).casefold()
            found.extend((column, n) for n in needles if n.casefold() in shown)
    return found


def person_token(session: Session, person_id: uuid.UUID) -> str | None:
    with session.uow(read_only=True) as uow:
        return uow.people.evaluation_token(person_id)
