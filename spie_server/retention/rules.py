"""When a person's file is due to be forgotten: pure rules, no database.

A file is due when either
- its support ended (the latest ``end_of_support`` follow-up event, not followed by a
  ``support_reopened`` one) at least ``after_end_of_support_months`` months ago, or
- its last activity is at least ``after_last_activity_months`` months old,
both counted in calendar months of the territory's local calendar: a file whose support
ended on 31 August in Cayenne is due on the last day of February of the year the months
reach, in Cayenne.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from spie_protocol.messages import RetentionRulesModel
from spie_server.retention.local_calendar import add_months, local_day

END_OF_SUPPORT = "end_of_support"
SUPPORT_REOPENED = "support_reopened"

AFTER_END = "end_of_support"
AFTER_INACTIVITY = "no_activity"


@dataclass(frozen=True)
class FileFacts:
    """What the rules need to know of one person's file (instants in UTC)."""

    last_activity: datetime
    ended_at: datetime | None = None  # the latest end of support
    reopened_at: datetime | None = None  # the latest reopening


def due_reason(
    facts: FileFacts, rules: RetentionRulesModel, timezone: str, today: date
) -> str | None:
    """Why the file is due (``AFTER_END`` or ``AFTER_INACTIVITY``), or None if it is not."""
    ended = facts.ended_at
    if ended is not None and (facts.reopened_at is None or facts.reopened_at < ended):
        since = local_day(ended, timezone)
        if add_months(since, rules.after_end_of_support_months) <= today:
            return AFTER_END
    quiet = local_day(facts.last_activity, timezone)
    if add_months(quiet, rules.after_last_activity_months) <= today:
        return AFTER_INACTIVITY
    return None
