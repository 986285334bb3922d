"""What a new user of the demo should find beyond the files: case reviews (« Revues »),
immersions and their host companies (« Entreprises »), a reopened file and a file whose
processing is restricted (RGPD art. 18).

Run once, after the people are written (a store that already holds a case review is left
as it is). Written through the services, as counsellors would; a few dozen transactions,
whatever the number of people. Its own generator, seeded from the demo's seed: the people,
their answers and plans stay as they were.
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.people import PersonStatus
from spie_desktop.domain.plan import ActionPlan, PlanStatus
from spie_desktop.storage.session import Session

from . import demo_names as names
from .demo_immersions import IMMERSIONS, ImmersionSlot, populate_immersions, with_immersion_action
from .demo_reviews import CASES, populate_reviews, review_place
from .support import SupportService

log = logging.getLogger(__name__)

RESTRICTION_REASON = "Exactitude des données contestée par la personne (article 18 du RGPD)."
REOPENING_REASON = "Nouvelle demande d'accompagnement après un contrat court."


@dataclass(frozen=True)
class DemoStories:
    immersions: int
    cases: int
    reopened: bool
    restricted: bool


def populate_demo_stories(session: Session, seed: int) -> DemoStories:
    """Sessions, immersions, a reopening and a restriction for the demo store's people."""
    rng = random.Random(f"stories:{seed}")
    support = SupportService(session)
    today = support.timeline.today()
    with session.uow() as uow:
        if uow.case_reviews.list_all():
            return DemoStories(0, 0, False, False)
        statuses = {s.id: s.status for s in uow.people.iter_summaries()}
        latest = _latest_plans(uow.plans.list_all())
        ended = sorted({e.person_id for e in uow.events.list_of_kind(FollowUpKind.END_OF_SUPPORT)})
        active = sorted(
            pid
            for pid, plan in latest.items()
            if statuses.get(pid) in (PersonStatus.ACCOMPANIED, PersonStatus.EMPLOYED)
        )
        rng.shuffle(active)
        slots: list[ImmersionSlot] = []
        for person_id in active:
            plan = latest[person_id]
            action = with_immersion_action(plan, today)
            if action is None:
                continue
            if plan.status is PlanStatus.DRAFT:  # its immersion action may be new
                uow.plans.save(plan)
            slots.append(ImmersionSlot(person_id, action.id))
            if len(slots) == IMMERSIONS:
                break
    communes = names.COMMUNES.get(session.territory.code, (session.territory.name,))
    immersions = populate_immersions(session, slots, communes, rng, today)
    taken = {slot.person_id for slot in slots}
    free = [pid for pid in active if pid not in taken]
    cases = populate_reviews(session, free[: len(CASES)], review_place(communes), rng, today)
    rest = free[len(CASES) :]
    restricted = bool(rest)
    if restricted:
        support.restrict(rest[0], RESTRICTION_REASON)
    if ended:
        support.reopen(rng.choice(ended), REOPENING_REASON)
    log.info("demo: %d immersions, %d review cases", immersions, cases)
    return DemoStories(immersions, cases, bool(ended), restricted)


def _latest_plans(plans: list[ActionPlan]) -> dict[uuid.UUID, ActionPlan]:
    """Each person's newest plan that is a draft or the one in force."""
    latest: dict[uuid.UUID, ActionPlan] = {}
    for plan in plans:
        if plan.status is PlanStatus.SUPERSEDED:
            continue
        known = latest.get(plan.person_id)
        if known is None or plan.plan_version > known.plan_version:
            latest[plan.person_id] = plan
    return latest
