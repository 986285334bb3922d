"""The second counsellor, as the room lives it: added from inside the window (the Fichier
menu, the join dialog, the lock screen) and joined into the open interview without quitting;
still at the table after a lock, confirming with their own passphrase before writing again."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services import device
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.add_counsellor_dialog import AddCounsellorDialog
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.join_dialog import JoinDialog
from spie_desktop.ui.interview.pane_view import PaneView
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner

from ..conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, press_enter, type_text
from ..main_helpers import people_of, unlock_to_main, wait_idle
from .conftest import Room
from .helpers import click, diagnostic, editor, panel, stored

SOPHIE_PASSPHRASE = "la loutre plonge au gué"
KDF_TIMEOUT_MS = 30_000  # Argon2id derivations, on a loaded machine


def fill_add_dialog(qtbot: QtBot, dialog: AddCounsellorDialog, name: str, passphrase: str) -> None:
    """Nadia vouches (her account is the one chosen), the new account is for the emploi pane."""
    type_text(dialog.colleague_passphrase, NADIA_PASSPHRASE)
    type_text(dialog.display_name, name)
    dialog.field.emploi.setChecked(True)
    type_text(dialog.new_passphrase.passphrase, passphrase)
    type_text(dialog.new_passphrase.confirmation, passphrase)
    with qtbot.waitSignal(dialog.added, timeout=KDF_TIMEOUT_MS):
        dialog.add_button.click()


def join_with(qtbot: QtBot, dialog: JoinDialog, passphrase: str) -> None:
    type_text(dialog.passphrase, passphrase)
    with qtbot.waitSignal(dialog.model.owners_changed, timeout=KDF_TIMEOUT_MS):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def professional_pane(workspace: InterviewWorkspace) -> PaneView:
    workspace.go_to("situation")
    return diagnostic(workspace).panes[1]


def open_join_dialog(workspace: InterviewWorkspace) -> JoinDialog:
    dialogs = [d for d in workspace.findChildren(JoinDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


# -- in the real main window ---------------------------------------------------------------------


@pytest.fixture
def person_device(ready_device: tuple[Path, device.SetupResult]) -> tuple[Path, uuid.UUID]:
    """Nadia's device (no other account) and Mme V., who agreed to be accompanied."""
    data_dir, setup = ready_device
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        people = PeopleService(session)
        person = people.create_person("Josiane", "Vernhes", date(1979, 3, 14), "Rodez")
        people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    return data_dir, person.id


def open_interview(qtbot: QtBot, main: MainWindow, person_id: uuid.UUID) -> InterviewWorkspace:
    main.open_interview(person_id)
    workspace = people_of(main).currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=10_000)
    return workspace


def unlock_overlay(qtbot: QtBot, main: MainWindow) -> InterviewWorkspace:
    """Nadia unlocks the lock screen; the interview that was on screen opens again."""
    type_text(main.lock_overlay.passphrase, NADIA_PASSPHRASE)
    press_enter(main.lock_overlay.passphrase)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=KDF_TIMEOUT_MS)
    workspace = people_of(main).currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=10_000)
    return workspace


