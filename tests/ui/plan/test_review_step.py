"""The review before signing, in the workspace at 1366×768: the person reads the plan in large
type before any pad; warnings leave signing possible, errors do not; the step bar cannot
skip the review."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.plan import PlanStatus, SignerRole
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.step_pages import PlanPage, SignaturePage
from spie_desktop.ui.plan import PlanEditor, PlanModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.plan_fixtures import Room

from .conftest import (
    JULIEN_PASSPHRASE,
    NADIA_PASSPHRASE,
    SIGNING_TIMEOUT_MS,
    sign_on,
    take_up_suggestions,
)

LARGE_TYPE_PT = 14.0  # the person reads the plan before signing it


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_workspace(qtbot: QtBot, runner: TaskRunner, room: Room) -> InterviewWorkspace:
    """Her workspace on a 1366×768 laptop, at the plan step, the editor loaded."""
    workspace = InterviewWorkspace(WindowContext(room.session, runner), room.person_id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=20_000)
    workspace.model.set_answer("accueil.partage_partenaires", True)
    workspace.model.set_answer("accueil.donnees_sensibles", False)
    assert workspace.model.go_to("plan") == []
    editor = plan_editor(workspace)
    qtbot.waitUntil(lambda: editor.model.plan is not None, timeout=20_000)
    return workspace


def plan_editor(workspace: InterviewWorkspace) -> PlanEditor:
    page = workspace.page("plan")
    assert isinstance(page, PlanPage) and page.editor is not None
    return page.editor


def signature_page(workspace: InterviewWorkspace) -> SignaturePage:
    page = workspace.page("signature")
    assert isinstance(page, SignaturePage)
    return page


def to_signature_by_the_step_bar(qtbot: QtBot, workspace: InterviewWorkspace) -> SignaturePage:
    """Click "5. Signature" in the step bar, and wait for the review to be read."""
    click(qtbot, workspace.step_bar.buttons["signature"])
    assert workspace.model.state.current_step.id == "signature"
    page = signature_page(workspace)
    assert workspace.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.review.model.current, timeout=20_000)
    return page


def dated_action(model: PlanModel, objective_index: int) -> None:
    plan = model.plan
    assert plan is not None
    action = model.add_action(plan.objectives[objective_index].id)
    day = format_date(model.today + timedelta(days=45))
    assert model.set_action_text(action.id, "responsible_structure", "Mission locale") == ""
    assert model.set_action_date(action.id, "due_date", day) == ""


def test_the_review_shows_the_warnings_and_the_counsellors_still_sign(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    take_up_suggestions(room)
    workspace = open_workspace(qtbot, runner, room)
    editor = plan_editor(workspace)
    model = editor.model
    plan = model.plan
    assert plan is not None and len(plan.objectives) >= 3
    dated_action(model, 0)
    duplicated = plan.objectives[0]
    model.add_objective(duplicated.theme, duplicated.label)  # the wheel's doing, as seen
    without_action = plan.objectives[1].label

    click(qtbot, editor.sign_button)  # "Relire le plan avant de signer →"
    page = signature_page(workspace)
    assert workspace.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.review.model.current, timeout=20_000)
    review = page.review
    assert not page.pads_shown and review.isVisible()

    # The plan as the PDF words it, in large type.
    text = review.summary_text()
    assert "Vos objectifs et les actions prévues" in text
    assert f"Objectif : Contraintes familiales — {duplicated.label} (en cours)" in text
    assert "Mission locale" in text
    assert format_date(model.today + timedelta(days=45)) in text
    assert "Pas encore d'action." in text
    assert review.summary.font().pointSizeF() >= LARGE_TYPE_PT
    # The warnings, in yellow, and no error.
    assert f"L'objectif « {duplicated.label} » figure deux fois dans le plan." in review.warnings()
    assert f"L'objectif « {without_action} » n'a encore aucune action." in review.warnings()
    assert review.errors() == [] and not review.blocked.isVisible()
    assert all(row.isVisible() for row in review.problem_rows)

    # Read together: the pads, and signing goes through despite the warnings.
    assert review.pass_button.isEnabled()
    click(qtbot, review.pass_button)
    assert page.pads_shown
    signing = page.signing
    for seed, role in enumerate((SignerRole.PERSON, SignerRole.SOCIAL, SignerRole.EMPLOI)):
        sign_on(signing.panels[role].box.pad, seed)
    social, emploi = signing.panels[SignerRole.SOCIAL], signing.panels[SignerRole.EMPLOI]
    assert social.passphrase is not None and emploi.passphrase is not None
    social.passphrase.setText(NADIA_PASSPHRASE)
    emploi.passphrase.setText(JULIEN_PASSPHRASE)
    with qtbot.waitSignal(signing.model.signed, timeout=SIGNING_TIMEOUT_MS):
        assert signing.sign()
    stored = room.plans.get(plan.id)
    assert stored.status is PlanStatus.SIGNED
    assert len(stored.objectives) == len(plan.objectives)  # the duplicate, as they accepted
    assert page.pads_shown  # a signed plan shows its signatures
    assert workspace.flush()


def test_an_error_keeps_signing_disabled_until_fixed_in_the_plan(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    take_up_suggestions(room)
    workspace = open_workspace(qtbot, runner, room)
    editor = plan_editor(workspace)
    model = editor.model
    plan = model.plan
    assert plan is not None
    action = model.add_action(plan.objectives[0].id, "Bourse au permis")  # no due date

    page = to_signature_by_the_step_bar(qtbot, workspace)
    review = page.review
    missing = "L'action « Bourse au permis » n'a pas d'échéance."
    assert review.errors() == [missing]
    assert not review.pass_button.isEnabled() and review.blocked.isVisible()
    assert not review.model.pass_review() and not page.pads_shown

    # "Corriger dans le plan": back to the plan step, at the due date to fill in.
    row = next(r for r in review.problem_rows if r.error)
    click(qtbot, row.fix_button)
    assert workspace.model.state.current_step.id == "plan"
    form = editor.action_form(action.id)
    assert form is not None and form.due.line.hasFocus()
    qtbot.keyClicks(form.due.line, format_date(model.today + timedelta(days=30)))
    form.due.line.editingFinished.emit()
    assert model.readiness_problems() == []

    # A next review date already past, or today itself, is an error too.
    for day in (model.today - timedelta(days=1), model.today):
        assert model.set_next_review(format_date(day)) == ""
        page = to_signature_by_the_step_bar(qtbot, workspace)
        past = f"La date du prochain point ({format_date(day)}) doit être postérieure "
        assert [e[: len(past)] for e in review.errors()] == [past]
        assert not review.pass_button.isEnabled() and not page.pads_shown

    assert model.set_next_review(format_date(model.today + timedelta(days=60))) == ""
    page = to_signature_by_the_step_bar(qtbot, workspace)
    assert review.errors() == [] and review.pass_button.isEnabled()
    assert workspace.flush()


def test_the_pads_are_not_reached_before_the_review_nor_after_a_change(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    take_up_suggestions(room)
    workspace = open_workspace(qtbot, runner, room)
    model = plan_editor(workspace).model

    page = to_signature_by_the_step_bar(qtbot, workspace)
    assert not page.pads_shown and page.review.isVisible()
    assert not page.signing.isVisible()
    assert not page.signing.panels[SignerRole.PERSON].box.pad.isVisible()
    click(qtbot, page.review.pass_button)
    assert page.pads_shown and page.signing.panels[SignerRole.PERSON].box.pad.isVisible()

    # Back to the plan, one change: the plan must be read again before the pads.
    click(qtbot, workspace.step_bar.buttons["plan"])
    plan = model.plan
    assert plan is not None
    model.set_objective_label(plan.objectives[0].id, "Trouver un mode de garde le mercredi")
    page = to_signature_by_the_step_bar(qtbot, workspace)
    assert not page.pads_shown
    assert "Trouver un mode de garde le mercredi" in page.review.summary_text()
    click(qtbot, page.review.pass_button)
    assert page.pads_shown
    # "← Relire le plan" goes back to the review.
    click(qtbot, page.read_again_button)
    assert not page.pads_shown and page.review.isVisible()
    assert workspace.flush()
