"""The interview workspace with real widgets, a real store and both panes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStackedWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.people import CONSENT_WORDING_VERSION
from spie_desktop.ui.feedback import InlineMessage
from spie_desktop.ui.interview import InterviewWorkspace, open_workspace
from spie_desktop.ui.interview.field_widgets import TextEditor
from spie_desktop.ui.interview.step_pages import PlanPage, QuestionsPage
from spie_desktop.ui.window_context import WindowContext

from ..conftest import type_text
from .conftest import Room
from .helpers import click, diagnostic, editor, panel, stored

Opener = Callable[[], InterviewWorkspace]


def test_both_panes_fill_the_synthesis_and_everything_is_there_after_a_lock(
    qtbot: QtBot, room: Room, open_ws: Opener
) -> None:
    workspace = open_ws()
    assert workspace.person_label.text().startswith("Josiane VERNHES, ")
    assert workspace.person_label.text().endswith(" ans · Rodez")
    assert workspace.consent_badge.text() == f"consentement {CONSENT_WORDING_VERSION} ✓"
    click(qtbot, workspace.step_bar.buttons["situation"])
    page = diagnostic(workspace)
    assert workspace.pages.currentWidget() is page
    assert page.panes[0].title.text() == "VOLET SOCIAL — Nadia B."
    assert page.panes[1].title.text() == "VOLET PROFESSIONNEL — conseiller à rejoindre"

    # Social pane, with the mouse: open Mobilité, tick a situation, set the barrier.
    mobilite = panel(workspace, "mobilite")
    click(qtbot, mobilite.header)
    assert mobilite.expanded
    click(
        qtbot,
        editor(workspace, "mobilite.situations").boxes["aucun-moyen-de-transport-a-disposition"],
    )
    with qtbot.waitSignal(workspace.model.answer_saved, timeout=3000):
        click(qtbot, editor(workspace, "mobilite.barrier").button_for("blocking"))
    assert mobilite.chip.text() == "● bloquant"
    # A note with the keyboard, accents typed key by key.
    notes = editor(workspace, "mobilite.notes").box
    notes.setFocus()
    qtbot.keyClicks(notes, "bus de 7h10")
    type_text(notes, " à Rodez")
    # Professional pane: Emploi, a yes/no with the mouse, the last job typed.
    emploi = panel(workspace, "emploi")
    click(qtbot, emploi.header)
    click(qtbot, editor(workspace, "emploi.inscrit_france_travail").button_for(True))
    qtbot.keyClicks(editor(workspace, "emploi.dernier_emploi").line, "aide menagere")
    click(qtbot, editor(workspace, "emploi.barrier").button_for("strong"))

    rows = {label: weight for label, _w, weight in workspace.strip.chart.rows()}
    assert rows["Mobilité"] == "Bloquant"
    assert rows["Emploi"] == "Fort"
    assert rows["Logement"] == "à évaluer"
    assert "Mobilité : Bloquant" in workspace.strip.chart.toolTip()
    assert "Accéder à un véhicule" in workspace.strip.objectives.text()
    assert workspace.model.flush()
    qtbot.waitUntil(lambda: workspace.strip.indicator.text().startswith("✓ enregistré à "))
    assert page.panes[0].progress.text() != "0 %"

    with qtbot.waitSignal(workspace.closed):
        qtbot.keyClick(notes, Qt.Key.Key_Escape)
    workspace.close()
    room.session.close()
    room.unlock_again()

    again = open_ws()
    assert again.model.state.current_step.id == "situation"
    assert again.pages.currentWidget() is diagnostic(again)
    assert panel(again, "mobilite").expanded  # the same themes open, from this run's memory
    assert (
        editor(again, "mobilite.situations")
        .boxes["aucun-moyen-de-transport-a-disposition"]
        .isChecked()
    )
    assert editor(again, "mobilite.barrier").button_for("blocking").isChecked()
    assert editor(again, "mobilite.notes").box.toPlainText() == "bus de 7h10 à Rodez"
    assert editor(again, "emploi.dernier_emploi").line.text() == "aide menagere"
    answers = stored(again)
    assert answers["mobilite.notes"] == ("bus de 7h10 à Rodez", room.nadia_id)
    assert answers["emploi.inscrit_france_travail"] == (True, room.nadia_id)
    assert {label: w for label, _w, w in again.strip.chart.rows()}["Mobilité"] == "Bloquant"


def test_an_invalid_date_is_explained_next_to_the_field_and_kept(
    qtbot: QtBot, workspace: InterviewWorkspace
) -> None:
    workspace.go_to("situation")
    logement = panel(workspace, "logement")
    logement.set_expanded(True)
    date_editor = editor(workspace, "logement.fin_hebergement")
    assert date_editor.isHidden()  # only when hosted somewhere
    editor(workspace, "logement.type_logement").combo.setCurrentIndex(0)
    combo = editor(workspace, "logement.type_logement").combo
    combo.activated.emit(combo.findData("heberge-tiers"))
    assert not date_editor.isHidden()
    date_editor.line.setFocus()
    qtbot.keyClicks(date_editor.line, "31/02/2026")
    qtbot.keyClick(date_editor.line, Qt.Key.Key_Tab)
    assert date_editor.error.isVisible()
    assert date_editor.error.text() == "Date invalide : utilisez le format JJ/MM/AAAA."
    assert workspace.model.flush()
    assert stored(workspace)["logement.fin_hebergement"][0] == "31/02/2026"
    date_editor.line.selectAll()
    qtbot.keyClicks(date_editor.line, "28/02/2026")
    assert not date_editor.error.isVisible()
    assert workspace.model.flush()
    assert stored(workspace)["logement.fin_hebergement"][0] == "2026-02-28"


def test_missing_answers_before_the_plan_are_listed_with_links(
    qtbot: QtBot, workspace: InterviewWorkspace
) -> None:
    workspace.go_to("priorites")
    click(qtbot, workspace.step_bar.buttons["plan"])
    assert workspace.model.state.current_step.id == "priorites"
    assert workspace.missing.isVisible()
    assert workspace.missing.title.text() == "Réponses manquantes avant le plan :"
    assert [link.text() for link in workspace.missing.links] == [
        "Priorités et projet › Le projet de la personne, dans ses mots"
    ]
    assert workspace.step_bar.buttons["priorites"].isChecked()
    click(qtbot, workspace.missing.links[0])
    page = workspace.pages.currentWidget()
    assert isinstance(page, QuestionsPage)
    project_editor = page.editors["priorites.projet"]
    assert isinstance(project_editor, TextEditor)
    project = project_editor.box
    assert QApplication.focusWidget() is project
    type_text(project, "aide à domicile")
    assert not workspace.missing.isVisible()
    assert "« aide à domicile »" in workspace.strip.project.text()
    click(qtbot, workspace.step_bar.buttons["plan"])
    plan = workspace.pages.currentWidget()
    assert isinstance(plan, PlanPage)
    # Required answers are all there, but 2 themes of 16 were weighed: not "complet".
    themes = [t.id for t in workspace.model.state.definition.themes()]
    for theme in themes[:2]:
        workspace.model.set_answer(f"{theme}.barrier", "strong")
    plan.refresh()
    assert workspace.model.synthesis().assessed_count == 2 and len(themes) == 16
    assert plan.status.text() == (
        "2 thèmes évalués sur 16 : le plan d'action peut être construit, les autres "
        "thèmes restent à évaluer."
    )
    for theme in themes:
        if workspace.model.state.value(f"{theme}.barrier") is None:
            workspace.model.set_answer(f"{theme}.barrier", "not_discussed")
    plan.refresh()
    assert plan.status.text() == (
        "Le diagnostic est complet : construisez le plan d'action avec la personne."
    )


def test_a_missing_answer_in_a_theme_is_revealed_and_focused(
    qtbot: QtBot, workspace: InterviewWorkspace
) -> None:
    workspace.go_to("situation")
    workspace.model.set_answer("accueil.consentement", "")
    workspace.go_to("plan")
    texts = [link.text() for link in workspace.missing.links]
    assert texts[0] == "Accueil et consentement › " + (
        "La personne accepte que ses réponses soient recueillies et conservées pour son "
        "accompagnement"
    )
    click(qtbot, workspace.missing.links[0])
    assert workspace.model.state.current_step.id == "accueil"
    page = workspace.pages.currentWidget()
    assert isinstance(page, QuestionsPage)
    assert QApplication.focusWidget() in page.editors["accueil.consentement"].focus_widgets()
    # A question inside a collapsed theme: the theme opens and the field takes the focus.
    workspace.reveal("logement.personnes_foyer")
    assert panel(workspace, "logement").expanded
    assert QApplication.focusWidget() is editor(workspace, "logement.personnes_foyer").line


def test_keyboard_moves_between_panes_themes_and_steps(
    qtbot: QtBot, workspace: InterviewWorkspace
) -> None:
    qtbot.keyClick(workspace.back_button, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert workspace.model.state.current_step.id == "situation"
    page = diagnostic(workspace)
    focused = QApplication.focusWidget
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused() is panel(workspace, "emploi").header
    qtbot.keyClick(focused(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert focused() is panel(workspace, "logement").header
    qtbot.keyClick(focused(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    mobilite = panel(workspace, "mobilite")
    assert focused() is mobilite.header and mobilite.expanded
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter on a header toggles it
    assert not mobilite.expanded
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert mobilite.expanded
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # into the theme, top to bottom
    first_situation = next(iter(editor(workspace, "mobilite.situations").boxes.values()))
    assert focused() is first_situation
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert first_situation.isChecked()
    assert workspace.model.state.value("mobilite.situations") == [
        "aucun-moyen-de-transport-a-disposition"
    ]
    qtbot.keyClick(focused(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert focused() is panel(workspace, "logement").header
    assert page.pane_with_focus() is page.panes[0]
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert workspace.model.state.current_step.id == "accueil"
    with qtbot.waitSignal(workspace.closed):
        qtbot.keyClick(workspace.back_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)


def test_presentation_mode_enlarges_the_text(qtbot: QtBot, workspace: InterviewWorkspace) -> None:
    before = workspace.person_label.font().pointSizeF()
    click(qtbot, workspace.presentation_button)
    assert workspace.presentation_action.isChecked()
    assert workspace.person_label.font().pointSizeF() == before * 1.35
    workspace.go_to("situation")
    assert panel(workspace, "logement").header.font().pointSizeF() == before * 1.35
    assert workspace.model.memory.presentation
    workspace.presentation_action.toggle()
    assert workspace.person_label.font().pointSizeF() == before


def test_an_answer_is_in_the_store_the_moment_it_is_reported_saved(
    qtbot: QtBot, workspace: InterviewWorkspace
) -> None:
    workspace.go_to("situation")
    panel(workspace, "sante").set_expanded(True)
    with qtbot.waitSignal(workspace.model.answer_saved, timeout=3000) as saved:
        click(qtbot, editor(workspace, "sante.barrier").button_for("not_discussed"))
    assert saved.args[0] == "sante.barrier"
    # No flush, no close: what the indicator reports is already committed.
    assert stored(workspace)["sante.barrier"][0] == "not_discussed"
    rows = {label: w for label, _w, w in workspace.strip.chart.rows()}
    assert rows["Santé"] == "Non abordé"


def test_answers_in_julien_s_pane_are_his_once_he_joins(
    qtbot: QtBot, room: Room, workspace: InterviewWorkspace
) -> None:
    from spie_desktop.ui.interview.join_dialog import JoinDialog

    from ..conftest import JULIEN_PASSPHRASE

    workspace.go_to("situation")
    pro = diagnostic(workspace).panes[1]
    assert pro.join_button.isVisible()
    click(qtbot, pro.join_button)
    dialog = workspace.findChild(JoinDialog)
    assert dialog is not None and dialog.account.currentText() == "Julien R."
    type_text(dialog.passphrase, JULIEN_PASSPHRASE)
    with qtbot.waitSignal(workspace.model.owners_changed, timeout=5000):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert pro.title.text() == "VOLET PROFESSIONNEL — Julien R."
    assert not pro.join_button.isVisible()
    panel(workspace, "emploi").set_expanded(True)
    qtbot.keyClicks(editor(workspace, "emploi.dernier_emploi").line, "caissiere")
    assert workspace.model.flush()
    assert stored(workspace)["emploi.dernier_emploi"] == ("caissiere", room.julien_id)
    assert "Julien R." in panel(workspace, "emploi").header.toolTip()


def test_open_workspace_is_what_the_main_window_calls(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    host = QStackedWidget()
    qtbot.addWidget(host)
    widget = open_workspace(host, context, room.person_id)
    assert isinstance(widget, InterviewWorkspace)
    host.addWidget(widget)
    host.setCurrentWidget(widget)
    qtbot.waitUntil(lambda: hasattr(widget, "strip"), timeout=5000)
    with qtbot.waitSignal(widget.closed):
        widget.back_button.click()


def test_without_consent_the_workspace_says_why_and_offers_the_way_back(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    from spie_desktop.services.people import PeopleService

    stranger = PeopleService(room.session).create_person("Paul", "Issartel", None)
    host = QStackedWidget()
    qtbot.addWidget(host)
    widget = open_workspace(host, context, stranger.id)
    assert isinstance(widget, InterviewWorkspace)
    qtbot.waitUntil(lambda: widget.model.open_error != "", timeout=5000)
    assert widget.message.text() == (
        "Le consentement de la personne doit être recueilli avant tout entretien."
    )
    with qtbot.waitSignal(widget.closed):
        widget.back_button.click()


def test_an_interview_of_a_missing_form_version_is_shown_read_only(
    qtbot: QtBot, room: Room, open_ws: Opener
) -> None:
    from spie_desktop.domain.interview import Interview

    with room.session.uow() as uow:
        interview = Interview(
            person_id=room.person_id, definition_id="socle-commun", definition_version=99
        )
        uow.interviews.add(interview)
        uow.answers.upsert(interview.id, "mobilite.barrier", "strong", room.nadia_id)
    workspace = open_ws()
    assert workspace.model.read_only
    banner = workspace.findChildren(InlineMessage)
    assert any("version 99" in label.text() and label.isVisible() for label in banner)
    assert workspace.model.set_answer("accueil.lieu", "Rodez") is None
    assert workspace.model.flush()
    assert stored(workspace) == {"mobilite.barrier": ("strong", room.nadia_id)}  # untouched


def test_the_steps_are_on_screen_as_soon_as_the_interview_is_built(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    workspace = InterviewWorkspace(context, room.person_id)
    qtbot.addWidget(workspace)
    workspace.show()
    with qtbot.waitSignal(workspace.model.opened, timeout=20_000):
        pass
    # Checked in the same event as the build: nothing may wait for a later one to be shown.
    assert workspace.pages.isVisible() and workspace.strip.isVisible()
    assert workspace.pages.currentWidget().isVisible()


def test_the_synthesis_is_one_line_until_unfolded_and_stays_as_left(
    qtbot: QtBot, open_ws: Opener
) -> None:
    workspace = open_ws()
    strip = workspace.strip
    line = strip.toggle.sizeHint().height()
    assert not strip.expanded and not strip.details.isVisible()
    assert strip.summary.isVisible() and "priorité" in strip.summary.text()
    assert strip.height() < 2 * line  # one line: the pages keep the screen's height
    folded_pages = workspace.pages.height()

    click(qtbot, strip.toggle)
    assert strip.expanded and strip.details.isVisible() and not strip.summary.isVisible()
    qtbot.waitUntil(lambda: strip.height() > 3 * line)
    assert workspace.pages.height() < folded_pages
    workspace.close()

    again = open_ws()  # this run's memory: unfolded as it was left
    assert again.strip.expanded and again.strip.details.isVisible()
    click(qtbot, again.strip.toggle)
    assert not again.strip.expanded
