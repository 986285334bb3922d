"""One gathered path reduced to :class:`PersonFacts`, as the device reduces its own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date

from spie_protocol.indicators.facts import ActionFact, OfferFact, PersonFacts

from .path_rules import (
    CHECK_IN_MONTH,
    ENDED_ACTION,
    SIGNED,
)
from .paths import Action, Path, Paths, Plan


def all_facts(
    paths: Paths, thematiques: Mapping[str, tuple[str, ...]]
) -> Iterator[tuple[str, PersonFacts]]:
    """(person id, facts) for everyone gathered; ``thematiques``: offer "source:id" → its
    top-level thématiques."""
    signed: defaultdict[str, list[Plan]] = defaultdict(list)
    in_force: dict[str, tuple[int, str]] = {}
    for plan_id, plan in paths.plans.items():
        signed[plan.person].append(plan)
        if plan.status == SIGNED:
            best = in_force.get(plan.person)
            if best is None or (plan.version, plan_id) > best:
                in_force[plan.person] = (plan.version, plan_id)
    actions: defaultdict[str, list[Action]] = defaultdict(list)
    for action in paths.actions:
        person = paths.plans[action.plan].person
        if in_force.get(person, (0, ""))[1] == action.plan:
            actions[person].append(action)
    for person, path in paths.people.items():
        force = in_force.get(person)
        force_day = _signed_day(paths.plans[force[1]]) if force else None
        yield (
            person,
            reduce(
                path,
                signed.get(person, []),
                actions.get(person, []),
                force_day,
                paths.today,
                thematiques,
            ),
        )


def _signed_day(plan: Plan) -> date | None:
    return plan.signed or plan.changed


def reduce(
    path: Path,
    plans: list[Plan],
    actions: list[Action],
    plan_day: date | None,
    today: date,
    thematiques: Mapping[str, tuple[str, ...]],
) -> PersonFacts:
    """``actions``: those of the plan in force, signed on ``plan_day``."""
    steps = list(path.steps)
    contacts = list(path.contacts)
    oriented, employment = path.oriented, path.employment
    diagnostic: date | None = None
    joint = False
    for day, was_joint in path.diagnostics:
        steps.append(day)
        contacts.append(day)
        if diagnostic is None or day < diagnostic:
            diagnostic, joint = day, was_joint
        elif day == diagnostic:
            joint = joint or was_joint
    plans_signed = sorted(signed for plan in plans if (signed := _signed_day(plan)) is not None)
    steps += plans_signed
    contacts += plans_signed
    first_action: date | None = None
    action_facts: list[ActionFact] = []
    offers: list[OfferFact] = []
    for action in actions:
        start = action.start
        if start is not None and start <= today:
            steps.append(start)
            first_action = start if first_action is None or start < first_action else first_action
        if action.status in ENDED_ACTION and action.changed is not None:
            ended = max(action.changed, start) if start is not None else action.changed
            steps.append(min(ended, today))
        if plan_day is not None:
            action_facts.append(ActionFact(action.theme, action.status, plan_day))
            for thematique in thematiques.get(action.offer or "", ()):
                offers.append(OfferFact(thematique, plan_day))
    after = [day for day in contacts if oriented is None or day >= oriented]
    check_in = min(
        (c for c in path.check_ins if c[1] == CHECK_IN_MONTH and employment and c[0] >= employment),
        key=lambda c: c[0],
        default=None,
    )
    return PersonFacts(
        structure=path.structure,
        oriented=oriented,
        first_contact=min(after, default=None),
        diagnostic=diagnostic,
        diagnostic_joint=joint,
        first_action=first_action,
        steps=tuple(sorted(steps)),
        plans_signed=tuple(plans_signed),
        actions=tuple(action_facts),
        offers=tuple(offers),
        immersions=tuple(sorted(path.immersions)),
        employment=employment,
        check_in_6m=check_in[0] if check_in else None,
        in_work_6m=check_in[2] if check_in else None,
    )
