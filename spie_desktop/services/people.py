"""People accompanied: list, create (with a likely-duplicate check), consent, update."""

from __future__ import annotations

import logging
import uuid
from datetime import date

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.people import (
    CONSENT_WORDING_VERSION,
    ConsentRecord,
    ConsentScope,
    Identity,
    Person,
)
from spie_desktop.storage.repositories.people import PersonSummary as PersonSummary
from spie_desktop.storage.session import Session

from .duplicates import likely_duplicates
from .file_guard import PersonNotFound as PersonNotFound
from .file_guard import editable_person

log = logging.getLogger(__name__)

PERSON = "person"
CONSENT = "consent"


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
            "Cette fiche vient d'être modifiée ailleurs (un·e collègue ou une synchronisation). "
            "Fermez cette fenêtre et rouvrez-la pour partir de la version à jour.",
            "person changed since it was read",
        )


class PeopleService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list_summaries(self) -> list[PersonSummary]:
        with self.session.uow(read_only=True) as uow:
            return list(uow.people.iter_summaries())

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
    ) -> Person:
        identity = Identity(
            first_name=first_name,
            last_name=last_name,
            birth_date=birth_date,
            commune=commune,
            phone=phone,
            email=email,
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