def test_a_counsellor_added_from_the_file_menu_joins_the_open_interview(
    qtbot: QtBot, runner: TaskRunner, person_device: tuple[Path, uuid.UUID]
) -> None:
    data_dir, person_id = person_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    workspace = open_interview(qtbot, main, person_id)
    pro = professional_pane(workspace)
    assert pro.title.text() == "VOLET PROFESSIONNEL — conseiller à rejoindre"

    file_menu = main.menuBar().actions()[0].menu()
    entries = {action.text(): action for action in file_menu.actions()}  # type: ignore[union-attr]
    entries["Ajouter un·e &conseiller·ère…"].trigger()
    dialog = main.findChild(AddCounsellorDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.colleague.currentText() == "Nadia B. — Volet social"  # she vouches
    fill_add_dialog(qtbot, dialog, "Julien R.", JULIEN_PASSPHRASE)
    assert main.statusBar().currentMessage() == "Julien R. a maintenant un compte sur ce poste"

    # The interview offers the new account to join, at once, without quitting.
    join = open_join_dialog(workspace)
    assert join.account.currentText() == "Julien R."
    join_with(qtbot, join, JULIEN_PASSPHRASE)
    assert pro.title.text() == "VOLET PROFESSIONNEL — Julien R."
    panel(workspace, "emploi").set_expanded(True)
    qtbot.keyClicks(editor(workspace, "emploi.dernier_emploi").line, "caissiere")
    assert workspace.model.flush()
    julien = stored(workspace)["emploi.dernier_emploi"][1]
    assert julien is not None and julien != main.account_id
    workspace.leave()
    wait_idle(qtbot, runner)


def test_a_counsellor_added_at_the_lock_screen_joins_once_unlocked(
    qtbot: QtBot, runner: TaskRunner, person_device: tuple[Path, uuid.UUID]
) -> None:
    data_dir, person_id = person_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    open_interview(qtbot, main, person_id)
    main.lock_requested.emit()
    assert main.is_locked
    wait_idle(qtbot, runner)  # the store is closed

    overlay = main.lock_overlay
    assert overlay.add_button.isVisible()
    click(qtbot, overlay.add_button)
    dialog = overlay.findChild(AddCounsellorDialog)
    assert dialog is not None and dialog.isVisible()
    fill_add_dialog(qtbot, dialog, "Julien R.", JULIEN_PASSPHRASE)
    assert overlay.note.text() == (
        "Julien R. a maintenant un compte sur ce poste : après le déverrouillage, Julien R. "
        "pourra rejoindre l'entretien avec sa propre phrase de passe."
    )
    assert overlay.accounts.count() == 2
    assert overlay.accounts.currentText() == "Nadia B. — Volet social"  # she unlocks

    workspace = unlock_overlay(qtbot, main)
    join = open_join_dialog(workspace)
    assert join.account.currentText() == "Julien R."
    join_with(qtbot, join, JULIEN_PASSPHRASE)
    assert professional_pane(workspace).title.text() == "VOLET PROFESSIONNEL — Julien R."
    workspace.leave()
    wait_idle(qtbot, runner)


@pytest.mark.parametrize("how", ["manual", "inactivity"])
def test_a_joined_colleague_survives_a_lock_and_confirms_again_before_writing(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, device.SetupResult],
    person_device: tuple[Path, uuid.UUID],
    how: str,
) -> None:
    data_dir, person_id = person_device
    nadia_id = ready_device[1].counsellor_id
    with device.unlock(data_dir, nadia_id, NADIA_PASSPHRASE) as session:
        julien = device.add_counsellor(
            session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
        )
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    workspace = open_interview(qtbot, main, person_id)
    pro = professional_pane(workspace)
    click(qtbot, pro.join_button)
    join_with(qtbot, open_join_dialog(workspace), JULIEN_PASSPHRASE)
    assert not pro.join_button.isVisible()

    if how == "manual":
        main.lock_requested.emit()
    else:
        watch = main.navigator._inactivity  # type: ignore[attr-defined]
        assert watch is not None
        watch.timed_out.emit()
    assert main.is_locked
    workspace = unlock_overlay(qtbot, main)

    # Still at the table: named on the pane, which is read-only until Julien confirms.
    pro = professional_pane(workspace)
    assert pro.title.text() == "VOLET PROFESSIONNEL — Julien R."
    assert pro.confirm_prompt.isVisible()
    assert pro.confirm_prompt.text() == (
        "Julien R. a rejoint l'entretien avant le verrouillage : ce volet reste en lecture "
        "seule jusqu'à ce que Julien R. confirme avec sa phrase de passe."
    )
    panel(workspace, "emploi").set_expanded(True)
    line = editor(workspace, "emploi.dernier_emploi").line
    assert not line.isEnabled()
    assert workspace.model.set_answer("emploi.dernier_emploi", "serveuse") is None
    assert workspace.model.flush()
    assert "emploi.dernier_emploi" not in stored(workspace)
    assert pro.join_button.isVisible() and pro.join_button.text() == "Confirmer sa phrase de passe…"

    click(qtbot, pro.join_button)
    confirm = open_join_dialog(workspace)
    assert confirm.windowTitle() == "Confirmer sa présence"
    assert confirm.account.currentText() == "Julien R." and not confirm.account.isEnabled()
    type_text(confirm.passphrase, "pas la bonne phrase")
    with qtbot.waitSignal(workspace.model.join_failed, timeout=KDF_TIMEOUT_MS):
        qtbot.keyClick(confirm.passphrase, Qt.Key.Key_Return)
    assert confirm.message.text() == (
        "Phrase de passe incorrecte. Le volet reste en lecture seule."
    )
    assert confirm.isVisible() and not line.isEnabled() and pro.confirm_prompt.isVisible()

    join_with(qtbot, confirm, JULIEN_PASSPHRASE)
    assert not pro.confirm_prompt.isVisible() and not pro.join_button.isVisible()
    assert line.isEnabled()
    qtbot.keyClicks(line, "caissiere")
    assert workspace.model.flush()
    assert stored(workspace)["emploi.dernier_emploi"] == ("caissiere", julien.id)
    workspace.leave()
    wait_idle(qtbot, runner)


