"""One person's parcours as their file shows it: the steps with the waiting time between
them, the alerts with what to do, and the in-work check-ins still to do.

Read in one read-only transaction with the same bulk reads as the point de situation
(restricted to the person), so the file and the list always agree.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.parcours import CheckInDue, RecordFacts, Step, build_path
from spie_desktop.domain.path_scan import PathScan
from spie_desktop.domain.situation import Alert, situation_of, with_file_contact
from spie_desktop.storage.session import Session

from .alert_rules import current_rules
from .path_facts import PersonPath, read_paths
from .people import PersonNotFound


@dataclass(frozen=True)
class PersonParcours:
    person_id: uuid.UUID
    today: date
    steps: list[Step]
    alerts: tuple[Alert, ...]
    #: Check-ins after the latest return to work not yet recorded, the earliest first.
    check_ins: tuple[CheckInDue, ...]

    @property
    def due_check_ins(self) -> tuple[CheckInDue, ...]:
        """Those whose day has come."""
        return tuple(c for c in self.check_ins if c.due <= self.today)


def read_parcours(
    session: Session, person_id: uuid.UUID, *, now: datetime | None = None
) -> PersonParcours:
    timezone = session.territory.timezone
    today = local_day(now or datetime.now(UTC), timezone)
    rules = current_rules(session)
    with session.uow(read_only=True) as uow:
        person = uow.people.find(person_id)
        if person is None:
            raise PersonNotFound()
        events = uow.events.list_for_person(person_id)
        path = read_paths(uow.session, timezone, today, person_id).get(str(person_id))
    path = path or PersonPath()
    steps = build_path(
        events,
        path.records if path.records is not None else RecordFacts(),
        timezone=timezone,
        today=today,
    )
    scan = PathScan(with_file_contact(list(path.marks), person.last_contact))
    situation = situation_of(scan, path.actions, rules, today)
    pending = tuple(sorted(scan.pending_check_ins(), key=lambda c: c.due))
    return PersonParcours(person_id, today, steps, situation.alerts, pending)
