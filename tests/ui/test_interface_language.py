"""« Affichage › Langue de l'interface »: the choice is kept in config.toml, said to take
effect at the next start, and a start with English chosen shows the windows in English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from spie_desktop.config import load_config, save_config
from spie_desktop.services.device import SetupResult
from spie_desktop.services.interface_language import interface_language, set_interface_language
from spie_desktop.ui import i18n
from spie_desktop.ui.interface_language import apply_interface_language
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.qt_translations import install_qt_translations
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_model import field_label

from .conftest import NADIA_PASSPHRASE
from .main_helpers import unlock_to_main


@pytest.fixture(autouse=True)
def french_again() -> Iterator[None]:
    yield
    i18n.set_catalogue(None)


def _menu_texts(main: MainWindow) -> list[str]:
    return [action.text() for action in main.menuBar().actions()]


def test_french_is_the_default_and_the_menu_offers_english(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _setup = ready_device
    assert interface_language(data_dir) == "fr"
    assert apply_interface_language(data_dir) == "fr"
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    view = main.menuBar().actions()[2].menu()
    assert view is not None and view.title() == "Afficha&ge"
    assert main.language_menu.menuAction() in view.actions()
    assert main.language_menu.title() == "&Langue de l'interface"
    actions = main.language_menu.language_actions
    assert [a.text() for a in actions.values()] == ["Français", "English"]
    assert actions["fr"].isChecked() and not actions["en"].isChecked()


def test_choosing_english_is_kept_and_said_to_apply_at_the_next_start(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _setup = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.language_menu.language_actions["en"].trigger()

    config = load_config(data_dir)
    assert config is not None and config.interface_language == "en"
    notice = main.language_menu.notice
    assert notice is not None and notice.isVisible()
    assert notice.text() == "La langue change au prochain démarrage de l'application."
    assert _menu_texts(main)[0] == "&Fichier"  # this session stays French until restarted
    assert main.language_menu.language_actions["en"].isChecked()


def test_the_application_started_with_english_speaks_english(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _setup = ready_device
    set_interface_language(data_dir, "en")
    assert apply_interface_language(data_dir) == "en"  # what run_gui does before any window

    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    navigation = [main.navigation.item(i).text() for i in range(main.navigation.count())]
    assert navigation == [
        "People",
        "Situation overview",
        "Reviews",
        "Local offer",
        "Indicators",
        "Synchronisation",
    ]
    assert _menu_texts(main) == ["&File", "&Edit", "&View", "&Help"]
    file_menu = main.menuBar().actions()[0].menu()
    assert file_menu is not None
    assert [a.text() for a in file_menu.actions() if a.text()] == [
        "&New person…",
        "Add a &counsellor…",
        "&Lock",
        "&Quit",
    ]
    assert main.language_menu.title() == "Interface &language"
    assert main.language_menu.language_actions["en"].isChecked()
    # labels that reach the screen through tr(label), not as literals: English too
    assert field_label("social") == "Social side"  # the unlock window's account list
    status = main.status_bar.model
    qtbot.waitUntil(lambda: bool(status.counsellor), timeout=5000)
    assert status.counsellor == "Nadia B. — Social side"

    main.language_menu.language_actions["fr"].trigger()
    assert interface_language(data_dir) == "fr"
    notice = main.language_menu.notice
    assert notice is not None
    assert notice.text() == "The language changes the next time the application starts."


def test_an_unknown_language_in_the_configuration_falls_back_to_french(
    ready_device: tuple[Path, SetupResult],
) -> None:
    data_dir, _setup = ready_device
    config = load_config(data_dir)
    assert config is not None
    config.interface_language = "xx"
    save_config(data_dir, config)
    assert apply_interface_language(data_dir) == "fr"
    assert i18n.tr("&Quitter") == "&Quitter"
    with pytest.raises(ValueError):
        set_interface_language(data_dir, "xx")


def test_an_english_interface_leaves_qt_in_its_own_english(qapp: object) -> None:
    try:
        assert install_qt_translations(qapp, "en") == []  # type: ignore[arg-type]
        assert QLocale().language() == QLocale.Language.English
    finally:
        install_qt_translations(qapp)  # type: ignore[arg-type]
    assert QLocale().language() == QLocale.Language.French
