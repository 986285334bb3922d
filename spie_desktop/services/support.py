"""The end of a person's support and its reopening; the restriction of processing (RGPD
art. 18) and its lifting. Each is one follow-up event (journalled and synchronised like any
other) written through the timeline's checks, plus the person's stored status for a close
or a reopening. While closed or restricted the file is frozen (``services.file_guard``).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction, FollowUpEvent, FollowUpKind
from spie_desktop.domain.interface_sentence import Sentence, say
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.people import Person
from spie_desktop.domain.support_end import (
    OUTCOME,
    REASON,
    FileState,
    SupportOutcome,
    check_end_day,
    checked_reason,
    closed_by,
    outcome_of,
    restricted_by,
)
from spie_desktop.storage.session import Session
from spie_desktop.storage.unit_of_work import UnitOfWork

from .file_guard import PersonNotFound, file_state
from .people import PERSON, store_computed_status
from .timeline import EVENT, TimelineService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SupportState:
    """What the banner of a person's file says."""

    state: FileState = FileState()
    #: The end of support in force (the file is closed), if any.
    ended_on: date | None = None
    outcome: SupportOutcome | None = None
    #: The restriction in force, if any.
    restricted_on: date | None = None
    restriction_reason: str = ""


class SupportService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.timeline = TimelineService(session)

    def state(self, person_id: uuid.UUID) -> SupportState:
        with self.session.uow(read_only=True) as uow:
            person = uow.people.find(person_id)
            if person is None:
                raise PersonNotFound()
            events = uow.events.list_for_person(person_id)
        return support_state(person, events, self.timeline.timezone)

    def close(
        self, person_id: uuid.UUID, outcome: str, day: date, *, now: datetime | None = None
    ) -> FollowUpEvent:
        """End the support on ``day`` (not in the future, not before the orientation) with
        ``outcome`` (a :class:`SupportOutcome` code): the file becomes read-only."""
        code = outcome_of(outcome)
        with self.session.uow() as uow:
            oriented = [
                local_day(e.occurred_at, self.timeline.timezone)
                for e in uow.events.list_for_person(person_id)
                if e.kind is FollowUpKind.ORIENTATION
            ]
            check_end_day(
                day, today=self.timeline.today(now), oriented_on=min(oriented, default=None)
            )
            event = self._record(
                uow, person_id, FollowUpKind.END_OF_SUPPORT, day, {OUTCOME: code.value}, now
            )
            self._store_status(uow, person_id, now)
        log.info("support of person %s ended (%s)", person_id, code.value)
        return event

    def reopen(
        self, person_id: uuid.UUID, reason: str, *, now: datetime | None = None
    ) -> FollowUpEvent:
        """Reopen a closed file today, saying why: it takes changes again."""
        why = checked_reason(reason, "Le motif de la reprise")
        with self.session.uow() as uow:
            if not file_state(uow, person_id).closed:
                raise _refused(say("L'accompagnement de cette personne n'est pas terminé."))
            event = self._record(
                uow,
                person_id,
                FollowUpKind.SUPPORT_REOPENED,
                self.timeline.today(now),
                {REASON: why},
                now,
            )
            self._store_status(uow, person_id, now)
        log.info("support of person %s reopened", person_id)
        return event

    def restrict(
        self, person_id: uuid.UUID, reason: str, *, now: datetime | None = None
    ) -> FollowUpEvent:
        """Restrict the processing of the file (RGPD art. 18): frozen for edits and held
        back from synchronisation, except this event, until lifted."""
        why = checked_reason(reason, "Le motif de la limitation")
        with self.session.uow() as uow:
            if file_state(uow, person_id).restricted:
                raise _refused(say("Le traitement de ce dossier est déjà limité."))
            event = self._record(
                uow,
                person_id,
                FollowUpKind.RESTRICTED,
                self.timeline.today(now),
                {REASON: why},
                now,
            )
        log.info("processing of person %s restricted", person_id)
        return event

    def lift_restriction(
        self, person_id: uuid.UUID, *, now: datetime | None = None
    ) -> FollowUpEvent:
        """End the restriction: the file takes changes and synchronises again."""
        with self.session.uow() as uow:
            if not file_state(uow, person_id).restricted:
                raise _refused(say("Le traitement de ce dossier n'est pas limité."))
            event = self._record(
                uow,
                person_id,
                FollowUpKind.RESTRICTION_LIFTED,
                self.timeline.today(now),
                {},
                now,
            )
        log.info("restriction of person %s lifted", person_id)
        return event

    def _record(
        self,
        uow: UnitOfWork,
        person_id: uuid.UUID,
        kind: FollowUpKind,
        day: date,
        details: dict[str, str],
        now: datetime | None,
    ) -> FollowUpEvent:
        event = self.timeline.add_in(uow, person_id, kind, day, details=details, now=now)
        uow.events.add(event)
        uow.audit.record(AuditAction.CREATED, EVENT, event.id)
        return event

    def _store_status(self, uow: UnitOfWork, person_id: uuid.UUID, now: datetime | None) -> None:
        """The record's status column follows the stage of the path (written for older
        devices; no screen reads it)."""
        person = uow.people.get(person_id)
        today = self.timeline.today(now)
        if store_computed_status(uow, person, self.timeline.timezone, today):
            uow.audit.record(AuditAction.CHANGED, PERSON, person_id)


def support_state(person: Person, events: list[FollowUpEvent], timezone: str) -> SupportState:
    """What the banner says, from the person and their events (oldest first)."""
    kinds = [e.kind for e in events]
    state = FileState(closed=closed_by(kinds), restricted=restricted_by(kinds))
    ended = _latest(events, FollowUpKind.END_OF_SUPPORT) if state.closed else None
    restricted = _latest(events, FollowUpKind.RESTRICTED) if state.restricted else None
    outcome = str(ended.details.get(OUTCOME, "")) if ended else ""
    return SupportState(
        state=state,
        ended_on=local_day(ended.occurred_at, timezone) if ended else None,
        outcome=SupportOutcome(outcome) if outcome in set(SupportOutcome) else None,
        restricted_on=local_day(restricted.occurred_at, timezone) if restricted else None,
        restriction_reason=str(restricted.details.get(REASON, "")) if restricted else "",
    )


def _latest(events: list[FollowUpEvent], kind: FollowUpKind) -> FollowUpEvent | None:
    return next((e for e in reversed(events) if e.kind is kind), None)


def _refused(message_fr: Sentence) -> ValidationError:
    return ValidationError(message_fr, "support action refused: file not in that state")
