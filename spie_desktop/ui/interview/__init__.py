"""The interview workspace (DESIGN §8), generated from the interview's form definition.

The main window opens it with :func:`open_workspace` and adds the widget to its stack; the
widget emits ``closed`` when the counsellor goes back to the person's file. Before locking
or closing the session, call ``workspace.flush()`` (every change is already submitted to the
database lane; this waits until the lane has written it).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .workspace import InterviewWorkspace

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from ..tasks import TaskRunner

__all__ = ["InterviewWorkspace", "open_workspace"]


def open_workspace(
    parent_stack_host: QWidget, session: Session, tasks: TaskRunner, person_id: uuid.UUID
) -> QWidget:
    """A workspace for the person's open interview (started if none), loading on the DB lane."""
    from spie_desktop.services.interview_session import InterviewSessionService

    return InterviewWorkspace(InterviewSessionService(session), tasks, person_id, parent_stack_host)
