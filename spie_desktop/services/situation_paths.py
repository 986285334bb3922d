"""Everyone's path as the point de situation reads it: events reduced while read (see
``storage.path_reads.event_digests``), turned into days of the territory's calendar, with
the steps the records hold.

The person's file reads the whole path instead (``path_facts.read_paths``); both give the
same scan (``domain.path_scan``), which a test checks person by person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session as DbSession

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.parcours import ActionFacts, Mark, recorded_marks
from spie_desktop.domain.path_scan import FIRST_DAY_KINDS, SEQUENCE_KINDS, PathDays
from spie_desktop.storage import path_reads

from .path_facts import LocalDays, read_records

_KINDS = {kind.value: kind for kind in FollowUpKind}
_SEQUENCE = frozenset(kind.value for kind in SEQUENCE_KINDS if isinstance(kind, FollowUpKind))
_FIRST = frozenset(kind.value for kind in FIRST_DAY_KINDS if isinstance(kind, FollowUpKind))


@dataclass
class SituationPath:
    """A person's reduced path, the actions of their newest signed plan and the counsellor
    ids (text) named on their interviews."""

    days: PathDays = field(default_factory=PathDays)
    actions: tuple[ActionFacts, ...] = ()
    counsellor_ids: set[str] = field(default_factory=set)


def read_situation_paths(db: DbSession, timezone: str, today: date) -> dict[str, SituationPath]:
    """Everyone's reduced path, keyed by person id as text."""
    days = LocalDays(timezone)
    paths: dict[str, SituationPath] = {}
    kinds, cached, key_length = _KINDS, days.cached, days.key_length
    check_in = FollowUpKind.CHECK_IN
    digests = path_reads.event_digests(db, sequence_kinds=_SEQUENCE, first_kinds=_FIRST)
    for person, digest in digests.items():
        reduced = PathDays()
        # A kind from a newer version is not this one's to read: skipped.
        reduced.last = {
            kinds[kind]: cached.get(at[:key_length]) or days(at)
            for kind, at in digest.last.items()
            if kind in kinds
        }
        if digest.first:
            reduced.first = {kinds[kind]: days(at) for kind, at in digest.first.items()}
        if digest.sequence:
            reduced.sequence = [
                (cached.get(at[:key_length]) or days(at), kinds[kind])
                for kind, at in digest.sequence
            ]
        if digest.check_ins:
            reduced.check_ins = [
                Mark(check_in, days(at), False, month, None if still is None else still == 1)
                for at, month, still in digest.check_ins
            ]
        for kind, at, month, still in digest.planned:
            if kind in kinds:
                reduced.planned.append(
                    Mark(kinds[kind], days(at), True, month, None if still is None else still == 1)
                )
        paths[person] = SituationPath(reduced)
    for person, (records, counsellor_ids) in read_records(db, days).items():
        path = paths.get(person)
        if path is None:
            path = paths[person] = SituationPath()
        path.actions = records.actions
        path.counsellor_ids = counsellor_ids
        for mark in recorded_marks(records, today):
            path.days.add(mark)
    return paths
