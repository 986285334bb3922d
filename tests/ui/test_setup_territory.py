"""An unconfigured installation chooses no territory for the person."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from spie_desktop.ui.setup_model import SetupMode, SetupModel
from spie_desktop.ui.setup_window import SetupWindow
from spie_desktop.ui.tasks import TaskRunner


def test_no_territory_is_preselected(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    model = SetupModel(tmp_path / "fresh", runner)
    window = SetupWindow(model)
    qtbot.addWidget(window)
    model.choose(SetupMode.CONFIGURE)
    assert model.form.territory_code is None
    combo = window.identity.territory
    assert combo.currentText() == "" and combo.selected_code() is None
