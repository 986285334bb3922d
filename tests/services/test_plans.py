"""Drafting and editing a plan: suggestions from the synthesis offered, never pre-added;
checked at each save, and never changed once signed (a new version supersedes it)."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import ActionStatus, Contract, PlanStatus
from spie_desktop.services.export import export_person
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.storage.session import Session

from .plan_fixtures import Room, make_room


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def test_a_new_draft_holds_no_objective_and_suggestions_are_offered_in_order(
    room: Room,
) -> None:
    plan = room.plans.draft_from_interview(room.interview_id)
    assert plan.objectives == [] and room.plans.get(plan.id).objectives == []
    assert plan.status is PlanStatus.DRAFT and plan.plan_version == 1
    assert room.plans.draft_from_interview(room.interview_id).id == plan.id  # one draft
    current = room.plans.current_for_person(room.person_id)
    assert current is not None and current.id == plan.id

    # The agreed priorities in their order, each with why. Health is strong too, but the
    # person did not agree to sensitive answers in the plan: not suggested.
    groups = room.plans.suggestions(plan.id)
    assert [(g.theme, g.reason) for g in groups] == [
        ("contraintes_familiales", "Priorité 1 · Frein fort"),
        ("mobilite", "Priorité 2 · Frein bloquant"),
    ]
    assert not any(o.in_plan for g in groups for o in g.objectives)

    vehicle = next(o for o in groups[1].objectives if o.label == "Accéder à un véhicule")
    plan.add_suggested_objective(vehicle.theme, vehicle.label)
    plan = room.plans.save_draft(plan)
    marked = {o.label: o.in_plan for g in room.plans.suggestions(plan.id) for o in g.objectives}
    assert marked["Accéder à un véhicule"] and sum(marked.values()) == 1
    assert [o.label for o in room.plans.get(plan.id).objectives] == ["Accéder à un véhicule"]


def test_saving_checks_dates_and_starts_planned_actions_that_have_begun(room: Room) -> None:
    plan = room.ready_draft()
    today = room.plans.today()
    action = plan.objectives[0].actions[0]
    action.start_date, action.due_date = today, today - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        room.plans.save_draft(plan)
    assert refused.value.message_fr.startswith("L'échéance de l'action")
    assert room.plans.get(plan.id).objectives[0].actions[0].due_date != action.due_date

    action.due_date = today + timedelta(days=30)
    saved = room.plans.save_draft(plan)
    assert saved.objectives[0].actions[0].status is ActionStatus.IN_PROGRESS
    stored = room.plans.get(plan.id).objectives[0].actions[0]
    assert stored.status is ActionStatus.IN_PROGRESS
    assert room.plans.get(plan.id).objectives[1].actions[0].status is ActionStatus.PLANNED


def test_small_edits_add_and_remove(room: Room) -> None:
    plan = room.plans.draft_from_interview(room.interview_id)
    count = len(plan.objectives)
    objective = plan.add_objective("choisir_un_metier", "Découvrir un métier")
    action = plan.add_action(objective.id, "Réalisation d'une PMSMP")
    plan = room.plans.save_draft(plan)
    assert room.plans.get(plan.id).objectives[-1].actions[0].label == "Réalisation d'une PMSMP"
    plan.remove_action(action.id)
    plan = room.plans.save_draft(plan)
    assert room.plans.get(plan.id).objectives[-1].actions == []
    plan.remove_objective(objective.id)
    plan = room.plans.save_draft(plan)
    assert len(room.plans.get(plan.id).objectives) == count
    with pytest.raises(ValidationError):
        plan.add_objective("mobilite", "   ")


def test_a_signed_plan_never_changes_and_a_new_version_supersedes_it(room: Room) -> None:
    v1 = room.ready_draft()
    room.sign(v1)
    signed = room.plans.get(v1.id)
    signed.objectives[0].label = "Autre chose"
    with pytest.raises(ValidationError) as refused:
        room.plans.save_draft(signed)
    assert "nouvelle version" in refused.value.message_fr

    v2 = room.plans.new_version(v1.id)
    assert (v2.plan_version, v2.supersedes_id, v2.status) == (2, v1.id, PlanStatus.DRAFT)
    assert [o.label for o in v2.objectives] == [o.label for o in v1.objectives]
    assert not {o.id for o in v2.objectives} & {o.id for o in v1.objectives}
    assert room.plans.new_version(v1.id).id == v2.id  # asking again gives the same draft
    assert room.plans.get(v1.id).status is PlanStatus.SIGNED  # in force until v2 is signed
    with pytest.raises(ValidationError):
        room.plans.new_version(v2.id)  # a draft is edited directly

    assert (v2.contract, v2.contract_commitment) == (Contract.ENGAGEMENT, False)  # asked again
    v2.set_commitment(True)
    room.sign(room.plans.save_draft(v2))
    versions = room.plans.list_for_person(room.person_id)
    assert [(p.plan_version, p.status) for p in versions] == [
        (1, PlanStatus.SUPERSEDED),
        (2, PlanStatus.SIGNED),
    ]
    assert all(p.pdf_sha256 for p in versions)  # both PDFs kept
    current = room.plans.current_for_person(room.person_id)
    assert current is not None and current.id == v2.id
    with pytest.raises(ValidationError):
        room.plans.new_version(v1.id)  # superseded: start from v2


def test_the_access_export_holds_every_version_and_its_pdf(room: Room) -> None:
    v1 = room.ready_draft()
    room.sign(v1)
    v2 = room.plans.new_version(v1.id)
    document = export_person(room.session, room.person_id)
    exported = {p["id"]: p for p in document["plans"]}
    assert set(exported) == {str(v1.id), str(v2.id)}
    first = exported[str(v1.id)]
    assert (first["plan_version"], first["status"]) == (1, "signed")
    pdf = base64.b64decode(first["pdf_base64"])
    assert pdf == room.plans.pdf(v1.id)
    assert hashlib.sha256(pdf).hexdigest() == first["pdf_sha256"]
    assert {s["role"] for s in first["signatures"]} == {"person", "social", "emploi"}
    second = exported[str(v2.id)]
    assert (second["supersedes_id"], second["pdf_base64"]) == (str(v1.id), None)
    assert ("signed", str(v1.id)) in {(a["action"], a["entity_id"]) for a in document["audit"]}


def test_employment_blocking_and_second_priority_gets_its_suggestions(room: Room) -> None:
    """Seen in a session: the six housing objectives were pre-added, employment (blocking,
    priority 2) got none. Now nothing is pre-added and both themes offer theirs, in order."""
    interviews = InterviewSessionService(room.session)
    interviews.save_answer(room.interview_id, "logement.barrier", "strong")
    interviews.save_answer(room.interview_id, "emploi.barrier", "blocking")
    interviews.save_answer(room.interview_id, "priorites.ordre", ["logement", "emploi"])
    plan = room.plans.draft_from_interview(room.interview_id)
    assert plan.objectives == []
    groups = room.plans.suggestions(plan)
    assert [(g.theme, g.reason) for g in groups][:3] == [
        ("logement", "Priorité 1 · Frein fort"),
        ("emploi", "Priorité 2 · Frein bloquant"),
        ("mobilite", "Frein bloquant"),
    ]
    assert "Répondre à des offres d'emploi" in [o.label for o in groups[1].objectives]
