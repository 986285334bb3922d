"""Demo stores come with signed plans: real PDFs signed by two demo signers, never more
than asked, and never in a store of real people."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.domain.plan import PlanStatus
from spie_desktop.plan.verify import verify_pdf
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.demo_plans import (
    DEMO_SIGNING_PASSPHRASE,
    demo_languages,
    populate_demo_plans,
)
from spie_desktop.services.plans import PlanService
from spie_desktop.storage.errors import NotADemoStore
from spie_desktop.storage.session import Session

from .conftest import NADIA_PASSPHRASE, initialise
from .test_plan_reading import pdf_text


def test_demo_plans_are_really_signed_and_counted(session: Session) -> None:
    populate_demo(session, 60, seed=4)
    assert populate_demo_plans(session, seed=4, count=3) == 3
    assert populate_demo_plans(session, seed=4, count=3) == 0  # already there: nothing more
    plans = PlanService(session)
    signed = [p for p in plans.list_all() if p.status is PlanStatus.SIGNED]
    assert len(signed) == 3
    report = verify_pdf(plans.pdf(signed[0].id))
    assert all(c.intact and c.self_signed for c in report.signatures)
    assert not report.ok  # demo keys are self-signed: never a valid plan
    assert "signé hors autorité du territoire" in report.verdict_fr
    assert [c.claimed_signer for c in report.signatures] == [
        "Nadia B. (démo)",
        "Julien R. (démo)",
    ]
    with session.uow(read_only=True) as uow:
        demo_signers = [c for c in uow.counsellors.list_all() if "(démo)" in c.display_name]
    assert len(demo_signers) == 2
    # The demo passphrase confirms their signatures (the signing screen can be tried)...
    plans.unlock_signer(demo_signers[0].id, DEMO_SIGNING_PASSPHRASE)
    assert populate_demo_plans(session, seed=4, count=4) == 1  # same signers, reused


def test_no_demo_plans_in_a_store_of_real_people(session: Session) -> None:
    with pytest.raises(NotADemoStore):
        populate_demo_plans(session, seed=1)


def _signed_by_language(session: Session) -> dict[str, list[bytes]]:
    plans = PlanService(session)
    with session.uow(read_only=True) as uow:
        language = {p.id: p.language for p in uow.people.list_all()}
    found: dict[str, list[bytes]] = {}
    for plan in plans.list_all():
        if plan.status is PlanStatus.SIGNED:
            found.setdefault(language[plan.person_id], []).append(plans.pdf(plan.id))
    return found


def _plain(data: bytes) -> str:
    return unicodedata.normalize("NFKC", pdf_text(data))


def test_demo_plans_are_signed_in_the_people_s_languages(session: Session) -> None:
    """A mainland store: Arabic, Portuguese, Spanish and English readers, each plan in
    their language with the French below."""
    populate_demo(session, 60, seed=4)
    populate_demo_plans(session, seed=4, count=7)
    found = _signed_by_language(session)
    assert {"ar", "pt-BR", "es", "en", "fr"} <= set(found)
    for code in ("pt-BR", "es", "en"):
        text = _plain(found[code][0])
        assert person_texts(code).text("next.withdraw") in text, code
        assert "Le texte en français est le texte de référence." in text
    arabic = _plain(found["ar"][0])
    assert "Le texte en français est le texte de référence." in arabic
    assert sum("\u0600" <= c <= "\u06ff" for c in arabic) > 500  # shaped, then folded back
    assert "Le texte en français est le texte de référence." not in _plain(found["fr"][0])
    # Again: nothing more is signed, and nobody's language changes.
    before = {k: len(v) for k, v in found.items()}
    assert populate_demo_plans(session, seed=4, count=7) == 0
    assert {k: len(v) for k, v in _signed_by_language(session).items()} == before


def test_guyane_demo_people_read_portuguese_and_spanish_first(data_dir: Path) -> None:
    assert demo_languages("973")[:2] == ("pt-BR", "es")
    assert "ar" in demo_languages("12") and "ar" not in demo_languages("973")
    setup = initialise(data_dir, "973")
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        populate_demo(session, 40, seed=2)
        populate_demo_plans(session, seed=2, count=3)
        found = _signed_by_language(session)
    finally:
        session.close()
    assert found.get("pt-BR") and found.get("es") and "ar" not in found
    assert person_texts("pt-BR").text("next.heading") in _plain(found["pt-BR"][0])
