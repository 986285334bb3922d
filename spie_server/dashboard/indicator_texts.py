"""What the page says of each indicator — its French label, unit, kind and how it is computed,
all from the shared definitions (spie_protocol.indicators.definitions) — and which indicators
it draws together.

The page reads the definitions through :func:`indicator_text` only, so that the wording has
one source for the device, the exports and this page.
"""

from __future__ import annotations

from dataclasses import dataclass

from spie_protocol.indicators.definitions import DEFINITIONS, Definition, category_label


@dataclass(frozen=True)
class Group:
    """Indicators drawn on one chart: they share a unit or a scale, so their bars compare.
    ``details``: those whose categories (theme, status, question…) get a table of their own."""

    title: str
    unit: str
    indicators: tuple[str, ...]
    details: tuple[str, ...] = ()


GROUPS: tuple[Group, ...] = (
    Group(
        "Orientations et diagnostics",
        "personnes",
        ("people_oriented", "diagnostics_done", "diagnostics_joint"),
    ),
    Group(
        "Délais du parcours (médianes)",
        "jours",
        ("delay_first_contact", "delay_diagnostic", "delay_first_action", "days_between_steps"),
    ),
    Group(
        "Plans, actions et offres mobilisées",
        "nombre",
        ("plans_signed", "actions_by_theme", "offers_linked", "immersions"),
        ("actions_by_theme", "actions_by_status", "offers_linked"),
    ),
    Group(
        "Retour à l'emploi",
        "personnes",
        ("returns_to_work", "check_ins_6m", "in_work_6m"),
    ),
    Group("Parts", "%", ("diagnostics_joint_share", "in_work_6m_share")),
    Group(
        "L'évaluation par les personnes",
        "nombre",
        ("evaluations", "evaluation_wants_groups"),
        ("evaluations",),
    ),
    Group(
        "Réponses des personnes (note moyenne)",
        "note sur 4",
        ("evaluation_mean",),
        ("evaluation_mean",),
    ),
    Group(
        "Réponses positives des personnes",
        "%",
        ("evaluation_satisfied_share",),
        ("evaluation_satisfied_share",),
    ),
)


def indicator_text(key: str) -> Definition:
    """The definition of an indicator; a key the definitions do not hold is shown as itself
    (a count without explanation) rather than hidden."""
    return DEFINITIONS.get(key) or Definition(key, key, "", "count", "")


def category_text(key: str, category: str) -> str:
    return category_label(indicator_text(key).categories, category)
