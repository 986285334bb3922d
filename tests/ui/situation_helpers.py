"""A small real store for the point de situation and parcours tests: four people whose
paths are dated from today (the window counts days from the real clock)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from spie_desktop.domain.event_details import CONTRACT, PLANNED
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.services import device
from spie_desktop.services.device import Session, SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.services.timeline import TimelineService

from .conftest import NADIA_PASSPHRASE


@dataclass
class Cast:
    session: Session
    today: date
    alice: uuid.UUID  # oriented 100 days ago, never seen: alert, waiting 100
    bruno: uuid.UUID  # oriented 40 days ago, never seen: alert, waiting 40
    chloe: uuid.UUID  # oriented 20 days ago, contact 5 days ago: no alert, waiting 5
    denis: uuid.UUID  # back in work 45 days ago: the 1-month check-in is due


def open_cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    timeline = TimelineService(session)
    today = timeline.today()
    people = PeopleService(session)

    def person(first: str, last: str, *events: tuple[FollowUpKind, int, dict]) -> uuid.UUID:
        made = people.create_person(first, last, date(1985, 5, 17))
        for kind, ago, details in events:
            timeline.add_event(made.id, kind, today - timedelta(days=ago), details=details)
        return made.id

    cast = Cast(
        session,
        today,
        person("Alice", "Orange", (FollowUpKind.ORIENTATION, 100, {})),
        person("Bruno", "Petit", (FollowUpKind.ORIENTATION, 40, {})),
        person(
            "Chloé",
            "Martin",
            (FollowUpKind.ORIENTATION, 20, {}),
            (FollowUpKind.CONTACT, 5, {}),
        ),
        person(
            "Denis",
            "Leroy",
            (FollowUpKind.ORIENTATION, 120, {}),
            (FollowUpKind.FIRST_CONTACT, 110, {}),
            (FollowUpKind.TRAINING_START, 90, {}),
            (FollowUpKind.EMPLOYMENT, 45, {CONTRACT: "cdd"}),
        ),
    )
    timeline.add_event(
        cast.chloe, FollowUpKind.CONTACT, today + timedelta(days=7), details={PLANNED: True}
    )
    yield cast
    session.close()
