"""Alt+letter in the plan editor never collides with a menu of the main window."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from spie_desktop.domain.plan import Action
from spie_desktop.ui import main_window
from spie_desktop.ui.plan.objective_view import ActionForm
from spie_desktop.ui.plan.plan_model import PlanModel


def _mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text)
    return found[1].casefold() if found else ""


def _menu_mnemonics() -> set[str]:
    source = Path(main_window.__file__).read_text(encoding="utf-8")
    titles = re.findall(r'addMenu\(tr\("([^"]+)"\)', source)
    assert "&Fichier" in titles
    return {_mnemonic(title) for title in titles}


def test_the_referent_field_does_not_take_the_file_menu_s_alt_f(
    qtbot: QtBot, plan_model: PlanModel
) -> None:
    form = ActionForm(
        plan_model, "mobilite", Action(objective_id=uuid.uuid4(), label="Bourse au permis")
    )
    qtbot.addWidget(form)
    labels = [w for w in form.findChildren(QLabel) if w.buddy() is form.referent]
    assert len(labels) == 1
    assert _mnemonic(labels[0].text()) not in _menu_mnemonics()
