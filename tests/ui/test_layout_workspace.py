"""The interview room on the laptops counsellors carry: the main window at 1366×768 and
1280×720 (and the default 1200×760 window, and 4K), the diagnostic with every theme open, the plan of three objectives, the signature
step. Nothing a person reads is cut or elided, nothing overlaps, the panes share the width,
the plan keeps room to work and each signature pad is large enough to sign in.

``SPIE_LAYOUT_SIZES`` (e.g. ``910x512``) replaces the window sizes: the 150 % scaling test
runs this module again in a subprocess with ``QT_SCALE_FACTOR=1.5`` and the logical size of
a 1366×768 screen at that scale.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from spie_desktop.app import BASE_POINT_SIZE
from spie_desktop.services import device
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.diagnostic_page import DiagnosticPage
from spie_desktop.ui.interview.step_pages import PlanPage, SignaturePage
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.navigator import Navigator
from spie_desktop.ui.signature_pad import SignaturePad
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_window import UnlockWindow
from tests.services.conftest import NADIA_PASSPHRASE, initialise
from tests.services.plan_fixtures import make_room

from .conftest import press_enter, type_text
from .layout_checks import layout_problems, settled
from .main_helpers import people_of, wait_idle

OBJECTIVES = (
    ("mobilite", "Obtenir le permis de conduire"),
    ("contraintes_familiales", "Trouver une solution de garde pour les enfants"),
    ("sante", "Accéder à un suivi médical régulier près de chez soi"),
)
# The laptops counsellors carry, the application's default window, a 4K screen.
DEFAULT_SIZES = "1366x768,1280x720,1200x760,3840x2160"
SIZES = [
    tuple(int(n) for n in size.split("x"))
    for size in os.environ.get("SPIE_LAYOUT_SIZES", DEFAULT_SIZES).split(",")
]
MIN_PAD_HEIGHT = 150
MIN_PLAN_HEIGHT = 350  # at 1366×768


@dataclass(frozen=True)
class Template:
    data_dir: Path
    nadia_id: uuid.UUID
    person_id: uuid.UUID


@pytest.fixture(scope="module")
def layout_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Mme L.'s interview complete, her draft plan with three objectives of one action each."""
    data_dir = tmp_path_factory.mktemp("layout") / "device"
    setup = initialise(data_dir)
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        room = make_room(session)
        interviews = InterviewSessionService(session)
        interviews.save_answer(room.interview_id, "accueil.partage_partenaires", True)
        interviews.save_answer(room.interview_id, "accueil.donnees_sensibles", False)
        plan = room.plans.draft_from_interview(room.interview_id)
        plan.set_commitment(True)  # to the contrat d'engagement, a new plan's contract
        for objective in list(plan.objectives):
            plan.remove_objective(objective.id)
        start = room.plans.today() + timedelta(days=7)
        for theme, label in OBJECTIVES:
            objective = plan.add_objective(theme, label)
            plan.add_action(
                objective.id,
                "Rendez-vous avec la structure qui accompagne",
                responsible_structure="Conseil départemental de l'Aveyron",
                start_date=start,
                due_date=start + timedelta(days=90),
            )
        room.plans.save_draft(plan)
        people = PeopleService(session)  # long names, for the list in presentation mode
        people.create_person("Marie-Christine", "Bouscatel-Delmas", date(1971, 2, 3), "Rodez")
        people.create_person("Jean-Baptiste", "Castelnau-Montratier", None, "Villefranche")
    return Template(data_dir, setup.counsellor_id, room.person_id)


@pytest.fixture
def main(
    qtbot: QtBot, runner: TaskRunner, layout_template: Template, tmp_path: Path
) -> Iterator[MainWindow]:
    data_dir = tmp_path / "device"
    shutil.copytree(layout_template.data_dir, data_dir)
    navigator = Navigator(data_dir, runner)
    unlock = navigator.start()
    assert isinstance(unlock, UnlockWindow)
    unlock.select_account(layout_template.nadia_id)
    type_text(unlock.passphrase, NADIA_PASSPHRASE)
    press_enter(unlock.passphrase)
    qtbot.waitUntil(lambda: isinstance(navigator.window, MainWindow), timeout=20_000)
    window = navigator.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.navigator = navigator  # type: ignore[attr-defined]
    font = QFont(window.font())
    font.setPointSizeF(BASE_POINT_SIZE)  # the application's text size, as spie-desktop sets it
    window.setFont(font)
    window.show()
    yield window
    wait_idle(qtbot, runner)


