"""The point de situation: alerts and delays counted in each territory's calendar, across
its time zone and both daylight-saving changes of Europe/Paris; stage and next step; the
summary figures."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.parcours import ActionFacts, Mark, RecordedKind, marks_of_events
from spie_desktop.domain.plan import ActionStatus
from spie_desktop.domain.situation import AlertKind, Stage, situation_of, stage_of
from spie_desktop.domain.situation_summary import milestones_of, summarise

K = FollowUpKind
A = AlertKind
PERSON = uuid.uuid4()


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def marks(zone: str, *events: tuple[FollowUpKind, str, dict[str, Any]]) -> list[Mark]:
    return marks_of_events(
        [
            FollowUpEvent(person_id=PERSON, kind=k, occurred_at=utc(at), details=d)
            for k, at, d in events
        ],
        zone,
    )


def action(due: date, status: ActionStatus = ActionStatus.IN_PROGRESS) -> ActionFacts:
    return ActionFacts(
        uuid.uuid4(), "Atelier CV", status, start_date=date(2026, 1, 5), due_date=due
    )


# (zone, events, actions, now (UTC), expected alerts as (kind, days))
CASES: list[
    tuple[
        str,
        list[tuple[FollowUpKind, str, dict[str, Any]]],
        list[ActionFacts],
        str,
        list[tuple[AlertKind, int]],
    ]
] = [
    # Guyane: oriented at 23:30 on 1 March (02:30 UTC on the 2nd); 30 days is still within.
    ("America/Cayenne", [(K.ORIENTATION, "2026-03-02T02:30", {})], [], "2026-04-01T02:30", []),
    (
        "America/Cayenne",
        [(K.ORIENTATION, "2026-03-02T02:30", {})],
        [],
        "2026-04-01T03:30",
        [(A.NOT_SEEN, 31)],
    ),
    # The same instants in Paris: oriented on the 2nd, 30 days at that moment.
    ("Europe/Paris", [(K.ORIENTATION, "2026-03-02T02:30", {})], [], "2026-04-01T03:30", []),
    # Seen after orientation: no "not seen".
    (
        "America/Cayenne",
        [(K.ORIENTATION, "2026-03-02T02:30", {}), (K.FIRST_CONTACT, "2026-03-20T12:00", {})],
        [],
        "2026-04-10T12:00",
        [],
    ),
    # Réunion (UTC+4): a contact at 00:30 on 1 June is 20:30 UTC on 31 May.
    ("Indian/Reunion", [(K.CONTACT, "2026-05-31T20:30", {})], [], "2026-07-15T19:00", []),
    (
        "Indian/Reunion",
        [(K.CONTACT, "2026-05-31T20:30", {})],
        [],
        "2026-07-15T20:30",
        [(A.NO_CONTACT, 45)],
    ),
    # Mayotte (UTC+3).
    ("Indian/Mayotte", [(K.CONTACT, "2026-05-31T21:30", {})], [], "2026-07-15T20:30", []),
    (
        "Indian/Mayotte",
        [(K.CONTACT, "2026-05-31T21:30", {})],
        [],
        "2026-07-15T21:30",
        [(A.NO_CONTACT, 45)],
    ),
    # Paris, spring forward on 29 March: contact at 00:30 on 13 February (UTC+1), 45 days
    # later is 30 March, 00:30 in summer time (UTC+2).
    ("Europe/Paris", [(K.CONTACT, "2026-02-12T23:30", {})], [], "2026-03-29T21:30", []),
    (
        "Europe/Paris",
        [(K.CONTACT, "2026-02-12T23:30", {})],
        [],
        "2026-03-29T22:30",
        [(A.NO_CONTACT, 45)],
    ),
    # Paris, fall back on 25 October: contact at 00:30 on 11 September (UTC+2), 45 days
    # later is 26 October, 00:30 in winter time (UTC+1).
    ("Europe/Paris", [(K.CONTACT, "2026-09-10T22:30", {})], [], "2026-10-25T22:30", []),
    (
        "Europe/Paris",
        [(K.CONTACT, "2026-09-10T22:30", {})],
        [],
        "2026-10-25T23:30",
        [(A.NO_CONTACT, 45)],
    ),
    # A missed appointment is not a contact.
    (
        "Europe/Paris",
        [(K.CONTACT, "2026-09-10T10:00", {}), (K.MISSED_APPOINTMENT, "2026-10-01T10:00", {})],
        [],
        "2026-10-26T10:00",
        [(A.NO_CONTACT, 46)],
    ),
    # Martinique (UTC−4): immersion ended at 23:30 on 31 May; more than 30 days waiting.
    (
        "America/Martinique",
        [
            (K.CONTACT, "2026-06-20T12:00", {}),
            (K.IMMERSION_START, "2026-05-20T12:00", {}),
            (K.IMMERSION_END, "2026-06-01T03:30", {}),
        ],
        [],
        "2026-07-01T03:30",
        [],
    ),
    (
        "America/Martinique",
        [
            (K.CONTACT, "2026-06-20T12:00", {}),
            (K.IMMERSION_START, "2026-05-20T12:00", {}),
            (K.IMMERSION_END, "2026-06-01T03:30", {}),
        ],
        [],
        "2026-07-01T04:30",
        [(A.GAP_BETWEEN_STEPS, 31)],
    ),
    # ...not when a training started since.
    (
        "America/Martinique",
        [
            (K.CONTACT, "2026-06-20T12:00", {}),
            (K.IMMERSION_END, "2026-06-01T03:30", {}),
            (K.TRAINING_START, "2026-06-25T12:00", {}),
        ],
        [],
        "2026-07-20T12:00",
        [],
    ),
    # ...nor while an action is under way.
    (
        "America/Martinique",
        [(K.CONTACT, "2026-06-20T12:00", {}), (K.IMMERSION_END, "2026-06-01T03:30", {})],
        [action(date(2026, 12, 1))],
        "2026-07-20T12:00",
        [],
    ),
    # Guadeloupe (UTC−4): an action due on 1 June is overdue by 15 days on 16 June.
    (
        "America/Guadeloupe",
        [(K.CONTACT, "2026-06-10T12:00", {})],
        [action(date(2026, 6, 1))],
        "2026-06-16T03:30",
        [],
    ),
    (
        "America/Guadeloupe",
        [(K.CONTACT, "2026-06-10T12:00", {})],
        [action(date(2026, 6, 1))],
        "2026-06-16T04:30",
        [(A.ACTION_OVERDUE, 15)],
    ),
    (
        "America/Guadeloupe",
        [(K.CONTACT, "2026-06-10T12:00", {})],
        [action(date(2026, 6, 1), ActionStatus.DONE)],
        "2026-07-16T04:30",
        [],
    ),
    # Guyane: back in work at 23:30 on 30 January; the 1-month check-in is due 28 February.
    (
        "America/Cayenne",
        [(K.CONTACT, "2026-01-30T12:00", {}), (K.EMPLOYMENT, "2026-01-31T02:30", {})],
        [],
        "2026-02-28T02:30",
        [],
    ),
    (
        "America/Cayenne",
        [(K.CONTACT, "2026-01-30T12:00", {}), (K.EMPLOYMENT, "2026-01-31T02:30", {})],
        [],
        "2026-02-28T03:30",
        [(A.CHECK_IN_DUE, 0)],
    ),
    # Cleared by the 1-month check-in.
    (
        "America/Cayenne",
        [
            (K.EMPLOYMENT, "2026-01-31T02:30", {}),
            (K.CHECK_IN, "2026-03-02T12:00", {"month": 1, "still_in_work": True}),
        ],
        [],
        "2026-03-10T12:00",
        [],
    ),
    # Support ended: no alert at all.
    (
        "Europe/Paris",
        [(K.ORIENTATION, "2026-01-02T10:00", {}), (K.END_OF_SUPPORT, "2026-01-03T10:00", {})],
        [action(date(2026, 1, 10))],
        "2026-10-01T10:00",
        [],
    ),
]


@pytest.mark.parametrize(("zone", "events", "actions", "now", "expected"), CASES)
def test_alerts_are_counted_in_the_territory_s_days(
    zone: str,
    events: list[tuple[FollowUpKind, str, dict[str, Any]]],
    actions: list[ActionFacts],
    now: str,
    expected: list[tuple[AlertKind, int]],
) -> None:
    today = local_day(utc(now), zone)
    situation = situation_of(marks(zone, *events), actions, AlertRules(), today)
    assert [(a.kind, a.days) for a in situation.alerts] == expected
    for alert in situation.alerts:
        assert alert.text and alert.what_to_do


def test_a_territory_s_own_thresholds_are_used() -> None:
    contact = marks("Europe/Paris", (K.CONTACT, "2026-09-01T10:00", {}))
    situation = situation_of(contact, [], AlertRules(no_contact_days=10), date(2026, 9, 11))
    assert [(a.kind, a.days) for a in situation.alerts] == [(A.NO_CONTACT, 10)]


@pytest.mark.parametrize(
    ("path", "stage"),
    [
        ([], Stage.ORIENTED),
        ([Mark(K.ORIENTATION, date(2026, 1, 1))], Stage.ORIENTED),
        ([Mark(RecordedKind.DIAGNOSTIC_DONE, date(2026, 1, 1))], Stage.DIAGNOSTIC),
        ([Mark(RecordedKind.PLAN_SIGNED, date(2026, 1, 1))], Stage.PLAN_SIGNED),
        (
            [
                Mark(RecordedKind.ACTION_STARTED, date(2026, 1, 1), planned=True),
                Mark(RecordedKind.PLAN_SIGNED, date(2026, 1, 1)),
            ],
            Stage.PLAN_SIGNED,
        ),
        ([Mark(K.IMMERSION_START, date(2026, 1, 1))], Stage.IN_ACTION),
        ([Mark(K.EMPLOYMENT, date(2026, 1, 1))], Stage.IN_WORK),
        (
            [
                Mark(K.EMPLOYMENT, date(2026, 1, 1)),
                Mark(K.CHECK_IN, date(2026, 2, 1), month=1, still_in_work=False),
            ],
            Stage.IN_ACTION,
        ),
        (
            [Mark(K.EMPLOYMENT, date(2026, 1, 1)), Mark(K.END_OF_SUPPORT, date(2026, 2, 1))],
            Stage.ENDED,
        ),
    ],
)
def test_the_stage_is_the_furthest_reached(path: list[Mark], stage: Stage) -> None:
    assert stage_of(path) is stage


def test_last_contact_next_step_and_waiting_days() -> None:
    path = [
        Mark(K.ORIENTATION, date(2026, 9, 1)),
        Mark(RecordedKind.DIAGNOSTIC_DONE, date(2026, 9, 10)),
        Mark(K.MISSED_APPOINTMENT, date(2026, 10, 1)),
        Mark(K.CONTACT, date(2026, 12, 20), planned=True),
    ]
    actions = [action(date(2026, 12, 15)), action(date(2026, 11, 1), ActionStatus.DONE)]
    situation = situation_of(path, actions, AlertRules(), date(2026, 12, 5))
    assert situation.last_contact == date(2026, 9, 10)
    assert situation.days_waiting == 65  # since the missed appointment
    assert situation.days_without_contact == 86
    assert situation.next_step is not None
    assert (situation.next_step.label, situation.next_step.day) == (
        "Échéance : Atelier CV",
        date(2026, 12, 15),
    )


def test_the_summary_counts_medians_and_trend() -> None:
    today = date(2026, 12, 5)
    paths = [
        [
            Mark(K.ORIENTATION, date(2026, 10, 1)),
            Mark(RecordedKind.DIAGNOSTIC_DONE, date(2026, 10, 11)),
            Mark(RecordedKind.ACTION_STARTED, date(2026, 10, 21)),
            Mark(RecordedKind.ACTION_DONE, date(2026, 11, 1)),
            Mark(K.TRAINING_START, date(2026, 11, 5)),
        ],
        [
            Mark(K.ORIENTATION, date(2026, 11, 1)),
            Mark(RecordedKind.DIAGNOSTIC_DONE, date(2026, 11, 21)),
        ],
        [Mark(K.ORIENTATION, date(2026, 8, 1))],  # never seen: 126 days
        [Mark(K.CONTACT, date(2026, 10, 1)), Mark(K.END_OF_SUPPORT, date(2026, 10, 2))],
    ]
    situations = [situation_of(p, [], AlertRules(), today) for p in paths]
    summary = summarise(situations, [milestones_of(p) for p in paths], today)
    assert summary.people == 4
    assert summary.without_contact == {30: 2, 60: 1, 90: 1}  # 55 and 126 days
    assert summary.median_orientation_to_diagnostic == 15.0
    assert summary.median_diagnostic_to_first_action == 10.0
    assert summary.median_between_steps == 4.0
    october = next(t for t in summary.trend if t.month == date(2026, 10, 1))
    assert (october.oriented, october.diagnosed, october.first_actions) == (1, 1, 1)
    assert len(summary.trend) == 12 and summary.trend[-1].month == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("done_day", "next_day"),
    [
        (None, date(2026, 12, 10)),  # not done yet: the planned contact is next
        (date(2026, 12, 10), None),  # done on its day
        (date(2026, 12, 3), None),  # brought forward by a week at most
        (date(2026, 12, 2), date(2026, 12, 10)),  # a contact long before is another one
    ],
)
def test_a_planned_step_stops_being_next_once_done(
    done_day: date | None, next_day: date | None
) -> None:
    path = [Mark(K.CONTACT, date(2026, 12, 10), planned=True)]
    if done_day is not None:
        path.append(Mark(K.CONTACT, done_day))
    situation = situation_of(path, [], AlertRules(), date(2026, 12, 11))
    assert (situation.next_step.day if situation.next_step else None) == next_day


@pytest.mark.parametrize(
    ("steps", "stage"),
    [
        ([(K.CONTACT, 1), (K.END_OF_SUPPORT, 2)], Stage.ENDED),
        ([(K.CONTACT, 1), (K.END_OF_SUPPORT, 2), (K.SUPPORT_REOPENED, 9)], Stage.ORIENTED),
        # Reopened the day it ended: the reopening comes after.
        (
            [(K.CONTACT, 1), (K.TRAINING_START, 1), (K.END_OF_SUPPORT, 5), (K.SUPPORT_REOPENED, 5)],
            Stage.IN_ACTION,
        ),
        # Ended again after a reopening.
        (
            [(K.END_OF_SUPPORT, 2), (K.SUPPORT_REOPENED, 3), (K.END_OF_SUPPORT, 8)],
            Stage.ENDED,
        ),
    ],
)
def test_an_end_of_support_ends_the_path_until_a_reopening(
    steps: list[tuple[FollowUpKind, int]], stage: Stage
) -> None:
    path = [Mark(kind, date(2026, 3, day)) for kind, day in steps]
    assert stage_of(path) is stage
    situation = situation_of(path, [], AlertRules(), date(2026, 9, 1))
    # Alerts stop with the support and come back with it (no contact since March).
    assert (situation.alerts == ()) is (stage is Stage.ENDED)
