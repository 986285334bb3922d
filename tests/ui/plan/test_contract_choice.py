"""The plan's contract in the editor: the contrat d'engagement by default, never a PPAE for
a new plan, an old PPAE plan shown as such and read-only, a pathway refused in French for
someone it is not open to."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from spie_desktop.domain.plan import Contract, PlanStatus
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.plan import PlanEditor, PlanModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.plan_fixtures import Room

from .test_plan_editor import make_editor


def _labels(editor: PlanEditor) -> list[str]:
    return [editor.contract.itemText(i) for i in range(editor.contract.count())]


def _model(qtbot: QtBot, runner: TaskRunner, room: Room) -> PlanModel:
    model = PlanModel(WindowContext(room.session, runner), room.person_id, room.interview_id)
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.load()
    return model


def _born_years_ago(years: int, today: date) -> date:
    return today.replace(year=today.year - years) - timedelta(days=10)


def test_a_new_plan_is_under_the_contrat_d_engagement_and_no_ppae_is_offered(
    qtbot: QtBot, plan_model: PlanModel
) -> None:
    editor = make_editor(qtbot, plan_model)
    assert plan_model.plan is not None and plan_model.plan.contract is Contract.ENGAGEMENT
    assert editor.contract.value() is Contract.ENGAGEMENT
    assert editor.contract.currentText() == "Contrat d'engagement — parcours standard"
    labels = _labels(editor)
    assert labels[0] == "Contrat d'engagement — parcours standard"
    assert not [label for label in labels if "PPAE" in label or "CER" in label]
    assert Contract.PPAE not in editor.contract.offered()
    assert editor.contract.isEnabled()


def test_an_old_ppae_plan_is_named_as_such_read_only_and_its_new_version_converts_it(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    # A plan signed under the PPAE before 2025, as it reaches this device.
    plan = room.plans.draft_from_interview(room.interview_id)
    with room.session.uow() as uow:
        stored = uow.plans.get(plan.id)
        stored.contract, stored.contract_commitment = Contract.PPAE, True
        stored.status = PlanStatus.SIGNED
        uow.plans.save(stored)
    model = _model(qtbot, runner, room)
    editor = make_editor(qtbot, model)
    assert editor.contract.currentText() == "Ancien PPAE, à convertir en contrat d'engagement"
    assert not editor.contract.isEnabled() and not editor.commitment.isEnabled()
    assert editor.new_version_button.isVisible()

    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.new_version()
    assert model.plan is not None and model.plan.contract is Contract.ENGAGEMENT
    assert editor.contract.currentText() == "Contrat d'engagement — parcours standard"
    assert not [label for label in _labels(editor) if "PPAE" in label]
    assert editor.contract.isEnabled()


def test_a_draft_still_under_a_ppae_cannot_go_to_signing_until_converted(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    plan = room.plans.draft_from_interview(room.interview_id)
    with room.session.uow() as uow:
        stored = uow.plans.get(plan.id)
        stored.contract, stored.contract_commitment = Contract.PPAE, True
        uow.plans.save(stored)
    model = _model(qtbot, runner, room)
    editor = make_editor(qtbot, model)
    assert _labels(editor)[0] == "Ancien PPAE, à convertir en contrat d'engagement"
    assert not editor.request_signing()
    assert editor.contract_error.text().startswith(
        "Le PPAE est remplacé par le contrat d'engagement depuis le 1er janvier 2025"
    )
    editor.contract.choose(Contract.ENGAGEMENT)
    assert model.plan is not None and model.plan.contract is Contract.ENGAGEMENT
    assert not [label for label in _labels(editor) if "PPAE" in label]  # no way back
    assert model.flush(20)


def test_cej_is_refused_in_french_for_a_forty_year_old(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    people = PeopleService(room.session)
    person = people.get(room.person_id)
    person.birth_date = _born_years_ago(40, room.plans.today())
    people.update(person)
    model = _model(qtbot, runner, room)
    editor = make_editor(qtbot, model)

    editor.contract.choose(Contract.CEJ)
    assert editor.contract_error.isVisible()
    assert editor.contract_error.text().startswith(
        "Le CEJ est réservé aux personnes de 16 à 25 ans (jusqu'à 29 ans avec une "
        "reconnaissance de la qualité de travailleur handicapé, RQTH) ; la personne a 40 ans"
    )
    assert editor.contract.value() is Contract.ENGAGEMENT  # the choice stays as it was
    assert model.plan is not None and model.plan.contract is Contract.ENGAGEMENT

    # At 22, the CEJ is open to her.
    person = people.get(room.person_id)
    person.birth_date = _born_years_ago(22, room.plans.today())
    people.update(person)
    young = _model(qtbot, runner, room)
    assert young.set_contract(Contract.CEJ) == ""
    assert young.flush(20)