# -- the join dialog, in a workspace ---------------------------------------------------------


def test_a_counsellor_added_from_the_join_dialog_can_join_at_once(
    qtbot: QtBot, room: Room, workspace: InterviewWorkspace
) -> None:
    pro = professional_pane(workspace)
    click(qtbot, pro.join_button)
    join = open_join_dialog(workspace)
    assert join.account.currentText() == "Julien R."  # the emploi account already here
    assert join.add_button.isVisible()
    click(qtbot, join.add_button)
    dialog = join.findChild(AddCounsellorDialog)
    assert dialog is not None and dialog.isVisible()
    fill_add_dialog(qtbot, dialog, "Sophie L.", SOPHIE_PASSPHRASE)

    assert join.account.currentText() == "Sophie L."  # listed and chosen
    join_with(qtbot, join, SOPHIE_PASSPHRASE)
    assert pro.title.text() == "VOLET PROFESSIONNEL — Sophie L."
    panel(workspace, "emploi").set_expanded(True)
    qtbot.keyClicks(editor(workspace, "emploi.dernier_emploi").line, "aide-soignante")
    assert workspace.model.flush()
    value, author = stored(workspace)["emploi.dernier_emploi"]
    assert value == "aide-soignante" and author not in (room.nadia_id, room.julien_id)


def test_adding_from_inside_needs_the_colleague_s_own_passphrase(
    qtbot: QtBot, room: Room, workspace: InterviewWorkspace
) -> None:
    pro = professional_pane(workspace)
    click(qtbot, pro.join_button)
    join = open_join_dialog(workspace)
    dialog = join.add_counsellor()
    type_text(dialog.colleague_passphrase, "pas la bonne phrase")
    type_text(dialog.display_name, "Sophie L.")
    type_text(dialog.new_passphrase.passphrase, SOPHIE_PASSPHRASE)
    type_text(dialog.new_passphrase.confirmation, SOPHIE_PASSPHRASE)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: not dialog.model.busy, timeout=KDF_TIMEOUT_MS)
    assert dialog.colleague_error.text() == "Phrase de passe incorrecte."
    assert dialog.isVisible()
    assert [a.display_name for a in workspace.model.service.other_accounts()] == ["Julien R."]
    assert [join.account.itemText(i) for i in range(join.account.count())] == ["Julien R."]
