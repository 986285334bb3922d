"""What the unlock window says while a store the previous release made is upgraded."""

from __future__ import annotations

from spie_desktop.services.device import UpgradeProgress

from .i18n import tr


def upgrade_percent(progress: UpgradeProgress) -> int | None:
    """How far the stage is, 0–100; None when the stage counts nothing (a short one)."""
    if progress.total <= 0:
        return None
    return min(100, progress.done * 100 // progress.total)


def upgrade_text(progress: UpgradeProgress) -> str:
    """« Mise à jour du dossier chiffré (4 000 personnes) — étape 2 sur 4 : conversion
    des données… 45 % »."""
    numbers = {
        "n": f"{progress.people:,}".replace(",", "\u202f"),
        "s": "s" if progress.people > 1 else "",
        "step": progress.number,
        "steps": progress.stages,
        "stage": _stage_label(progress.stage),
    }
    percent = upgrade_percent(progress)
    if percent is None:
        return tr(
            "Mise à jour du dossier chiffré ({n} personne{s}) — étape {step} sur {steps} : "
            "{stage}…",
            **numbers,
        )
    return tr(
        "Mise à jour du dossier chiffré ({n} personne{s}) — étape {step} sur {steps} : "
        "{stage}… {percent}\u00a0%",
        percent=percent,
        **numbers,
    )


def _stage_label(stage: str) -> str:
    if stage == "copying":
        return tr("copie de sécurité")
    if stage == "converting":
        return tr("conversion des données")
    if stage == "verifying":
        return tr("vérification de la copie")
    return tr("mise en service")
