"""The Synchronisation section against a real spie-server on 127.0.0.1: enrolment from the
form, a sync with progress and summary, cancel, an unreachable server, a demo store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.services.demo import populate_demo
from spie_desktop.sync.enrolment import KEYS
from spie_desktop.sync.progress import SyncProgress
from tests.server.helpers import Admin
from tests.sync.conftest import PASSPHRASE
from tests.ui.conftest import type_text

from .conftest import WAIT_MS


def click(qtbot: QtBot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_enrol_from_the_form_then_sync_with_progress_and_summary(
    qtbot: QtBot, make_laptop, open_window, sync_server, sync_admin: Admin, sync_territory: str
) -> None:
    laptop = make_laptop("kevin", enrol=False)
    laptop.add_interview("Lucie", "Martin", answers=3)
    _window, section = open_window(laptop)
    model = section.model
    assert section.enrol_box.isVisible()
    assert not section.sync_button.isVisible()
    assert model.last_sync_text == "jamais"

    # A wrong code: a French message in place, nothing enrolled.
    section.server_url.setText(sync_server.base_url)
    type_text(section.code, "PAS-UN-CODE")
    type_text(section.passphrase, PASSPHRASE)
    click(qtbot, section.enrol_button)
    qtbot.waitUntil(lambda: section.enrol_error.isVisible(), timeout=WAIT_MS)
    assert not model.enrolled

    section.code.setText(sync_admin.code(sync_territory, "CD Aveyron"))
    type_text(section.passphrase, PASSPHRASE)
    click(qtbot, section.enrol_button)
    # The territory CA's fingerprint, shown to compare with the administrator's.
    qtbot.waitUntil(lambda: section.fingerprint_box.isVisible(), timeout=WAIT_MS)
    assert sync_admin.ca_fingerprint(sync_territory) in section.fingerprint.text()
    assert not model.enrolled
    click(qtbot, section.fingerprint_same)
    qtbot.waitUntil(lambda: model.enrolled, timeout=WAIT_MS)
    assert not section.fingerprint_box.isVisible()
    assert not section.enrol_box.isVisible()
    assert model.overview is not None and model.overview.pending_changes > 0

    seen: list[SyncProgress] = []
    model.progressed.connect(seen.append)
    click(qtbot, section.sync_button)
    assert section.cancel_button.isVisible() and section.progress.isVisible()
    qtbot.waitUntil(lambda: not model.syncing, timeout=WAIT_MS)
    assert seen, "no progress shown"
    assert any("Ko envoyés" in section_text for section_text in [_last_label(seen)])
    assert model.sync_error == ""
    assert "entretien" in section.summary.text()
    qtbot.waitUntil(lambda: model.overview.pending_changes == 0, timeout=WAIT_MS)
    assert section.pending.text() == "0 modification en attente"
    assert model.last_sync_text != "jamais"
    assert laptop.pending() == 0


def _last_label(seen: list[SyncProgress]) -> str:
    from spie_desktop.ui.sync.sync_model import progress_text

    return progress_text(seen[-1])


def test_cancel_stops_between_two_steps_and_the_next_sync_finishes(
    qtbot: QtBot, make_laptop, open_window
) -> None:
    laptop = make_laptop("a")
    for i in range(12):
        laptop.add_person(f"Prénom{i}", "Durand")
    before = laptop.pending()
    _window, section = open_window(laptop)
    model = section.model
    model.driver.options.batch_changes = 3  # several pushes: room to cancel in between
    pushed: list[SyncProgress] = []

    def cancel_on_first_push(item: SyncProgress) -> None:
        if item.phase == "push" and not pushed:
            pushed.append(item)
            click(qtbot, section.cancel_button)

    model.progressed.connect(cancel_on_first_push)
    click(qtbot, section.sync_button)
    qtbot.waitUntil(lambda: not model.syncing, timeout=WAIT_MS)
    assert pushed
    assert "annulée" in section.error.text()
    remaining = laptop.pending()
    assert 0 < remaining <= before  # the rest waits for the next run: nothing lost
    qtbot.waitUntil(lambda: model.overview.pending_changes == remaining, timeout=WAIT_MS)

    model.progressed.disconnect(cancel_on_first_push)
    click(qtbot, section.sync_button)
    qtbot.waitUntil(lambda: not model.syncing, timeout=WAIT_MS)
    assert model.sync_error == "" and laptop.pending() == 0


def test_an_unreachable_server_says_so_in_french_and_keeps_every_change(
    qtbot: QtBot, make_laptop, open_window
) -> None:
    laptop = make_laptop("a")
    with laptop.session.uow() as uow:
        uow.meta.set(KEYS["server_url"], "http://127.0.0.1:9")  # nothing listens there
    laptop.add_person("Ana", "Silva")
    before = laptop.pending()
    _window, section = open_window(laptop)
    click(qtbot, section.sync_button)
    qtbot.waitUntil(lambda: not section.model.syncing, timeout=WAIT_MS)
    assert "Serveur injoignable" in section.error.text()
    assert section.summary.text() == ""
    assert laptop.pending() == before > 0
    assert section.model.last_sync_text == "jamais"


def test_a_revoked_device_shows_a_lasting_banner(
    qtbot: QtBot, make_laptop, open_window, sync_admin: Admin
) -> None:
    laptop = make_laptop("a")
    laptop.add_person("Ana", "Silva")
    sync_admin.revoke(laptop.device_id)
    _window, section = open_window(laptop)
    click(qtbot, section.sync_button)
    qtbot.waitUntil(lambda: not section.model.syncing, timeout=WAIT_MS)
    assert section.revoked.isVisible()
    assert "révoqué" in section.revoked.text()
    assert not section.sync_button.isEnabled()
    assert laptop.people().list_summaries()  # local data still readable


def test_a_demo_store_shows_sync_disabled_and_no_button(
    qtbot: QtBot, make_laptop, open_window
) -> None:
    laptop = make_laptop("demo", enrol=False)
    populate_demo(laptop.session, people=3, seed=1)
    _window, section = open_window(laptop)
    qtbot.waitUntil(lambda: section.model.demo_store, timeout=WAIT_MS)
    assert section.demo.isVisible()
    assert section.demo.text() == "Coffre de démonstration : la synchronisation est désactivée."
    assert not section.sync_button.isVisible()
    assert not section.enrol_box.isVisible()
    assert not section.model.sync()


def test_a_fingerprint_declared_different_stores_nothing(
    qtbot: QtBot, make_laptop, open_window, sync_server, sync_admin: Admin, sync_territory: str
) -> None:
    laptop = make_laptop("doubt", enrol=False)
    _window, section = open_window(laptop)
    section.server_url.setText(sync_server.base_url)
    section.code.setText(sync_admin.code(sync_territory, "CD Aveyron"))
    type_text(section.passphrase, PASSPHRASE)
    click(qtbot, section.enrol_button)
    qtbot.waitUntil(lambda: section.fingerprint_box.isVisible(), timeout=WAIT_MS)
    click(qtbot, section.fingerprint_different)
    qtbot.waitUntil(lambda: section.enrol_error.isVisible(), timeout=WAIT_MS)
    assert "n'a pas été confirmée" in section.enrol_error.text()
    assert not section.fingerprint_box.isVisible() and not section.model.enrolled
    assert not (laptop.data_dir / "territory-ca.pem").exists()
    with laptop.session.uow(read_only=True) as uow:
        assert uow.meta.get(KEYS["token"]) is None


def test_plain_http_to_another_host_is_refused_in_french_before_any_connection(
    qtbot: QtBot, make_laptop, open_window, monkeypatch
) -> None:
    import socket

    attempts: list[object] = []
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a))
    laptop = make_laptop("clear", enrol=False)
    _window, section = open_window(laptop)
    section.server_url.setText("http://spie.invalid")
    type_text(section.code, "ABCD-EFGH-JK")
    type_text(section.passphrase, PASSPHRASE)
    click(qtbot, section.enrol_button)
    assert "sans chiffrement" in section.enrol_error.text()
    assert not section.model.enrolling and attempts == []
