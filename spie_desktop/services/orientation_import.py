"""Import an orientation list: people oriented to the SPIE, each with the event that starts
their clock.

Every row is checked first; then, in one transaction, each accepted row is matched to a
person already in the store (the likely-duplicate check) or creates one, and gets an
ORIENTATION follow-up event dated at noon, territory time, on the orientation day, unless
that person already has one for the same day and the same orienteur. So importing the same
list twice changes nothing. A list refused as a whole writes nothing.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from spie_desktop.domain.events import AuditAction, FollowUpEvent, FollowUpKind
from spie_desktop.domain.orientation import (
    OrientationRecord,
    RowRejection,
    read_orientation_list,
)
from spie_desktop.domain.people import Person
from spie_desktop.domain.records import utc_now
from spie_desktop.storage.session import Session
from spie_desktop.storage.unit_of_work import UnitOfWork

from .file_guard import frozen_people
from .orientation_files import read_list_rows
from .orientation_matching import KnownPerson, PeopleIndex, folded
from .people import PERSON

log = logging.getLogger(__name__)

FOLLOW_UP_EVENT = "follow_up_event"
#: The hour an orientation is dated at on its day: far from midnight in every time zone.
ORIENTATION_HOUR = time(12, 0)


@dataclass(frozen=True)
class ImportReport:
    created: int = 0
    matched: int = 0
    rejections: list[RowRejection] = field(default_factory=list)
    #: ORIENTATION events written (a matched person already oriented that day gets none).
    orientations: int = 0

    @property
    def rejected(self) -> int:
        return len(self.rejections)


def import_orientation_list(
    session: Session, path: Path, *, today: date | None = None
) -> ImportReport:
    """Read, check and import the list at ``path``. Raises ``OrientationListRefused`` (and
    writes nothing) when the file cannot be imported as a whole."""
    zone = ZoneInfo(session.territory.timezone)
    today = today or utc_now().astimezone(zone).date()
    checked = read_orientation_list(read_list_rows(path), today)
    with session.uow() as uow:
        importer = _Importer(uow, zone)
        for record in checked.records:
            importer.take(record)
        importer.write()
    report = ImportReport(
        created=importer.created,
        matched=importer.matched,
        rejections=sorted(checked.rejections + importer.rejections, key=lambda r: r.line),
        orientations=importer.orientations,
    )
    log.info(
        "orientation list imported: %d created, %d matched, %d rejected, %d orientations",
        report.created,
        report.matched,
        report.rejected,
        report.orientations,
    )
    return report


def orientation_key(
    person_id: uuid.UUID, day: date, oriented_by: str
) -> tuple[uuid.UUID, date, str]:
    """What identifies an orientation: the person, the day, who oriented them."""
    return person_id, day, folded(oriented_by)


class _Importer:
    def __init__(self, uow: UnitOfWork, zone: ZoneInfo) -> None:
        self.uow, self.zone = uow, zone
        self.created = self.matched = self.orientations = 0
        self.rejections: list[RowRejection] = []
        self.people = PeopleIndex()
        for s in uow.people.iter_summaries():
            self.people.add(KnownPerson(s.id, s.first_name, s.last_name, s.birth_date))
        self.oriented = {
            orientation_key(
                e.person_id,
                e.occurred_at.astimezone(zone).date(),
                str(e.details.get("oriented_by", "")),
            )
            for e in uow.events.list_of_kind(FollowUpKind.ORIENTATION)
        }
        #: Known people whose file takes no orientation: the one guard of a person's
        #: records (``file_guard``), read once for everyone rather than once per row.
        self.frozen = frozen_people(uow, FollowUpKind.ORIENTATION)
        self.matched_by_line: dict[uuid.UUID, int] = {}
        self.new_people: list[Person] = []
        self.new_events: list[FollowUpEvent] = []

    def take(self, record: OrientationRecord) -> None:
        identity = record.identity
        candidates = self.people.likely(
            identity.first_name, identity.last_name, identity.birth_date
        )
        earlier = [c for c in candidates if c.line is not None]
        if earlier:
            self._reject(record, f"doublon de la ligne {earlier[0].line} (même personne).")
            return
        if len(candidates) > 1:
            self._reject(
                record,
                f"{len(candidates)} fiches proches (nom, date de naissance) existent déjà : "
                "rapprochez-la à la main, rien n'a été créé pour cette ligne.",
            )
            return
        if candidates:
            person_id = candidates[0].id
            if person_id in self.matched_by_line:
                line = self.matched_by_line[person_id]
                self._reject(record, f"doublon de la ligne {line} (même personne).")
                return
            if person_id in self.frozen:
                self._reject(
                    record,
                    "fiche existante close ou dont le traitement est limité : rouvrez-la ou "
                    "levez la limitation avant d'y ajouter une orientation.",
                )
                return
            self.matched_by_line[person_id] = record.line
            self.matched += 1
        else:
            person_id = self._create(record)
        self._orient(person_id, record)

    def _create(self, record: OrientationRecord) -> uuid.UUID:
        identity = record.identity
        person = Person(first_name=identity.first_name, last_name=identity.last_name)
        person.apply_identity(identity)
        person.updated_by = self.uow.actor_id
        self.new_people.append(person)
        self.people.add(
            KnownPerson(
                person.id, person.first_name, person.last_name, person.birth_date, record.line
            )
        )
        self.created += 1
        return person.id

    def _orient(self, person_id: uuid.UUID, record: OrientationRecord) -> None:
        key = orientation_key(person_id, record.oriented_on, record.oriented_by)
        if key in self.oriented:
            return
        self.oriented.add(key)
        details: dict[str, str] = {"oriented_by": record.oriented_by, "reason": record.reason}
        if record.insee_code:
            details["insee_code"] = record.insee_code
        event = FollowUpEvent(
            person_id=person_id,
            kind=FollowUpKind.ORIENTATION,
            occurred_at=datetime.combine(
                record.oriented_on, ORIENTATION_HOUR, self.zone
            ).astimezone(UTC),
            details=details,
        )
        event.updated_by = self.uow.actor_id
        self.new_events.append(event)
        self.orientations += 1

    def write(self) -> None:
        """Everything the list adds, journalled and audited like one-by-one creations."""
        self.uow.people.add_many(self.new_people)
        self.uow.events.add_many(self.new_events)
        self.uow.audit.record_many(AuditAction.CREATED, PERSON, [p.id for p in self.new_people])
        self.uow.audit.record_many(
            AuditAction.CREATED, FOLLOW_UP_EVENT, [e.id for e in self.new_events]
        )

    def _reject(self, record: OrientationRecord, reason: str) -> None:
        self.rejections.append(RowRejection(record.line, reason))
