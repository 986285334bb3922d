"""What a write changed, as the pages that show it understand it.

A change on the database lane names the kinds of records it wrote; once it has committed,
the window announces that set to every page, and each page reloads only if it shows one of
them (after Anki's ``OpChanges``). Plain data: the UI reads it, nothing here knows Qt.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EVERYTHING", "INTERVIEW_ONLY", "Change", "Changes", "changes"]


class Change(StrEnum):
    PEOPLE = "people"  # a person created or edited (list, file)
    CONSENT = "consent"  # consent recorded
    INTERVIEW = "interview"  # answers, the current step, a counsellor who joined
    PLAN = "plan"  # a draft, a new version, a signature
    TIMELINE = "timeline"  # a follow-up event recorded (the path, the point de situation)
    CONFLICTS = "conflicts"  # a conflict resolved
    SYNC = "sync"  # enrolment, a sync run's marks (sent, received, last run)
    ALERT_RULES = "alert_rules"  # the alert thresholds in force (settings, or the territory's)
    CASE_REVIEWS = "case_review"  # a case flagged, a session, its cases or decisions
    IMMERSIONS = "immersion"  # an immersion (PMSMP) saved or assessed, its employer
    EVALUATION = "evaluation"  # a person's own answer kept: shown on no page


Changes = frozenset[Change]

#: What a sync run may have touched: anything may have arrived from the server.
EVERYTHING: Changes = frozenset(Change)

#: Answers typed and steps taken in an interview: written at every keystroke, they change
#: no person's list row, file header or sync badge, only the count of changes waiting.
INTERVIEW_ONLY: Changes = frozenset({Change.INTERVIEW})


def changes(*kinds: Change) -> Changes:
    """``changes(Change.PEOPLE, Change.CONSENT)``: the set a change announces."""
    return frozenset(kinds)
