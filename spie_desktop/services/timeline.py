"""A person's path (parcours): add a follow-up event, list the path.

An event is checked against the path's rules (``domain.event_rules``), written through the
events repository — so it is journalled in the outbox and synchronised like any record —
and audited. The path mixes the stored events with the steps the person's records already
hold (see ``domain.parcours``); days are the territory's.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.event_rules import check_new_event, is_planned
from spie_desktop.domain.events import AuditAction, FollowUpEvent, FollowUpKind
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.local_calendar import local_day, zone
from spie_desktop.domain.parcours import RecordFacts, Step, build_path
from spie_desktop.storage.session import Session
from spie_desktop.storage.unit_of_work import UnitOfWork

from .file_guard import PersonNotFound, editable_person
from .path_facts import read_paths

log = logging.getLogger(__name__)

EVENT = "follow_up_event"
#: The moment given to an event dated on a day other than today: midday in the territory,
#: far from both midnights, so it reads back on that day whatever the offset.
MIDDAY = time(12, 0)
MAX_NOTE = 2000


class TimelineService:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def timezone(self) -> str:
        return self.session.territory.timezone

    def today(self, now: datetime | None = None) -> date:
        return local_day(now or datetime.now(UTC), self.timezone)

    def path(self, person_id: uuid.UUID, *, now: datetime | None = None) -> list[Step]:
        """The person's path in date order, with the waiting days between steps."""
        today = self.today(now)
        with self.session.uow(read_only=True) as uow:
            _require_person(uow, person_id)
            events = uow.events.list_for_person(person_id)
            paths = read_paths(uow.session, self.timezone, today, person_id)
        path = paths.get(str(person_id))
        return build_path(
            events,
            path.records if path is not None else RecordFacts(),
            timezone=self.timezone,
            today=today,
        )

    def add_event(
        self,
        person_id: uuid.UUID,
        kind: FollowUpKind,
        day: date,
        *,
        note: str = "",
        details: Mapping[str, Any] | None = None,
        action_id: uuid.UUID | None = None,
        now: datetime | None = None,
    ) -> FollowUpEvent:
        """Record an event on ``day`` (territory calendar); refused with a French message
        when it breaks a rule of the path (nothing is written then)."""
        with self.session.uow() as uow:
            event = self.add_in(
                uow, person_id, kind, day, note=note, details=details, action_id=action_id, now=now
            )
            uow.events.add(event)
            uow.audit.record(AuditAction.CREATED, EVENT, event.id)
        log.info("follow-up event %s (%s) added for person %s", event.id, kind.value, person_id)
        return event

    def add_in(
        self,
        uow: UnitOfWork,
        person_id: uuid.UUID,
        kind: FollowUpKind,
        day: date,
        *,
        note: str = "",
        details: Mapping[str, Any] | None = None,
        action_id: uuid.UUID | None = None,
        now: datetime | None = None,
    ) -> FollowUpEvent:
        """The checked event, not yet stored (for a use case writing more in the same
        transaction)."""
        instant = now or datetime.now(UTC)
        today = local_day(instant, self.timezone)
        kept = dict(details or {})
        editable_person(uow, person_id, kind)
        recorded = [
            (e.kind, local_day(e.occurred_at, self.timezone))
            for e in uow.events.list_for_person(person_id)
            if not is_planned(e.details)
        ]
        check_new_event(kind, day, kept, today=today, recorded=recorded)
        return FollowUpEvent(
            person_id=person_id,
            kind=kind,
            occurred_at=instant if day == today else self.moment_of(day),
            note=_note(note),
            details=kept,
            action_id=action_id,
            updated_by=self.session.counsellor.id,
        )

    def moment_of(self, day: date) -> datetime:
        """Midday of ``day`` in the territory, in UTC."""
        return datetime.combine(day, MIDDAY, tzinfo=zone(self.timezone)).astimezone(UTC)


def _require_person(uow: UnitOfWork, person_id: uuid.UUID) -> None:
    if uow.people.find(person_id) is None:
        raise PersonNotFound()


def _note(text: str) -> str:
    note = text.strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(
            say("La note fait au plus {MAX_NOTE} caractères.", MAX_NOTE=MAX_NOTE),
            "event note too long",
            "note",
        )
    return note
