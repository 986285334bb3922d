"""Scenario 1 in a real store for the plan UI: Nadia (social) unlocked, Julien (emploi) has
his own account, Mme L. consented and was interviewed. Built once (Argon2id is slow under
load), copied for each test; each test unlocks its copy once."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.plan import ActionPlan
from spie_desktop.services import device
from spie_desktop.services.plans import PlanService
from spie_desktop.ui.plan import Account, PlanModel, SigningModel
from spie_desktop.ui.signature_pad import SignaturePad
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, initialise
from tests.services.plan_fixtures import Room, make_room

__all__ = ["JULIEN_PASSPHRASE", "NADIA_PASSPHRASE"]
LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier
SIGNING_TIMEOUT_MS = 60_000  # two Argon2id unwraps and two PAdES signatures, on a loaded machine


@dataclass(frozen=True)
class Template:
    data_dir: Path
    nadia_id: uuid.UUID
    julien_id: uuid.UUID
    person_id: uuid.UUID
    interview_id: uuid.UUID


@pytest.fixture(scope="session")
def plan_room_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    data_dir = tmp_path_factory.mktemp("plan-room") / "device"
    setup = initialise(data_dir)
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        room = make_room(session)
    return Template(
        data_dir, setup.counsellor_id, room.julien.id, room.person_id, room.interview_id
    )


@pytest.fixture
def room(plan_room_template: Template, tmp_path: Path) -> Iterator[Room]:
    data_dir = tmp_path / "device"
    shutil.copytree(plan_room_template.data_dir, data_dir)
    session = device.unlock(data_dir, plan_room_template.nadia_id, NADIA_PASSPHRASE)
    with session.uow(read_only=True) as uow:
        julien = uow.counsellors.get(plan_room_template.julien_id)
    yield Room(
        session,
        PlanService(session),
        julien,
        plan_room_template.person_id,
        plan_room_template.interview_id,
    )
    session.close()


def take_up_suggestions(room: Room) -> ActionPlan:
    """Her draft with every objective her synthesis suggests taken up, as the counsellors
    would choose them (a new draft holds none), and her commitment to the contrat
    d'engagement given."""
    plan = room.plans.draft_from_interview(room.interview_id)
    plan.set_commitment(True)
    for group in room.plans.suggestions(plan):
        for suggestion in group.objectives:
            plan.add_suggested_objective(suggestion.theme, suggestion.label)
    return room.plans.save_draft(plan)


@pytest.fixture
def plan_model(qtbot: QtBot, runner: TaskRunner, room: Room) -> PlanModel:
    """Mme L.'s plan model, her draft loaded with the suggested objectives taken up."""
    take_up_suggestions(room)
    model = PlanModel(WindowContext(room.session, runner), room.person_id, room.interview_id)
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.load()
    return model


@pytest.fixture
def signing_model(plan_model: PlanModel, room: Room) -> SigningModel:
    accounts = [
        Account(room.nadia.id, room.nadia.display_name, Field.SOCIAL),
        Account(room.julien.id, room.julien.display_name, Field.EMPLOI),
    ]
    owners = {Field.SOCIAL: room.nadia.id}  # Julien has not joined the interview
    return SigningModel(plan_model, "Hélène Lefèvre", accounts, owners, "Rodez")


def stored_plan(room: Room, plan_id: uuid.UUID) -> ActionPlan:
    return room.plans.get(plan_id)


def wave(width: int, height: int, seed: int = 0) -> list[QPoint]:
    """A handwriting-like zigzag across most of a pad of this size."""
    points = []
    for i in range(0, 60):
        x = int(width * (0.1 + 0.8 * i / 59))
        y = int(height * (0.5 + (0.25 if (i // (3 + seed)) % 2 else -0.25) * ((i % 4) / 3)))
        points.append(QPoint(x, y))
    return points


def mouse_stroke(widget: QWidget, points: Sequence[QPoint]) -> None:
    """Press, drag with the button held (QTest's move carries no buttons offscreen), release."""
    QTest.mousePress(widget, LEFT, NO_MOD, points[0])
    for point in points[1:]:
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(point),
            widget.mapToGlobal(QPointF(point)),
            Qt.MouseButton.NoButton,
            LEFT,
            NO_MOD,
        )
        QApplication.sendEvent(widget, move)
    QTest.mouseRelease(widget, LEFT, NO_MOD, points[-1])


def sign_on(pad: SignaturePad, seed: int = 0) -> None:
    """Two strokes drawn with the mouse, as a person signing would."""
    rect = pad.signing_rect()
    width, height = int(rect.width()), int(rect.height())
    first = [
        QPoint(p.x() + int(rect.left()), p.y() + int(rect.top())) for p in wave(width, height, seed)
    ]
    mouse_stroke(pad, first)
    tail = [
        QPoint(
            int(rect.left() + width * (0.7 + 0.02 * i)), int(rect.top() + height * (0.8 - 0.05 * i))
        )
        for i in range(10)
    ]
    mouse_stroke(pad, tail)
