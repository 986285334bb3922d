"""What the page says of each indicator: its French label, its unit and how it is computed.

The page reads these through :func:`indicator_text` only, and the groups it draws through
:data:`GROUPS`, so that the wording has one source.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorText:
    label: str
    unit: str
    how: str


@dataclass(frozen=True)
class Group:
    """Indicators drawn on one chart: they share a unit, so their bars compare."""

    title: str
    unit: str
    indicators: tuple[str, ...]


_TEXTS: dict[str, IndicatorText] = {
    "people_oriented": IndicatorText(
        "Personnes orientées",
        "personnes",
        "Nombre de personnes dont l'orientation date du mois.",
    ),
    "diagnostics_done": IndicatorText(
        "Diagnostics réalisés",
        "personnes",
        "Nombre de personnes dont le diagnostic a été réalisé dans le mois.",
    ),
    "diagnostics_joint": IndicatorText(
        "Diagnostics conjoints",
        "personnes",
        "Diagnostics du mois menés ensemble par un conseiller social et un conseiller emploi.",
    ),
    "diagnostics_joint_share": IndicatorText(
        "Part des diagnostics conjoints",
        "%",
        "Diagnostics conjoints divisés par les diagnostics réalisés, en pourcentage ; "
        "sans diagnostic, la part n'est pas calculée.",
    ),
    "delay_first_contact": IndicatorText(
        "Délai orientation → premier contact",
        "jours",
        "Médiane du nombre de jours entre l'orientation et le premier contact, pour les "
        "personnes ayant les deux dates ; comptée le mois du premier contact.",
    ),
    "delay_diagnostic": IndicatorText(
        "Délai orientation → diagnostic",
        "jours",
        "Médiane du nombre de jours entre l'orientation et le diagnostic ; comptée le mois "
        "du diagnostic.",
    ),
    "delay_first_action": IndicatorText(
        "Délai orientation → première action",
        "jours",
        "Médiane du nombre de jours entre l'orientation et la première action du plan ; "
        "comptée le mois de la première action.",
    ),
    "days_between_steps": IndicatorText(
        "Jours entre deux étapes",
        "jours",
        "Médiane du nombre de jours séparant deux étapes successives du parcours.",
    ),
    "plans_signed": IndicatorText(
        "Plans signés",
        "personnes",
        "Nombre de personnes dont le plan d'action a été signé dans le mois.",
    ),
    "actions_by_theme": IndicatorText(
        "Actions par thème",
        "actions",
        "Actions des plans signés dans le mois, par thème du référentiel.",
    ),
    "actions_by_status": IndicatorText(
        "Actions par état",
        "actions",
        "Actions des plans signés dans le mois, par état (prévue, en cours, réalisée, abandonnée).",
    ),
    "offers_linked": IndicatorText(
        "Offres mobilisées",
        "offres",
        "Offres du catalogue local liées à une action dans le mois, par thématique.",
    ),
    "immersions": IndicatorText(
        "Immersions",
        "personnes",
        "Nombre de personnes ayant commencé une immersion en entreprise dans le mois.",
    ),
    "returns_to_work": IndicatorText(
        "Retours à l'emploi",
        "personnes",
        "Nombre de personnes revenues à l'emploi dans le mois.",
    ),
    "check_ins_6m": IndicatorText(
        "Points à 6 mois",
        "personnes",
        "Nombre de personnes dont le point à 6 mois après le retour à l'emploi a eu lieu "
        "dans le mois.",
    ),
    "in_work_6m": IndicatorText(
        "En emploi à 6 mois",
        "personnes",
        "Parmi les points à 6 mois du mois, personnes toujours en emploi.",
    ),
    "in_work_6m_share": IndicatorText(
        "Part en emploi à 6 mois",
        "%",
        "Personnes en emploi à 6 mois divisées par les points à 6 mois, en pourcentage ; "
        "sans point à 6 mois, la part n'est pas calculée.",
    ),
    "evaluations": IndicatorText(
        "Évaluations remplies",
        "évaluations",
        "Questionnaires remplis par les personnes elles-mêmes dans le mois, par étape "
        "(entretien, revue du plan, point à 6 mois).",
    ),
    "evaluation_mean": IndicatorText(
        "Note moyenne",
        "note sur 4",
        "Moyenne des réponses de 1 (pas du tout) à 4 (tout à fait), par question.",
    ),
    "evaluation_satisfied_share": IndicatorText(
        "Part de réponses positives",
        "%",
        "Réponses « plutôt oui » ou « tout à fait » divisées par les réponses à la question, "
        "en pourcentage.",
    ),
    "evaluation_wants_groups": IndicatorText(
        "Volontaires pour les groupes d'évaluation",
        "personnes",
        "Personnes ayant dit vouloir participer aux groupes d'évaluation du territoire.",
    ),
}

GROUPS: tuple[Group, ...] = (
    Group(
        "Orientations, diagnostics et plans",
        "personnes",
        ("people_oriented", "diagnostics_done", "diagnostics_joint", "plans_signed"),
    ),
    Group(
        "Délais du parcours (médianes)",
        "jours",
        ("delay_first_contact", "delay_diagnostic", "delay_first_action", "days_between_steps"),
    ),
    Group("Actions et offres mobilisées", "actions", ("actions_by_theme", "offers_linked")),
    Group(
        "Immersions et emploi",
        "personnes",
        ("immersions", "returns_to_work", "check_ins_6m", "in_work_6m"),
    ),
    Group("Parts", "%", ("diagnostics_joint_share", "in_work_6m_share")),
    Group(
        "L'évaluation par les personnes",
        "évaluations",
        ("evaluations", "evaluation_wants_groups"),
    ),
    Group(
        "Réponses des personnes (moyennes)",
        "note sur 4",
        ("evaluation_mean",),
    ),
)

#: Indicators whose categories (theme, status, question…) get a table of their own.
DETAILED = (
    "actions_by_theme",
    "actions_by_status",
    "offers_linked",
    "evaluations",
    "evaluation_mean",
    "evaluation_satisfied_share",
)


def indicator_text(key: str) -> IndicatorText:
    """The label, unit and computation of an indicator; a key the page does not know is shown
    as itself rather than hidden."""
    return _TEXTS.get(key, IndicatorText(key, "", ""))
