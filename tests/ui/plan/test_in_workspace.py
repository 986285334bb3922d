"""The plan inside the interview workspace: the plan step holds the editor, "Passer à la
signature" moves to the signature step, which holds the signing page for the same draft."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.plan import SignerRole
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.step_pages import PlanPage, SignaturePage
from spie_desktop.ui.plan import PlanEditor, SigningPage
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.plan_fixtures import Room

from .conftest import take_up_suggestions


def test_the_plan_is_built_and_handed_to_signing_in_the_workspace(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    take_up_suggestions(room)  # a new draft holds none: the counsellors choose them
    workspace = InterviewWorkspace(WindowContext(room.session, runner), room.person_id)
    qtbot.addWidget(workspace)
    workspace.resize(1400, 900)
    workspace.show()
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=20_000)
    model = workspace.model
    model.set_answer("accueil.partage_partenaires", True)
    model.set_answer("accueil.donnees_sensibles", False)
    assert model.go_to("plan") == []

    page = workspace.pages.currentWidget()
    assert isinstance(page, PlanPage)
    editor = page.editor
    assert isinstance(editor, PlanEditor) and editor.isVisible()
    qtbot.waitUntil(
        lambda: bool(editor.objective_boxes), timeout=20_000
    )  # the suggestions taken up
    first = next(iter(editor.objective_boxes.values()))
    qtbot.mouseClick(first.add_action_button, Qt.MouseButton.LeftButton)
    form = editor.objective_boxes[first.objective_id].action_forms[0]

    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)
    assert model.state.current_step.id == "plan"  # the action has no due date yet
    assert form.due.error.isVisible()
    qtbot.keyClicks(form.due.line, format_date(editor.model.today + timedelta(days=60)))
    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)
    assert model.state.current_step.id == "signature"

    signature = workspace.pages.currentWidget()
    assert isinstance(signature, SignaturePage)
    signing = signature.signing
    assert isinstance(signing, SigningPage)
    assert signing.model.plan_model is editor.model  # one draft for both steps
    assert signing.panels[SignerRole.PERSON].box.name.text() == "Hélène LEFÈVRE"
    assert signing.panels[SignerRole.SOCIAL].box.name.text() == "Nadia B."
    assert signing.panels[SignerRole.EMPLOI].box.name.text() == "Julien R."
    assert signing.place.text() == "Aveyron"
    assert not signing.plan_error.isVisible()
    assert workspace.flush()
