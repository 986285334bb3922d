"""What the indicators' "done when" test builds its territories with: a territory's people
recorded on a real device (orientation, first contact, a signed plan, their own evaluation),
other territories pushed faster as a device's raw changes, and every identity all of them
carry, to scan the published files for."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.evaluations import (
    EvaluationQuestion,
    EvaluationStep,
    new_handle,
    save_answer,
    save_wants_groups,
    start_evaluation,
)
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.timeline import TimelineService
from tests.server.helpers import DeviceClient, change
from tests.services.conftest import JULIEN_PASSPHRASE
from tests.services.evaluation_fixtures import COMMUNE
from tests.services.plan_fixtures import make_room, pad_signatures
from tests.sync.conftest import PASSPHRASE, Laptop


@dataclass
class Identities:
    """Every value that tells who someone is: names, birth dates (two spellings), communes,
    person ids (two spellings)."""

    values: set[str] = field(default_factory=set)

    def add(self, person_id: uuid.UUID, first: str, last: str, born: date, commune: str) -> None:
        self.values |= {str(person_id), person_id.hex, first, last, commune}
        self.values |= {born.isoformat(), f"{born:%d/%m/%Y}"}

    def found_in(self, text: str) -> list[str]:
        folded = text.casefold()
        return sorted(v for v in self.values if v.casefold() in folded)


def delay_days(start: date, today: date) -> tuple[date, int]:
    """The day the device's people are oriented and the step between their delays, so that
    every first contact (oriented + 0, 1, 2… steps) falls between ``start`` and ``today``."""
    step = min(2, (today - start).days // 5)
    return today - timedelta(days=5 * step), step


def record_on_device(
    laptop: Laptop, people: int, oriented: date, step: int, ids: Identities
) -> list[int]:
    """``people`` people who agreed to be asked: oriented on ``oriented``, first contacted
    ``n * step`` days later (n = 0, 1, …); their delays in days."""
    timeline = TimelineService(laptop.session)
    delays = []
    for n in range(people):
        first, last = f"Prénomdone{laptop.name}{n}", f"Nomdone{laptop.name}{n}"
        born = date(1970 + n, 1 + n, 2 + n)
        people_service = laptop.people()
        person = people_service.create_person(first, last, born, COMMUNE, allow_duplicates=True)
        people_service.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.EVALUATION})
        ids.add(person.id, first, last, born, COMMUNE)
        timeline.add_event(person.id, FollowUpKind.ORIENTATION, oriented)
        contacted = oriented + timedelta(days=n * step)
        timeline.add_event(person.id, FollowUpKind.FIRST_CONTACT, contacted)
        delays.append(n * step)
    return delays


def sign_a_joint_plan(laptop: Laptop, ids: Identities) -> None:
    """Hélène's joint diagnostic and her signed plan, as the plan tests make them."""
    room = make_room(laptop.session)
    ids.add(room.person_id, "Hélène", "Lefèvre", date(1979, 4, 12), "Rodez")
    InterviewSessionService(laptop.session).join_counsellor(
        room.interview_id, room.julien.id, JULIEN_PASSPHRASE
    )
    plan = room.ready_draft()
    room.plans.sign(
        plan.id,
        pad_signatures(plan),
        room.confirmations(nadia=PASSPHRASE, julien=JULIEN_PASSPHRASE),
        "Rodez",
    )


def evaluate_everyone(laptop: Laptop) -> int:
    """Each person who agreed evaluates the interview through the evaluation service, as
    the screen handed to them does; how many did."""
    mine = f"Prénomdone{laptop.name}"
    with laptop.session.uow(read_only=True) as uow:
        people = [p.id for p in uow.people.list_all() if p.first_name.startswith(mine)]
    for n, person in enumerate(people):
        handle = start_evaluation(laptop.session, person, new_handle(EvaluationStep.INTERVIEW))
        save_answer(laptop.session, handle, EvaluationQuestion.CLEAR, 4)
        save_answer(laptop.session, handle, EvaluationQuestion.LISTENED, 3 + n % 2)
        save_answer(laptop.session, handle, EvaluationQuestion.AGREE, 3)
        save_answer(laptop.session, handle, EvaluationQuestion.USEFUL, 4)
        save_wants_groups(laptop.session, handle, n % 2 == 0)
    return len(people)


def push_territory(
    device: DeviceClient,
    structure: str,
    label: str,
    counts: tuple[int, int],
    days: tuple[date, int],
    ids: Identities,
) -> None:
    """``counts``: people oriented on ``days[0]`` and first contacted 0, 1 or 2 steps of
    ``days[1]`` days later (a device's raw changes), and evaluations of that month; each
    person named and born somewhere, their record written by a counsellor of ``structure``
    (which is how the indicators know a file's structure when it has no interview)."""
    people, evaluations = counts
    day, step = days
    structure_id, counsellor = uuid.uuid4(), uuid.uuid4()
    changes: list[dict[str, Any]] = [
        change("structures", structure_id, fields={"name": structure, "kind": "autre"}),
        change(
            "counsellors",
            counsellor,
            fields={"display_name": label, "field": "social", "structure_id": str(structure_id)},
        ),
    ]
    for n in range(people):
        person = uuid.uuid4()
        first, last = f"Prénom{label}{n}", f"Nom{label}{n}"
        born, commune = date(1960 + n, 1 + n % 12, 1 + n), f"Commune{label}{n}"
        ids.add(person, first, last, born, commune)
        fields = {"first_name": first, "last_name": last, "birth_date": born.isoformat()}
        fields |= {"commune": commune, "updated_by": str(counsellor)}
        changes.append(change("people", person, fields=fields))
        for kind, after in (("orientation", 0), ("first_contact", n % 3 * step)):
            occurred = day + timedelta(days=after)
            changes.append(
                change(
                    "follow_up_events",
                    fields={
                        "person_id": str(person),
                        "kind": kind,
                        "occurred_at": f"{occurred.isoformat()}T12:00:00+00:00",
                        "note": "",
                    },
                )
            )
    for n in range(evaluations):
        changes.append(
            change(
                "evaluations",
                fields={
                    "structure": str(structure_id),
                    "month": f"{day:%Y-%m}",
                    "step": "interview",
                    "token": secrets.token_urlsafe(16),
                    "answers": {"clear": 2 + n % 3, "useful": 3},
                    "wants_groups": False,
                    "suggestion": "",
                    "created_at": f"{day.isoformat()}T12:00:00+00:00",
                    "updated_at": f"{day.isoformat()}T12:00:00+00:00",
                    "updated_by": None,
                },
            )
        )
    device.push_ok(changes)
