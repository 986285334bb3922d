"""French labels of the plan's choices (contract, statuses), through ``tr``."""

from __future__ import annotations

from spie_desktop.domain.plan import ActionStatus, Contract, ObjectiveStatus
from spie_desktop.domain.referential import themes

from ..i18n import tr

CONTRACT_LABELS = {
    Contract.NONE: "Aucun contrat",
    Contract.CER: "CER — contrat d'engagements réciproques (RSA)",
    Contract.PPAE: "PPAE — projet personnalisé d'accès à l'emploi",
    Contract.CEJ: "CEJ — contrat d'engagement jeune",
    Contract.PACEA: "PACEA — parcours d'accompagnement vers l'emploi et l'autonomie",
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
