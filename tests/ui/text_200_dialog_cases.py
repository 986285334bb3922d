"""Text at 200 % in every dialog and window the accessibility walk opens
(``a11y_windows.OPENERS``), on a 1366×768 screen: Qt sizes a new window from its screen (two
thirds of it at most), so ``test_layout_screens.py`` runs these in a process whose offscreen
screen is that laptop's. No label cut or running past the part of it on screen, no form that
needs a horizontal scroll bar, no control lost, no window larger than the screen (see
``test_text_200.py``). Not collected by itself: its name is not ``test_*``."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spie_desktop.ui.tasks import TaskRunner

from .a11y_windows import OPENERS
from .conftest import NADIA_PASSPHRASE
from .layout_checks import layout_problems, settled
from .main_helpers import unlock_to_main, wait_idle
from .test_accessibility_walk import demo_dir
from .test_text_200 import SIZE, clipped_text, large_text, lost_controls, sideways_scrolling

__all__ = ["demo_dir", "large_text"]
#: Windows whose layout does not hold 200 % text yet, with what is wrong: they fail, and
#: the day one passes the test fails too (strict) so that it leaves this list.
NOT_YET: dict[str, str] = {}


def _cases() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[name]))
        if name in NOT_YET
        else name
        for name in sorted(OPENERS)
    ]


@pytest.mark.parametrize("name", _cases())
def test_at_200_percent_text_no_dialog_scrolls_sideways_or_cuts_a_label(
    qtbot: QtBot, runner: TaskRunner, large_text: QApplication, demo_dir: Path, name: str
) -> None:
    free = QApplication.primaryScreen().availableGeometry()
    assert (free.width(), free.height()) == SIZE, "run with the 1366×768 screen"
    main = unlock_to_main(qtbot, runner, demo_dir, NADIA_PASSPHRASE)
    main.resize(*SIZE)
    main.show()
    window = OPENERS[name](qtbot, runner, main)
    assert window is not None and type(window).__name__ == name
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, runner)
    problems = []
    if window.width() > SIZE[0] or window.height() > SIZE[1]:
        problems.append(f"{window.width()}×{window.height()}: larger than the screen")
        window.resize(min(window.width(), SIZE[0]), min(window.height(), SIZE[1]))
    wait_idle(qtbot, runner)
    problems += settled(
        lambda: (
            layout_problems(window)
            + sideways_scrolling(window)
            + clipped_text(window)
            + lost_controls(window)
        )
    )
    assert problems == [], "\n" + "\n".join(problems)
