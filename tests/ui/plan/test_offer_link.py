"""« Lier une offre » from an action of the plan editor: the search opens filtered by the
action's theme, the offer chosen shows on the action and is stored with the draft."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spie_desktop.domain.offer_themes import thematiques_for
from spie_desktop.services.offer_catalogue import load_catalogue
from spie_desktop.ui.offer_link_dialog import OfferLinkDialog
from spie_desktop.ui.plan import PlanModel
from tests.services.offer_records import SAINT_LAURENT, service, structure
from tests.services.plan_fixtures import Room

from .conftest import stored_plan
from .test_plan_editor import click, make_editor


def test_an_offer_linked_from_an_action_shows_on_it_and_is_stored(
    qtbot: QtBot, plan_model: PlanModel, room: Room, monkeypatch: object
) -> None:
    plan = plan_model.plan
    assert plan is not None
    objective = plan.objectives[0]
    wanted = thematiques_for(objective.theme)
    load_catalogue(
        room.session,
        [structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT)],
        [
            service(1, "Le bon service", SAINT_LAURENT, thematiques=(f"{wanted[0]}--x",)),
            service(2, "Hors sujet", SAINT_LAURENT, thematiques=("zzz--autre",)),
        ],
    )
    editor = make_editor(qtbot, plan_model)
    box = editor.objective_boxes[objective.id]
    click(qtbot, box.add_action_button)
    box = editor.objective_boxes[objective.id]
    form = box.action_forms[-1]
    action_id = form.action_id
    assert form.offer_label.text() == "Aucune offre liée."
    opened: list[tuple[str, ...]] = []

    def pick_first(dialog: OfferLinkDialog) -> int:
        dialog.show()
        page = dialog.page
        opened.append(page.model.query.thematiques)
        qtbot.waitUntil(lambda: page.results.count() == 1, timeout=10_000)
        page.results.setCurrentRow(0)
        click(qtbot, page.link_button)
        return int(dialog.result())

    monkeypatch.setattr(OfferLinkDialog, "exec", pick_first)  # type: ignore[attr-defined]
    click(qtbot, form.link_offer_button)

    assert opened == [wanted]
    form = next(
        f for f in editor.objective_boxes[objective.id].action_forms if f.action_id == action_id
    )
    assert form.offer_label.text().startswith(
        "Offre liée : Le bon service (Mission locale de l'Ouest guyanais)"
    )
    assert "0594 34 00 00" in form.offer_label.text()
    assert form.unlink_offer_button.isVisible()
    assert plan_model.flush()
    stored = stored_plan(room, plan_model.plan_id).action(action_id)
    assert stored.linked_offer is not None and stored.linked_offer.name == "Le bon service"

    click(qtbot, form.unlink_offer_button)
    assert plan_model.flush()
    assert stored_plan(room, plan_model.plan_id).action(action_id).linked_offer is None
