"""``spie-server retention run``: forget every file that is due, territory by territory.

For each due person the run writes a ``purges`` record (reason ``retention``) and purges, in
one transaction per territory; devices pull the tombstone and purge their own copy. A dry run
decides the same and writes nothing. What it reports names person ids only, never a name.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_server.admin_log import record_event
from spie_server.models import Territory
from spie_server.retention.facts import file_facts
from spie_server.retention.local_calendar import local_day, territory_zone
from spie_server.retention.rules import due_reason
from spie_server.sync.tombstones import RETENTION, Tombstone, store_tombstones
from spie_server.territory.territories import get_territory
from spie_server.territory.territory_settings import retention_rules


@dataclass(frozen=True)
class Due:
    territory: str
    person_id: uuid.UUID
    reason: str  # rules.AFTER_END | rules.AFTER_INACTIVITY


@dataclass
class RetentionReport:
    due: list[Due] = field(default_factory=list)
    records: int = 0  # records removed (0 in a dry run)
    dry_run: bool = False


def run_retention(
    session: Session,
    territory_code: str | None = None,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
) -> RetentionReport:
    """Purge (or, ``dry_run``, only list) every due file of one territory or of all."""
    moment = now or datetime.now(UTC)
    if territory_code is not None:
        territories = [get_territory(session, territory_code)]
    else:
        territories = list(session.scalars(select(Territory).order_by(Territory.code)))
    report = RetentionReport(dry_run=dry_run)
    for territory in territories:
        due = due_in(session, territory, moment)
        report.due.extend(due)
        if dry_run or not due:
            continue
        timezone = territory_zone(territory.code)
        today = local_day(moment, timezone)
        purged = store_tombstones(
            session,
            territory.id,
            [Tombstone(item.person_id, RETENTION, today) for item in due],
        )
        report.records += purged.records
        record_event(
            session,
            "retention_run",
            territory_id=territory.id,
            people=len(due),
            records=purged.records,
        )
    return report


def due_in(session: Session, territory: Territory, now: datetime) -> list[Due]:
    """The territory's due files, by person id."""
    timezone = territory_zone(territory.code)
    today = local_day(now, timezone)
    rules = retention_rules(session, territory.id)
    due = []
    for person, facts in sorted(file_facts(session, territory.id).items()):
        reason = due_reason(facts, rules, timezone, today)
        if reason is not None:
            due.append(Due(territory.code, person, reason))
    return due
