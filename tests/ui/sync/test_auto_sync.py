"""Background sync: the setting is kept in config.toml; a probe that reaches the server
starts a sync when changes wait; never while locked."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spie_desktop.config import load_config

from .conftest import WAIT_MS


def test_auto_sync_setting_probe_and_lock(qtbot: QtBot, make_laptop, open_window) -> None:
    laptop = make_laptop("a")
    laptop.add_person("Ana", "Silva")
    window, section = open_window(laptop)
    auto = section.auto
    assert section.auto_sync.isVisible() and not section.auto_sync.isChecked()
    assert not auto.probe()  # off by default

    section.auto_sync.setChecked(True)
    config = load_config(laptop.data_dir)
    assert config is not None and config.auto_sync
    assert auto.timer.isActive()

    assert auto.probe()
    qtbot.waitUntil(lambda: section.model.syncing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not section.model.syncing, timeout=WAIT_MS)
    assert laptop.pending() == 0 and section.model.sync_error == ""

    session = window.context.lock()
    assert session is laptop.session
    assert not auto.timer.isActive()
    assert not auto.probe()
    window.context.unlock(session)
    assert auto.timer.isActive()
