"""When a person's file is forgotten: the territory's retention rule.

A file is due when its support ended (the latest end of support not followed by a reopening)
``after_end_of_support_months`` ago or more, or when nothing happened in it (no event, no
record written) for ``after_last_activity_months``. Months are counted in the territory's
calendar: an end of support at 23:30 in Cayenne is that day in Cayenne, and the file is due on
the same day N months later (the month's last day when it is shorter).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from enum import StrEnum

from spie_desktop.domain.interface_sentence import say

from .errors import ValidationError
from .events import FollowUpKind
from .local_calendar import add_months, local_day

DEFAULT_MONTHS = 24
MAX_MONTHS = 240


@dataclass(frozen=True)
class RetentionRules:
    after_end_of_support_months: int = DEFAULT_MONTHS
    after_last_activity_months: int = DEFAULT_MONTHS

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not isinstance(value, int) or not 1 <= value <= MAX_MONTHS:
                raise ValidationError(
                    say(
                        "Durée de conservation invalide : entre 1 et {MAX_MONTHS} mois.",
                        MAX_MONTHS=MAX_MONTHS,
                    ),
                    f"retention {name} out of range: {value!r}",
                    name,
                )

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RetentionRules:
        try:
            data = json.loads(text)
            return cls(**{k: data[k] for k in asdict(cls())})
        except (ValueError, TypeError, KeyError) as error:
            raise ValidationError(
                say("Règles de conservation illisibles."), f"unreadable retention rules: {error}"
            ) from None


class DueBecause(StrEnum):
    END_OF_SUPPORT = "end_of_support"
    INACTIVITY = "inactivity"


@dataclass(frozen=True)
class FileActivity:
    """What the rule reads of one file: its follow-up events (kind, instant) and the last
    instant any of its records was written."""

    person_id: uuid.UUID
    events: tuple[tuple[FollowUpKind, datetime], ...]
    last_written: datetime | None


def support_ended_on(activity: FileActivity, timezone: str) -> date | None:
    """The local day support ended, if it is ended: the latest end of support, unless a
    reopening came after it."""
    ends = [at for kind, at in activity.events if kind is FollowUpKind.END_OF_SUPPORT]
    if not ends:
        return None
    ended = max(ends)
    reopened = [at for kind, at in activity.events if kind is FollowUpKind.SUPPORT_REOPENED]
    if reopened and max(reopened) >= ended:
        return None
    return local_day(ended, timezone)


def last_activity_on(activity: FileActivity, timezone: str) -> date | None:
    instants: list[datetime] = [at for _, at in activity.events]
    if activity.last_written is not None:
        instants.append(activity.last_written)
    if not instants:
        return None
    return max(local_day(at, timezone) for at in instants)


def due_because(
    activity: FileActivity, rules: RetentionRules, today: date, timezone: str
) -> DueBecause | None:
    """Why this file is due for forgetting ``today`` (a local day), or None if it is not."""
    ended = support_ended_on(activity, timezone)
    if ended is not None and today >= add_months(ended, rules.after_end_of_support_months):
        return DueBecause.END_OF_SUPPORT
    last = last_activity_on(activity, timezone)
    if last is not None and today >= add_months(last, rules.after_last_activity_months):
        return DueBecause.INACTIVITY
    return None


def due_files(
    files: Iterable[FileActivity], rules: RetentionRules, today: date, timezone: str
) -> list[tuple[uuid.UUID, DueBecause]]:
    """The files due ``today``, in the order given."""
    out = []
    for activity in files:
        because = due_because(activity, rules, today, timezone)
        if because is not None:
            out.append((activity.person_id, because))
    return out
