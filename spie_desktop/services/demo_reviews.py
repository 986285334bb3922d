"""Case reviews for a demo store: a session held last month whose decisions became plan
actions, a session planned next Thursday at 14:00, and two cases still waiting.

Written through the case-review services (:mod:`spie_desktop.services.case_reviews`), as a
counsellor would. Reasons and questions name no one (the anonymised summary sent to the
group would flag a name).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from spie_desktop.domain.case_review import Decision, Participant, ReviewStatus
from spie_desktop.domain.local_calendar import zone
from spie_desktop.storage.session import Session

from .case_reviews import flag_case, record_decisions, save_review, schedule_case

PARTICIPANTS = (
    Participant("Claire Delmas", "Conseil départemental", "Travailleuse sociale"),
    Participant("Olivier Granier", "France Travail", "Conseiller emploi"),
    Participant("Inès Bouzid", "Mission locale", "Conseillère en insertion"),
    Participant("Marc Fournier", "CCAS", "Responsable de l'action sociale"),
    Participant("Lucie Marty", "Cap emploi", "Chargée d'accompagnement"),
    Participant("Hélène Roques", "CAF", "Conseillère en économie sociale et familiale"),
)

#: (reason, question, decisions: (what, who, days after the session until due)).
CASES: tuple[tuple[str, str, tuple[tuple[str, str, int], ...]], ...] = (
    (
        "Pas de solution de garde pour reprendre une formation.",
        "Quelle solution de garde mobiliser pour une entrée en formation le mois prochain ?",
        (
            ("Demande de place en crèche à vocation d'insertion", "CCAS", 21),
            ("Point sur l'entrée en formation", "France Travail", 45),
        ),
    ),
    (
        "Dettes de loyer qui bloquent la recherche d'emploi.",
        "Un dossier FSL et un plan d'apurement sont-ils envisageables ?",
        (
            ("Constitution du dossier FSL", "Conseil départemental", 14),
            ("Rendez-vous budget avec la conseillère ESF", "CAF", 30),
        ),
    ),
    (
        "Pas de permis ni de véhicule, offres éloignées du domicile.",
        "Quelle aide à la mobilité pour accepter un poste à 30 km ?",
        (
            ("Orientation vers l'auto-école sociale", "Mission locale", 30),
            ("Aide au transport pour le premier mois d'emploi", "France Travail", 20),
        ),
    ),
    (
        "Problèmes de santé qui limitent le port de charges.",
        "Une reconnaissance de travailleur handicapé est-elle à engager ?",
        (),
    ),
    (
        "Hébergement chez un tiers qui prend fin dans deux mois.",
        "Quelle orientation vers un logement temporaire proposer ?",
        (),
    ),
    (
        "Projet de création d'activité sans accompagnement financier.",
        "Quel dispositif d'appui à la création mobiliser ?",
        (),
    ),
    (
        "Isolement et perte de confiance après une longue période sans emploi.",
        "Un atelier collectif de remobilisation serait-il adapté ?",
        (),
    ),
    (
        "Maîtrise du français insuffisante pour les offres visées.",
        "Quelle formation linguistique à visée professionnelle proposer ?",
        (),
    ),
)
HELD_CASES = 3
PLANNED_CASES = 3


def review_place(communes: tuple[str, ...]) -> str:
    """« Maison des solidarités, Rodez »: the territory's chef-lieu (its first commune)."""
    return f"Maison des solidarités, {communes[0]}"


def next_thursday(today: date) -> date:
    return today + timedelta(days=(3 - today.weekday()) % 7 or 7)


def populate_reviews(
    session: Session,
    person_ids: list[uuid.UUID],
    place: str,
    rng: random.Random,
    today: date,
) -> int:
    """Two sessions and their cases for ``person_ids`` (one case each, as many as
    :data:`CASES`); returns how many cases were flagged."""
    tz = zone(session.territory.timezone)
    held_day = next_thursday(today) - timedelta(days=35)
    held = save_review(
        session,
        datetime.combine(held_day, time(9, 30), tzinfo=tz),
        place,
        rng.sample(PARTICIPANTS, 5),
        status=ReviewStatus.HELD,
    )
    planned = save_review(
        session,
        datetime.combine(next_thursday(today), time(14, 0), tzinfo=tz),
        place,
        rng.sample(PARTICIPANTS, 4),
    )
    flagged = 0
    for index, (person_id, (reason, question, decisions)) in enumerate(
        zip(person_ids, CASES, strict=False)
    ):
        if index < HELD_CASES:
            flagged_on, review_id = held_day - timedelta(days=rng.randint(8, 20)), held.id
        elif index < HELD_CASES + PLANNED_CASES:
            flagged_on, review_id = today - timedelta(days=rng.randint(5, 15)), planned.id
        else:
            flagged_on, review_id = today - timedelta(days=rng.randint(1, 4)), None
        moment = datetime.combine(flagged_on, time(rng.randint(9, 16), 0), tzinfo=tz)
        case = flag_case(session, person_id, reason, question, now=moment)
        flagged += 1
        if review_id is None:
            continue
        schedule_case(session, case.id, review_id)
        if review_id == held.id and decisions:
            record_decisions(
                session,
                case.id,
                [
                    Decision(what, who, today + timedelta(days=days))
                    for what, who, days in decisions
                ],
            )
    return flagged