def open_workspace(
    qtbot: QtBot, runner: TaskRunner, main: MainWindow, person_id: uuid.UUID, size: tuple[int, int]
) -> InterviewWorkspace:
    main.resize(*size)
    main.open_interview(person_id)
    workspace = people_of(main).currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=20_000)
    wait_idle(qtbot, runner)
    return workspace


def settle(qtbot: QtBot, runner: TaskRunner, main: MainWindow, size: tuple[int, int]) -> None:
    wait_idle(qtbot, runner)
    qtbot.wait(50)  # let the layouts run
    assert (main.width(), main.height()) == size, "the window had to grow to hold its content"


def check(page: object, workspace: InterviewWorkspace) -> None:
    problems = settled(
        lambda: layout_problems(page) + layout_problems(workspace.strip)  # type: ignore[arg-type]
    )
    assert problems == []


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_diagnostic_shows_every_label_whole_in_two_even_panes(
    qtbot: QtBot,
    runner: TaskRunner,
    main: MainWindow,
    layout_template: Template,
    size: tuple[int, int],
) -> None:
    workspace = open_workspace(qtbot, runner, main, layout_template.person_id, size)
    workspace.go_to("situation")
    page = workspace.pages.currentWidget()
    assert isinstance(page, DiagnosticPage)
    for pane in page.panes:
        for panel in pane.panels:
            panel.set_expanded(True)
    settle(qtbot, runner, main, size)

    widths = [pane.width() for pane in page.panes]
    assert max(widths) <= min(widths) * 1.10, widths
    check(page, workspace)
    for pane in page.panes:  # every theme, scrolled into view, is whole too
        for panel in pane.panels:
            pane.scroll_area.ensureWidgetVisible(panel.header)
        assert layout_problems(pane) == []

    strip = workspace.strip  # unfolded on demand: its texts and chart whole, nothing overlapping
    strip.set_expanded(True)
    settle(qtbot, runner, main, size)
    assert settled(lambda: layout_problems(strip)) == []
    assert strip.chart.rows() and strip.chart.elided_labels() == []
    assert strip.chart.width() >= strip.chart.minimumSizeHint().width()
    strip.set_expanded(False)
    workspace.leave()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_plan_of_three_objectives_keeps_room_to_work(
    qtbot: QtBot,
    runner: TaskRunner,
    main: MainWindow,
    layout_template: Template,
    size: tuple[int, int],
) -> None:
    workspace = open_workspace(qtbot, runner, main, layout_template.person_id, size)
    assert workspace.model.go_to("plan") == []
    page = workspace.pages.currentWidget()
    assert isinstance(page, PlanPage)
    editor = page.editor
    assert editor is not None
    qtbot.waitUntil(lambda: len(editor.objective_boxes) == len(OBJECTIVES), timeout=20_000)
    settle(qtbot, runner, main, size)

    if size[0] >= 1366 and size[1] >= 768:
        assert editor.height() >= MIN_PLAN_HEIGHT
    check(page, workspace)
    workspace.leave()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_signature_step_gives_each_pad_a_large_area(
    qtbot: QtBot,
    runner: TaskRunner,
    main: MainWindow,
    layout_template: Template,
    size: tuple[int, int],
) -> None:
    workspace = open_workspace(qtbot, runner, main, layout_template.person_id, size)
    assert workspace.model.go_to("signature") == []
    page = workspace.pages.currentWidget()
    assert isinstance(page, SignaturePage)
    settle(qtbot, runner, main, size)
    qtbot.waitUntil(lambda: page.review.model.current, timeout=20_000)
    assert page.review.model.pass_review()  # read together: the pads come next
    qtbot.waitUntil(lambda: page.pads_shown, timeout=5_000)
    settle(qtbot, runner, main, size)

    pads = page.findChildren(SignaturePad)
    assert len(pads) == 3
    for pad in pads:
        assert pad.height() >= MIN_PAD_HEIGHT
    person, *counsellors = (panel.box.pad for panel in page.signing.panels.values())
    assert person.width() > max(c.width() for c in counsellors) * 1.5  # hers spans the width
    check(page, workspace)
    workspace.leave()
