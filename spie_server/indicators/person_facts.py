"""One gathered path reduced to :class:`PersonFacts`, as the device reduces its own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date

from spie_protocol.indicators.facts import ActionFact, OfferFact, PersonFacts
from spie_protocol.indicators.rules import UNKNOWN_STRUCTURE, UNKNOWN_THEMATIQUE

from .path_rules import (
    CHECK_IN_MONTH,
    ENDED_ACTION,
    SIGNED,
)
from .paths import Action, Path, Paths, Plan


def all_facts(paths: Paths, thematiques: Mapping[str, str]) -> Iterator[tuple[str, PersonFacts]]:
    """(person id, facts) for everyone gathered; ``thematiques``: offer "source:id" → the
    thématique it counts under."""
    signed: defaultdict[str, list[Plan]] = defaultdict(list)
    in_force: dict[str, tuple[int, str]] = {}
    for plan_id, plan in paths.plans.items():
        signed[plan.person].append(plan)
        if plan.status == SIGNED:
            best = in_force.get(plan.person)
            if best is None or (plan.version, plan_id) > best:
                in_force[plan.person] = (plan.version, plan_id)
    started: defaultdict[str, list[Action]] = defaultdict(list)
    for action in paths.actions:
        person = paths.plans[action.plan].person
        if in_force.get(person, (0, ""))[1] == action.plan:
            started[person].append(action)
    counted = _counted_actions(paths, thematiques)
    for person, path in paths.people.items():
        facts = reduce(path, signed.get(person, []), started.get(person, []), paths.today)
        actions, offers = counted.get(person, ((), ()))
        structure = paths.structure_of(path) or UNKNOWN_STRUCTURE
        yield person, replace(facts, structure=structure, actions=actions, offers=offers)


def _counted_actions(
    paths: Paths, thematiques: Mapping[str, str]
) -> dict[str, tuple[tuple[ActionFact, ...], tuple[OfferFact, ...]]]:
    """Each person's actions of every signed version, once each (same theme and wording), on
    the day the first version holding them was signed, with the newest version's status and
    linked offer (the device's reading, ``services/indicator_facts._signed_actions``)."""
    first_day: dict[tuple[str, str, str], date] = {}
    latest: dict[tuple[str, str, str], tuple[int, str]] = {}
    offer: dict[tuple[str, str, str], tuple[int, str]] = {}
    order: defaultdict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for action in paths.actions:
        plan = paths.plans[action.plan]
        day = _signed_day(plan)
        if day is None:
            continue
        key = (plan.person, action.theme, action.label)
        if key not in first_day:
            first_day[key] = day
            order[plan.person].append(key)
        else:
            first_day[key] = min(first_day[key], day)
        if key not in latest or plan.version >= latest[key][0]:
            latest[key] = (plan.version, action.status)
        if action.offer and (key not in offer or plan.version >= offer[key][0]):
            offer[key] = (plan.version, action.offer)
    out = {}
    for person, keys in order.items():
        actions = tuple(ActionFact(k[1], latest[k][1], first_day[k]) for k in keys)
        linked = tuple(
            OfferFact(thematiques.get(offer[k][1], UNKNOWN_THEMATIQUE), first_day[k])
            for k in keys
            if k in offer
        )
        out[person] = (actions, linked)
    return out


def _signed_day(plan: Plan) -> date | None:
    return plan.signed or plan.changed


def reduce(path: Path, plans: list[Plan], actions: list[Action], today: date) -> PersonFacts:
    """The facts of the path; ``actions``: those of the plan in force (their starts and ends
    are steps). The structure and the actions counted are set by :func:`all_facts`."""
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
    for action in actions:
        start = action.start
        if start is not None and start <= today:
            steps.append(start)
            first_action = start if first_action is None or start < first_action else first_action
        if action.status in ENDED_ACTION and action.changed is not None:
            ended = max(action.changed, start) if start is not None else action.changed
            steps.append(min(ended, today))
    after = [day for day in contacts if oriented is None or day >= oriented]
    check_in = min(
        (c for c in path.check_ins if c[1] == CHECK_IN_MONTH and employment and c[0] >= employment),
        key=lambda c: c[0],
        default=None,
    )
    return PersonFacts(
        structure="",
        oriented=oriented,
        first_contact=min(after, default=None),
        diagnostic=diagnostic,
        diagnostic_joint=joint,
        first_action=first_action,
        steps=tuple(sorted(steps)),
        plans_signed=tuple(plans_signed),
        immersions=tuple(sorted(path.immersions)),
        employment=employment,
        check_in_6m=check_in[0] if check_in else None,
        in_work_6m=check_in[2] if check_in else None,
    )
