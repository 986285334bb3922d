"""What a command says while it opens a store the previous release made: the store is
converted on a verified copy first, which takes minutes for a large one, so the command says
each step and every tenth of a counted step on standard error (standard output stays the
command's own)."""

from __future__ import annotations

import sys
from typing import TextIO

from spie_desktop.services.device import UpgradeProgress


class UpgradeLines:
    """An ``on_upgrade`` hook printing one line per step and per tenth of a step."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._last: tuple[str, int | None] | None = None

    def __call__(self, progress: UpgradeProgress) -> None:
        percent = progress.percent
        shown = (progress.stage, None if percent is None else percent // 10)
        if shown == self._last:
            return
        self._last = shown
        print(progress.said.french, file=self._stream or sys.stderr, flush=True)
