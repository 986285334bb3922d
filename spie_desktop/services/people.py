"""People accompanied: list, create (with a likely-duplicate check), consent, update.

The list shows each person's stage and last contact as their path gives them (events,
interviews, plans), by the point de situation's own rules: the ``status`` and
``last_contact`` columns of a person's record are no longer what a screen shows.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime
from typing import NamedTuple

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.path_scan import PathScan
from spie_desktop.domain.people import (
    CONSENT_WORDING_VERSION,
    ConsentRecord,
    ConsentScope,
    Identity,
    Person,
    PersonStatus,
)
from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.domain.situation import Stage, stage_of, with_file_contact
from spie_desktop.storage.repositories.people import PersonSummary as PersonSummary
from spie_desktop.storage.session import Session
from spie_desktop.storage.unit_of_work import UnitOfWork

from .duplicates import likely_duplicates
from .file_guard import PersonNotFound as PersonNotFound
from .file_guard import editable_person
from .path_facts import read_paths

log = logging.getLogger(__name__)

PERSON = "person"
CONSENT = "consent"


#: The record's old ``status`` column, kept for compatibility (it travels with the person):
#: written from the stage, never read for display.
STORED_STATUS = {
    Stage.ORIENTED: PersonStatus.NEW,
    Stage.DIAGNOSTIC: PersonStatus.DIAGNOSTIC,
    Stage.PLAN_SIGNED: PersonStatus.ACCOMPANIED,
    Stage.IN_ACTION: PersonStatus.ACCOMPANIED,
    Stage.IN_WORK: PersonStatus.EMPLOYED,
    Stage.ENDED: PersonStatus.CLOSED,
}


def path_standing(
    uow: UnitOfWork, person: Person, timezone: str, today: date
) -> tuple[Stage, date | None]:
    """Where ``person``'s path stands and its latest contact (territory's calendar), read
    inside ``uow``: the rules of the people list and the point de situation."""
    path = read_paths(uow.session, timezone, today, person.id).get(str(person.id))
    scan = PathScan(with_file_contact(path.marks if path else [], person.last_contact))
    return stage_of(scan), scan.last_contact


def store_computed_status(uow: UnitOfWork, person: Person, timezone: str, today: date) -> bool:
    """Write in ``person``'s ``status`` column the stage their path gives, read inside
    ``uow`` (what it wrote so far included); ``True`` if it changed and was saved."""
    status = STORED_STATUS[path_standing(uow, person, timezone, today)[0]]
    if person.status is status:
        return False
    person.status = status
    uow.people.save(person)
    return True


#: Where a path with nothing on it but the contact typed on the file stands: by the same
#: rule as every other path, computed once (most people of a large list).
STAGE_WITHOUT_MARKS = stage_of(PathScan(with_file_contact([], date(2000, 1, 1))))


class PersonListing(NamedTuple):
    """One line of the people list: who the person is, and where their path stands."""

    id: uuid.UUID
    first_name: str
    last_name: str
    birth_date: date | None
    stage: Stage
    #: The day (territory's calendar) of the latest contact on the path, if any.
    last_contact: date | None
    commune: str


class LikelyDuplicates(SpieError):
    """A person with the same or a close name and the same birth date is already in the store."""

    def __init__(self, candidates: list[PersonSummary]) -> None:
        count = len(candidates)
        super().__init__(
            "Une personne au nom proche et à la même date de naissance existe déjà. "
            "Vérifiez qu'il ne s'agit pas de la même personne avant de créer une nouvelle fiche."
            if count == 1
            else f"{count} personnes au nom proche et à la même date de naissance existent déjà. "
            "Vérifiez qu'il ne s'agit pas de la même personne avant de créer une nouvelle fiche.",
            f"{count} likely duplicate(s) found",
        )
        self.candidates = candidates


class IdentityChanged(SpieError):
    """The file was changed by someone else since the counsellor opened it."""

    def __init__(self) -> None:
        super().__init__(
            say(
                "Cette fiche vient d'être modifiée ailleurs (un·e collègue ou une "
                "synchronisation). Fermez cette fenêtre et rouvrez-la pour partir de la version "
                "à jour."
            ),
            "person changed since it was read",
        )


class PeopleService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list_summaries(self) -> list[PersonSummary]:
        with self.session.uow(read_only=True) as uow:
            return list(uow.people.iter_summaries())

    def list_people(self, *, now: datetime | None = None) -> list[PersonListing]:
        """Everyone, in register order, with the stage and last contact of their path,
        counted in the territory's calendar: the same reads and rules as the point de
        situation (one query per table, nothing per person)."""
        timezone = self.session.territory.timezone
        today = local_day(now or datetime.now(UTC), timezone)
        with self.session.uow(read_only=True) as uow:
            summaries = uow.people.iter_summaries()
            paths = read_paths(uow.session, timezone, today)
        listing = []
        for s in summaries:
            path = paths.get(str(s.id))
            if path is None or not path.marks:
                # Nothing happened on the path: the stage of an empty path, and the contact
                # typed on the file (most of a large list; no scan needed).
                stage, last_contact = STAGE_WITHOUT_MARKS, s.last_contact
            else:
                scan = PathScan(with_file_contact(path.marks, s.last_contact))
                stage, last_contact = stage_of(scan), scan.last_contact
            listing.append(
                PersonListing(
                    s.id, s.first_name, s.last_name, s.birth_date, stage, last_contact, s.commune
                )
            )
        return listing

    def find_likely_duplicates(
        self, first_name: str, last_name: str, birth_date: date | None
    ) -> list[PersonSummary]:
        return likely_duplicates(first_name, last_name, birth_date, self.list_summaries())

    def create_person(
        self,
        first_name: str,
        last_name: str,
        birth_date: date | None,
        commune: str = "",
        phone: str = "",
        email: str = "",
        *,
        allow_duplicates: bool = False,
        language: str = FRENCH,
    ) -> Person:
        identity = Identity(
            first_name=first_name,
            last_name=last_name,
            birth_date=birth_date,
            commune=commune,
            phone=phone,
            email=email,
            language=language,
        ).checked()
        person = Person(
            first_name=identity.first_name,
            last_name=identity.last_name,
            updated_by=self.session.counsellor.id,
        )
        person.apply_identity(identity)
        with self.session.uow() as uow:
            if not allow_duplicates:
                candidates = likely_duplicates(
                    person.first_name, person.last_name, birth_date, uow.people.iter_summaries()
                )
                if candidates:
                    raise LikelyDuplicates(candidates)
            uow.people.add(person)
            uow.audit.record(AuditAction.CREATED, PERSON, person.id)
        log.info("person %s created", person.id)
        return person

    def get(self, person_id: uuid.UUID) -> Person:
        with self.session.uow(read_only=True) as uow:
            person = uow.people.find(person_id)
        if person is None:
            raise PersonNotFound()
        return person

    def update(self, person: Person) -> Person:
        """Save changes to a person read earlier (refused if it changed meanwhile)."""
        person.validate()
        with self.session.uow() as uow:
            editable_person(uow, person.id)
            uow.people.save(person)
            uow.audit.record(AuditAction.CHANGED, PERSON, person.id)
        log.info("person %s changed", person.id)
        return person

    def update_identity(self, person_id: uuid.UUID, identity: Identity, version: int) -> Person:
        """Correct a person's identity, checked as at creation, audited and journalled.

        ``version`` is the version the counsellor read: if the file changed meanwhile (a
        colleague, a synchronisation), nothing is written and :class:`IdentityChanged` says
        so. Saving an unchanged identity writes nothing.
        """
        checked = identity.checked()
        with self.session.uow() as uow:
            person = editable_person(uow, person_id)
            if person.version != version:
                raise IdentityChanged()
            if not checked.changed_fields(person.identity):
                return person
            person.apply_identity(checked)
            uow.people.save(person)
            uow.audit.record(AuditAction.CHANGED, PERSON, person.id)
        log.info("person %s identity corrected", person.id)
        return person

    def record_consent(
        self,
        person_id: uuid.UUID,
        scopes: set[ConsentScope],
        wording_version: str = CONSENT_WORDING_VERSION,
    ) -> ConsentRecord:
        record = ConsentRecord(
            person_id=person_id,
            scopes=frozenset(scopes),
            wording_version=wording_version,
            recorded_by=self.session.counsellor.id,
            updated_by=self.session.counsellor.id,
        )
        with self.session.uow() as uow:
            editable_person(uow, person_id)
            uow.consents.add(record)
            uow.audit.record(AuditAction.CREATED, CONSENT, record.id)
        log.info("consent %s recorded for person %s", record.id, person_id)
        return record

    def latest_consent(self, person_id: uuid.UUID) -> ConsentRecord | None:
        with self.session.uow(read_only=True) as uow:
            return uow.consents.latest_for(person_id)
