""" "Importer une liste…" in the Personnes section: file dialog, import on the lane, result."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from spie_desktop.services import device
from spie_desktop.services.device import SetupResult
from spie_desktop.ui.list_import_dialog import ListImportDialog
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner
from tests.services.orientation_lists import ROWS, write_csv, write_xlsx

from .conftest import NADIA_PASSPHRASE
from .main_helpers import people_of, unlock_to_main, wait_idle
from .test_lock import unlock_overlay


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def chosen(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[3]) if len(args) > 3 else str(kwargs.get("filter", "")))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(chosen))
    return asked


def _import(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> ListImportDialog:
    section = people_of(main)
    qtbot.mouseClick(section.list_page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(isinstance(d, ListImportDialog) for d in section.dialogs))
    wait_idle(qtbot, runner)
    [dialog] = [d for d in section.dialogs if isinstance(d, ListImportDialog)]
    return dialog


def test_importing_a_list_shows_counts_and_refused_lines_and_fills_the_list(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, _setup = ready_device
    rows = [list(r) for r in ROWS] + [list(ROWS[2])]
    rows[0][9] = "=1+1"
    asked = _choose(monkeypatch, write_csv(tmp_path / "liste.csv", rows, separator=";"))
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.show()
    main.resize(1366, 768)
    section = people_of(main)
    assert section.list_page.import_button.isVisible()

    dialog = _import(qtbot, runner, main)
    assert "*.csv *.xlsx" in asked[0]
    assert dialog.windowTitle() == "Liste importée"
    assert "2 personne(s) créée(s), 0 retrouvée(s)" in dialog.summary.text()
    assert "2 ligne(s) refusée(s)" in dialog.summary.text()
    lines = dialog.rejections.toPlainText().splitlines()
    assert lines[0].startswith("ligne 2 : Le motif commence par « = »")
    assert lines[1] == "ligne 5 : doublon de la ligne 4 (même personne)."
    assert dialog.rejections.isReadOnly() and dialog.rejections.isVisible()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.rejections.toPlainText()
    qtbot.waitUntil(lambda: section.people.table.rowCount() == 2)  # the list followed
    dialog.reject()

    again = _import(qtbot, runner, main)  # the same list again: nothing new
    assert "0 personne(s) créée(s), 2 retrouvée(s)" in again.summary.text()
    assert section.people.table.rowCount() == 2


def test_a_refused_list_says_why_and_writes_nothing(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, setup = ready_device
    header = ["Identifiant", "Prénom", "Date d'orientation"]
    _choose(monkeypatch, write_csv(tmp_path / "liste.csv", [r[:3] for r in ROWS], header=header))
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    dialog = _import(qtbot, runner, main)
    assert dialog.windowTitle() == "Liste refusée : rien n'a été importé"
    assert "Colonne obligatoire absente : « nom »" in dialog.summary.text()
    assert not dialog.rejections.isVisibleTo(dialog)
    main.close()
    wait_idle(qtbot, runner)
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    with session, session.uow(read_only=True) as uow:
        assert uow.people.count() == 0


def test_an_excel_list_imports_through_the_section(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, _setup = ready_device
    _choose(monkeypatch, write_xlsx(tmp_path / "liste.xlsx"))
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    dialog = _import(qtbot, runner, main)
    assert "3 personne(s) créée(s)" in dialog.summary.text()
    assert not dialog.rejections.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: people_of(main).people.table.rowCount() == 3)


def test_a_lock_during_an_import_drops_its_result_and_a_new_import_can_start(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, _setup = ready_device
    _choose(monkeypatch, write_csv(tmp_path / "liste.csv"))
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    assert section.import_list()
    assert not section.list_page.import_button.isEnabled()  # one import at a time
    main.lock_requested.emit()
    wait_idle(qtbot, runner)
    assert not section.dialogs  # the result is not shown over the lock
    unlock_overlay(qtbot, main, NADIA_PASSPHRASE)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=15_000)
    assert section.list_page.import_button.isEnabled()
    dialog = _import(qtbot, runner, main)  # the list was imported before the lock took
    assert "3 retrouvée(s)" in dialog.summary.text()
