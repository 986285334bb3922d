"""The layout tests ask again until the layouts have run, and still report what stays wrong."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from .layout_checks import settled


def test_a_problem_that_stays_is_reported(qtbot: QtBot) -> None:
    asked: list[int] = []

    def problems() -> list[str]:
        asked.append(1)
        return ["QLabel('x') needs 28 px of height, has 14"]

    assert settled(problems, timeout_s=0.3) == ["QLabel('x') needs 28 px of height, has 14"]
    assert len(asked) > 1  # asked again while the event loop turned


def test_a_problem_the_event_loop_clears_is_not_reported(qtbot: QtBot) -> None:
    state = {"laid_out": False}
    QTimer.singleShot(100, lambda: state.update(laid_out=True))  # a layout pass still queued

    def problems() -> list[str]:
        return [] if state["laid_out"] else ["QLabel('x') needs 28 px of height, has 14"]

    assert settled(problems) == []
