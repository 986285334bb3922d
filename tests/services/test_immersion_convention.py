"""The draft convention: a real PDF whose text holds the company, its SIRET and the dates,
the same data as JSON that reads back, written without a stray file nor a name in its name."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from spie_desktop.domain.immersion import Period
from spie_desktop.domain.immersion_convention import draft_from_json, draft_to_json
from spie_desktop.domain.person_texts import person_texts
from spie_desktop.services import immersion_convention as convention
from spie_desktop.services import immersions
from spie_desktop.storage.session import Session

from .immersion_fixtures import BEFORE, SIRET, add_person, immersion


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def test_the_pdf_and_the_json_hold_the_convention(session: Session, tmp_path: Path) -> None:
    person = add_person(session)
    split = (
        Period(date(2027, 3, 1), date(2027, 3, 5)),
        Period(date(2027, 3, 15), date(2027, 3, 16)),
    )
    saved = immersions.save_immersion(session, immersion(person, *split), now=BEFORE).immersion
    draft = convention.convention_draft(session, saved.id)

    pdf_name = convention.suggested_name(draft, convention.PDF)
    assert pdf_name == "projet-convention-pmsmp-2027-03-01.pdf"
    out = tmp_path / "exports"
    out.mkdir()
    convention.export_convention(session, saved.id, out / pdf_name)
    text = _pdf_text((out / pdf_name).read_bytes())
    for expected in (
        "Projet de convention de mise en situation en milieu professionnel (PMSMP)",
        "Boulangerie du Maroni",
        SIRET,
        "du 01/03/2027 au 05/03/2027",
        "du 15/03/2027 au 16/03/2027",
        "7 jours",
        "LEFÈVRE Hélène",
        "Marc Dupuis",
        "Découvrir un métier ou un secteur d'activité",
        "valide la convention",
    ):
        assert expected in text, expected

    json_path = out / convention.suggested_name(draft, convention.JSON)
    convention.export_convention(session, saved.id, json_path)
    data = json.loads(json_path.read_text("utf-8"))
    assert data["host_company"]["siret"] == SIRET
    assert data["periods"][1] == {"start": "2027-03-15", "end": "2027-03-16"}
    assert draft_from_json(data) == draft
    assert draft_to_json(draft_from_json(data)) == data
    # Nothing but the two exports: no temporary copy left behind.
    assert sorted(p.name for p in out.iterdir()) == [
        "projet-convention-pmsmp-2027-03-01.json",
        "projet-convention-pmsmp-2027-03-01.pdf",
    ]


def test_the_convention_explains_itself_in_the_person_s_language(
    session: Session, tmp_path: Path
) -> None:
    """A Spanish reader gets the explanation in Spanish with the French below; a French
    reader gets it in plain French, once."""
    person = add_person(session)
    saved = immersions.save_immersion(
        session, immersion(person, Period(date(2027, 3, 1), date(2027, 3, 5))), now=BEFORE
    ).immersion
    french = person_texts("fr")
    target = tmp_path / "projet.pdf"
    convention.export_convention(session, saved.id, target)
    text = _pdf_text(target.read_bytes())
    assert text.count(french.text("convention.what")) == 1
    with session.uow() as uow:
        found = uow.people.get(person)
        found.language = "es"
        uow.people.save(found)
    convention.export_convention(session, saved.id, target)
    text = _pdf_text(target.read_bytes())
    spanish = person_texts("es")
    for key in ("convention.title", "convention.what", "convention.status"):
        assert spanish.text(key) in text and french.text(key) in text, key
    assert spanish.text("plan.french_reference") in text
