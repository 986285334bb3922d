"""What the unlock window and the recovery dialog say while a store the previous release
made is upgraded: the core's sentence in the interface's language."""

from __future__ import annotations

from spie_desktop.services.device import UpgradeProgress

from .i18n import tr_said


def upgrade_text(progress: UpgradeProgress) -> str:
    """« Mise à jour du dossier chiffré (4 000 personnes) — étape 2 sur 4 : conversion
    des données… 45 % », translated."""
    return tr_said(progress.said)
