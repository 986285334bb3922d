"""What each indicator is: its name in French, its unit, how its cells are reduced, and one or
two plain sentences saying how it is computed (shown in tooltips, on the territory's dashboard
and in the README), so a figure means the same thing wherever it is read.

Keys are fixed: exports, merges and dashboards refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spie_protocol.indicators.facts import EvaluationQuestion, EvaluationStep
from spie_protocol.thematiques import THEMATIQUE_LABELS, THEME_LABELS

#: count: a number of people or of events; median: of days; share: 0–100 % with one
#: decimal; mean: of the 1–4 answers with one decimal.
Kind = Literal["count", "median", "share", "mean"]
#: What a cell's ``category`` holds ("" when the indicator has no categories).
Categories = Literal["", "theme", "status", "thematique", "step", "question"]


@dataclass(frozen=True, slots=True)
class Definition:
    key: str
    label: str  # French, as shown to people
    unit: str  # French: "personnes", "jours", "%", "note sur 4", "actions"…
    kind: Kind
    how: str  # French: how the figure is computed
    categories: Categories = ""


def _define(*definitions: Definition) -> dict[str, Definition]:
    return {definition.key: definition for definition in definitions}


DEFINITIONS: dict[str, Definition] = _define(
    Definition(
        "people_oriented",
        "Personnes orientées",
        "personnes",
        "count",
        "Nombre de personnes dont la première orientation tombe dans le mois. "
        "Chaque personne est comptée une seule fois.",
    ),
    Definition(
        "diagnostics_done",
        "Diagnostics réalisés",
        "personnes",
        "count",
        "Nombre de personnes dont le premier diagnostic a été réalisé dans le mois "
        "(entretien terminé ou plan signé). Chaque personne est comptée une seule fois.",
    ),
    Definition(
        "diagnostics_joint",
        "Diagnostics conjoints",
        "personnes",
        "count",
        "Parmi les diagnostics réalisés, nombre de ceux menés ensemble par un conseiller "
        "du champ social et un conseiller du champ de l'emploi (un entretien du jour du "
        "premier diagnostic les nomme tous les deux).",
    ),
    Definition(
        "diagnostics_joint_share",
        "Part des diagnostics conjoints",
        "%",
        "share",
        "Diagnostics conjoints divisés par les diagnostics réalisés, en pourcentage arrondi "
        "au dixième. Pas de valeur quand aucun diagnostic n'a été réalisé.",
    ),
    Definition(
        "delay_first_contact",
        "Délai entre l'orientation et le premier contact",
        "jours",
        "median",
        "Médiane des jours entre l'orientation et le premier contact : la moitié des "
        "personnes ont été contactées plus vite, l'autre moitié moins vite. Comptée au mois "
        "du premier contact ; un contact daté avant l'orientation (erreur de saisie) est écarté.",
    ),
    Definition(
        "delay_diagnostic",
        "Délai entre l'orientation et le diagnostic",
        "jours",
        "median",
        "Médiane des jours entre l'orientation et le premier diagnostic : la moitié des "
        "personnes l'ont eu plus vite, l'autre moitié moins vite. Comptée au mois du "
        "diagnostic ; un diagnostic daté avant l'orientation (erreur de saisie) est écarté.",
    ),
    Definition(
        "delay_first_action",
        "Délai entre l'orientation et la première action",
        "jours",
        "median",
        "Médiane des jours entre l'orientation et le début de la première action du plan : "
        "la moitié des personnes l'ont commencée plus vite, l'autre moitié moins vite. "
        "Comptée au mois de l'action ; une action datée avant l'orientation est écartée.",
    ),
    Definition(
        "days_between_steps",
        "Jours entre deux étapes",
        "jours",
        "median",
        "Médiane des jours écoulés entre deux étapes successives du parcours d'une même "
        "personne (contacts, diagnostic, plans, actions, bilans). Chaque écart est compté au "
        "mois de la seconde étape.",
    ),
    Definition(
        "plans_signed",
        "Plans signés",
        "plans",
        "count",
        "Nombre de plans d'action signés dans le mois, comptés au jour de la signature ; "
        "chaque nouvelle version signée d'un plan compte.",
    ),
    Definition(
        "actions_by_theme",
        "Actions par thème",
        "actions",
        "count",
        "Nombre d'actions des plans signés, par thème. Une action reprise d'une version à "
        "la suivante compte une fois, au jour où la première version qui la contient a "
        "été signée.",
        "theme",
    ),
    Definition(
        "actions_by_status",
        "Actions par état",
        "actions",
        "count",
        "Nombre d'actions des plans signés selon leur état (prévue, en cours, réalisée…) "
        "dans la dernière version signée qui les contient. Une action compte une fois, au "
        "jour où la première version qui la contient a été signée.",
        "status",
    ),
    Definition(
        "offers_linked",
        "Offres mobilisées par thématique",
        "offres",
        "count",
        "Nombre d'offres du catalogue local rattachées à une action d'un plan signé, par "
        "thématique (la première du catalogue, sinon « non renseignée »), comptées au jour "
        "où la première version du plan qui la contient a été signée.",
        "thematique",
    ),
    Definition(
        "immersions",
        "Immersions en milieu professionnel",
        "immersions",
        "count",
        "Nombre d'immersions (PMSMP) commencées dans le mois, comptées à leur premier jour.",
    ),
    Definition(
        "returns_to_work",
        "Retours à l'emploi",
        "personnes",
        "count",
        "Nombre de personnes dont le premier retour à l'emploi a eu lieu dans le mois. "
        "Chaque personne est comptée une seule fois.",
    ),
    Definition(
        "check_ins_6m",
        "Bilans à 6 mois",
        "personnes",
        "count",
        "Nombre de personnes dont le bilan six mois après le retour à l'emploi a eu lieu dans "
        "le mois, avec leur situation renseignée.",
    ),
    Definition(
        "in_work_6m",
        "Toujours en emploi à 6 mois",
        "personnes",
        "count",
        "Parmi les bilans à 6 mois, nombre de personnes encore en emploi.",
    ),
    Definition(
        "in_work_6m_share",
        "Part toujours en emploi à 6 mois",
        "%",
        "share",
        "Personnes encore en emploi divisées par les bilans à 6 mois, en pourcentage arrondi "
        "au dixième. Pas de valeur quand aucun bilan n'a eu lieu.",
    ),
    Definition(
        "evaluations",
        "Évaluations remplies",
        "évaluations",
        "count",
        "Nombre d'évaluations remplies par les personnes elles-mêmes, selon le moment (fin "
        "d'entretien, revue du plan, bilan à 6 mois), comptées au mois où elles ont été remplies.",
        "step",
    ),
    Definition(
        "evaluation_mean",
        "Note moyenne des évaluations",
        "note sur 4",
        "mean",
        "Moyenne des réponses à chaque question, de 1 (pas du tout) à 4 (tout à fait), "
        "arrondie au dixième ; le total fait la moyenne de toutes les réponses. "
        "Une question laissée sans réponse ne compte pas.",
        "question",
    ),
    Definition(
        "evaluation_satisfied_share",
        "Part de réponses positives",
        "%",
        "share",
        "Part des réponses « plutôt oui » ou « tout à fait » parmi les réponses à chaque "
        "question, en pourcentage arrondi au dixième.",
        "question",
    ),
    Definition(
        "evaluation_wants_groups",
        "Volontaires pour les groupes d'évaluation",
        "personnes",
        "count",
        "Nombre de personnes ayant répondu, dans une évaluation du mois, qu'elles voudraient "
        "participer aux groupes d'évaluation du territoire.",
    ),
)

#: Indicators whose count is of events (plans, actions, offers, immersions, evaluations)
#: rather than of people; their ``people`` is still the number of distinct people behind.
EVENT_COUNTS = frozenset(
    {
        "plans_signed",
        "actions_by_theme",
        "actions_by_status",
        "offers_linked",
        "immersions",
        "evaluations",
    }
)

#: French labels of the categories whose values are fixed; themes and thématiques are named
#: by the referential and the data·inclusion vocabulary that hold them.
CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "step": {
        EvaluationStep.INTERVIEW: "Fin d'entretien",
        EvaluationStep.PLAN_REVIEW: "Revue du plan",
        EvaluationStep.CHECK_IN_6M: "Bilan à 6 mois",
    },
    "question": {
        EvaluationQuestion.CLEAR: "C'était clair",
        EvaluationQuestion.LISTENED: "Je me suis senti écouté",
        EvaluationQuestion.AGREE: "Je suis d'accord avec mon plan",
        EvaluationQuestion.USEFUL: "C'est utile pour moi",
    },
    "theme": THEME_LABELS,
    "thematique": THEMATIQUE_LABELS,
    "status": {
        "planned": "Prévue",
        "in_progress": "En cours",
        "standby": "En attente",
        "done": "Réalisée",
        "abandonned": "Abandonnée par la personne",
        "canceled": "Annulée par la structure",
    },
}


def category_label(categories: str, value: str) -> str:
    """The French label of a category value, the value itself when it has none here."""
    if not value:
        return "Total"
    return CATEGORY_LABELS.get(categories, {}).get(value, value)
