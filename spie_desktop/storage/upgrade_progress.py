"""What an upgrade of the store on a copy tells the person waiting for it (plain data).

Kept apart from ``copy_upgrade`` (SQLAlchemy, SQLCipher) so that the unlock path can name
these types without importing the store's machinery before it is needed. The sentence is
here, in French, so that the windows (translated) and the command line say the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spie_desktop.domain.interface_sentence import Sentence, say

#: What the person unlocking is told, in order (``UpgradeProgress.stage``).
PROGRESS_STAGES = ("copying", "converting", "verifying", "swapping")


@dataclass(frozen=True)
class UpgradeProgress:
    """Where an upgrade on a copy stands: its ``stage`` (one of :data:`PROGRESS_STAGES`, the
    ``number``-th of ``stages``), ``done`` rows out of ``total`` within it
    (``total`` 0: nothing counted in this stage), and how many people the store holds."""

    stage: str
    people: int
    done: int = 0
    total: int = 0

    @property
    def number(self) -> int:
        return PROGRESS_STAGES.index(self.stage) + 1

    @property
    def stages(self) -> int:
        return len(PROGRESS_STAGES)

    @property
    def percent(self) -> int | None:
        """How far the stage is, 0–100; None when the stage counts nothing (a short one)."""
        if self.total <= 0:
            return None
        return min(100, self.done * 100 // self.total)

    @property
    def said(self) -> Sentence:
        """« Mise à jour du dossier chiffré (4 000 personnes) — étape 2 sur 4 : conversion
        des données… 45 % »: what the unlock window, the recovery dialog and the command line
        say while it runs."""
        numbers = {
            "n": f"{self.people:,}".replace(",", "\u202f"),
            "s": "s" if self.people > 1 else "",
            "step": self.number,
            "steps": self.stages,
            "stage": _stage_label(self.stage),
        }
        percent = self.percent
        if percent is None:
            return say(
                "Mise à jour du dossier chiffré ({n} personne{s}) — étape {step} sur {steps} : "
                "{stage}…",
                **numbers,
            )
        return say(
            "Mise à jour du dossier chiffré ({n} personne{s}) — étape {step} sur {steps} : "
            "{stage}… {percent}\u00a0%",
            percent=percent,
            **numbers,
        )


def _stage_label(stage: str) -> Sentence:
    if stage == "copying":
        return say("copie de sécurité")
    if stage == "converting":
        return say("conversion des données")
    if stage == "verifying":
        return say("vérification de la copie")
    return say("mise en service")


ProgressHook = Callable[[UpgradeProgress], None]
