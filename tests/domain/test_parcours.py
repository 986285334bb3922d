"""A person's path: stored events and recorded steps in the local calendar, the rules for
adding an event, and the in-work check-ins."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.event_details import PLANNABLE_KINDS
from spie_desktop.domain.event_rules import check_new_event
from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.parcours import (
    ActionFacts,
    Mark,
    RecordedKind,
    RecordFacts,
    build_path,
    pending_check_ins,
    recorded_marks,
    sort_key,
)
from spie_desktop.domain.plan import ActionStatus

K = FollowUpKind
TODAY = date(2026, 12, 5)
PERSON = uuid.uuid4()


def event(kind: FollowUpKind, at: str, **details: Any) -> FollowUpEvent:
    return FollowUpEvent(
        person_id=PERSON,
        kind=kind,
        occurred_at=datetime.fromisoformat(at).replace(tzinfo=UTC),
        details=details,
    )


def test_every_kind_has_a_place_in_the_day_order() -> None:
    for kind in [*FollowUpKind, *RecordedKind]:
        sort_key(Mark(kind, TODAY))


def test_the_path_mixes_events_and_recorded_steps_with_waiting_days_in_cayenne() -> None:
    action = uuid.uuid4()
    records = RecordFacts(
        diagnostics=((uuid.uuid4(), date(2026, 3, 20)),),
        signed_plans=((uuid.uuid4(), 1, date(2026, 3, 20)),),
        actions=(
            ActionFacts(
                action,
                "Stage en boulangerie",
                ActionStatus.DONE,
                start_date=date(2026, 4, 1),
                due_date=date(2026, 4, 30),
                changed_day=date(2026, 5, 2),
            ),
        ),
    )
    events = [
        # 23:30 in Cayenne on 1 March (02:30 UTC on the 2nd).
        event(K.ORIENTATION, "2026-03-02T02:30"),
        event(K.FIRST_CONTACT, "2026-03-10T14:00"),
        event(K.CONTACT, "2027-01-10T14:00", planned=True, channel="meeting"),
    ]
    path = build_path(events, records, timezone="America/Cayenne", today=TODAY)
    assert [(s.kind, s.day, s.wait_days, s.planned) for s in path] == [
        (K.ORIENTATION, date(2026, 3, 1), None, False),
        (K.FIRST_CONTACT, date(2026, 3, 10), 9, False),
        (RecordedKind.DIAGNOSTIC_DONE, date(2026, 3, 20), 10, False),
        (RecordedKind.PLAN_SIGNED, date(2026, 3, 20), 0, False),
        (RecordedKind.ACTION_STARTED, date(2026, 4, 1), 12, False),
        (RecordedKind.ACTION_DONE, date(2026, 5, 2), 31, False),
        (K.CONTACT, date(2027, 1, 10), None, True),
    ]
    assert path[4].label == "Action commencée : Stage en boulangerie"
    assert path[4].recorded and path[4].record_id == action and path[4].event_id is None
    assert path[6].event_id == events[2].id and path[6].details["channel"] == "meeting"


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        # A start still to come is a planned step.
        (
            ActionFacts(uuid.UUID(int=1), "a", ActionStatus.PLANNED, start_date=date(2026, 12, 20)),
            [(RecordedKind.ACTION_STARTED, date(2026, 12, 20), True)],
        ),
        # Abandoned: on the day its status was recorded, never before its start.
        (
            ActionFacts(
                uuid.UUID(int=2),
                "a",
                ActionStatus.ABANDONED_BY_PERSON,
                start_date=date(2026, 10, 1),
                changed_day=date(2026, 9, 1),
            ),
            [
                (RecordedKind.ACTION_STARTED, date(2026, 10, 1), False),
                (RecordedKind.ACTION_ABANDONED, date(2026, 10, 1), False),
            ],
        ),
        (
            ActionFacts(
                uuid.UUID(int=3), "a", ActionStatus.CANCELLED_BY_STRUCTURE, changed_day=TODAY
            ),
            [(RecordedKind.ACTION_ABANDONED, TODAY, False)],
        ),
        # No date, not over: nothing happened yet.
        (ActionFacts(uuid.UUID(int=4), "a", ActionStatus.IN_PROGRESS), []),
    ],
)
def test_plan_actions_are_read_from_their_dates_and_statuses(
    action: ActionFacts, expected: list[tuple[RecordedKind, date, bool]]
) -> None:
    marks = recorded_marks(RecordFacts(actions=(action,)), TODAY)
    assert [(m.kind, m.day, m.planned) for m in marks] == expected


@pytest.mark.parametrize(
    ("kind", "day", "details", "recorded", "message"),
    [
        (
            K.IMMERSION_END,
            date(2026, 11, 2),
            {},
            [(K.IMMERSION_START, date(2026, 11, 3))],
            "ne peut pas précéder « Début d'immersion » (le 03/11/2026)",
        ),
        (
            K.TRAINING_END,
            date(2026, 1, 2),
            {},
            [(K.TRAINING_START, date(2026, 2, 1))],
            "ne peut pas précéder « Entrée en formation »",
        ),
        (K.CONTACT, date(2026, 12, 6), {}, [], "doit être marquée comme prévue"),
        (K.EMPLOYMENT, date(2026, 12, 6), {"planned": True}, [], "ne se planifie pas"),
        (K.ORIENTATION, date(2026, 1, 6), {"planned": True}, [], "ne se planifie pas"),
        (K.CONTACT, date(1980, 1, 1), {}, [], "trop ancienne"),
        (K.CONTACT, date(2026, 1, 1), {"channel": "pigeon"}, [], "Moyen de contact inconnu"),
        (K.EMPLOYMENT, date(2026, 1, 1), {"hours": 80}, [], "heures par semaine"),
        (K.CHECK_IN, date(2026, 1, 1), {"month": 2, "still_in_work": True}, [], "1, 3 ou 6"),
        (K.CHECK_IN, date(2026, 1, 1), {"month": 1}, [], "toujours en emploi"),
        (
            K.CHECK_IN,
            date(2026, 1, 1),
            {"month": 1, "still_in_work": True, "difficulties": ["weather"]},
            [],
            "Difficulté inconnue",
        ),
    ],
)
def test_an_event_breaking_a_rule_is_refused_in_french(
    kind: FollowUpKind,
    day: date,
    details: dict[str, Any],
    recorded: list[tuple[FollowUpKind, date]],
    message: str,
) -> None:
    with pytest.raises(ValidationError) as caught:
        check_new_event(kind, day, details, today=TODAY, recorded=recorded)
    assert message in caught.value.message_fr


@pytest.mark.parametrize(
    ("kind", "day", "details", "recorded"),
    [
        (K.IMMERSION_END, date(2026, 11, 3), {}, [(K.IMMERSION_START, date(2026, 11, 3))]),
        # An end with no start recorded (it began before the tool) is accepted.
        (K.TRAINING_END, date(2026, 11, 3), {}, []),
        # An end after the second of two immersions' starts.
        (
            K.IMMERSION_END,
            date(2026, 6, 1),
            {},
            [(K.IMMERSION_START, date(2026, 5, 1)), (K.IMMERSION_START, date(2026, 9, 1))],
        ),
        (K.CONTACT, date(2027, 1, 10), {"planned": True, "channel": "phone"}, []),
        (K.TRAINING_START, date(2027, 2, 1), {"planned": True}, []),
        (
            K.CHECK_IN,
            TODAY,
            {
                "month": 3,
                "still_in_work": False,
                "contract": "cdd",
                "difficulties": ["transport", "childcare"],
                "new_action": "Permis",
            },
            [],
        ),
        (K.EMPLOYMENT, TODAY, {"contract": "cdi", "hours": 35, "employer": "Boulangerie"}, []),
    ],
)
def test_an_event_keeping_the_rules_is_accepted(
    kind: FollowUpKind,
    day: date,
    details: dict[str, Any],
    recorded: list[tuple[FollowUpKind, date]],
) -> None:
    check_new_event(kind, day, details, today=TODAY, recorded=recorded)


def test_the_kinds_that_may_be_planned_are_appointments_and_booked_steps() -> None:
    assert K.CONTACT in PLANNABLE_KINDS and K.TRAINING_START in PLANNABLE_KINDS
    assert (
        not {K.ORIENTATION, K.MISSED_APPOINTMENT, K.EMPLOYMENT, K.END_OF_SUPPORT} & PLANNABLE_KINDS
    )


@pytest.mark.parametrize(
    ("marks", "pending"),
    [
        ([], []),
        (
            [Mark(K.EMPLOYMENT, date(2026, 1, 31))],
            [(1, date(2026, 2, 28)), (3, date(2026, 4, 30)), (6, date(2026, 7, 31))],
        ),
        (
            [Mark(K.EMPLOYMENT, date(2026, 1, 31)), Mark(K.CHECK_IN, date(2026, 3, 2), month=1)],
            [(3, date(2026, 4, 30)), (6, date(2026, 7, 31))],
        ),
        # A planned check-in does not clear it; one before the return to work neither.
        (
            [
                Mark(K.CHECK_IN, date(2026, 1, 2), month=3),
                Mark(K.EMPLOYMENT, date(2026, 1, 31)),
                Mark(K.CHECK_IN, date(2026, 3, 2), True, month=1),
            ],
            [(1, date(2026, 2, 28)), (3, date(2026, 4, 30)), (6, date(2026, 7, 31))],
        ),
        # A new return to work starts a new series.
        (
            [
                Mark(K.EMPLOYMENT, date(2026, 1, 31)),
                Mark(K.CHECK_IN, date(2026, 3, 1), month=1),
                Mark(K.EMPLOYMENT, date(2026, 9, 15)),
            ],
            [(1, date(2026, 10, 15)), (3, date(2026, 12, 15)), (6, date(2027, 3, 15))],
        ),
        (
            [Mark(K.EMPLOYMENT, date(2026, 1, 31))]
            + [Mark(K.CHECK_IN, date(2026, 8, 1), month=m) for m in (1, 3, 6)],
            [],
        ),
    ],
)
def test_check_ins_are_scheduled_at_1_3_and_6_months_and_cleared(
    marks: list[Mark], pending: list[tuple[int, date]]
) -> None:
    assert [(c.month, c.due) for c in pending_check_ins(marks)] == pending
