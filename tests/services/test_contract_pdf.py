"""A plan signed today names the contrat d'engagement, says what it is with its law
reference, and never the PPAE — read back from the signed PDF by pdftotext, in French and
in the person's language."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.storage.session import Session
from tests.conftest import require_tool

from .plan_fixtures import Room, make_room


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def pdftotext(data: bytes, tmp_path: Path) -> str:
    tool = require_tool("pdftotext")
    source = tmp_path / "plan.pdf"
    source.write_bytes(data)
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True, text=True
    )
    return unicodedata.normalize("NFKC", " ".join(done.stdout.split()))


def _sign_today(room: Room, language: str) -> bytes:
    if language != "fr":
        with room.session.uow() as uow:
            person = uow.people.get(room.person_id)
            person.language = language
            uow.people.save(person)
    plan = room.ready_draft()  # a new plan: under the contrat d'engagement, her commitment given
    return room.plans.pdf(room.sign(plan).plan.id)


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("language", ["fr", "pt-BR"])
def test_a_plan_signed_today_names_the_contrat_d_engagement_never_the_ppae(
    room: Room, tmp_path: Path, language: str
) -> None:
    text = pdftotext(_sign_today(room, language), tmp_path)
    assert "Ce plan est lié au contrat d'engagement." in text
    assert "Ce plan vous engage dans le cadre du contrat d'engagement." in text
    assert "Code du travail, article L5411-6" in text
    assert "PPAE" not in text and "projet personnalisé d'accès à l'emploi" not in text
    assert "engagements réciproques" not in text
    if language != "fr":
        texts = person_texts(language)
        assert _plain(texts.text("plan.contract.about")) in text
        name = texts.text("plan.contract.engagement")
        assert _plain(texts.text("plan.contract", contract=name)) in text
        assert "PPAE" not in texts.text("plan.contract.engagement")
