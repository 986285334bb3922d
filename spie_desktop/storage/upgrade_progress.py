"""What an upgrade of the store on a copy tells the person waiting for it (plain data).

Kept apart from ``copy_upgrade`` (SQLAlchemy, SQLCipher) so that the unlock path can name
these types without importing the store's machinery before it is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


ProgressHook = Callable[[UpgradeProgress], None]
