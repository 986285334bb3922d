"""Interviews: start or resume one (with the person's consent), read its answers back.

Answers are saved by the one use case the workspace uses,
:meth:`~spie_desktop.services.interview_session.InterviewSessionService.save_answer`.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.interview import Answer, Interview
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.organisation import Field
from spie_desktop.domain.people import ConsentScope
from spie_desktop.forms import DefinitionRegistry, builtin_registry
from spie_desktop.storage.session import Session

from .file_guard import editable_person
from .people import store_computed_status

log = logging.getLogger(__name__)

INTERVIEW = "interview"


class ConsentRequired(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Le consentement de la personne doit être recueilli avant tout entretien."),
            "the person's consent (record scope) is required before any interview",
        )


class InterviewService:
    def __init__(self, session: Session, registry: DefinitionRegistry | None = None) -> None:
        self.session = session
        self.registry = registry or builtin_registry()

    def start_or_resume(self, person_id: uuid.UUID) -> Interview:
        """The person's open interview, or a new one if none is open. Needs their consent.

        A new interview is taken with the registry's current definition; an open one keeps
        the version it was started with.
        """
        me = self.session.counsellor
        with self.session.uow() as uow:
            person = editable_person(uow, person_id)
            consent = uow.consents.latest_for(person_id)
            if consent is None or not consent.allows(ConsentScope.RECORD):
                raise ConsentRequired()
            current = uow.interviews.latest_open_for_person(person_id)
            if current is not None:
                return current
            definition = self.registry.current()
            interview = Interview(
                person_id=person_id,
                definition_id=definition.id,
                definition_version=definition.version,
                social_counsellor_id=me.id if me.field is Field.SOCIAL else None,
                emploi_counsellor_id=me.id if me.field is Field.EMPLOI else None,
                updated_by=me.id,
            )
            uow.interviews.add(interview)
            uow.audit.record(AuditAction.CREATED, INTERVIEW, interview.id)
            timezone = self.session.territory.timezone
            today = local_day(datetime.now(UTC), timezone)
            if store_computed_status(uow, person, timezone, today):
                uow.audit.record(AuditAction.CHANGED, "person", person.id)
        log.info("interview %s started for person %s", interview.id, person_id)
        return interview

    def answers(self, interview_id: uuid.UUID) -> dict[str, Answer]:
        with self.session.uow(read_only=True) as uow:
            return {answer.key: answer for answer in uow.answers.list_for(interview_id)}
