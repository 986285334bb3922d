"""The set-up wizard's state and checks, without any widget."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.domain.errors import ValidationError
from spie_desktop.services.device import SetupResult
from spie_desktop.ui.setup_model import (
    SetupForm,
    SetupMode,
    SetupModel,
    SetupPage,
    identity_errors,
    set_up_device,
)
from spie_desktop.ui.tasks import TaskRunner


def test_identity_needs_territory_structure_and_name() -> None:
    errors = identity_errors(SetupForm(territory_code=None))
    assert set(errors) == {"territory_code", "structure_name", "counsellor_name"}
    assert identity_errors(SetupForm(territory_code="99"))["territory_code"].startswith(
        "Territoire inconnu"
    )
    ok = SetupForm(
        territory_code="973", structure_name="ML Ouest guyanais", counsellor_name="Kévin"
    )
    assert identity_errors(ok) == {}
    # the demo needs no structure
    assert identity_errors(SetupForm(mode=SetupMode.DEMO, counsellor_name="Kévin")) == {}


def test_setup_work_reports_its_steps_and_fills_the_demo(tmp_path: Path) -> None:
    calls: list[str] = []

    class FakeSession:
        def close(self) -> None:
            calls.append("close")

    def initialise(data_dir: Path, **kwargs: Any) -> SetupResult:
        calls.append(f"init {kwargs['territory_code']} {kwargs['structure_name']}")
        return SetupResult("KEY", uuid.uuid4())

    def unlock(data_dir: Path, account: uuid.UUID, passphrase: str) -> Any:
        calls.append("unlock")
        return FakeSession()

    def populate(session: Any, people: int, seed: int) -> int:
        calls.append(f"populate {people} {seed}")
        return people

    form = SetupForm(mode=SetupMode.DEMO, counsellor_name="Élodie", passphrase="x")
    work = set_up_device(tmp_path, form, initialise=initialise, unlock=unlock, populate=populate)
    steps = []
    with pytest.raises(StopIteration) as stop:
        while True:
            steps.append(next(work))
    assert steps == [
        "Création du coffre chiffré…",
        "Ouverture du coffre…",
        "Création de 200 personnes de démonstration…",
    ]
    assert calls == ["init 12 Structure de démonstration", "unlock", "populate 200 1"]
    assert stop.value.value.recovery_key == "KEY"


def test_a_refused_field_sends_the_person_back_to_it(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner()
    model = SetupModel(tmp_path, runner)
    model.choose(SetupMode.CONFIGURE)
    model._on_failed(ValidationError("Indiquez le nom de la structure.", "x", "structure_name"))
    assert model.page is SetupPage.IDENTITY
    assert model.errors == {"structure_name": "Indiquez le nom de la structure."}
    model._go(SetupPage.PASSPHRASE)
    model._on_failed(OSError(28, "No space left on device"))
    assert model.page is SetupPage.PASSPHRASE
    assert "La création du coffre a échoué (OSError)" in model.errors["passphrase"]
    runner.shutdown()


def test_finish_needs_the_key_confirmed(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner()
    model = SetupModel(tmp_path, runner)
    finished: list[object] = []
    model.finished.connect(finished.append)
    model.finish()
    assert finished == [] and not model.can_finish
    runner.shutdown()
