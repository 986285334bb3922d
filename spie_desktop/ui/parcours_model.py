"""View-model of the parcours on a person's file: the steps, the alerts, the in-work
check-ins to do, and the two writes (an event, a check-in).

Read on the database lane with the file; a write announces ``Change.TIMELINE`` (and
``Change.PLAN`` for a check-in, whose new action may go into the plan), so the point de
situation and the status bar follow.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.services.changes import Change, changes

from .i18n import format_date, tr, tr_said
from .parcours_texts import details_text, wait_text

if TYPE_CHECKING:
    from spie_desktop.services.check_ins import CheckIn
    from spie_desktop.services.device import Session
    from spie_desktop.services.person_parcours import PersonParcours

    from .window_context import WindowContext

OnRefused = Callable[[str, str | None], None]  # French message, the field it is about
OnSaved = Callable[[], None]


@dataclass(frozen=True)
class TimelineLine:
    """A line of the vertical timeline: a step, or the waiting time before it."""

    day: str
    label: str
    detail: str = ""
    planned: bool = False
    gap: bool = False  # a "— 34 jours —" line


class ParcoursModel(QObject):
    changed = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id: uuid.UUID | None = None
        self.parcours: PersonParcours | None = None
        self.error = ""
        self.saving = False

    # -- reading ------------------------------------------------------------------------------

    def open(self, person_id: uuid.UUID) -> None:
        if person_id != self.person_id:
            self.parcours = None
        self.person_id = person_id
        self.reload()

    def reload(self) -> None:
        from spie_desktop.services.person_parcours import read_parcours

        person_id = self.person_id
        if person_id is None:
            return

        def read(s: Session) -> PersonParcours:
            return read_parcours(s, person_id)

        self.context.query(read, self._on_read, self._on_failed, owner=self)

    def clear(self) -> None:
        self.parcours, self.error, self.saving = None, "", False
        self.changed.emit()

    def _on_read(self, parcours: PersonParcours) -> None:
        if parcours.person_id == self.person_id:
            self.parcours, self.error = parcours, ""
            self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.error = message
        self.changed.emit()

    # -- what the file shows ------------------------------------------------------------------

    @property
    def today(self) -> date | None:
        return self.parcours.today if self.parcours else None

    def lines(self) -> list[TimelineLine]:
        if self.parcours is None:
            return []
        out: list[TimelineLine] = []
        for step in self.parcours.steps:
            if step.wait_days is not None:
                out.append(TimelineLine("", wait_text(step.wait_days), gap=True))
            detail = " · ".join(t for t in (details_text(step.details), step.note) if t)
            label = tr_said(step.said)
            if step.planned:
                label = tr("{label} (prévu)", label=label)
            out.append(TimelineLine(format_date(step.day), label, detail, step.planned))
        return out

    def alerts(self) -> list[tuple[str, str]]:
        """(what the alert says, what to do)."""
        if self.parcours is None:
            return []
        return [(tr_said(a.said), tr_said(a.to_do)) for a in self.parcours.alerts]

    def check_ins(self) -> list[tuple[int, str, bool]]:
        """(month, French line, due now) of the check-ins still to do."""
        if self.parcours is None:
            return []
        today = self.parcours.today
        lines = []
        for c in self.parcours.check_ins:
            due = c.due <= today
            text = tr(
                "Suivi dans l'emploi à {n} mois : {state} le {day}",
                n=c.month,
                state=tr("à faire depuis") if due else tr("prévu"),
                day=format_date(c.due),
            )
            lines.append((c.month, text, due))
        return lines

    # -- writes -------------------------------------------------------------------------------

    def add_event(
        self,
        kind: FollowUpKind,
        day: date,
        note: str,
        details: Mapping[str, Any],
        on_saved: OnSaved,
        on_refused: OnRefused,
    ) -> bool:
        from spie_desktop.services.timeline import TimelineService

        person_id = self.person_id
        if person_id is None or self.saving:
            return False
        kept = dict(details)

        def write(s: Session) -> object:
            return TimelineService(s).add_event(person_id, kind, day, note=note, details=kept)

        return self._write(write, changes(Change.TIMELINE), on_saved, on_refused)

    def record_check_in(
        self, day: date, check_in: CheckIn, on_saved: OnSaved, on_refused: OnRefused
    ) -> bool:
        from spie_desktop.services.check_ins import record_check_in

        person_id = self.person_id
        if person_id is None or self.saving:
            return False

        def write(s: Session) -> object:
            return record_check_in(s, person_id, day, check_in)

        return self._write(write, changes(Change.TIMELINE, Change.PLAN), on_saved, on_refused)

    def _write(
        self,
        work: Callable[[Session], object],
        announced: frozenset[Change],
        on_saved: OnSaved,
        on_refused: OnRefused,
    ) -> bool:
        def done(_result: object) -> None:
            self.saving = False
            on_saved()

        def failed(message: str, exc: BaseException) -> None:
            self.saving = False
            on_refused(message, getattr(exc, "field", None))

        started = self.context.change(work, announced, done, failed, owner=self)
        self.saving = started is not None
        return self.saving
