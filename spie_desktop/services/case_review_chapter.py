"""The « Revues de situation » chapter of the access export (art. 15): every case of the person
put forward for a multi-agency case review — when and why, the question put to the group, the
session it went to (date, place, the structures present: the recipients of the anonymised
case), and what the group decided. A :data:`.access_export.ChapterSource`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from spie_desktop.domain.case_review import CaseReview, Decision, ReviewCase
from spie_desktop.plan.access_document import Chapter, Line, Section
from spie_desktop.storage.session import Session

KEY = "case_review_history"  # the JSON key of the chapter
TITLE = "Revues de situation"
EMPTY = "Votre situation n'a été proposée à aucune revue de situation."


def case_reviews_chapter(session: Session, person_id: uuid.UUID, tz: ZoneInfo) -> Chapter:
    with session.uow(read_only=True) as uow:
        cases = sorted(uow.review_cases.list_for_person(person_id), key=lambda c: c.flagged_at)
        reviews = {r.id: r for r in uow.case_reviews.list_all()}
    sections = tuple(
        _section(case, reviews.get(case.review_id) if case.review_id else None, tz)
        for case in cases
    )
    return Chapter(KEY, TITLE, sections, empty=EMPTY)


def _section(case: ReviewCase, review: CaseReview | None, tz: ZoneInfo) -> Section:
    lines = [
        Line("Proposée le", _moment(case.flagged_at, tz)),
        Line("Référence anonyme du cas", case.reference),
        Line("Motif", case.reason),
        Line("Question posée au groupe", case.question),
    ]
    if review is None:
        title = f"Situation proposée le {_moment(case.flagged_at, tz)}"
        lines.append(Line("Séance", "pas encore inscrite à une revue"))
    else:
        title = f"Revue de situation du {_moment(review.starts_at, tz)}"
        lines.append(Line("Date de la séance", _moment(review.starts_at, tz)))
        lines.append(Line("Lieu", review.place))
        lines.append(Line("Statut", review.status.label))
        structures = sorted({p.structure for p in review.participants})
        if structures:
            lines.append(Line("Structures présentes", ", ".join(structures)))
    if case.decisions:
        lines.extend(Line("Décision", _decision_text(d)) for d in case.decisions)
    else:
        lines.append(Line("Décisions", "aucune pour l'instant"))
    return Section(title, tuple(lines))


def _moment(at: datetime, tz: ZoneInfo) -> str:
    return f"{at.astimezone(tz):%d/%m/%Y à %H:%M}"


def _decision_text(decision: Decision) -> str:
    parts = [decision.what]
    if decision.who:
        parts.append(f"par {decision.who}")
    if decision.due_on is not None:
        parts.append(f"échéance {decision.due_on:%d/%m/%Y}")
    return " — ".join(parts)
