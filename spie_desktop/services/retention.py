"""The territory's retention rule, applied on this device: files whose time is up are
forgotten — but only once the server holds everything about that person.

A due file waits, and says why, while one of its changes is still to be pushed (in the
outbox, or in the batch in flight) or one of its pulled records is set aside: forgetting it
then would lose what the server never received. The server applies the same rule and sends a
tombstone to every device (:mod:`spie_desktop.sync.tombstones`); this run is what forgets a
file on time on a laptop that stays offline. One short transaction per file.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.local_calendar import today_in
from spie_desktop.domain.retention import DueBecause, RetentionRules, due_files
from spie_desktop.storage import purge
from spie_desktop.storage.file_activity import file_activities
from spie_desktop.storage.session import Session
from spie_desktop.sync.state_keys import RETENTION_RULES_KEY
from spie_desktop.sync.tombstones import inflight_names

from .purge import REASON_RETENTION, keep_tombstone, scrub

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class Verdict(StrEnum):
    PURGED = "purged"
    WAITING = "waiting"
    DUE = "due"  # a dry run: would be purged


@dataclass(frozen=True)
class RetentionLine:
    """One due file: what happened to it, and why it waits (French, no identity)."""

    person_id: uuid.UUID
    because: DueBecause
    verdict: Verdict
    waiting_fr: str = ""


def rules_in_force(session: Session) -> RetentionRules:
    """The territory's rule when its server set one, else the defaults (24 and 24 months)."""
    with session.uow(read_only=True) as uow:
        text = uow.meta.get(RETENTION_RULES_KEY)
    if not text:
        return RetentionRules()
    try:
        return RetentionRules.from_json(text)
    except ValidationError:
        log.warning("stored retention rule unreadable: defaults used")
        return RetentionRules()


def due_now(session: Session, today: date | None = None) -> list[tuple[uuid.UUID, DueBecause]]:
    timezone = session.territory.timezone
    with session.uow(read_only=True) as uow:
        files = file_activities(uow)
    return due_files(files, rules_in_force(session), today or today_in(timezone), timezone)


def run_retention(
    session: Session, *, dry_run: bool = False, today: date | None = None
) -> list[RetentionLine]:
    """Forget every due file that the server holds entirely; the others wait."""
    lines: list[RetentionLine] = []
    forgotten: set[uuid.UUID] = set()
    for person_id, because in due_now(session, today):
        with session.uow(read_only=dry_run) as uow:
            records = purge.collect(uow, [person_id])
            why = _waits_because(uow, records)
            if why:
                lines.append(RetentionLine(person_id, because, Verdict.WAITING, why))
                continue
            if dry_run:
                lines.append(RetentionLine(person_id, because, Verdict.DUE))
                continue
            purge.erase(uow, records)
            # Kept here only (the server applies the same rule and sends its own): until it
            # does, what its integrity check sends back of this file is forgotten again.
            keep_tombstone(session, uow, person_id, REASON_RETENTION)
            forgotten |= records.all_ids()
        lines.append(RetentionLine(person_id, because, Verdict.PURGED))
    if forgotten:
        scrub(session, forgotten)
    counts = {v.value: sum(1 for x in lines if x.verdict is v) for v in Verdict}
    log.info("retention run: %s", counts)
    return lines


def retention_at_unlock(session: Session) -> int:
    """The run the application makes at each unlock, on its database lane; returns how many
    files were forgotten (the log says how many, never whom)."""
    lines = run_retention(session)
    return sum(1 for line in lines if line.verdict is Verdict.PURGED)


def _waits_because(uow: UnitOfWork, records: purge.PersonRecords) -> str:
    waiting = purge.waiting_changes(uow, records)
    if waiting:
        return f"{waiting} modification(s) pas encore envoyée(s) au serveur"
    if inflight_names(uow, records):
        return "un envoi au serveur est en cours"
    held = purge.set_aside(uow, records)
    if held:
        return f"{held} fiche(s) reçue(s) mise(s) de côté"
    return ""
