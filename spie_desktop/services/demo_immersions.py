"""Immersions (PMSMP) for a demo store: about fifteen conventions with the demo companies,
on the plan actions that are immersions, some ended with their assessment.

Written through :func:`~spie_desktop.services.immersions.save_immersion` and
:func:`~spie_desktop.services.immersions.record_assessment`, as a counsellor would: each
convention's start (and end) goes on the parcours and its company into the territory's
list of employers (« Entreprises »). A plan of the demo holds the referential's action
« Réalisation d’une PMSMP » only now and then: a chosen person whose draft lacks it gets it
added to the draft first. Every third ended immersion led to a hire: its return to work
names the host company (« Embauches » in « Entreprises »).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from spie_desktop.domain.event_details import CONTRACT, EMPLOYER, HOURS
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.immersion import (
    HostCompany,
    Immersion,
    ImmersionObjective,
    Period,
    Tutor,
    is_immersion_action,
)
from spie_desktop.domain.plan import Action, ActionPlan, PlanStatus
from spie_desktop.storage.session import Session

from .demo_companies import COMPANIES, DemoCompany
from .immersions import record_assessment, save_immersion
from .timeline import TimelineService

#: The referential's immersion action, added to a draft that has none.
PMSMP_ACTION = "Réalisation d’une PMSMP"
IMMERSIONS = 15

ASSESSMENTS = (
    (
        "Ponctualité, respect des consignes de sécurité, bon contact avec l'équipe.",
        "Projet confirmé : recherche d'une formation qualifiante dans le métier.",
    ),
    (
        "Autonomie sur les tâches simples, soin du travail, curiosité.",
        "L'entreprise propose un contrat à durée déterminée à l'issue.",
    ),
    (
        "Assiduité, capacité d'adaptation aux horaires décalés.",
        "Le rythme ne convient pas : explorer un autre secteur.",
    ),
    (
        "Travail en équipe, écoute des conseils du tuteur, gestes professionnels acquis.",
        "Candidature spontanée à envoyer aux entreprises du même secteur.",
    ),
)
#: The assessment of an immersion that led to a hire, and how many days after its end.
HIRING = (
    "Gestes du métier vite acquis, très bonne intégration dans l'équipe.",
    "Embauche proposée par l'entreprise à l'issue de l'immersion.",
)
HIRED_AFTER = 7
ACTIVITIES = "Observation du poste, réalisation de tâches simples avec le tuteur."
SKILLS = "Savoir-être professionnels, gestes du métier, sécurité."


@dataclass(frozen=True)
class ImmersionSlot:
    """A demo person and the plan action their immersion is for."""

    person_id: uuid.UUID
    action_id: uuid.UUID


def immersion_action(plan: ActionPlan) -> Action | None:
    return next(
        (a for o in plan.objectives for a in o.actions if is_immersion_action(a.label)), None
    )


def with_immersion_action(plan: ActionPlan, day: date) -> Action | None:
    """The plan's immersion action; in a draft without one, one added (None otherwise)."""
    found = immersion_action(plan)
    if found is not None or plan.status is not PlanStatus.DRAFT or not plan.objectives:
        return found
    objective = next((o for o in plan.objectives if o.theme == "emploi"), plan.objectives[0])
    action = Action(
        objective_id=objective.id,
        label=PMSMP_ACTION,
        start_date=day,
        due_date=day + timedelta(days=60),
    )
    objective.actions.append(action)
    return action


def populate_immersions(
    session: Session,
    slots: list[ImmersionSlot],
    communes: tuple[str, ...],
    rng: random.Random,
    today: date,
) -> int:
    """One convention per slot, with the demo companies in turn; returns how many."""
    for index, slot in enumerate(slots):
        company = COMPANIES[index % len(COMPANIES)]
        commune = communes[COMPANIES.index(company) % len(communes)]
        start = today - timedelta(days=rng.randint(-25, 160))
        end = start + timedelta(days=rng.choice((4, 6, 11, 13)))
        immersion = Immersion(
            action_id=slot.action_id,
            person_id=slot.person_id,
            company=_host(company, commune),
            tutor=Tutor(company.tutor, company.tutor_function, _phone(rng)),
            periods=(Period(start, end),),
            weekly_hours=rng.choice((35.0, 30.0, 24.0)),
            objective=rng.choice(list(ImmersionObjective)),
            trade_code=company.trade_code,
            trade_label=company.trade_label,
            activities=ACTIVITIES,
            skills=SKILLS,
        )
        saved = save_immersion(session, immersion).immersion
        if end < today and rng.random() < 0.75:
            hired = index % 3 == 0 and (today - end).days > HIRED_AFTER
            skills_shown, follow_up = HIRING if hired else rng.choice(ASSESSMENTS)
            record_assessment(session, saved.id, skills_shown, follow_up)
            if hired:
                _hire(session, saved, company, end + timedelta(days=HIRED_AFTER), rng)
    return len(slots)


def _hire(
    session: Session, immersion: Immersion, company: DemoCompany, day: date, rng: random.Random
) -> None:
    """The immersion that led to a job: the return to work names its host company."""
    TimelineService(session).add_event(
        immersion.person_id,
        FollowUpKind.EMPLOYMENT,
        day,
        details={
            CONTRACT: rng.choice(("cdd", "cdi")),
            HOURS: rng.choice((24, 30, 35)),
            EMPLOYER: company.name,
        },
    )


def _host(company: DemoCompany, commune: str) -> HostCompany:
    return HostCompany(
        name=company.name,
        siret=company.siret,
        address=company.address,
        commune=commune,
        sector=company.sector,
    )


def _phone(rng: random.Random) -> str:
    return "06 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
