"""The workspace view-model without widgets: autosave, errors, steps, authorship."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime
from typing import Any

from pytestqt.qtbot import QtBot

from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.records import utc_now
from spie_desktop.services.changes import Change, changes
from spie_desktop.ui.autosaver import Autosaver
from spie_desktop.ui.interview.workspace_model import WorkspaceModel
from spie_desktop.ui.window_context import WindowContext

from ..conftest import JULIEN_PASSPHRASE
from .conftest import Room


def _model(qtbot: QtBot, context: WindowContext, room: Room) -> WorkspaceModel:
    model = WorkspaceModel(context, room.person_id)
    with qtbot.waitSignal(model.opened, timeout=5000):
        model.open()
    return model


def _stored(room: Room, model: WorkspaceModel) -> dict[str, tuple[Any, uuid.UUID | None]]:
    with room.session.uow(read_only=True) as uow:
        return {a.key: (a.value, a.author_id) for a in uow.answers.list_for(model.interview_id)}


def test_each_answer_is_on_disk_when_answer_saved_fires(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    model = _model(qtbot, context, room)
    with qtbot.waitSignal(model.answer_saved, timeout=3000) as saved:
        assert model.set_answer("mobilite.barrier", "blocking") is None
    assert saved.args[0] == "mobilite.barrier"
    assert len(saved.args[1]) == 8  # "10:42:17"
    assert _stored(room, model)["mobilite.barrier"] == ("blocking", room.nadia_id)
    synthesis = model.synthesis()
    assert "Accéder à un véhicule" in synthesis.suggested_objectives["mobilite"]


def test_invalid_values_are_kept_and_explained_and_cleared_values_deleted(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    model = _model(qtbot, context, room)
    error = model.set_answer("logement.personnes_foyer", "25")
    assert error is not None and error.message == "Valeur entre 1 et 20 attendue."
    model.set_answer("logement.notes", "appelle le bailleur lundi")
    model.set_answer("logement.notes", "")
    assert model.flush()
    stored = _stored(room, model)
    assert stored["logement.personnes_foyer"] == (25, room.nadia_id)  # kept, nothing lost
    assert "logement.notes" not in stored
    assert model.field_error("logement.personnes_foyer") is not None
    assert model.value_for_editor("logement.personnes_foyer") == 25


def test_moving_to_the_plan_lists_missing_answers_until_they_are_given(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    model = _model(qtbot, context, room)
    assert model.go_to("priorites") == []
    with qtbot.waitSignal(model.blocked) as blocked:
        errors = model.go_to("plan")
    assert [e.key for e in errors] == ["priorites.projet"]
    assert blocked.args[0] == "plan"
    assert model.state.current_step.id == "priorites"
    with qtbot.waitSignal(model.blocking_changed) as changed:
        model.set_answer("priorites.projet", "aide à domicile")
    assert changed.args[0] == []
    with qtbot.waitSignal(model.step_changed):
        assert model.go_to("plan") == []
    assert model.flush()
    with room.session.uow(read_only=True) as uow:
        assert uow.interviews.get(model.interview_id).current_step == "plan"


def test_answers_typed_in_the_professional_pane_are_julien_s_once_he_joined(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    model = _model(qtbot, context, room)
    assert model.pane_needs_join(model.state.definition.panes()[1].field)
    with qtbot.waitSignal(model.join_failed) as failed:
        model.join(room.julien_id, "mauvais mot de passe")
    assert failed.args[0] == "Phrase de passe incorrecte."
    with qtbot.waitSignal(model.owners_changed, timeout=5000):
        model.join(room.julien_id, JULIEN_PASSPHRASE)
    model.set_answer("emploi.dernier_emploi", "vendeuse")
    model.set_answer("mobilite.barrier", "strong")
    assert model.flush()
    stored = _stored(room, model)
    assert stored["emploi.dernier_emploi"] == ("vendeuse", room.julien_id)
    assert stored["mobilite.barrier"] == ("strong", room.nadia_id)
    assert model.section_author_names("emploi") == "Julien R."
    assert model.pane_owner_name(model.state.definition.panes()[1].field) == "Julien R."


def test_fast_typing_coalesces_but_the_last_value_always_lands(
    qtbot: QtBot, context: WindowContext
) -> None:
    written: list[tuple[str, Any]] = []
    gate = threading.Event()

    def slow_save(_session: object, key: str, value: Any) -> datetime:
        gate.wait(2)
        written.append((key, value))
        return utc_now()

    announced: list[object] = []
    context.changed.connect(announced.append)
    autosave = Autosaver(context, slow_save, changes(Change.INTERVIEW))
    for length in range(1, 30):
        autosave.queue("logement.notes", "x" * length)
    autosave.queue("mobilite.notes", "bus")
    time.sleep(0.05)
    gate.set()
    assert autosave.flush()
    notes = [value for key, value in written if key == "logement.notes"]
    assert notes[-1] == "x" * 29
    assert len(notes) < 29  # values queued behind a pending save were merged into it
    assert ("mobilite.notes", "bus") in written
    assert not autosave.has_unsaved
    qtbot.waitUntil(lambda: len(announced) == len(written))
    assert set(announced) == {frozenset({Change.INTERVIEW})}


def test_a_failed_save_says_so_and_is_retried(qtbot: QtBot, context: WindowContext) -> None:
    calls: list[Any] = []

    def failing(_session: object, key: str, value: Any) -> datetime:
        calls.append(value)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        return utc_now()

    autosave = Autosaver(context, failing, changes(Change.INTERVIEW))
    with qtbot.waitSignal(autosave.failed) as failed:
        autosave.queue("logement.notes", "a")
    assert failed.args == ["logement.notes", "Une erreur inattendue s'est produite (RuntimeError)."]
    assert autosave.has_unsaved
    with qtbot.waitSignal(autosave.saved):
        autosave.retry_failed()
    assert calls == ["a", "a"] and not autosave.has_unsaved


def test_a_corrected_consent_answer_tells_the_pages_the_consent_changed(
    qtbot: QtBot, context: WindowContext, room: Room
) -> None:
    model = _model(qtbot, context, room)
    announced: list[frozenset[Change]] = []
    context.changed.connect(announced.append)
    shared = model.state.value("accueil.partage_partenaires") is True
    with qtbot.waitSignal(model.answer_saved, timeout=3000):
        model.set_answer("accueil.partage_partenaires", not shared)
    assert any(Change.CONSENT in kinds for kinds in announced)
    with room.session.uow(read_only=True) as uow:
        latest = uow.consents.latest_for(room.person_id)
    assert latest is not None and (ConsentScope.SHARE_CONSORTIUM in latest.scopes) is not shared
