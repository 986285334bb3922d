"""The point de situation for one person: stage, last contact, next step, waiting, alerts.

Everything is counted in days of the territory's calendar from the person's marks (see
:mod:`.parcours`). Thresholds come from :class:`~.alert_rules.AlertRules`; the boundary of
each alert is in :func:`alerts_for`. A person whose support ended gets no alert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .alert_rules import AlertRules
from .events import FollowUpKind
from .interface_sentence import Sentence, say, verbatim
from .local_calendar import days_between
from .parcours import (
    ENDED_ACTION,
    ActionFacts,
    CheckInDue,
    Mark,
    RecordedKind,
    sort_key,
    step_label,
)
from .path_scan import PathScan
from .plan import ActionStatus


class Stage(StrEnum):
    ORIENTED = "oriented"
    DIAGNOSTIC = "diagnostic"
    PLAN_SIGNED = "plan_signed"
    IN_ACTION = "in_action"
    IN_WORK = "in_work"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.ORIENTED: "Orientée",
    Stage.DIAGNOSTIC: "Diagnostic réalisé",
    Stage.PLAN_SIGNED: "Plan signé",
    Stage.IN_ACTION: "En action",
    Stage.IN_WORK: "En emploi",
    Stage.ENDED: "Accompagnement terminé",
}


class AlertKind(StrEnum):
    NOT_SEEN = "not_seen"
    NO_CONTACT = "no_contact"
    ACTION_OVERDUE = "action_overdue"
    GAP_BETWEEN_STEPS = "gap_between_steps"
    CHECK_IN_DUE = "check_in_due"

    @property
    def label(self) -> str:
        return ALERT_LABELS[self]


ALERT_LABELS = {
    AlertKind.NOT_SEEN: "Orientée, pas encore reçue",
    AlertKind.NO_CONTACT: "Sans contact",
    AlertKind.ACTION_OVERDUE: "Action en retard",
    AlertKind.GAP_BETWEEN_STEPS: "En attente entre deux étapes",
    AlertKind.CHECK_IN_DUE: "Suivi dans l'emploi à faire",
}


#: What to do about each alert (the same sentence for everyone: made once).
_CALL_THEM = say("Appeler la personne et fixer un premier rendez-vous.")
_GET_BACK_IN_TOUCH = say("Reprendre contact (appel, message ou rendez-vous).")
_CHECK_IN_WITH_THEM = say("Faire le point avec la personne : toujours en emploi ? difficultés ?")
_REVIEW_THE_ACTION = say(
    "Faire le point sur cette action : la relancer, la replanifier ou la clore."
)
_PROPOSE_NEXT_STEP = say("Proposer la prochaine étape (immersion, formation, action du plan).")


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    #: How many days: since orientation, since the last contact, overdue, waiting.
    days: int
    #: What the alert says, with its figures.
    said: Sentence
    #: What to do about it.
    to_do: Sentence

    @property
    def text(self) -> str:
        """What the alert says, in French."""
        return self.said.french

    @property
    def what_to_do(self) -> str:
        """What to do about it, in French."""
        return self.to_do.french


@dataclass(frozen=True, slots=True)
class NextStep:
    said: Sentence
    day: date

    @property
    def label(self) -> str:
        return self.said.french


@dataclass(frozen=True, slots=True)
class PersonSituation:
    """A person's line of the point de situation (without who they are: the service joins
    the name, structure and counsellors)."""

    stage: Stage
    last_contact: date | None
    next_step: NextStep | None
    #: Days since the last step that happened (``None`` when nothing happened yet).
    days_waiting: int | None
    alerts: tuple[Alert, ...]
    #: Days since the last contact, else since orientation (the 30/60/90 counts).
    days_without_contact: int | None


_ACTING = frozenset(
    {
        RecordedKind.ACTION_STARTED,
        FollowUpKind.STEP_START,
        FollowUpKind.IMMERSION_START,
        FollowUpKind.TRAINING_START,
    }
)


def stage_of(marks: Iterable[Mark] | PathScan) -> Stage:
    """The furthest stage reached: the one stage every screen shows (the people list, the
    file, the point de situation). A return to work counts until a later check-in says the
    person is no longer in work; an end of support ends everything until a reopening."""
    scan = marks if isinstance(marks, PathScan) else PathScan(marks)
    kinds = scan.kinds
    if FollowUpKind.END_OF_SUPPORT in kinds and support_ended(scan):
        return Stage.ENDED
    if scan.last_employment is not None:
        start = scan.last_employment
        later = [m for m in scan.check_ins if m.day >= start]
        if not later or max(later, key=sort_key).still_in_work is not False:
            return Stage.IN_WORK
        return Stage.IN_ACTION
    if not _ACTING.isdisjoint(kinds):
        return Stage.IN_ACTION
    if RecordedKind.PLAN_SIGNED in kinds:
        return Stage.PLAN_SIGNED
    if RecordedKind.DIAGNOSTIC_DONE in kinds:
        return Stage.DIAGNOSTIC
    return Stage.ORIENTED


def support_ended(scan: PathScan) -> bool:
    """An end of support not followed by a reopening (a reopening recorded the same day
    as the end comes after it)."""
    if FollowUpKind.END_OF_SUPPORT not in scan.kinds:
        return False
    if FollowUpKind.SUPPORT_REOPENED not in scan.kinds:
        return True
    ended = max(d for d, k in scan.done_days if k is FollowUpKind.END_OF_SUPPORT)
    reopened = max(d for d, k in scan.done_days if k is FollowUpKind.SUPPORT_REOPENED)
    return ended > reopened


def with_file_contact(marks: list[Mark], last_contact: date | None) -> list[Mark]:
    """The marks, plus the file's own "last contact" (typed before the timeline existed)
    counted as a contact, as the point de situation counts it."""
    if last_contact is None:
        return marks
    return [*marks, Mark(FollowUpKind.CONTACT, last_contact)]


def situation_of(
    marks: Iterable[Mark] | PathScan,
    actions: Sequence[ActionFacts],
    rules: AlertRules,
    today: date,
) -> PersonSituation:
    """The person's line from their marks (events and recorded steps) and the actions of
    their newest signed plan."""
    scan = marks if isinstance(marks, PathScan) else PathScan(marks)
    stage = stage_of(scan)
    since = scan.last_contact if scan.last_contact is not None else scan.last_orientation
    next_step: NextStep | None = None
    alerts: tuple[Alert, ...] = ()
    if stage is not Stage.ENDED:  # the check-ins still to do, worked out once for both
        pending = scan.pending_check_ins()
        next_step = _next_step(scan, actions, pending)
        alerts = _alerts(scan, actions, rules, today, pending)
    return PersonSituation(
        stage=stage,
        last_contact=scan.last_contact,
        next_step=next_step,
        days_waiting=None if scan.last_done is None else days_between(scan.last_done, today),
        alerts=alerts,
        days_without_contact=None if since is None else days_between(since, today),
    )


def next_step_of(
    marks: Iterable[Mark] | PathScan, actions: Sequence[ActionFacts]
) -> NextStep | None:
    """The earliest of: a planned step, the due date of an action not over, a check-in
    still to do (an overdue one comes first: it is the most pressing)."""
    scan = marks if isinstance(marks, PathScan) else PathScan(marks)
    return _next_step(scan, actions, scan.pending_check_ins())


def _next_step(
    scan: PathScan, actions: Sequence[ActionFacts], pending: list[CheckInDue]
) -> NextStep | None:
    best: tuple[date, Sentence] | None = None
    for mark in scan.pending_planned():
        if best is None or mark.day < best[0]:
            best = (mark.day, verbatim(step_label(mark.kind)))
    for action in actions:
        due = action.due_date
        if (
            due is not None
            and action.status not in ENDED_ACTION
            and (best is None or due < best[0])
        ):
            best = (due, say("Échéance : {action}", action=action.label))
    for check_in in pending:
        if best is None or check_in.due < best[0]:
            best = (check_in.due, say("Suivi dans l'emploi à {n} mois", n=check_in.month))
    return None if best is None else NextStep(best[1], best[0])


def alerts_for(
    marks: Iterable[Mark] | PathScan,
    actions: Sequence[ActionFacts],
    rules: AlertRules,
    today: date,
) -> tuple[Alert, ...]:
    """The alerts, with their boundaries:

    - not seen: oriented (the latest orientation) more than N days ago and no contact
      since;
    - no contact: the last contact was N days ago or more (only once someone was seen
      since the orientation: before that, "not seen" speaks);
    - action overdue: an action not over whose due date passed N days ago or more;
    - gap: the last end of a step was more than N days ago, nothing started since and no
      action is under way;
    - check-in due: a 1, 3 or 6-month check-in after a return to work whose day has come.
    """
    scan = marks if isinstance(marks, PathScan) else PathScan(marks)
    return _alerts(scan, actions, rules, today, scan.pending_check_ins())


def _alerts(
    scan: PathScan,
    actions: Sequence[ActionFacts],
    rules: AlertRules,
    today: date,
    pending: list[CheckInDue],
) -> tuple[Alert, ...]:
    alerts: list[Alert] = []
    orientation, last_contact = scan.last_orientation, scan.last_contact
    if orientation is not None and (last_contact is None or last_contact < orientation):
        days = days_between(orientation, today)
        if days > rules.not_seen_after_orientation_days:
            alerts.append(
                Alert(
                    AlertKind.NOT_SEEN,
                    days,
                    say("Orientée il y a {n} jours, pas encore reçue.", n=days),
                    _CALL_THEM,
                )
            )
    elif last_contact is not None:
        days = days_between(last_contact, today)
        if days >= rules.no_contact_days:
            alerts.append(
                Alert(
                    AlertKind.NO_CONTACT,
                    days,
                    say("Aucun contact depuis {n} jours.", n=days),
                    _GET_BACK_IN_TOUCH,
                )
            )
    if actions:
        alerts += _overdue(actions, rules, today)
    if scan.last_end is not None:
        alerts += _gap(scan, actions, rules, today)
    for due in pending:
        if due.due <= today:
            alerts.append(
                Alert(
                    AlertKind.CHECK_IN_DUE,
                    days_between(due.due, today),
                    say(
                        "Suivi à {n} mois après le retour à l'emploi, prévu le {date}.",
                        n=due.month,
                        date=_fr(due.due),
                    ),
                    _CHECK_IN_WITH_THEM,
                )
            )
    return tuple(alerts)


def _overdue(actions: Sequence[ActionFacts], rules: AlertRules, today: date) -> list[Alert]:
    alerts = []
    for action in actions:
        if action.due_date is None or action.status in ENDED_ACTION:
            continue
        days = days_between(action.due_date, today)
        if days >= rules.action_overdue_days:
            alerts.append(
                Alert(
                    AlertKind.ACTION_OVERDUE,
                    days,
                    say(
                        "« {action} » devait être réalisée le {date}.",
                        action=action.label,
                        date=_fr(action.due_date),
                    ),
                    _REVIEW_THE_ACTION,
                )
            )
    return alerts


def _gap(
    scan: PathScan, actions: Sequence[ActionFacts], rules: AlertRules, today: date
) -> list[Alert]:
    last_end = scan.last_end
    if last_end is None or (scan.last_start is not None and scan.last_start >= last_end):
        return []
    if any(_under_way(a, today) for a in actions):
        return []
    days = days_between(last_end, today)
    if days <= rules.gap_between_steps_days:
        return []
    return [
        Alert(
            AlertKind.GAP_BETWEEN_STEPS,
            days,
            say("Rien n'a commencé depuis la fin d'une étape le {date}.", date=_fr(last_end)),
            _PROPOSE_NEXT_STEP,
        )
    ]


def _under_way(action: ActionFacts, today: date) -> bool:
    """In progress, or planned with its start date come (as the plan itself reads it)."""
    if action.status is ActionStatus.IN_PROGRESS:
        return True
    start = action.start_date
    return action.status is ActionStatus.PLANNED and start is not None and start <= today


def _fr(day: date) -> str:
    """jj/mm/aaaa (without strftime, which is slow in a loop over 10,000 people)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
