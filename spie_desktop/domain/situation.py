"""The point de situation for one person: stage, last contact, next step, waiting, alerts.

Everything is counted in days of the territory's calendar from the person's marks (see
:mod:`.parcours`). Thresholds come from :class:`~.alert_rules.AlertRules`; the boundary of
each alert is in :func:`alerts_for`. A person whose support ended gets no alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .alert_rules import AlertRules
from .events import FollowUpKind
from .local_calendar import days_between
from .parcours import (
    CONTACT_KINDS,
    END_KINDS,
    ENDED_ACTION,
    START_KINDS,
    ActionFacts,
    Mark,
    RecordedKind,
    pending_check_ins,
    sort_key,
    step_label,
)
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


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    #: How many days: since orientation, since the last contact, overdue, waiting.
    days: int
    #: What the alert says, in French, with its figures.
    text: str
    #: What to do about it, in French.
    what_to_do: str


@dataclass(frozen=True, slots=True)
class NextStep:
    label: str
    day: date


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


def stage_of(marks: Sequence[Mark]) -> Stage:
    """The furthest stage reached. A return to work counts until a later check-in says the
    person is no longer in work; an end of support ends everything."""
    done = [m for m in marks if not m.planned]
    kinds = {m.kind for m in done}
    if FollowUpKind.END_OF_SUPPORT in kinds:
        return Stage.ENDED
    work = [m.day for m in done if m.kind is FollowUpKind.EMPLOYMENT]
    if work:
        start = max(work)
        later = sorted(
            (m for m in done if m.kind is FollowUpKind.CHECK_IN and m.day >= start), key=sort_key
        )
        if not later or later[-1].still_in_work is not False:
            return Stage.IN_WORK
        return Stage.IN_ACTION
    if kinds & {
        RecordedKind.ACTION_STARTED,
        FollowUpKind.STEP_START,
        FollowUpKind.IMMERSION_START,
        FollowUpKind.TRAINING_START,
    }:
        return Stage.IN_ACTION
    if RecordedKind.PLAN_SIGNED in kinds:
        return Stage.PLAN_SIGNED
    if RecordedKind.DIAGNOSTIC_DONE in kinds:
        return Stage.DIAGNOSTIC
    return Stage.ORIENTED


def situation_of(
    marks: Sequence[Mark],
    actions: Sequence[ActionFacts],
    rules: AlertRules,
    today: date,
) -> PersonSituation:
    """The person's line from their marks (events and recorded steps) and the actions of
    their newest signed plan."""
    done = sorted((m for m in marks if not m.planned), key=sort_key)
    stage = stage_of(marks)
    contacts = [m.day for m in done if m.kind in CONTACT_KINDS]
    last_contact = max(contacts) if contacts else None
    orientation = min((m.day for m in done if m.kind is FollowUpKind.ORIENTATION), default=None)
    since = last_contact if last_contact is not None else orientation
    without = days_between(since, today) if since is not None else None
    waiting = days_between(done[-1].day, today) if done else None
    alerts = () if stage is Stage.ENDED else alerts_for(marks, actions, rules, today)
    return PersonSituation(
        stage=stage,
        last_contact=last_contact,
        next_step=None if stage is Stage.ENDED else next_step_of(marks, actions),
        days_waiting=waiting,
        alerts=alerts,
        days_without_contact=without,
    )


def next_step_of(marks: Sequence[Mark], actions: Sequence[ActionFacts]) -> NextStep | None:
    """The earliest of: a planned step, the due date of an action not over, a check-in
    still to do (an overdue one comes first: it is the most pressing)."""
    candidates = [NextStep(step_label(m.kind), m.day) for m in marks if m.planned]
    candidates += [
        NextStep(f"Échéance : {a.label}", a.due_date)
        for a in actions
        if a.due_date is not None and a.status not in ENDED_ACTION
    ]
    candidates += [
        NextStep(f"Suivi dans l'emploi à {c.month} mois", c.due) for c in pending_check_ins(marks)
    ]
    return min(candidates, key=lambda c: c.day, default=None)


def alerts_for(
    marks: Sequence[Mark],
    actions: Sequence[ActionFacts],
    rules: AlertRules,
    today: date,
) -> tuple[Alert, ...]:
    """The alerts, with their boundaries:

    - not seen: oriented more than N days ago and no contact since the orientation;
    - no contact: the last contact was N days ago or more (only once someone was seen:
      before that, "not seen" speaks);
    - action overdue: an action not over whose due date passed N days ago or more;
    - gap: the last end of a step was more than N days ago, nothing started since and no
      action is under way;
    - check-in due: a 1, 3 or 6-month check-in after a return to work whose day has come.
    """
    done = [m for m in marks if not m.planned]
    alerts: list[Alert] = []
    orientation = max((m.day for m in done if m.kind is FollowUpKind.ORIENTATION), default=None)
    contacts = [m.day for m in done if m.kind in CONTACT_KINDS]
    last_contact = max(contacts) if contacts else None
    if orientation is not None and (last_contact is None or last_contact < orientation):
        days = days_between(orientation, today)
        if days > rules.not_seen_after_orientation_days:
            alerts.append(
                Alert(
                    AlertKind.NOT_SEEN,
                    days,
                    f"Orientée il y a {days} jours, pas encore reçue.",
                    "Appeler la personne et fixer un premier rendez-vous.",
                )
            )
    elif last_contact is not None:
        days = days_between(last_contact, today)
        if days >= rules.no_contact_days:
            alerts.append(
                Alert(
                    AlertKind.NO_CONTACT,
                    days,
                    f"Aucun contact depuis {days} jours.",
                    "Reprendre contact (appel, message ou rendez-vous).",
                )
            )
    alerts += _overdue(actions, rules, today)
    alerts += _gap(done, actions, rules, today)
    for due in pending_check_ins(marks):
        if due.due <= today:
            days = days_between(due.due, today)
            alerts.append(
                Alert(
                    AlertKind.CHECK_IN_DUE,
                    days,
                    f"Suivi à {due.month} mois après le retour à l'emploi, prévu le "
                    f"{due.due:%d/%m/%Y}.",
                    "Faire le point avec la personne : toujours en emploi ? difficultés ?",
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
                    f"« {action.label} » devait être réalisée le {action.due_date:%d/%m/%Y}.",
                    "Faire le point sur cette action : la relancer, la replanifier ou la clore.",
                )
            )
    return alerts


def _gap(
    done: Sequence[Mark], actions: Sequence[ActionFacts], rules: AlertRules, today: date
) -> list[Alert]:
    ends = [m.day for m in done if m.kind in END_KINDS]
    if not ends:
        return []
    last_end = max(ends)
    if any(m.kind in START_KINDS and m.day >= last_end for m in done):
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
            f"Rien n'a commencé depuis la fin d'une étape le {last_end:%d/%m/%Y}.",
            "Proposer la prochaine étape (immersion, formation, action du plan).",
        )
    ]


def _under_way(action: ActionFacts, today: date) -> bool:
    """In progress, or planned with its start date come (as the plan itself reads it)."""
    if action.status is ActionStatus.IN_PROGRESS:
        return True
    start = action.start_date
    return action.status is ActionStatus.PLANNED and start is not None and start <= today
