"""An interview (one run of the shared diagnostic) and the answers recorded in it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .records import Record, utc_now


class InterviewStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"  # diagnostic done, plan built
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        return {
            InterviewStatus.IN_PROGRESS: "En cours",
            InterviewStatus.COMPLETED: "Terminé",
            InterviewStatus.ABANDONED: "Interrompu",
        }[self]


@dataclass(kw_only=True)
class Interview(Record):
    """Always read back with the form definition (id + version) it was taken with."""

    person_id: uuid.UUID
    definition_id: str
    definition_version: int
    status: InterviewStatus = InterviewStatus.IN_PROGRESS
    current_step: str = ""
    started_at: datetime = field(default_factory=utc_now)
    social_counsellor_id: uuid.UUID | None = None
    emploi_counsellor_id: uuid.UUID | None = None
    place: str = ""


@dataclass(kw_only=True)
class Answer(Record):
    """One answer, keyed by a path in the form (``<theme>.<question>``, ``<theme>.barrier``, ``<theme>.situations``...).

    ``value`` is JSON-compatible (str, int, bool, list of str, ISO date string, ``None``).
    ``author_id`` is the counsellor who typed it: authorship is kept per answer.
    """

    interview_id: uuid.UUID
    key: str
    value: Any
    author_id: uuid.UUID | None = None
