"""The interview workspace, generated from the interview's form definition.

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
    from ..window_context import WindowContext

__all__ = ["InterviewWorkspace", "open_workspace"]


def open_workspace(
    parent_stack_host: QWidget, context: WindowContext, person_id: uuid.UUID
) -> InterviewWorkspace:
    """A workspace for the person's open interview (started if none), loading through the
    window context (its lane, its errors, its lock)."""
    return InterviewWorkspace(context, person_id, parent_stack_host)
