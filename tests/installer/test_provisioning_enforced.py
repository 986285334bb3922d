"""A provisioned installation pre-fills set-up, locks the territory, and refuses alterations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from spie_desktop.config import DeviceConfig, load_config, save_config, store_path
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.provisioning import ProvisioningRefused
from spie_desktop.services.device import DeviceStatus, device_state, initialise_device

from .conftest import SERVER

PASSPHRASE = "le causse au petit matin"


def set_up(data_dir: Path, territory: str) -> None:
    initialise_device(
        data_dir,
        territory_code=territory,
        structure_name="Conseil départemental",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=PASSPHRASE,
    )


def test_first_run_seeds_a_locked_configuration(provisioned: Path, data_dir: Path) -> None:
    assert device_state(data_dir).status is DeviceStatus.NEW
    assert load_config(data_dir) == DeviceConfig(
        territory_code="12",
        structure_name="",
        structure_kind="",
        server_url=SERVER,
        lock_timeout_minutes=7,
        territory_locked=True,
    )


def test_set_up_in_another_territory_is_refused(provisioned: Path, data_dir: Path) -> None:
    with pytest.raises(ValidationError, match="locked territory"):
        set_up(data_dir, "973")
    assert not store_path(data_dir).exists()


def test_set_up_in_the_provisioned_territory_keeps_the_provisioned_settings(
    provisioned: Path, data_dir: Path
) -> None:
    set_up(data_dir, "12")
    cfg = load_config(data_dir)
    assert cfg is not None
    assert (cfg.territory_code, cfg.server_url, cfg.lock_timeout_minutes) == ("12", SERVER, 7)
    assert cfg.territory_locked and cfg.structure_name == "Conseil départemental"


def test_an_edited_config_cannot_unlock_the_territory_before_set_up(
    provisioned: Path, data_dir: Path
) -> None:
    save_config(data_dir, DeviceConfig("973", "", "", territory_locked=False))
    with pytest.raises(ValidationError, match="locked territory"):
        set_up(data_dir, "973")
    assert device_state(data_dir).status is DeviceStatus.NEW
    cfg = load_config(data_dir)
    assert cfg is not None and cfg.territory_code == "12" and cfg.territory_locked


def test_a_tampered_file_stops_set_up(provisioned: Path, data_dir: Path) -> None:
    document = json.loads(provisioned.read_text(encoding="utf-8"))
    document["territory_code"] = "973"
    provisioned.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ProvisioningRefused) as refused:
        device_state(data_dir)  # the navigator shows message_fr on its problem screen
    assert "provisionnement" in refused.value.message_fr
    assert "checksum" in refused.value.message_en
    with pytest.raises(ProvisioningRefused):
        set_up(data_dir, "973")
    assert load_config(data_dir) is None and not store_path(data_dir).exists()


def test_without_provisioning_nothing_is_written(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPIE_PROVISIONING_FILE", raising=False)
    assert device_state(data_dir).status is DeviceStatus.NEW
    assert list(data_dir.iterdir()) == []


def test_the_set_up_wizard_is_prefilled_and_locked(
    qtbot: QtBot, provisioned: Path, data_dir: Path
) -> None:
    from spie_desktop.ui.setup_model import SetupModel
    from spie_desktop.ui.tasks import TaskRunner

    device_state(data_dir)  # what the navigator does before showing the wizard
    runner = TaskRunner()
    try:
        model = SetupModel(data_dir, runner)
        assert model.territory_locked
        assert model.form.territory_code == "12"
    finally:
        runner.shutdown(wait=True)


def test_the_application_explains_a_tampered_file_instead_of_set_up(
    qtbot: QtBot, provisioned: Path, data_dir: Path
) -> None:
    from spie_desktop.ui.navigator import Navigator
    from spie_desktop.ui.problem_window import ProblemWindow
    from spie_desktop.ui.tasks import TaskRunner

    provisioned.write_text(provisioned.read_text(encoding="utf-8").replace('"12"', '"973"'))
    runner = TaskRunner()
    try:
        window = Navigator(data_dir, runner).start()
        qtbot.addWidget(window)
        assert isinstance(window, ProblemWindow)
        shown = " ".join(label.text() for label in window.findChildren(QLabel))
        assert "fichier de provisionnement" in shown
    finally:
        runner.shutdown(wait=True)
