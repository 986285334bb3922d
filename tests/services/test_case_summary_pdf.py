"""The anonymised summary's PDF: nothing in its text or its metadata identifies the person."""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from spie_desktop.domain.case_summary import CaseSummary
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.redaction import fold
from spie_desktop.plan.case_summary_pdf import render_case_summary_pdf
from spie_desktop.services.case_summary import (
    build_case_summary,
    case_summary_file,
    export_case_summary,
    prepare_case_summary,
)
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session
from tests.conftest import require_tool

from .case_fixtures import BIRTH, COMMUNE, EMAIL, PHONE, STOP_NOTE, CaseFile, make_case_file

POSTAL_CODE = "12130"  # Sainte-Eulalie-d'Olt's


def identifying_fields(case: CaseFile, session: Session) -> dict[str, str]:
    """Every identifying value of the person, in the forms a document could print it."""
    person = case.person
    b = BIRTH
    fields = {
        "first name": person.first_name,
        "last name": person.last_name,
        "birth date": f"{b:%d/%m/%Y}",
        "birth date (dots)": f"{b:%d.%m.%Y}",
        "birth date (iso)": b.isoformat(),
        "birth date (short year)": f"{b:%d/%m/%y}",
        "birth date (words)": "12 avril 1979",
        "birth year": "1979",
        "commune": COMMUNE,
        "commune (first word)": "Eulalie",
        "postal code": POSTAL_CODE,
        "phone": PHONE,
        "phone (compact)": PHONE.replace(" ", ""),
        "phone (international)": "+33 6 45 78 12 90",
        "phone (end)": "78 12 90",
        "e-mail": EMAIL,
        "e-mail (local part)": EMAIL.split("@")[0],
        "person id": str(person.id),
        "person id (hex)": person.id.hex,
        "person id (short)": person.id.hex[:8],
        "counsellor": session.counsellor.display_name,
        "other counsellor": case.room.julien.display_name,
    }
    for record_id in record_ids(case, session):
        fields[f"record {record_id}"] = str(record_id)
        fields[f"record {record_id} (short)"] = record_id.hex[:8]
    return fields


def record_ids(case: CaseFile, session: Session) -> set[uuid.UUID]:
    with session.uow(read_only=True) as uow:
        ids = {c.id for c in uow.consents.list_for(case.person_id)}
        for interview in uow.interviews.list_for_person(case.person_id):
            ids.add(interview.id)
            ids.update(a.id for a in uow.answers.list_for(interview.id))
        for plan in uow.plans.list_for_person(case.person_id):
            ids.add(plan.id)
            ids.update(s.id for s in plan.signatures)
            for objective in plan.objectives:
                ids.add(objective.id)
                ids.update(a.id for a in objective.actions)
        ids.update(e.id for e in uow.events.list_for_person(case.person_id))
    return ids


def found_in(document: str, fields: dict[str, str]) -> list[str]:
    folded = fold(" ".join(document.split()))
    return [name for name, value in fields.items() if fold(value) in folded]


def pdf_text_and_metadata(path: Path) -> str:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    metadata = " ".join(f"{k} {v}" for k, v in (reader.metadata or {}).items())
    return f"{text}\n{metadata}"


def exported(session: Session, case: CaseFile, tmp_path: Path) -> tuple[CaseSummary, Path]:
    today = TimelineService(session).today()
    draft = prepare_case_summary(session, case.person_id, today=today)
    stop = next(note for note in draft.notes if note.text == STOP_NOTE)
    summary = build_case_summary(
        session,
        case.person_id,
        question="Quelle solution de transport pour un emploi du matin ?",
        reference="C-7K3Q",
        include_sex=True,
        sex="femme",
        reviewed_notes={stop.key: "Elle a arrêté : plus de bus le matin depuis chez elle."},
        today=today,
    )
    out = tmp_path / "share"
    out.mkdir()
    return summary, export_case_summary(session, summary, case_summary_file(out, "C-7K3Q"))


def test_the_pdf_text_and_metadata_hold_nothing_of_the_person(
    session: Session, tmp_path: Path
) -> None:
    case = make_case_file(session)
    summary, path = exported(session, case, tmp_path)

    assert path.name == "C-7K3Q.pdf"
    assert path.stat().st_mode & 0o077 == 0
    document = pdf_text_and_metadata(path)
    assert "Revue de situation — résumé anonymisé" in document
    assert "Document anonymisé pour une réunion pluri-partenariale" in document
    assert "C-7K3Q" in document and "Aveyron (12)" in document and "45–54 ans" in document
    assert "Famille monoparentale" in document and "Mobilité" in document
    assert "mois 0" in document and "plus de bus le matin" in document
    assert found_in(document, identifying_fields(case, session)) == []
    metadata = PdfReader(path).metadata or {}
    assert metadata.get("/Producer") == "spie-desktop"
    assert metadata.get("/Author") == "spie-desktop"
    assert not any(p.name.startswith(".spie-export-") for p in path.parent.iterdir())
    with session.uow(read_only=True) as uow:
        audit = [a for a in uow.audit.list() if a.entity == "case_summary"]
    assert [(a.action, a.entity_id) for a in audit] == [(AuditAction.EXPORTED, None)]


def test_the_scan_finds_a_commune_that_a_summary_would_print(
    session: Session, tmp_path: Path
) -> None:
    """The scan above is a real check: a summary naming the commune is caught."""
    case = make_case_file(session)
    summary, _ = exported(session, case, tmp_path)
    leaking = tmp_path / "leak.pdf"
    leaking.write_bytes(
        render_case_summary_pdf(replace(summary, departement=f"Aveyron, {COMMUNE}"))
    )
    assert found_in(pdf_text_and_metadata(leaking), identifying_fields(case, session)) == [
        "commune",
        "commune (first word)",
    ]


def test_the_summary_is_never_written_in_the_data_folder(session: Session) -> None:
    case = make_case_file(session)
    today = TimelineService(session).today()
    summary = build_case_summary(
        session,
        case.person_id,
        question="Question ?",
        reference="C-AB12",
        include_sex=False,
        reviewed_notes={},
        today=today,
    )
    with pytest.raises(ValidationError):
        export_case_summary(session, summary, session.data_dir / "C-AB12.pdf")


def test_a_page_renders_as_an_image(session: Session, tmp_path: Path) -> None:
    """pdftoppm (poppler) reads the file: a broken PDF would fail here."""
    pdftoppm = require_tool("pdftoppm")
    case = make_case_file(session)
    _, path = exported(session, case, tmp_path)
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    image = next(tmp_path.glob("page*.png"))
    assert image.stat().st_size > 5_000
