"""A person with a plan action « Réalisation d'une PMSMP » and immersions to fill in."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from spie_desktop.domain.immersion import (
    HostCompany,
    Immersion,
    ImmersionObjective,
    Period,
    Tutor,
)
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session

SIRET = "73282932000074"
OTHER_SIRET = "35600000049837"
#: « Today » in these tests: the immersion of March 2027 is still to come.
BEFORE = datetime(2027, 2, 10, 15, 0, tzinfo=UTC)
AFTER = datetime(2027, 3, 20, 15, 0, tzinfo=UTC)
WEEK = Period(date(2027, 3, 1), date(2027, 3, 5))


def add_person(session: Session, first: str = "Hélène", last: str = "Lefèvre") -> uuid.UUID:
    people = PeopleService(session)
    person = people.create_person(first, last, date(1979, 4, 12), "Saint-Laurent-du-Maroni")
    people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    return person.id


def immersion(
    person_id: uuid.UUID,
    *periods: Period,
    siret: str = SIRET,
    company: str = "Boulangerie du Maroni",
    **extra: object,
) -> Immersion:
    values: dict[str, object] = {
        "weekly_hours": 30.0,
        "objective": ImmersionObjective.DISCOVER,
        "trade_code": "D1102",
        "trade_label": "Boulangerie - viennoiserie",
        "activities": "Pétrissage, façonnage, cuisson",
        "skills": "Ponctualité, hygiène",
        **extra,
    }
    return Immersion(
        action_id=uuid.uuid4(),
        person_id=person_id,
        company=HostCompany(
            company, siret, "12 rue Victor-Hugo", "Saint-Laurent-du-Maroni", "10.71C Boulangerie"
        ),
        tutor=Tutor("Marc Dupuis", "Chef boulanger", "0594 00 00 00", "marc@example.org"),
        periods=periods or (WEEK,),
        **values,  # type: ignore[arg-type]
    )
