"""What the workspace looked like for each interview, kept in memory for this run only.

Locking closes the workspace; unlocking and reopening the same interview shows the same
themes expanded, the same scroll positions, the synthesis folded or not and the same
presentation mode, and the counsellors who had joined (still listed, each confirming with
their passphrase before writing again). Nothing here is written to disk (it would say which
themes were discussed).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass
class ViewMemory:
    expanded: set[str] = field(default_factory=set)  # theme ids
    scroll: dict[str, int] = field(default_factory=dict)  # pane id -> vertical position
    presentation: bool = False
    synthesis_open: bool = False  # the synthesis strip unfolded
    joined: set[uuid.UUID] = field(default_factory=set)  # accounts at the table in this run


_memories: dict[uuid.UUID, ViewMemory] = {}


def memory_for(interview_id: uuid.UUID) -> ViewMemory:
    return _memories.setdefault(interview_id, ViewMemory())


def forget_all() -> None:
    """Drop every memory (tests; or when the device is handed to someone else)."""
    _memories.clear()
