"""Two laptops syncing through a real server see the same path and the same alerts for the
same person; a check-in recorded on one clears the alert on the other."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.services.check_ins import CheckIn, record_check_in
from spie_desktop.services.situation import SituationRow, compute_situation
from spie_desktop.services.timeline import TimelineService
from tests.sync.conftest import Laptop

K = FollowUpKind
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def line(laptop: Laptop, person: uuid.UUID) -> SituationRow:
    return next(r for r in compute_situation(laptop.session, now=NOW).rows if r.person_id == person)


def seen(row: SituationRow) -> tuple[object, ...]:
    return (
        row.stage,
        row.last_contact,
        row.next_step,
        row.days_waiting,
        [(a.kind, a.days, a.text) for a in row.alerts],
    )


def test_two_laptops_see_the_same_alerts(make_laptop: Callable[..., Laptop]) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    waiting = a.add_person("Lucie", "Martin").id
    working = a.add_person("Samir", "Haddad").id
    on_a = TimelineService(a.session)
    on_a.add_event(waiting, K.ORIENTATION, date(2026, 9, 1), now=NOW)
    on_a.add_event(waiting, K.CONTACT, date(2026, 9, 10), details={"channel": "phone"}, now=NOW)
    on_a.add_event(waiting, K.IMMERSION_START, date(2026, 9, 14), now=NOW)
    on_a.add_event(waiting, K.IMMERSION_END, date(2026, 9, 25), now=NOW)
    on_a.add_event(working, K.CONTACT, date(2026, 10, 20), now=NOW)
    on_a.add_event(working, K.EMPLOYMENT, date(2026, 10, 31), details={"contract": "cdi"}, now=NOW)
    assert a.sync().ok and b.sync().ok

    for person, kinds in (
        (waiting, ["no_contact", "gap_between_steps"]),
        (working, ["no_contact", "check_in_due"]),
    ):
        mine, theirs = line(a, person), line(b, person)
        assert [alert.kind.value for alert in mine.alerts] == kinds
        assert seen(theirs) == seen(mine)
    assert [s.day for s in TimelineService(b.session).path(waiting, now=NOW)] == [
        s.day for s in on_a.path(waiting, now=NOW)
    ]

    # The 1-month check-in, recorded on b, clears the alert on a once both synced.
    record_check_in(
        b.session, working, date(2026, 12, 1), CheckIn(month=1, still_in_work=True), now=NOW
    )
    assert b.sync().ok and a.sync().ok
    assert line(a, working).alerts == () and line(b, working).alerts == ()
    assert seen(line(a, working)) == seen(line(b, working))
