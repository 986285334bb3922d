"""« Affichage › Contraste élevé »: switched from the menu, kept for the device, applied to
the palette at once; the views built afterwards (status bar, messages, alert cells) take
its colours, and what tells an alert apart is its words, not only its colour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from spie_desktop.services.device import SetupResult
from spie_desktop.ui import theme
from spie_desktop.ui.display_settings import load_theme
from spie_desktop.ui.feedback import InlineMessage
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner

from .a11y_checks import HIGH_CONTRAST, contrast


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    style, palette = qapp.style().name(), qapp.palette()
    theme.apply_theme(qapp, theme.NORMAL)
    yield qapp
    theme._current[0] = theme.NORMAL
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _colour_of(sheet: str) -> str:
    return sheet.split("color:", 1)[1].split(";", 1)[0].strip()


def test_the_menu_switches_keeps_and_applies_high_contrast(
    qtbot: QtBot,
    runner: TaskRunner,
    themed: QApplication,
    ready_device: tuple[Path, SetupResult],
) -> None:
    from spie_desktop.services import device

    from .conftest import NADIA_PASSPHRASE

    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    main = MainWindow(session, runner)
    qtbot.addWidget(main)
    menu = next(a.menu() for a in main.menuBar().actions() if a.text() == "Afficha&ge")
    assert main.contrast_action in menu.actions()
    assert not main.contrast_action.isChecked()

    main.contrast_action.setChecked(True)
    assert load_theme(data_dir) is theme.HIGH_CONTRAST  # kept for the next start
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window.name() == "#000000"  # applied at once
    note = main.findChild(QMessageBox, "restartNote")
    assert note is not None and "Redémarrez" in note.text()
    note.close()

    # Views built now take the theme's colours: readable at 7:1 on black.
    message = InlineMessage()
    qtbot.addWidget(message)
    assert contrast(_colour_of(message.styleSheet()), "#000000") >= HIGH_CONTRAST
    again = MainWindow(session, runner)
    qtbot.addWidget(again)
    assert again.contrast_action.isChecked()
    alert_colour = _colour_of(again.status_bar.alerts.styleSheet())
    assert contrast(alert_colour, "#000000") >= HIGH_CONTRAST

    main.contrast_action.setChecked(False)
    assert load_theme(data_dir) is theme.NORMAL
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#efefef"
    session.close()


def test_a_bad_display_file_falls_back_to_the_everyday_theme(tmp_path: Path) -> None:
    assert load_theme(tmp_path) is theme.NORMAL  # none saved yet
    for content in ("{not json", '["high-contrast"]', '{"theme": "sepia"}', '{"theme": 3}'):
        (tmp_path / "display.json").write_text(content, encoding="utf-8")
        assert load_theme(tmp_path) is theme.NORMAL, content
    (tmp_path / "display.json").write_text('{"theme": "high-contrast"}', encoding="utf-8")
    assert load_theme(tmp_path) is theme.HIGH_CONTRAST
