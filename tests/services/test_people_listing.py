"""The people list read in bulk says, for every person, exactly what the one-person read
says: the same stage and last contact (the point de situation's rules), the same names,
birth date and commune, in register order. Checked on the demo builder's varied people
(interviews, plans, events, ends of support, reopenings), plus people with no path at all,
with or without a contact typed on their file."""

from __future__ import annotations

from datetime import UTC, date, datetime

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.situation import Stage
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.demo_stories import populate_demo_stories
from spie_desktop.services.people import PeopleService, PersonListing, path_standing
from spie_desktop.storage.session import Session

NOW = datetime(2026, 11, 27, 15, tzinfo=UTC)
TODAY = date(2026, 11, 27)


def one_by_one(session: Session) -> list[PersonListing]:
    """The plain way: each person read whole, their path read and scanned on its own."""
    timezone = session.territory.timezone
    today = local_day(NOW, timezone)
    listing = []
    with session.uow(read_only=True) as uow:
        for summary in uow.people.iter_summaries():
            person = uow.people.get(summary.id)
            stage, last_contact = path_standing(uow, person, timezone, today)
            listing.append(
                PersonListing(
                    person.id,
                    person.first_name,
                    person.last_name,
                    person.birth_date,
                    stage,
                    last_contact,
                    person.commune,
                )
            )
    return listing


def test_the_bulk_listing_matches_the_one_person_reads_on_demo_people(session: Session) -> None:
    populate_demo(session, people=120, seed=19, today=TODAY)
    populate_demo_stories(session, seed=19)
    people = PeopleService(session)
    bare = [
        people.create_person("Zoé", "Sans-Parcours", date(1991, 5, 6)),
        people.create_person("Yanis", "Sans-Parcours", None),
    ]
    bare[0].last_contact = date(2026, 10, 2)  # typed on the file, no timeline
    people.update(bare[0])
    in_work = people.create_person("Xavier", "Embauché", date(1985, 1, 2))
    with session.uow() as uow:
        uow.events.add(
            FollowUpEvent(
                person_id=in_work.id,
                kind=FollowUpKind.EMPLOYMENT,
                occurred_at=datetime(2026, 9, 1, 10, tzinfo=UTC),
                updated_by=session.counsellor.id,
            )
        )

    bulk = people.list_people(now=NOW)
    plain = one_by_one(session)

    assert bulk == plain
    # The data is varied enough to mean something: several stages, people with and
    # without a last contact, and the people with no path at all.
    assert len({row.stage for row in bulk}) >= 4
    assert any(row.last_contact is None for row in bulk)
    assert any(row.last_contact is not None for row in bulk)
    by_id = {row.id: row for row in bulk}
    assert by_id[bare[0].id].stage is Stage.ORIENTED
    assert by_id[bare[0].id].last_contact == date(2026, 10, 2)
    assert by_id[bare[1].id].last_contact is None
    assert by_id[in_work.id].stage is Stage.IN_WORK
