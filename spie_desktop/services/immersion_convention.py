"""The draft PMSMP convention, exported for the prescriber: a PDF and the same data as JSON.

Written where the counsellor asked, through :mod:`.private_output` (an owner-only temporary
file in the target folder, renamed over the target: no stray copy). The suggested file name
says what the file is and the day of the first period, never who it is about.
"""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path

from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.immersion_convention import (
    Beneficiary,
    ConventionDraft,
    Prescriber,
    draft_of,
    draft_to_json,
)
from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.plan.wording import PlanWords
from spie_desktop.storage.session import Session

from .immersions import IMMERSION, ImmersionNotFound
from .people import PersonNotFound
from .person_languages import device_texts
from .private_output import write_private

log = logging.getLogger(__name__)

PDF = "pdf"
JSON = "json"


def convention_draft(session: Session, immersion_id: uuid.UUID) -> ConventionDraft:
    with session.uow(read_only=True) as uow:
        immersion = uow.immersions.find(immersion_id)
        if immersion is None:
            raise ImmersionNotFound()
        person = uow.people.find(immersion.person_id)
        if person is None:
            raise PersonNotFound()
        counsellor = session.counsellor
        structure = None
        if isinstance(counsellor.structure_id, uuid.UUID):
            structure = uow.structures.find(counsellor.structure_id)
    beneficiary = Beneficiary(
        person.first_name,
        person.last_name,
        person.birth_date,
        person.commune,
        person.phone,
        person.email,
    )
    prescriber = Prescriber(structure.name if structure else "", counsellor.display_name)
    return draft_of(immersion, beneficiary, prescriber)


def suggested_name(draft: ConventionDraft, kind: str) -> str:
    """« projet-convention-pmsmp-2027-03-01.pdf »: no name in it."""
    start = min((p.start for p in draft.periods), default=None)
    day = f"-{start.isoformat()}" if start else ""
    return f"projet-convention-pmsmp{day}.{kind}"


def convention_bytes(draft: ConventionDraft, kind: str, words: PlanWords | None = None) -> bytes:
    """The draft as JSON or PDF; ``words``: the person's language for the PDF's explanation."""
    if kind == JSON:
        text = json.dumps(draft_to_json(draft), ensure_ascii=False, indent=2) + "\n"
        return text.encode("utf-8")
    from spie_desktop.plan.convention import render_convention_pdf  # reportlab: only now

    return render_convention_pdf(draft, words)


def export_convention(session: Session, immersion_id: uuid.UUID, target: Path) -> Path:
    """Write the draft to ``target``: JSON when its name ends in ``.json``, else PDF."""
    draft = convention_draft(session, immersion_id)
    kind = JSON if target.suffix.lower() == ".json" else PDF
    with session.uow(read_only=True) as uow:
        immersion = uow.immersions.find(immersion_id)
        person = uow.people.find(immersion.person_id) if immersion else None
    language = person.language if person else FRENCH
    words = PlanWords(device_texts(session.data_dir, language))
    write_private(target, convention_bytes(draft, kind, words))
    with session.uow() as uow:
        uow.audit.record(AuditAction.EXPORTED, IMMERSION, immersion_id)
    log.info("convention draft of immersion %s exported as %s", immersion_id, kind)
    return target
