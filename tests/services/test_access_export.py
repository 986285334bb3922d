"""The right of access from the file: a readable PDF (labels, not keys) and the JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.services.access_export import write_access_export
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

from .plan_fixtures import make_room

NEUTRAL_NAME = re.compile(r"^acces-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.(pdf|json)$")


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_access_export_writes_a_readable_pdf_and_the_json_under_neutral_names(
    session: Session, tmp_path: Path
) -> None:
    room = make_room(session)
    plan = room.ready_draft()
    out = tmp_path / "export"
    out.mkdir()
    timeline = TimelineService(session)
    timeline.add_event(room.person_id, FollowUpKind.TRAINING_START, timeline.today())

    files = write_access_export(session, room.person_id, out)

    assert sorted(p.name for p in out.iterdir()) == sorted([files.pdf.name, files.json.name])
    for path in (files.pdf, files.json):
        assert NEUTRAL_NAME.match(path.name), path.name
        assert path.name.startswith(f"acces-{room.person_id.hex[:8]}-")
        assert path.stat().st_mode & 0o077 == 0  # readable by the owner only
    assert files.pdf.read_bytes().startswith(b"%PDF-")
    text = pdf_text(files.pdf)
    assert "Vos données personnelles" in text
    assert "Hélène LEFÈVRE" in text
    assert "Conserver mon dossier dans l'outil de la structure" in text  # a consent
    assert "Aucun moyen de transport à disposition" in text  # an answer, by its label
    assert "Frein bloquant" in text
    assert "10 ans d'aidante auprès de sa mère" in text
    assert "Devenir aide à domicile, près de chez moi." in text
    assert "aucun-moyen-de-transport" not in text and "mobilite.barrier" not in text
    assert plan.objectives and plan.objectives[0].label in text  # a plan objective
    assert "Qui a consulté ou modifié votre dossier" in text
    assert "Étape du parcours En action" in text  # the stage every screen shows

    document = json.loads(files.json.read_text(encoding="utf-8"))
    assert document["person"]["last_name"] == "Lefèvre"
    assert len(document["plans"]) == 1
    with session.uow() as uow:
        exported = [a for a in uow.audit.list() if a.action is AuditAction.EXPORTED]
    assert [a.entity_id for a in exported] == [room.person_id]

    again = write_access_export(session, room.person_id, out)  # never replaces the first
    assert (
        again.pdf != files.pdf
        and files.pdf.exists()
        and NEUTRAL_NAME.match(again.pdf.name.replace("-2.", "."))
    )


def test_access_export_refuses_the_data_folder(session: Session) -> None:
    room = make_room(session)
    with pytest.raises(ValidationError) as caught:
        write_access_export(session, room.person_id, session.data_dir)
    assert "dossier de données chiffrées" in caught.value.message_fr


def test_the_export_lists_the_timeline_with_details_in_words_and_added_chapters(
    session: Session, tmp_path: Path
) -> None:
    from datetime import timedelta

    from spie_desktop.domain.events import FollowUpKind
    from spie_desktop.plan.access_export import Chapter, Line, Section
    from spie_desktop.services.support import SupportService
    from spie_desktop.services.timeline import TimelineService

    room = make_room(session)
    timeline = TimelineService(session)
    today = timeline.today()
    timeline.add_event(
        room.person_id,
        FollowUpKind.CONTACT,
        today - timedelta(days=3),
        note="Appel du matin",
        details={"channel": "phone"},
    )
    SupportService(session).close(room.person_id, "emploi_durable", today)

    def reviews(_s: Session, person_id: object, _tz: ZoneInfo) -> Chapter:
        assert person_id == room.person_id
        section = Section("Revue du 04/12/2026", (Line("Question posée", "Quel logement ?"),))
        return Chapter("case_reviews", "Vos revues de situation", (section,))

    def nothing(_s: Session, _p: object, _tz: ZoneInfo) -> None:
        return None

    out = tmp_path / "export"
    out.mkdir()
    files = write_access_export(session, room.person_id, out, chapters=[reviews, nothing])

    text = pdf_text(files.pdf)
    assert "Fin d'accompagnement" in text and "Issue : Emploi durable (6 mois ou plus)" in text
    assert "Appel du matin · Moyen : Téléphone" in text
    assert "emploi_durable" not in text
    assert "Vos revues de situation" in text and "Quel logement ?" in text
    document = json.loads(files.json.read_text(encoding="utf-8"))
    assert document["case_reviews"] == [
        {"title": "Revue du 04/12/2026", "lines": [["Question posée", "Quel logement ?"]]}
    ]


def test_the_export_lists_the_case_reviews_with_session_place_question_and_decisions(
    session: Session, tmp_path: Path
) -> None:
    from datetime import UTC, date, datetime

    from spie_desktop.domain.case_review import Decision, Participant
    from spie_desktop.services import case_reviews

    room = make_room(session)
    out = tmp_path / "export"
    out.mkdir()
    first = write_access_export(session, room.person_id, out)  # nothing to say yet, said so
    assert "Votre situation n'a été proposée à aucune revue de situation." in pdf_text(first.pdf)
    assert json.loads(first.json.read_text(encoding="utf-8"))["case_review_history"] == []

    held = case_reviews.flag_case(
        session, room.person_id, "Freins cumulés", "Quelle garde pour un emploi du matin ?"
    )
    review = case_reviews.save_review(
        session,
        datetime(2026, 12, 10, 13, 0, tzinfo=UTC),
        "Rodez, Maison des solidarités",
        [
            Participant("Sylvie M.", "Conseil départemental", "Référente"),
            Participant("Julien R.", "France Travail Rodez", "Conseiller"),
        ],
    )
    case_reviews.schedule_case(session, held.id, review.id)
    case_reviews.save_decisions(
        session, held.id, [Decision("Demander une place en crèche", "CCAS", date(2027, 1, 15))]
    )
    case_reviews.flag_case(session, room.person_id, "Mobilité", "Quel transport le matin ?")

    files = write_access_export(session, room.person_id, out)

    text = pdf_text(files.pdf)
    tz = ZoneInfo(session.territory.timezone)
    when = f"{review.starts_at.astimezone(tz):%d/%m/%Y à %H:%M}"
    assert "Revues de situation" in text
    assert f"Revue de situation du {when}" in text
    assert "Lieu Rodez, Maison des solidarités" in text
    assert "Question posée au groupe Quelle garde pour un emploi du matin ?" in text
    assert "Demander une place en crèche — par CCAS — échéance 15/01/2027" in text
    assert "Structures présentes Conseil départemental, France Travail Rodez" in text
    assert "Sylvie M." not in text  # the participants by structure, not by name
    assert "Quel transport le matin ?" in text and "pas encore inscrite à une revue" in text
    chapter = json.loads(files.json.read_text(encoding="utf-8"))["case_review_history"]
    assert [section["title"] for section in chapter][0] == f"Revue de situation du {when}"
    assert ["Date de la séance", when] in chapter[0]["lines"]
    assert ["Référence anonyme du cas", held.reference] in chapter[0]["lines"]
    assert len(chapter) == 2
