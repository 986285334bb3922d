"""« Faire évaluer par la personne… » on the signing step: hidden on a draft, offered once
the plan is signed; the first plan is signed at the end of the interview, a later version
at a review of the plan, and the evaluation is recorded at that step."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.plan import SignerRole
from spie_desktop.services.evaluations import EvaluationStep
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.evaluation_offer import step_after_signing
from spie_desktop.ui.plan import PlanModel, SigningModel
from tests.services.plan_fixtures import Room

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, SIGNING_TIMEOUT_MS, sign_on
from .test_signing_page import make_page, ready, type_passphrases


def test_the_first_plan_is_the_interview_a_later_version_a_plan_review() -> None:
    assert step_after_signing(1) is EvaluationStep.INTERVIEW
    assert step_after_signing(2) is EvaluationStep.PLAN_REVIEW
    assert step_after_signing(5) is EvaluationStep.PLAN_REVIEW


def test_the_evaluation_is_offered_once_the_plan_is_signed(
    qtbot: QtBot, plan_model: PlanModel, signing_model: SigningModel, room: Room
) -> None:
    ready(plan_model)
    page = make_page(qtbot, signing_model)
    assert not page.evaluate_button.isVisible()
    assert not page.hand_over()  # a draft: nothing to evaluate yet
    for seed, role in enumerate(SignerRole):
        sign_on(page.panels[role].box.pad, seed)
    type_passphrases(page, NADIA_PASSPHRASE, JULIEN_PASSPHRASE)
    assert page.sign()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=SIGNING_TIMEOUT_MS)
    page.preview.close()  # type: ignore[union-attr]
    assert page.evaluate_button.isVisible()

    PeopleService(room.session).record_consent(
        room.person_id, {ConsentScope.RECORD, ConsentScope.EVALUATION}
    )
    page.evaluate_button.click()
    qtbot.waitUntil(lambda: page.evaluation is not None, timeout=10_000)
    window = page.evaluation
    assert window is not None and window.isVisible()
    qtbot.waitUntil(lambda: _steps(room) == ["interview"], timeout=10_000)
    window.close()


def _steps(room: Room) -> list[str]:
    with room.session.uow(read_only=True) as uow:
        return [r[0] for r in uow.session.execute(text("SELECT step FROM evaluations"))]
