"""The point de situation's current view as a PDF list for the team meeting.

Names are included — it is for the team, and the document says so on every page. Written
like the CSV (owner-only, never inside the data dir) and audited as an export.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.plan.situation_list import (
    TEAM_ONLY_FR,
    SituationList,
    render_situation_list,
)
from spie_desktop.storage.session import Session

from .private_output import check_output_target, write_private
from .situation import SITUATION, SituationRow

__all__ = ["TEAM_ONLY_FR", "export_pdf", "pdf_lines"]

log = logging.getLogger(__name__)


def pdf_lines(rows: Sequence[SituationRow]) -> list[tuple[str, ...]]:
    lines: list[tuple[str, ...]] = []
    for row in rows:
        next_step = ""
        if row.next_step is not None:
            next_step = f"{row.next_step.label} ({row.next_step.day:%d/%m/%Y})"
        lines.append(
            (
                row.name,
                ", ".join(row.structures),
                ", ".join(row.counsellors),
                row.stage.label,
                "" if row.last_contact is None else f"{row.last_contact:%d/%m/%Y}",
                next_step,
                "" if row.days_waiting is None else str(row.days_waiting),
                "\n".join(a.text for a in row.alerts),
            )
        )
    return lines


def export_pdf(
    session: Session,
    rows: Sequence[SituationRow],
    out: Path,
    *,
    today: date,
    filters: str,
) -> Path:
    """Write the list of ``rows`` to ``out``; ``filters`` says in French what was applied."""
    target = out.expanduser().resolve()
    data_dir = session.data_dir.resolve()
    if target == data_dir or data_dir in target.parents:
        raise ValidationError(
            say("La liste ne peut pas être écrite dans le dossier de données chiffrées."),
            "refusing to write a clear-text list inside the data dir",
            "out",
        )
    if not target.parent.is_dir():
        raise ValidationError(
            say("Le dossier de destination n'existe pas."), "output folder does not exist", "out"
        )
    check_output_target(target)
    document = SituationList(
        territory=session.territory.label,
        day=f"{today:%d/%m/%Y}",
        filters=filters or "aucun filtre",
        lines=pdf_lines(rows),
    )
    write_private(target, render_situation_list(document))
    with session.uow() as uow:
        uow.audit.record(AuditAction.EXPORTED, SITUATION)
    log.info("point de situation exported as PDF (%d lines)", len(rows))
    return target
