"""The suggestions beside the plan editor: a new draft offers the diagnostic's objectives,
priorities first, none pre-added; "Ajouter" takes up exactly one, and only once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.ui.plan import PlanEditor, PlanModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.plan_fixtures import Room

from .conftest import stored_plan


def test_a_new_draft_offers_the_suggestions_and_ajouter_takes_up_exactly_one(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    model = PlanModel(WindowContext(room.session, runner), room.person_id, room.interview_id)
    editor = PlanEditor(model)
    qtbot.addWidget(editor)
    editor.resize(1366, 700)
    editor.show()
    qtbot.waitExposed(editor)
    with qtbot.waitSignal(editor.suggestions_model.changed, timeout=20_000):
        model.load()
    qtbot.waitUntil(lambda: bool(editor.suggestions.rows), timeout=20_000)

    # Nothing pre-added: the draft and the editor hold no objective.
    assert model.plan is not None and model.plan.objectives == []
    assert editor.objective_boxes == {} and editor.empty_label.isVisible()
    # Her priorities first, in her order, each saying why it is there.
    groups = editor.suggestions_model.groups()
    assert [(g.theme, g.reason) for g in groups][:2] == [
        ("contraintes_familiales", "Priorité 1 · Frein fort"),
        ("mobilite", "Priorité 2 · Frein bloquant"),
    ]
    rows = editor.suggestions.rows
    assert editor.suggestions.isVisible()
    assert all(r.button.isVisible() and r.button.text() == "Ajouter" for r in rows)
    assert not any(r.mark.isVisible() for r in rows)

    first = rows[0]
    theme, label = first.suggestion.theme, first.suggestion.label
    with qtbot.waitSignal(model.saved, timeout=20_000):
        qtbot.mouseClick(first.button, Qt.MouseButton.LeftButton)
    assert [(o.theme, o.label) for o in model.plan.objectives] == [(theme, label)]
    assert len(editor.objective_boxes) == 1
    row = editor.suggestions.row(label)
    assert not row.button.isEnabled() and not row.button.isVisible()
    assert row.mark.isVisible() and row.mark.text() == "✓ déjà dans le plan"
    assert all(r.button.isEnabled() for r in editor.suggestions.rows if r is not row)

    # Taken up twice (e.g. a stale button): refused, in French, and nothing added.
    refusal = f"L'objectif « {label} » figure déjà dans le plan."
    assert editor.suggestions.add(theme, label) == refusal
    assert editor.suggestions.message.isVisible()
    assert editor.suggestions.message.text() == refusal
    assert len(model.plan.objectives) == 1
    assert model.flush(20)
    stored = stored_plan(room, model.plan_id)
    assert [(o.theme, o.label) for o in stored.objectives] == [(theme, label)]
