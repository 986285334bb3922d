"""The point de situation: one line for everyone the device holds (records pulled from the
territory server included), the summary figures, and the CSV export of lines.

Everything is read in bulk (one query per table, see ``storage.path_reads``) inside one
read-only transaction, then computed by the domain (``domain.situation``).
"""

from __future__ import annotations

import csv
import io
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.parcours import Mark
from spie_desktop.domain.situation import (
    Alert,
    NextStep,
    PathScan,
    PersonSituation,
    Stage,
    situation_of,
)
from spie_desktop.domain.situation_summary import (
    PathMilestones,
    Summary,
    milestones_of,
    summarise,
)
from spie_desktop.storage import path_reads
from spie_desktop.storage.session import Session

from .alert_rules import current_rules
from .path_facts import PersonPath, read_paths
from .private_output import check_output_target, write_private

log = logging.getLogger(__name__)

SITUATION = "situation"


@dataclass(frozen=True, slots=True)
class SituationRow:
    """A person's line of the point de situation."""

    person_id: uuid.UUID
    first_name: str
    last_name: str
    #: Structures and counsellors named on the person's interviews.
    structures: tuple[str, ...]
    counsellors: tuple[str, ...]
    stage: Stage
    last_contact: date | None
    next_step: NextStep | None
    days_waiting: int | None
    alerts: tuple[Alert, ...]
    days_without_contact: int | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}".strip()


@dataclass(frozen=True)
class SituationReport:
    rows: list[SituationRow]
    summary: Summary
    today: date
    rules: AlertRules

    @property
    def alert_count(self) -> int:
        """People with at least one alert (the status bar's figure)."""
        return self.summary.with_alerts


def compute_situation(session: Session, *, now: datetime | None = None) -> SituationReport:
    """Every person's line and the summary, counted in the territory's calendar."""
    rules = current_rules(session)
    timezone = session.territory.timezone
    today = local_day(now or datetime.now(UTC), timezone)
    with session.uow(read_only=True) as uow:
        people = path_reads.person_lines(uow.session)
        paths = read_paths(uow.session, timezone, today)
        counsellors = path_reads.counsellor_names(uow.session)
    return situation_report(people, paths, counsellors, rules, today)


def situation_report(
    people: Sequence[path_reads.PersonLine],
    paths: dict[str, PersonPath],
    counsellors: dict[str, tuple[str, str]],
    rules: AlertRules,
    today: date,
) -> SituationReport:
    """The report from what :func:`compute_situation` read (split out for the benchmark,
    which times the reading and the computing apart)."""
    rows: list[SituationRow] = []
    situations: list[PersonSituation] = []
    milestones: list[PathMilestones] = []
    empty = PersonPath()
    named = _Named(counsellors)
    contact_days: dict[str, date] = {}
    for person in people:
        path = paths.get(person.person_id, empty)
        marks = path.marks
        if person.last_contact:
            # The file's own "last contact" (typed before the timeline existed, or by the
            # people list) counts as a contact.
            day = contact_days.get(person.last_contact)
            if day is None:
                day = contact_days[person.last_contact] = date.fromisoformat(person.last_contact)
            marks = [*marks, _new(Mark, (_CONTACT, day, False, None, None, None))]
        scan = PathScan(marks)
        situation = situation_of(scan, path.actions, rules, today)
        structures, counsellor_names = named(path.counsellor_ids)
        rows.append(
            SituationRow(
                path_reads.id_uuid(person.person_id),
                person.first_name,
                person.last_name,
                structures,
                counsellor_names,
                situation.stage,
                situation.last_contact,
                situation.next_step,
                situation.days_waiting,
                situation.alerts,
                situation.days_without_contact,
            )
        )
        situations.append(situation)
        milestones.append(milestones_of(scan))
    return SituationReport(rows, summarise(situations, milestones, today), today, rules)


_CONTACT = FollowUpKind.CONTACT
_new = tuple.__new__  # a Mark without its Python-level __new__


class _Named:
    """The structures and counsellors named on a person's interviews, from their
    counsellors' ids: worked out once per set of ids (people share their counsellors)."""

    def __init__(self, counsellors: dict[str, tuple[str, str]]) -> None:
        self._counsellors = counsellors
        self._made: dict[frozenset[str], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def __call__(self, ids: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if not ids:
            return (), ()
        key = frozenset(ids)
        made = self._made.get(key)
        if made is None:
            named = [self._counsellors[c] for c in sorted(key) if c in self._counsellors]
            structures = tuple(sorted({s for _, s in named if s}))
            made = self._made[key] = (structures, tuple(sorted(n for n, _ in named)))
        return made


CSV_HEADER = (
    "identifiant",
    "nom",
    "prénom",
    "structure",
    "conseillers",
    "étape",
    "dernier contact",
    "prochaine étape",
    "date prochaine étape",
    "jours d'attente",
    "alertes",
)


def rows_as_csv(rows: Sequence[SituationRow]) -> str:
    """The lines as CSV (``;``-separated, dates jj/mm/aaaa), for a spreadsheet in French."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                str(row.person_id),
                _cell(row.last_name),
                _cell(row.first_name),
                _cell(", ".join(row.structures)),
                _cell(", ".join(row.counsellors)),
                row.stage.label,
                _date(row.last_contact),
                _cell(row.next_step.label) if row.next_step else "",
                _date(row.next_step.day) if row.next_step else "",
                "" if row.days_waiting is None else str(row.days_waiting),
                " | ".join(a.text for a in row.alerts),
            ]
        )
    return out.getvalue()


def export_csv(session: Session, rows: Sequence[SituationRow], out: Path) -> Path:
    """Write the lines to ``out`` (owner-only, UTF-8 with BOM so spreadsheets read the
    accents), never inside the data dir; audited as an export."""
    target = out.expanduser().resolve()
    data_dir = session.data_dir.resolve()
    if target == data_dir or data_dir in target.parents:
        raise ValidationError(
            say("La liste ne peut pas être écrite dans le dossier de données chiffrées."),
            "refusing to write a clear-text list inside the data dir",
            "out",
        )
    if not target.parent.is_dir():
        raise ValidationError(
            say("Le dossier de destination n'existe pas."), "output folder does not exist", "out"
        )
    check_output_target(target)
    write_private(target, rows_as_csv(rows).encode("utf-8-sig"))
    with session.uow() as uow:
        uow.audit.record(AuditAction.EXPORTED, SITUATION)
    log.info("point de situation exported as CSV (%d lines)", len(rows))
    return target


def _date(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def _cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
