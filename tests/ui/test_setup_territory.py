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


def test_every_territory_can_be_chosen_spie_ones_first(qtbot: QtBot) -> None:
    from spie_desktop.domain.territory import TERRITORIES
    from spie_desktop.ui.territory_combo import TerritoryCombo

    combo = TerritoryCombo()
    qtbot.addWidget(combo)
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert sorted(c for c in codes if c is not None) == sorted(TERRITORIES)
    assert combo.itemText(0).startswith("SPIE — ") and codes[0] is None  # a heading first
    last_spie = max(i for i, c in enumerate(codes) if c and TERRITORIES[c].spie)
    first_other = min(i for i, c in enumerate(codes) if c and not TERRITORIES[c].spie)
    assert last_spie < first_other
    spie = [c for c in TERRITORIES if TERRITORIES[c].spie]
    for code in ("20R", "75C", *spie):
        combo.select_code(code)
        assert combo.selected_code() == code, code
    combo.select_code("973")  # a device set up with the former code shows its collectivity
    assert combo.currentText() == "Collectivité territoriale de Guyane (CTG)"


def test_typing_a_name_or_a_code_finds_the_territory(qtbot: QtBot) -> None:
    from spie_desktop.ui.territory_combo import TerritoryCombo

    from .conftest import type_text

    combo = TerritoryCombo()
    qtbot.addWidget(combo)
    line = combo.lineEdit()
    assert line is not None
    for typed, code in (("metropole de lyon", "69M"), ("Guyane", "CTG"), ("75c", "75C")):
        line.clear()
        type_text(line, typed)
        assert combo.selected_code() == code, typed
    line.clear()
    type_text(line, "lyon")
    completer = combo.completer()
    assert completer is not None
    assert completer.model().data(completer.model().index(0, 0)) == "Métropole de Lyon (69M)"
