"""The set-up model adapts the UI-free wizard (tests/services/test_setup_wizard.py) to Qt:
signals on every change, the set-up work on the database lane."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.organisation import Field
from spie_desktop.services.setup_wizard import SetupMode, SetupView
from spie_desktop.ui.setup_model import SetupModel
from spie_desktop.ui.tasks import TaskRunner


def _at_passphrase(model: SetupModel) -> None:
    model.choose(SetupMode.CONFIGURE)
    form = model.form
    form.territory_code, form.structure_name = "12", "CCAS de Rodez"
    form.counsellor_name, form.field = "Nadia B.", Field.SOCIAL
    model.advance()
    assert model.page is SetupView.PASSPHRASE


def test_a_refused_field_sends_the_person_back_to_it(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner()
    model = SetupModel(tmp_path, runner)
    _at_passphrase(model)
    with qtbot.waitSignal(model.changed):
        model._on_failed(ValidationError("Indiquez le nom de la structure.", "x", "structure_name"))
    assert model.page is SetupView.IDENTITY
    assert model.errors == {"structure_name": "Indiquez le nom de la structure."}
    model.advance()
    model._on_failed(OSError(28, "No space left on device"))
    assert model.page is SetupView.PASSPHRASE
    assert "La création du coffre a échoué (OSError)" in model.errors["passphrase"]
    runner.shutdown()


def test_the_set_up_runs_on_the_database_lane_and_reports_each_step(
    qtbot: QtBot, tmp_path: Path
) -> None:
    runner = TaskRunner(progress_interval_s=0)  # every step, however fast the machine
    model = SetupModel(tmp_path, runner)
    _at_passphrase(model)
    model.form.passphrase = model.form.confirmation = "la pirogue remonte le fleuve"
    steps: list[str] = []
    model.changed.connect(lambda: steps.append(model.step) if model.step else None)
    with qtbot.waitSignal(model.created, timeout=30_000):
        model.advance()
        assert model.busy  # the GUI thread is free while the key is derived
    assert model.page is SetupView.RECOVERY_KEY and model.recovery_key
    assert steps[0] == "Création du coffre chiffré…"
    assert "Ouverture du coffre…" in steps
    finished: list[object] = []
    model.finished.connect(finished.append)
    model.set_key_kept(True)
    model.finish()
    assert model.outcome is not None and finished == [model.outcome.session]
    model.outcome.session.close()
    runner.shutdown()


def test_finish_needs_the_key_confirmed(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner()
    model = SetupModel(tmp_path, runner)
    finished: list[object] = []
    model.finished.connect(finished.append)
    model.finish()
    assert finished == [] and not model.can_finish
    runner.shutdown()
