"""A small invented offer catalogue for a demo store (and, scaled up, for the bench).

Records follow the data·inclusion schema (the national format the catalogue stream carries):
structures in real communes of the demo territories, each with a few services around its
coordinates. Names, phones and addresses are invented.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from ..storage.session import Session
from .offer_catalogue import LoadCounts, load_catalogue

#: (INSEE code, name, latitude, longitude) of demo communes, per territory code.
DEMO_COMMUNES: dict[str, tuple[tuple[str, str, float, float], ...]] = {
    "CTG": (
        ("97302", "Cayenne", 4.9372, -52.3260),
        ("97311", "Saint-Laurent-du-Maroni", 5.4983, -54.0325),
        ("97304", "Kourou", 5.1599, -52.6503),
        ("97307", "Matoury", 4.8473, -52.3256),
        ("97309", "Rémire-Montjoly", 4.9167, -52.2667),
        ("97305", "Macouria", 5.0167, -52.4667),
        ("97306", "Mana", 5.6589, -53.7822),
        ("97353", "Maripasoula", 3.6406, -54.0284),
        ("97360", "Apatou", 5.1543, -54.3430),
        ("97308", "Saint-Georges", 3.8933, -51.8044),
        ("97312", "Sinnamary", 5.3800, -52.9567),
    ),
    "12": (
        ("12202", "Rodez", 44.3506, 2.5750),
        ("12145", "Millau", 44.0986, 3.0783),
        ("12300", "Villefranche-de-Rouergue", 44.3517, 2.0347),
        ("12089", "Decazeville", 44.5603, 2.2514),
        ("12176", "Onet-le-Château", 44.3656, 2.5936),
        ("12208", "Saint-Affrique", 43.9583, 2.8867),
        ("12096", "Espalion", 44.5219, 2.7631),
    ),
}

#: Services by thématique: (name, type, sub-thématique, description).
_SERVICES: tuple[tuple[str, str, str, str], ...] = (
    (
        "Auto-école sociale",
        "formation",
        "mobilite--preparer-un-permis",
        "Préparer le permis B à tarif solidaire, code et conduite, avec un accompagnement.",
    ),
    (
        "Location solidaire de scooters",
        "aide-materielle",
        "mobilite--acceder-a-un-vehicule",
        "Mise à disposition de deux-roues pour se rendre en formation ou au travail.",
    ),
    (
        "Garage solidaire",
        "aide-materielle",
        "mobilite--entretenir-reparer-son-vehicule",
        "Réparations à prix coûtant pour les personnes en insertion.",
    ),
    (
        "Plateforme mobilité",
        "accompagnement",
        "mobilite--etre-accompagne-dans-son-parcours-mobilite",
        "Bilan de mobilité, conseils et aides pour se déplacer vers l'emploi.",
    ),
    (
        "Atelier numérique",
        "atelier",
        "numerique--maitriser-les-fondamentaux-du-numerique",
        "Apprendre à utiliser un ordinateur, une messagerie et les démarches en ligne.",
    ),
    (
        "Cours de français",
        "formation",
        "lecture-ecriture-calcul--maitriser-le-francais",
        "Ateliers sociolinguistiques pour parler, lire et écrire le français au quotidien.",
    ),
    (
        "Accès aux droits",
        "accompagnement",
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        "Permanences pour ouvrir ses droits : RSA, CMU, prime d'activité, logement.",
    ),
    (
        "Aide alimentaire",
        "aide-materielle",
        "equipement-et-alimentation--alimentation",
        "Colis et épicerie solidaire sur orientation d'un travailleur social.",
    ),
    (
        "Hébergement d'urgence",
        "accompagnement",
        "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
        "Accueil, mise à l'abri et accompagnement vers un logement durable.",
    ),
    (
        "Chantier d'insertion",
        "accompagnement",
        "trouver-un-emploi--repondre-a-des-offres-demploi",
        "Contrats d'insertion avec un encadrement technique et un suivi socioprofessionnel.",
    ),
    (
        "Préparation aux entretiens",
        "atelier",
        "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
        "Simulations d'entretien et conseils pour le CV et la lettre de motivation.",
    ),
    (
        "Formations qualifiantes",
        "formation",
        "se-former--trouver-sa-formation",
        "Information sur les formations financées et aide à l'inscription.",
    ),
)
_STRUCTURES = ("Mission locale", "CCAS", "Association Passerelle", "Maison France services")
_PUBLICS = ("jeunes", "demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "femmes")
_MOBILISATION = ("telephoner", "se-presenter", "envoyer-un-courriel")


def demo_catalogue(
    territory_code: str, seed: int, services: int = 100, today: date | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(structures, services) records for a territory's demo communes; none if unknown."""
    communes = DEMO_COMMUNES.get(territory_code, ())
    if not communes:
        return [], []
    rng = random.Random(seed)
    day = today or date(2026, 11, 1)
    structures: list[dict[str, Any]] = []
    for insee, name, lat, lon in communes:
        for kind in _STRUCTURES:
            number = len(structures) + 1
            structures.append(
                {
                    "source": "demo",
                    "id": f"demo--s{number}",
                    "nom": f"{kind} de {name}",
                    "date_maj": day.isoformat(),
                    "code_insee": insee,
                    "commune": name,
                    "adresse": f"{rng.randint(1, 80)} rue de la République",
                    "latitude": round(lat + rng.uniform(-0.02, 0.02), 5),
                    "longitude": round(lon + rng.uniform(-0.02, 0.02), 5),
                    "telephone": f"05 {rng.randint(10, 99)} {rng.randint(10, 99)} 00 00",
                }
            )
    # Every commune's mission locale offers the four mobility services (the nearest
    # « mobilité » services of a commune are there to find), then services at random.
    picks = [
        (structure, offer)
        for structure in structures[:: len(_STRUCTURES)]
        for offer in _SERVICES
        if offer[2].startswith("mobilite--")
    ]
    while len(picks) < services:
        picks.append((rng.choice(structures), rng.choice(_SERVICES)))
    records: list[dict[str, Any]] = []
    for number, (structure, offer) in enumerate(picks[:services], start=1):
        name, kind, thematique, description = offer
        records.append(
            {
                "source": "demo",
                "id": f"demo--{number}",
                "structure_id": structure["id"],
                "nom": f"{name} — {structure['commune']}",
                "description": description,
                "date_maj": (day - timedelta(days=rng.randint(0, 400))).isoformat(),
                "type": kind,
                "thematiques": [thematique],
                "publics": rng.sample(_PUBLICS, 2),
                "frais": rng.choice(("gratuit", "payant")),
                "modes_accueil": ["en-presentiel"]
                if rng.random() < 0.8
                else ["en-presentiel", "a-distance"],
                "modes_mobilisation": rng.sample(_MOBILISATION, 2),
                "code_insee": structure["code_insee"],
                "commune": structure["commune"],
                "adresse": structure["adresse"],
                "telephone": structure["telephone"],
                "courriel": f"contact{number}@exemple.org",
                "latitude": structure["latitude"],
                "longitude": structure["longitude"],
            }
        )
    return structures, records


def populate_demo_offers(session: Session, seed: int) -> LoadCounts:
    """Load the demo catalogue of the store's territory (nothing for other territories)."""
    structures, services = demo_catalogue(session.territory.code, seed)
    return load_catalogue(session, structures, services)
