"""French labels of the plan's choices (contract, statuses), through ``tr``."""

from __future__ import annotations

from spie_desktop.domain.plan import ActionStatus, Contract, ObjectiveStatus
from spie_desktop.domain.referential import themes

from ..i18n import tr

#: The contrat d'engagement on each pathway, no contract, and the former contracts only as
#: plans that still have one name them (never offered for a new plan).
CONTRACT_LABELS = {
    Contract.ENGAGEMENT: "Contrat d'engagement — parcours standard",
    Contract.CEJ: "Contrat d'engagement — parcours CEJ (contrat d'engagement jeune)",
    Contract.PACEA: "Contrat d'engagement — parcours PACEA (vers l'emploi et l'autonomie)",
    Contract.NONE: "Aucun contrat",
    Contract.PPAE: "Ancien PPAE, à convertir en contrat d'engagement",
    Contract.CER: "Ancien CER, à convertir en contrat d'engagement",
}
OBJECTIVE_STATUS_LABELS = {
    ObjectiveStatus.IN_PROGRESS: "En cours",
    ObjectiveStatus.DONE: "Atteint",
    ObjectiveStatus.ABANDONED: "Abandonné",
}


def contract_label(contract: Contract) -> str:
    return tr(CONTRACT_LABELS[contract])


def objective_status_label(status: ObjectiveStatus) -> str:
    return tr(OBJECTIVE_STATUS_LABELS[status])


def action_status_label(status: ActionStatus) -> str:
    return tr(status.label)


def theme_label(theme: str) -> str:
    found = themes().get(theme)
    return tr(found.label) if found else theme
